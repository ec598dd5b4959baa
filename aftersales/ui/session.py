"""Who is logged in and what the desk runs with; screens read it from `app.session`."""

from dataclasses import dataclass

from ..domain.schemas import StaffView
from ..services.context import Desk


@dataclass
class DeskSession:
    """The database target, the desk settings and (after login) the actor."""

    db_target: str
    desk: Desk
    actor: StaffView | None = None
