"""Staff code and PIN; five wrong PINs lock the account (the service decides, this screen tells).

After a lock the screen names who locked the desk and its code field starts empty: an empty code
stands for that operator (Tab or Enter, then their PIN), any code typed is checked as typed, so a
colleague's PIN never spends the locked operator's tries.

The desk's first screen: it loads nothing but Textual, so it is on the terminal at once. The
database it checks the PIN against is opened meanwhile (app.ready); a demo database's accounts are
listed under the form, and no other database's.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from ....i18n import label, t
from ...background import run_in_background
from ...language import ScreenFollowsLanguage
from ...messages import LoadFailed
from ...widgets.desk_footer import DeskFooter

if TYPE_CHECKING:
    from ....domain.schemas import StaffView

READY_TIMEOUT = 120.0  # seconds a login waits for the database to open before it gives up


@dataclass
class DatabaseLooked(Message):
    """What the login screen says about the open database: whether it is a read-only file (people
    may log in and look, not change anything), and the (code, PIN, role) of a demo's accounts."""

    read_only: bool
    accounts: list[tuple[str, str, Any]]


@dataclass
class LoggedIn(Message):
    """The code and PIN were right: `actor` is at the desk."""

    actor: "StaffView"


class LoginScreen(ScreenFollowsLanguage, Screen[None]):
    """The first screen: who is at the desk (or, after a lock, who may go on)."""

    DEFAULT_CSS = """
    LoginScreen #login-box { width: 76; max-width: 100%; height: auto; margin-top: 1; padding: 1 2;
        border: round $primary; }
    LoginScreen.-tall #login-box { margin-top: 3; }
    LoginScreen .login-line { height: 1; margin-bottom: 1; }
    LoginScreen .login-line Label { width: 14; color: $text-muted; }
    LoginScreen .login-line Input { width: 1fr; }
    LoginScreen #login-error { color: $error; text-style: bold; height: auto; min-height: 1; }
    LoginScreen #demo-accounts { width: 76; max-width: 100%; height: auto; padding: 0 1;
        border: round $warning; display: none; }
    LoginScreen #demo-accounts.-shown { display: block; }
    LoginScreen #login-read-only { background: $warning; color: $text; text-style: bold; padding: 0 1;
        margin-bottom: 1; display: none; }
    LoginScreen #login-read-only.-shown { display: block; }
    """

    def __init__(self, user_code: str | None = None, locked: "StaffView | None" = None) -> None:
        super().__init__()
        self.typed_code = user_code or ""
        self.locked = locked
        self.checking = False
        self.demo_accounts: list[tuple[str, str, Any]] = []
        # Focused as the screen is built, so its first frame already shows where typing goes.
        self.AUTO_FOCUS = self._first_empty()  # type: ignore[misc]

    def compose(self) -> ComposeResult:
        yield Static(t("login.bar"), markup=False, id="login-bar")
        with Center(), Vertical(id="login-box"):
            # Shown once the database is known to be a read-only file (see _look_at_database).
            yield Static(t("shell.read_only"), markup=False, id="login-read-only")
            yield Static(Text(self._title()), classes="panel-title", id="login-title")
            with Horizontal(classes="login-line"):
                yield Label(t("login.code"), markup=False)
                yield Input(self.typed_code, placeholder=t("login.code_placeholder"), id="login-code",
                            max_length=20, compact=True, select_on_focus=False)
            with Horizontal(classes="login-line"):
                yield Label(self._pin_label(), markup=False, id="login-pin-label")
                yield Input(placeholder=t("login.pin_placeholder"), password=True, id="login-pin", max_length=12,
                            compact=True)
            yield Static("", markup=False, id="login-error")
            yield Static(self._hint(), markup=False, classes="hint")
        with Center():
            yield Static("", id="demo-accounts")
        # The keys shown here are the desk's own, wherever the focus is: in the first frame already.
        yield DeskFooter(keys_at_once=True)

    def _title(self) -> str:
        if self.locked is None:
            return t("login.title")
        return t("login.locked_title", code=self.locked.code, name=self.locked.name)

    def _hint(self) -> str:
        if self.locked is None:
            return t("login.hint")
        return t("login.locked_hint", code=self.locked.code)

    def _pin_label(self) -> str:
        """Whose PIN the field takes: after a lock, with the code left empty, the locked operator's."""
        if self.locked is not None and not self.typed_code.strip():
            return t("login.locked_pin", code=self.locked.code)
        return t("login.pin")

    def _code(self) -> str:
        """The staff code the PIN is checked against (the locked operator's while the field is empty)."""
        code = self.query_one("#login-code", Input).value.strip()
        if not code and self.locked is not None:
            return self.locked.code
        return code

    def post_message(self, message: Message) -> bool:
        if isinstance(message, events.ScreenResume) and not self.is_mounted:
            # Shown before it is mounted (the desk's first screen, or the login after a lock): mounting
            # styles every widget, so restyling them all again as it resumes would change nothing.
            message.refresh_styles = False
        return super().post_message(message)

    def on_mount(self) -> None:
        self._focus_first_empty()
        self._show_read_only()
        self._look_at_database()

    async def recompose(self) -> None:
        await super().recompose()
        self._focus_first_empty()
        self._show_demo_accounts()
        self._show_read_only()

    def _first_empty(self) -> str:
        return "#login-pin" if self.typed_code else "#login-code"

    def _focus_first_empty(self) -> None:
        self.query_one(self._first_empty(), Input).focus()

    def _look_at_database(self) -> None:
        # The hints are a courtesy; the login works without them.
        run_in_background(self, self._database_facts, group="login-demo", failed=None)

    def _database_facts(self) -> DatabaseLooked | None:
        """Once the database is open: whether it is read-only, and a demo database's accounts."""
        app: Any = self.app
        if not app.settled.wait(READY_TIMEOUT) or not app.ready.is_set():
            return None
        from ....demo.catalog import DEMO_STAFF
        from ....demo.marker import is_demo_database

        accounts = []
        if is_demo_database():
            # The accounts every demo database is built with (the rest of its staff are extras).
            accounts = [(code, pin, role) for code, _name, role, pin in DEMO_STAFF[:6]]
        return DatabaseLooked(app.session.read_only, accounts)

    def on_database_looked(self, message: DatabaseLooked) -> None:
        self._show_read_only()
        if message.accounts:
            self.demo_accounts = message.accounts
            self._show_demo_accounts()

    def _show_read_only(self) -> None:
        session = getattr(self.app, "session", None)
        self.query_one("#login-read-only", Static).set_class(bool(session and session.read_only), "-shown")

    def _show_demo_accounts(self) -> None:
        panel = self.query_one("#demo-accounts", Static)
        panel.set_class(bool(self.demo_accounts), "-shown")
        if not self.demo_accounts:
            return
        table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=False)
        for _ in range(2):
            table.add_column(style="bold", no_wrap=True)
            table.add_column(no_wrap=True)
            table.add_column(style="dim", no_wrap=True)
        rows = [(Text(code), Text(pin), Text(label(role))) for code, pin, role in self.demo_accounts]
        half = (len(rows) + 1) // 2
        for left, right in zip(rows[:half], rows[half:] + [(Text(""),) * 3], strict=False):
            table.add_row(*left, *right)
        panel.update(table)
        panel.border_title = t("login.demo_title")

    @on(Input.Changed, "#login-code")
    def _code_typed(self, event: Input.Changed) -> None:
        self.typed_code = event.value
        if self.locked is not None:
            self.query_one("#login-pin-label", Label).update(self._pin_label())

    @on(Input.Submitted, "#login-code")
    def _code_done(self) -> None:
        self.query_one("#login-pin", Input).focus()

    @on(Input.Submitted, "#login-pin")
    def submit(self) -> None:
        """Check the code and PIN in a thread; scrypt and the audit write stay off the event loop."""
        code = self._code()
        pin = self.query_one("#login-pin", Input).value
        if not code:
            self.show_error(t("login.code_missing"))
            self.query_one("#login-code", Input).focus()
            return
        from ....domain.pins import pin_shape_ok

        if not pin_shape_ok(pin):
            self.show_error(t("error.pin_shape"))  # a slip of the keyboard: never counted as a try
            return
        if self.checking:
            return
        self.checking = True
        self.query_one("#login-error", Static).update(t("login.checking"))
        self.check(code, pin)

    def check(self, code: str, pin: str) -> None:
        app: Any = self.app

        def attempt() -> LoggedIn:
            from ....domain.errors import DeskError
            from ....services.staff.auth import login

            if not app.settled.wait(READY_TIMEOUT) or not app.ready.is_set():
                raise DeskError("the database is not open", key="login.not_ready")
            return LoggedIn(login(app.session.desk, code, pin))

        run_in_background(self, attempt, group="login", failed="background.load_failed")

    def on_load_failed(self, message: LoadFailed) -> None:
        self.show_error(message.text)

    def on_logged_in(self, message: LoggedIn) -> None:
        self.checking = False
        # The app's own turn, not this screen's: leaving the login removes this screen.
        self.app.call_later(self.app.logged_in, message.actor)  # type: ignore[attr-defined]

    def show_error(self, message: str) -> None:
        """Say why the login failed, clear the PIN and let the user type it again."""
        self.checking = False
        self.query_one("#login-error", Static).update(message)
        pin = self.query_one("#login-pin", Input)
        pin.value = ""
        pin.focus()
