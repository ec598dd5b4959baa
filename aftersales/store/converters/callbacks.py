"""Call-back rows as the views that leave the store."""

from ...domain.callbacks import AttemptView, CallbackOutcome
from ..models import CallbackAttempt


def attempt_view(row: CallbackAttempt, actor_code: str | None) -> AttemptView:
    return AttemptView(
        at=row.at,
        outcome=CallbackOutcome(row.outcome),
        satisfaction=row.satisfaction,
        note=row.note,
        actor_code=actor_code,
    )
