"""Permission checks that leave an audit trace when they refuse."""

from typing import NoReturn

from ..domain.enums import EventKind
from ..domain.errors import PermissionDenied
from ..domain.permissions import Action, allowed
from ..domain.schemas import StaffView
from ..store.db import write_transaction
from .audit import append_event
from .context import Desk


def require(desk: Desk, actor: StaffView, action: Action, complaint_id: int | None = None) -> None:
    """Raise PermissionDenied (after auditing the attempt) unless `actor` may do `action`."""
    if actor.active and allowed(actor.role, action):
        return
    deny(
        desk, actor, action, complaint_id,
        PermissionDenied(role=actor.role.value, action=action.value),
    )


def deny(
    desk: Desk, actor: StaffView, action: Action, complaint_id: int | None, refusal: PermissionDenied
) -> NoReturn:
    """Audit a refused attempt in its own transaction, then raise `refusal`."""
    # The audit trail records who tried what, in the trail's own fixed words (a refusal carries no text).
    note = f"{actor.code} ({actor.role.value}) may not {action.value.replace('_', ' ')}"
    with write_transaction(f"auditing a refused {action.value}"):
        append_event(desk.clock(), actor, EventKind.DENIED, complaint_id=complaint_id, field=action.value, note=note)
    raise refusal
