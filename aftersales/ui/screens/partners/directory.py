"""Outside after-sales bodies (from section 6, key o): who to call about a brand, a delivery, a 12315 case."""

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from .... import i18n
from ....domain.partners import PartnerKind, PartnerView
from ....domain.permissions import Action
from ....services.partners.directory import add_partner, edit_partner, partner_directory, set_partner_active
from ..directory.active_dialog import ActiveDialog
from ..directory.base import DirectoryScreen, cell
from ..directory.record_dialog import RecordDialog

DETAILS = ("name", "kind", "contact", "phone", "serves")
LIMITS = {"code": 20, "name": 80, "contact": 40, "phone": 20, "serves": 200}


def reread(code: str) -> PartnerView | None:
    return next((entry for entry in partner_directory(include_inactive=True) if entry.code == code), None)


class PartnerDialog(RecordDialog):
    """A new outside partner (`record` None) or the details of one; its code never changes once given."""

    prefix = "partners"
    add = staticmethod(add_partner)
    edit = staticmethod(edit_partner)
    find = staticmethod(reread)
    details = DETAILS
    choices = {"kind": PartnerKind}
    limits = LIMITS


class PartnerActiveDialog(ActiveDialog):
    """Deactivate a partner (no new referrals to it, its referrals stay) or reactivate it."""

    prefix = "partners"
    set_active = staticmethod(set_partner_active)
    find = staticmethod(reread)


class PartnerDirectoryScreen(DirectoryScreen):
    """Every partner by kind, inactive ones dimmed; `a` adds, `e` or `enter` edits, `x` deactivates or
    reactivates (a lead, manager or the admin)."""

    BINDINGS = [Binding("escape", "back", "partners.key.back", id="partners.back")]

    section = "shops"
    permission = Action.MANAGE_PARTNERS
    prefix = "partners"
    form = PartnerDialog
    active_form = PartnerActiveDialog
    columns = ("code", "name", "kind", "contact", "phone", "serves", "state")

    def load_entries(self) -> list[Any]:
        return partner_directory(include_inactive=True)

    def cells(self, entry: PartnerView) -> list[Text]:
        style = "" if entry.active else "dim"
        state = i18n.t("directory.state.active" if entry.active else "directory.state.inactive")
        return [cell(entry.code, style), cell(entry.name, style), cell(i18n.label(entry.kind), style),
                cell(entry.contact, style), cell(entry.phone, style), cell(entry.serves, style), cell(state, style)]

    def _status(self) -> None:
        text = self.error or (i18n.t("partners.count", count=len(self.entries)) if self.entries
                              else i18n.t("partners.empty"))
        self.query_one("#directory-status", Static).update(Text(text))

    def action_back(self) -> None:
        self.dismiss()
