"""The first admin of a new desk: made once, even when two `init` run at the same moment."""

from ...domain.errors import DeskError
from ...domain.schemas import StaffInput, StaffView
from ...store.db import write_transaction
from ...store.models import Staff
from ..context import Desk
from ..unit import unit_of_work
from .auth import create_staff


class StaffExists(DeskError):
    """The database has staff already: its first admin was made before."""


@unit_of_work
def create_first_admin(desk: Desk, valid: StaffInput) -> StaffView:
    """Create `valid` (an admin) as the desk's first staff member; StaffExists when there is one.

    The check and the insert share one write transaction, which holds the write lock on both
    engines: of two `init` at once, the second finds the first one's admin and adds nobody.
    """
    with write_transaction(f"creating the first admin {valid.code}"):
        if Staff.select().exists():
            raise StaffExists()
        return create_staff(desk, None, valid)
