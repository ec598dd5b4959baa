"""The desk application: global keys, sections and the login → dashboard flow.

Screens rely on this small API (the shell owns everything else):
- `app.session` — DeskSession (db target, Desk with clock and SLA policy, actor after login)
- `app.show_section(name)` — one of SECTIONS
- `app.open_complaint(complaint_id)` — push the complaint detail
- `app.open_intake()` — push the intake form
- `app.data_changed()` — tell every screen the database changed (posts DataChanged)
"""

from textual.app import App

from ..domain.schemas import StaffView
from .session import DeskSession

SECTIONS = ("dashboard", "complaints", "deliveries", "escalations", "penalties", "shops", "reports")


class DeskApp(App[None]):
    """Keyboard-first after-sales desk."""

    TITLE = "aftersales"

    def __init__(
        self,
        session: DeskSession,
        *,
        language: str = "en",
        user_code: str | None = None,
        actor: StaffView | None = None,
    ) -> None:
        """`actor` skips the login screen (tests and the benchmark)."""
        super().__init__()
        self.session = session
        self.language = language
        self.user_code = user_code
        if actor is not None:
            self.session.actor = actor

    def show_section(self, name: str) -> None:
        raise NotImplementedError

    def open_complaint(self, complaint_id: int) -> None:
        raise NotImplementedError

    def open_intake(self) -> None:
        raise NotImplementedError

    def data_changed(self) -> None:
        raise NotImplementedError
