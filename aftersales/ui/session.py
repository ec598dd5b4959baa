"""Who is logged in and what the desk runs with; screens read it from `app.session`."""

from dataclasses import dataclass

from ..domain.schemas import StaffView
from ..services.context import Desk
from ..store.db import opened_read_only


@dataclass
class DeskSession:
    """The database target, the desk settings and (after login) the actor."""

    db_target: str
    desk: Desk
    actor: StaffView | None = None

    @property
    def read_only(self) -> bool:
        """The database file is read-only: the desk shows it and refuses every change up front."""
        return opened_read_only()
