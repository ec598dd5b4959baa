"""A checkbox whose two states differ at a glance: an empty box, or a box with a tick."""

from textual.widgets import Checkbox

TICKED = "✓"
UNTICKED = " "


class TickBox(Checkbox):
    """Textual's Checkbox draws an X in both states and tells them apart by colour only; this one draws
    the X only when ticked (as ✓), so an unticked box reads as empty in any theme."""

    @property  # type: ignore[override]
    def BUTTON_INNER(self) -> str:  # noqa: N802 - the name Textual's ToggleButton draws from
        return TICKED if self.value else UNTICKED
