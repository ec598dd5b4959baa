"""The dialog over one directory record (shop, partner, staff member): add a new one or edit its details."""

from collections.abc import Callable
from typing import Any, ClassVar

from .... import i18n
from ....domain.schemas import StaffView
from ....services.context import Desk
from ...dialogs.form_dialog import FormDialog


class RecordDialog(FormDialog[Any]):
    """A new record (`record` None) or one's details; its code never changes once given.

    A directory names its catalog `prefix` ("<prefix>.dialog.add_title", "edit_title") and the services that
    add, edit and re-read one record. It saves with the version shown; after a conflict a second save goes
    over what is stored now.
    """

    prefix: ClassVar[str] = ""
    add: ClassVar[Callable[[Desk, StaffView, dict[str, Any]], Any]]  # staticmethods of the services
    edit: ClassVar[Callable[[Desk, StaffView, str, dict[str, Any], int], Any]]
    find: ClassVar[Callable[[str], Any]]  # the stored record of a code, or None

    def __init__(self, record: Any = None) -> None:
        super().__init__()
        self.record = record

    def title_text(self) -> str:
        if self.record is None:
            return i18n.t(f"{self.prefix}.dialog.add_title")
        return i18n.t(f"{self.prefix}.dialog.edit_title", code=self.record.code, name=self.record.name)

    def perform(self, values: dict[str, Any]) -> Any:
        session = self.session
        assert session.actor is not None
        if self.record is None:
            return self.add(session.desk, session.actor, values)
        return self.edit(session.desk, session.actor, self.record.code, values, self.record.version)

    def reread(self) -> Any:
        return self.find(self.record.code) if self.record is not None else None

    def conflicted(self, current: Any) -> None:
        self.record = current
