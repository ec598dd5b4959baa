"""The base of the desk's screens: the session and the shell's API, read from the app."""

from typing import TYPE_CHECKING, Any, cast

from textual.screen import Screen

from ..session import DeskSession

if TYPE_CHECKING:
    from ..app import DeskApp


class DeskScreen(Screen[None]):
    """A screen that works on the desk's database for the logged-in actor."""

    @property
    def desk_app(self) -> "DeskApp":
        return cast("DeskApp", self.app)

    @property
    def session(self) -> DeskSession:
        """The shell's `app.session` (a stand-in app in tests provides the same attribute)."""
        app: Any = self.app
        session: DeskSession = app.session
        return session
