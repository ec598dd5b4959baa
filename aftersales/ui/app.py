"""The desk application: global keys, sections and the login → dashboard flow."""

from textual.app import App

from .session import DeskSession


class DeskApp(App[None]):
    """Keyboard-first after-sales desk."""

    TITLE = "aftersales"

    def __init__(self, session: DeskSession, *, language: str = "en", user_code: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.language = language
        self.user_code = user_code
