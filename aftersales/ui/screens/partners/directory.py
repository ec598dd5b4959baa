"""Outside after-sales bodies (from section 6, key o): who to call about a brand, a delivery, a 12315 case."""

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input, Select

from .... import i18n
from ....domain.partners import PartnerKind, PartnerView
from ....domain.permissions import Action
from ....services.partners.directory import add_partner, partner_directory
from ...dialogs.form_dialog import FormDialog
from ..directory.base import DirectoryScreen, cell
from ..directory.fields import DIALOG_CSS, choice_field, chosen, line, text_field

FIELDS = ("code", "name", "kind", "contact", "phone", "serves")
LIMITS = {"code": 20, "name": 80, "contact": 40, "phone": 20, "serves": 200}


class PartnerDialog(FormDialog[PartnerView]):
    """A new outside partner."""

    DEFAULT_CSS = DIALOG_CSS

    def title_text(self) -> str:
        return i18n.t("partners.dialog.add_title")

    def compose_fields(self) -> ComposeResult:
        for name in FIELDS:
            widget = choice_field(name, PartnerKind, None) if name == "kind" else \
                text_field(name, max_length=LIMITS[name])
            yield line(name, f"partners.column.{name}", widget)

    def values(self) -> dict[str, Any]:
        return {name: chosen(self.query_one(f"#field-{name}", Select)) if name == "kind"
                else self.query_one(f"#field-{name}", Input).value for name in FIELDS}

    def perform(self, values: dict[str, Any]) -> PartnerView:
        session = self.session
        assert session.actor is not None
        return add_partner(session.desk, session.actor, values)


class PartnerDirectoryScreen(DirectoryScreen):
    """Every active partner by kind; `a` adds one (a lead, manager or the admin)."""

    BINDINGS = [Binding("escape", "back", "partners.key.back", id="partners.back")]

    section = "shops"
    permission = Action.MANAGE_PARTNERS
    prefix = "partners"
    columns = ("code", "name", "kind", "contact", "phone", "serves")
    changes: ClassVar[frozenset[str]] = frozenset({"add"})

    def load_entries(self) -> list[Any]:
        return partner_directory()

    def cells(self, entry: PartnerView) -> list[Text]:
        return [cell(entry.code), cell(entry.name), cell(i18n.label(entry.kind)), cell(entry.contact),
                cell(entry.phone), cell(entry.serves)]

    def _status(self) -> None:
        from textual.widgets import Static

        text = self.error or (i18n.t("partners.count", count=len(self.entries)) if self.entries
                              else i18n.t("partners.empty"))
        self.query_one("#directory-status", Static).update(Text(text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "toggle_active"):
            return False
        return super().check_action(action, parameters)

    def add_dialog(self) -> ModalScreen[Any]:
        return PartnerDialog()

    def action_edit(self) -> None:
        """Partners are added, not edited, in this version."""

    def action_toggle_active(self) -> None:
        """Partners are added, not deactivated, in this version."""

    def action_back(self) -> None:
        self.dismiss()
