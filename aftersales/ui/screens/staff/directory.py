"""The staff directory (key 8, the admin's start): who may log in, with which role."""

from typing import Any

from rich.text import Text
from textual.binding import Binding

from .... import i18n
from ....domain.directory import StaffEntry
from ....domain.permissions import Action
from ....services.staff.directory import staff_directory
from ...formatting import local_time
from ..directory.base import DirectoryScreen, cell
from .dialogs import PinDialog, StaffActiveDialog, StaffDialog


class StaffDirectoryScreen(DirectoryScreen):
    """Everyone, active first; `a` adds, `e` or `enter` edits, `x` deactivates or reactivates, `p` resets a PIN."""

    BINDINGS = [Binding("p", "reset_pin", "staff.key.reset_pin", id="staff.reset_pin")]

    section = "staff"
    permission = Action.MANAGE_STAFF
    prefix = "staff"
    form = StaffDialog
    active_form = StaffActiveDialog
    columns = ("code", "name", "role", "state")
    changes = DirectoryScreen.changes | {"reset_pin"}

    def load_entries(self) -> list[Any]:
        return staff_directory()

    def cells(self, entry: StaffEntry) -> list[Text]:
        desk = self.session.desk
        dim = "" if entry.active else "dim"
        if not entry.active:
            state, style = i18n.t("directory.state.inactive"), dim
        elif entry.locked_until is not None and entry.locked_until > desk.clock():
            until = local_time(entry.locked_until, desk.sla.zone, with_date=False)
            state, style = i18n.t("staff.state.locked", until=until), "bold red"
        else:
            state, style = i18n.t("directory.state.active"), ""
        return [cell(entry.code, dim), cell(entry.name, dim), cell(i18n.label(entry.role), dim), cell(state, style)]

    def action_reset_pin(self) -> None:
        entry = self.current()
        if entry is not None and self._may_change():
            self._open(PinDialog(entry))

    def _saved(self, result: Any) -> None:
        # Whoever edited their own name sees it in the bar at once.
        actor = self.session.actor
        if isinstance(result, StaffEntry) and actor is not None and result.id == actor.id:
            self.session.actor = actor.model_copy(update={"name": result.name, "role": result.role})
        super()._saved(result)
