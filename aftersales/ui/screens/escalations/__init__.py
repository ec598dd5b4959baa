"""Section 4: the escalation review queue, its dialogs, and the escalations shown on a complaint."""
