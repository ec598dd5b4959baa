"""The SLA clock's pauses: awaiting the customer, and awaiting a delivery until its promised date.

While a pause runs the complaint records when it began (and, for a delivery, when it ends by itself);
when the complaint moves on, the business time held is added to its total and both deadlines move
later by it, so the stored deadlines stay the ones that count and the sweep reads them by index.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from ...domain.enums import ComplaintStatus
from ...domain.sla import Hold, SlaPolicy, hold_seconds, shift_due
from ...store.models import Complaint

# When the clock starts again by itself in awaiting_delivery: the open delivery's promised date.
# The deliveries service provides it; None means there is no promise to wait for (the clock runs).
DeliveryPromise = Callable[[int], datetime | None]


def _no_promise(complaint_id: int) -> datetime | None:
    return None


def delivery_promise_for(policy: SlaPolicy) -> DeliveryPromise:
    """The clock's end of pause in awaiting_delivery: the end of the latest promised slot of the
    complaint's open delivery orders (None without one)."""
    from ..deliveries.read import open_delivery_promise

    def promise(complaint_id: int) -> datetime | None:
        found = open_delivery_promise(complaint_id, policy.zone)
        return found[1] if found else None

    return promise


def current_hold(row: Complaint) -> Hold | None:
    """The pause running on `row` (perhaps already ended by its delivery's date), or None."""
    return Hold(row.hold_since, row.hold_until) if row.hold_since is not None else None


def hold_changes(
    row: Complaint, target: ComplaintStatus, now: datetime, policy: SlaPolicy,
    delivery_promise: DeliveryPromise = _no_promise,
) -> dict[str, Any]:
    """The columns to write with a move of `row` to `target`: the pause it ends, the one it starts."""
    changes: dict[str, Any] = {}
    hold = current_hold(row)
    if hold is not None:
        held = hold_seconds(hold, now, policy)
        changes.update(
            hold_since=None, hold_until=None, held_seconds=row.held_seconds + held,
            ack_due_at=shift_due(row.ack_due_at, held, policy),
            resolve_due_at=shift_due(row.resolve_due_at, held, policy),
        )
    if target is ComplaintStatus.AWAITING_CUSTOMER:
        changes.update(hold_since=now, hold_until=None)
    elif target is ComplaintStatus.AWAITING_DELIVERY:
        promised = delivery_promise(row.id)
        if promised is not None and promised > now:
            changes.update(hold_since=now, hold_until=promised)
    return changes

