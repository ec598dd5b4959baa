"""Who is logged in and what the desk runs with; screens read it from `app.session`."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..domain.schemas import StaffView


@dataclass
class DeskSession:
    """The database target, the desk settings and (after login) the actor.

    `desk` (a services.context.Desk: clock and SLA policy) is None only while the desk starts: it is
    made with the database, while the login screen waits for the PIN.
    """

    db_target: str
    desk: Any = None
    actor: "StaffView | None" = None
    # The top bar's badge: open escalations the actor reviews (None: they review none).
    open_escalations: int | None = None

    @property
    def read_only(self) -> bool:
        """The database file is read-only: the desk shows it and refuses every change up front.

        False until the database is open (`desk` set): the database layer is loaded only then, not
        for the login screen's first frame.
        """
        if self.desk is None:
            return False
        from ..services.database import opened_read_only

        return opened_read_only()


@dataclass
class LockState:
    """Who locked the desk and in which section (None while it is not locked)."""

    locked_by: "StaffView | None" = None
    section: str = ""
