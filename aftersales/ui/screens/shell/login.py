"""Staff code and PIN; five wrong PINs lock the account (the service decides, this screen tells)."""

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from ....domain.errors import DeskError
from ....domain.schemas import StaffView
from ....i18n import error_text, t
from ....services.staff.auth import login
from ....store.db import connection


class LoginScreen(Screen[None]):
    """The first screen: who is at the desk."""

    def __init__(self, user_code: str | None = None) -> None:
        super().__init__()
        self.typed_code = user_code or ""
        self.checking = False

    def compose(self) -> ComposeResult:
        yield Static(t("login.bar"), markup=False, id="login-bar")
        with Center(), Vertical(id="login-box"):
            session = getattr(self.app, "session", None)
            if session is not None and session.read_only:
                yield Static(t("shell.read_only"), markup=False, id="login-read-only")
            yield Static(t("login.title"), markup=False, classes="panel-title")
            yield Label(t("login.code"), markup=False)
            yield Input(self.typed_code, placeholder=t("login.code_placeholder"), id="login-code", max_length=20)
            yield Label(t("login.pin"), markup=False)
            yield Input(placeholder=t("login.pin_placeholder"), password=True, id="login-pin", max_length=12)
            yield Static("", markup=False, id="login-error")
            yield Static(t("login.hint"), markup=False, classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self._focus_first_empty()

    async def recompose(self) -> None:
        await super().recompose()
        self._focus_first_empty()

    def _focus_first_empty(self) -> None:
        target = "#login-pin" if self.typed_code else "#login-code"
        self.query_one(target, Input).focus()

    @on(Input.Changed, "#login-code")
    def _code_typed(self, event: Input.Changed) -> None:
        self.typed_code = event.value

    @on(Input.Submitted, "#login-code")
    def _code_done(self) -> None:
        self.query_one("#login-pin", Input).focus()

    @on(Input.Submitted, "#login-pin")
    def submit(self) -> None:
        """Check the code and PIN in a thread; scrypt and the audit write stay off the event loop."""
        code = self.query_one("#login-code", Input).value.strip()
        pin = self.query_one("#login-pin", Input).value
        if not code:
            self.show_error(t("login.code_missing"))
            self.query_one("#login-code", Input).focus()
            return
        if self.checking:
            return
        self.checking = True
        self.query_one("#login-error", Static).update(t("login.checking"))
        self.check(code, pin)

    @work(thread=True, exclusive=True, group="login")
    def check(self, code: str, pin: str) -> None:
        app: Any = self.app
        try:
            with connection():
                actor = login(app.session.desk, code, pin)
        except DeskError as exc:
            app.call_from_thread(self.show_error, error_text(exc))
            return
        app.call_from_thread(self._succeeded, actor)

    def show_error(self, message: str) -> None:
        """Say why the login failed, clear the PIN and let the user type it again."""
        self.checking = False
        self.query_one("#login-error", Static).update(message)
        pin = self.query_one("#login-pin", Input)
        pin.value = ""
        pin.focus()

    async def _succeeded(self, actor: StaffView) -> None:
        self.checking = False
        await self.app.logged_in(actor)  # type: ignore[attr-defined]
