"""The base of the desk's screens: the session and the shell's API, read from the app."""

from typing import TYPE_CHECKING, Any, cast

from textual import events
from textual.screen import Screen

from .. import breakpoints
from ..language import ScreenFollowsLanguage
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
