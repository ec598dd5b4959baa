"""Adding a staff member, editing one, resetting a PIN, and deactivating or reactivating an account."""

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input

from .... import i18n
from ....domain.directory import StaffEntry
from ....domain.enums import Role
from ....domain.errors import InvalidInput
from ....services.staff.directory import add_staff, edit_staff, reset_pin, set_staff_active, staff_directory
from ..directory.active_dialog import ActiveDialog
from ..directory.fields import line, text_field
from ..directory.record_dialog import RecordDialog


def reread(code: str) -> StaffEntry | None:
    return next((entry for entry in staff_directory() if entry.code == code), None)


class StaffForm(RecordDialog):
    """A dialog over one staff member (or a new one); after a conflict it adopts the stored record."""

    prefix = "staff"
    add = staticmethod(add_staff)
    edit = staticmethod(edit_staff)
    find = staticmethod(reread)
    details = ("name", "role")
    choices = {"role": Role}
    limits = {"code": 20, "name": 40}

    def pin_fields(self) -> ComposeResult:
        yield line("pin", "staff.dialog.pin", text_field("pin", password=True, max_length=12))
        yield line("pin_again", "staff.dialog.pin_again", text_field("pin_again", password=True, max_length=12))

    def typed_pin(self) -> str:
        """The PIN typed twice; refused under the second field when the two differ."""
        pin = self.query_one("#field-pin", Input).value
        if self.query_one("#field-pin_again", Input).value != pin:
            raise InvalidInput("the PINs differ", {"pin_again": i18n.t("staff.dialog.pins_differ")})
        return pin


class StaffDialog(StaffForm):
    """A new staff member with their first PIN (`record` None), or a name and role to change."""

    def compose_fields(self) -> ComposeResult:
        yield from super().compose_fields()
        if self.record is None:
            yield from self.pin_fields()

    def values(self) -> dict[str, Any]:
        out = super().values()
        if self.record is None:
            out["pin"] = self.typed_pin()
        return out


class PinDialog(StaffForm):
    """A new PIN for someone who forgot theirs; it also lifts a lockout."""

    def title_text(self) -> str:
        assert self.record is not None
        return i18n.t("staff.dialog.pin_title", code=self.record.code, name=self.record.name)

    def compose_fields(self) -> ComposeResult:
        yield from self.pin_fields()

    def values(self) -> dict[str, Any]:
        return {"pin": self.typed_pin()}

    def perform(self, values: dict[str, Any]) -> StaffEntry:
        session = self.session
        assert session.actor is not None and self.record is not None
        return reset_pin(session.desk, session.actor, self.record.code, values, self.record.version)


class StaffActiveDialog(ActiveDialog):
    """Deactivate an account (no more logins; the history stays) or reactivate it."""

    prefix = "staff"
    set_active = staticmethod(set_staff_active)
    find = staticmethod(reread)
