"""A complaint's events, oldest first: who did what and when, notes and customer contacts apart.

Each event is one line (time, what, who, old → new); its note wraps on the lines under it, indented,
so a note is read whole at any width.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ... import i18n
from ...domain.attachments import file_size, read_added_note
from ...domain.deliveries import read_event_details
from ...domain.enums import CloseOutcome, ComplaintStatus, EventKind, Remedy
from ...domain.event_notes import read_import_note
from ...domain.schemas import EventView
from ...domain.text import strip_controls
from ...services.audit import COMMAND_LINE, WEB
from ..formatting import local_time, yuan
from .timeline_logistics import LOGISTICS_KINDS, logistics_text

# Customer contact and internal notes must never be mistaken for each other.
_KIND_STYLE = {
    EventKind.CONTACT: ("☎ ", "bold cyan"),
    EventKind.NOTE: ("✎ ", "yellow"),
}
ACTOR_CELLS = 8
# A long display name is not allowed to push every line's change far to the right.
ACTOR_CELLS_MOST = 16


def _status_or_raw(value: str) -> str:
    try:
        return i18n.label(ComplaintStatus(value))
    except ValueError:
        return value


def _remedy_or_raw(value: str) -> str:
    try:
        return i18n.label(Remedy(value))
    except ValueError:
        return value


def resolution_text(remedy: str, fen: str, decision: str) -> str:
    """`<remedy> · ¥120.50 · <decision>`; parts that are missing or unreadable are left out or shown as stored."""
    money = yuan(int(fen)) if fen.isdigit() else fen
    return " · ".join(part for part in (_remedy_or_raw(remedy) if remedy else "", money, decision) if part)


def _is_resolution(event: EventView) -> bool:
    """A resolution stored as field "remedy": new = remedy code, old = compensation in fen, note = decision."""
    return event.kind is EventKind.RESOLVED and event.field == "remedy"


def close_text(note: str, zone: ZoneInfo | None) -> str:
    """A close's note in words: its outcome (stored as its code), or the earlier call that confirmed it."""
    if note in CloseOutcome.__members__.values():
        return i18n.label(CloseOutcome(note))
    facts = read_event_details(note)
    if facts.get("callback") and facts.get("at"):
        at = datetime.fromisoformat(facts["at"])
        return i18n.t("callbacks.timeline.confirmed_earlier", at=local_time(at, zone) if zone else facts["at"])
    return note


def note_text(event: EventView, zone: ZoneInfo | None = None) -> str:
    """What the event's note says: resolutions, deliveries, call-backs and closes spelt out from their
    parts, an import's file and row in the desk's language, and "(command line)" for what came from there."""
    if event.kind in LOGISTICS_KINDS:
        text = logistics_text(event)
    elif event.kind is EventKind.CLOSED:
        text = close_text(event.note, zone)
    elif _is_resolution(event):
        text = resolution_text(event.new, event.old, event.note)
    elif event.kind is EventKind.ATTACHMENT_ADDED and (added := read_added_note(event.note)) is not None:
        sha, size, _media, typed = added
        text = " · ".join(part for part in (file_size(size), f"sha256 {sha[:12]}", typed) if part)
    elif event.kind is EventKind.ATTACHMENT_WITHDRAWN:
        text = event.note.partition("; ")[2] or event.note
    elif (imported := read_import_note(event.note)) is not None:
        text = i18n.t("detail.imported_from", file=imported[0], row=imported[1])
    else:
        text = event.note
    if event.source == COMMAND_LINE:
        text = i18n.t("detail.from_command_line", text=text).strip()
    elif event.source.startswith(f"{WEB} "):
        text = i18n.t("detail.from_browser", text=text, address=event.source[len(WEB) + 1:]).strip()
    return text


def change_text(event: EventView) -> Text:
    """`old → new` of an event, with status values shown by their labels."""
    if event.kind in (EventKind.CREATED, *LOGISTICS_KINDS) or _is_resolution(event) or not (event.old or event.new):
        return Text("")
    if event.field == "escalation":
        return escalation_change(event)
    if event.kind in (EventKind.ATTACHMENT_ADDED, EventKind.ATTACHMENT_WITHDRAWN):
        return Text(strip_controls(event.new or event.old))
    if event.field == "status" or event.kind is EventKind.MERGED:
        old, new = _status_or_raw(event.old), _status_or_raw(event.new)
    elif event.field == "assignee":
        old, new = _with_name(event.old, event.old_name), _with_name(event.new, event.new_name)
    else:
        old, new = event.old, event.new
    return Text(strip_controls(f"{old or i18n.t('detail.none')} → {new}"))


def _with_name(code: str, name: str) -> str:
    return f"{code} {name}" if code and name and name != code else code


def escalation_change(event: EventView) -> Text:
    """`▲2 Second breach` for a new escalation (its trigger in `old`), `▲1 → ▲2` when raised, `▲2` otherwise."""
    from ...domain.escalations.enums import EscalationTrigger

    text = Text()
    if event.kind is not EventKind.ESCALATED and event.old:
        text.append(f"▲{event.old} → ")
    text.append(f"▲{event.new}", style="bold magenta")
    if event.kind is EventKind.ESCALATED and event.old in EscalationTrigger.__members__.values():
        text.append(" " + i18n.label(EscalationTrigger(event.old)))
    return text


def kind_text(event: EventView) -> Text:
    prefix, style = _KIND_STYLE.get(event.kind, ("", "bold"))
    return Text(prefix + i18n.label(event.kind), style=style)


def actor_text(event: EventView) -> Text:
    """Who acted: their code and, beside it, their name ("op01 王芳"); a dash for the desk itself."""
    if not event.actor_code:
        return Text(i18n.t("detail.none"), style="dim")
    text = Text(event.actor_code, style="dim")
    if event.actor_name and event.actor_name != event.actor_code:
        text.append(" " + strip_controls(event.actor_name))
    return text


def _padded(text: Text, cells: int) -> Text:
    padded = text.copy()
    padded.append(" " * max(1, cells - cell_len(text.plain)))
    return padded


def timeline_table(events: list[EventView], zone: ZoneInfo) -> Table:
    """The events as a two-column grid: the time, then the event's line and its note wrapped under it."""
    table = Table.grid(expand=True, padding=(0, 1))
    # Times in their own style: a note's indent then differs from the note itself, which keeps the
    # indent in exported screenshots (one run of blanks and text would be drawn from the left edge).
    table.add_column(width=11, no_wrap=True, style="bright_black")
    table.add_column(ratio=1, overflow="fold")
    kind_cells = max((cell_len(kind_text(event).plain) for event in events), default=0) + 1
    actor_cells = min(max((cell_len(actor_text(event).plain) + 1 for event in events), default=0), ACTOR_CELLS_MOST)
    actor_cells = max(actor_cells, ACTOR_CELLS)
    for event in events:
        line = _padded(kind_text(event), kind_cells)
        line.append_text(_padded(actor_text(event), actor_cells))
        line.append_text(change_text(event))
        table.add_row(Text(local_time(event.at, zone)), line)
        note = strip_controls(note_text(event, zone))
        if note:
            table.add_row(Text(""), Text(note, style="cyan" if event.kind is EventKind.CONTACT else ""))
    return table


class Timeline(Static):
    """Every event of one complaint, as tall as it needs (the detail scrolls as a whole)."""

    DEFAULT_CSS = """
    Timeline { height: auto; border: round $panel; padding: 0 1; }
    """

    def show(self, events: list[EventView], zone: ZoneInfo) -> None:
        self.update(timeline_table(events, zone))
        self.border_title = i18n.t("detail.timeline")
