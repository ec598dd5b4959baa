"""The dialog that deactivates a directory record (shop, partner, staff member) or reactivates it."""

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from .... import i18n
from ....domain.schemas import StaffView
from ....services.context import Desk
from .record_dialog import RecordDialog


class ActiveDialog(RecordDialog):
    """Ask before a record is deactivated or reactivated; saves with the version shown.

    A directory names its catalog `prefix` ("<prefix>.dialog.deactivate", "_title", "_body"), the service
    that stores the change (`set_active`) and how one record is read again (`find`).
    """

    set_active: ClassVar[Callable[[Desk, StaffView, str, bool, int], Any]]  # a staticmethod of the service

    @property
    def save_key(self) -> str:  # type: ignore[override]
        return f"{self.prefix}.dialog.reactivate" if not self.record.active else f"{self.prefix}.dialog.deactivate"

    def title_text(self) -> str:
        return i18n.t(f"{self.save_key}_title", code=self.record.code, name=self.record.name)

    def compose_fields(self) -> ComposeResult:
        yield Static(Text(i18n.t(f"{self.save_key}_body")))

    def perform(self, values: dict[str, Any]) -> Any:
        session = self.session
        assert session.actor is not None
        record = self.record
        return self.set_active(session.desk, session.actor, record.code, not record.active, record.version)
