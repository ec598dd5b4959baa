"""The dialog over one directory record (shop, partner, staff member): add a new one or edit its details."""

from collections.abc import Callable
from enum import StrEnum
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.widgets import Input, Select

from .... import i18n
from ....domain.schemas import StaffView
from ....services.context import Desk
from ...dialogs.form_dialog import FormDialog
from .fields import choice_field, chosen, line, text_field


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
    # The fields after the code, labelled "<prefix>.column.<name>": a choice of an enum or a text of at most
    # limits[name] characters (limits["code"] for the code of a new record).
    details: ClassVar[tuple[str, ...]] = ()
    choices: ClassVar[dict[str, type[StrEnum]]] = {}
    limits: ClassVar[dict[str, int]] = {}

    def __init__(self, record: Any = None) -> None:
        super().__init__()
        self.record = record

    def title_text(self) -> str:
        if self.record is None:
            return i18n.t(f"{self.prefix}.dialog.add_title")
        return i18n.t(f"{self.prefix}.dialog.edit_title", code=self.record.code, name=self.record.name)

    def compose_fields(self) -> ComposeResult:
        record = self.record
        if record is None:
            yield line("code", f"{self.prefix}.column.code", text_field("code", max_length=self.limits["code"]))
        for name in self.details:
            if name in self.choices:
                widget = choice_field(name, self.choices[name], getattr(record, name).value if record else None)
            else:
                widget = text_field(name, str(getattr(record, name)) if record else "", max_length=self.limits[name])
            yield line(name, f"{self.prefix}.column.{name}", widget)

    def values(self) -> dict[str, Any]:
        names = self.details if self.record is not None else ("code", *self.details)
        return {name: chosen(self.query_one(f"#field-{name}", Select)) if name in self.choices
                else self.query_one(f"#field-{name}", Input).value for name in names}

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
