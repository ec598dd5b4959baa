"""Closing a resolved complaint whose customer could not be reached on three different days."""

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from .... import i18n
from ....domain.schemas import ComplaintView, StaffView
from ....services.callbacks.attempts import close_unreachable
from ....services.context import Desk
from ..complaints.detail_dialogs import ActionDialog


class CloseUnreachableDialog(ActionDialog):
    """Asks first; the service refuses, with how far the calls got, while the call-back is still pending."""

    title_key = "callbacks.dialog.close_title"

    def compose_fields(self) -> ComposeResult:
        yield Static(Text(i18n.t("callbacks.dialog.close_body")))

    def act(self, desk: Desk, actor: StaffView, complaint: ComplaintView, version: int,
            values: dict[str, Any]) -> ComplaintView:
        return close_unreachable(desk, actor, complaint.id, version)
