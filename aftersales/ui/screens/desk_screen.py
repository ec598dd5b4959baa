"""The base of the desk's screens: the session and the shell's API, read from the app; a refused save."""

from typing import TYPE_CHECKING, Any, cast

from textual import events
from textual.screen import Screen

from ...domain.errors import ConflictError
from .. import breakpoints
from ..language import ScreenFollowsLanguage
from ..messages import SaveFailed
from ..session import DeskSession

if TYPE_CHECKING:
    from ..app import DeskApp


class DeskScreen(ScreenFollowsLanguage, Screen[None]):
    """A screen that works on the desk's database for the logged-in actor.

    A key shown greyed (its action not possible now) answers with `unavailable_reason` when pressed,
    instead of doing nothing. Its keys and texts follow the desk's language (language.ScreenFollowsLanguage).
    """

    # Set here too, so a desk screen reflows whichever app shows it (tests host single screens).
    HORIZONTAL_BREAKPOINTS = breakpoints.HORIZONTAL
    VERTICAL_BREAKPOINTS = breakpoints.VERTICAL

    def on_key(self, event: events.Key) -> None:
        active = self.active_bindings.get(event.key)
        if active is None or active.enabled or active.node is not self:
            return
        reason = self.unavailable_reason(active.binding.action)
        if reason:
            event.stop()
            event.prevent_default()
            self.say_unavailable(reason)

    def unavailable_reason(self, action: str) -> str | None:
        """One line saying why `action` (a greyed key of this screen) cannot be done now."""
        return None

    def say_unavailable(self, reason: str) -> None:
        """Tell the operator `reason` (the detail writes it on its message line)."""
        self.notify(reason, severity="warning", markup=False)

    @property
    def desk_app(self) -> "DeskApp":
        return cast("DeskApp", self.app)

    @property
    def session(self) -> DeskSession:
        """The shell's `app.session` (a stand-in app in tests provides the same attribute)."""
        app: Any = self.app
        session: DeskSession = app.session
        return session


class SavesInBackground:
    """A screen whose keys save in the background: a refusal is told and a conflict shows the stored record.

    Mixed in before DeskScreen; the screen provides `busy` (no second save while one runs) and `reload()`.
    """

    busy: bool

    def on_save_failed(self, message: SaveFailed) -> None:
        self.busy = False
        self.save_refused(message.text)
        if isinstance(message.error, ConflictError):
            self.reload()
        self.refresh_bindings()  # type: ignore[attr-defined]

    def save_refused(self, text: str) -> None:
        """Tell the operator why the save was refused."""
        self.notify(text, severity="error", markup=False)  # type: ignore[attr-defined]

    def reload(self) -> None:
        raise NotImplementedError
