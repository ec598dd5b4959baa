"""Recording a violation: against a staff member, a shop or the after-sales department."""

from ...domain.enums import EventKind
from ...domain.errors import FieldError, InvalidInput
from ...domain.penalties.enums import RuleKind, SubjectKind, ViolationStatus
from ...domain.penalties.schemas import ViolationInput, ViolationView
from ...domain.permissions import Action
from ...domain.schemas import StaffView
from ...store.db import write_transaction
from ...store.models import Complaint, Shop, Violation
from ..context import Desk
from ..guard import require
from ..staff.lookup import staff_row
from ..unit import unit_of_work
from ..validation import validate
from .ledger import event, local_today, serialise, view_of


def _subject(valid: ViolationInput) -> tuple[int | None, int | None]:
    """The staff or shop id the input names; refused under its field when there is none."""
    code = valid.subject_code
    if valid.subject_kind is SubjectKind.DEPARTMENT:
        return None, None
    if not code:
        raise InvalidInput({"subject_code": FieldError("penalties.validation.subject_missing")})
    if valid.subject_kind is SubjectKind.STAFF:
        person = staff_row(code, active_only=True)
        if person is None:
            raise InvalidInput({"subject_code": FieldError("penalties.validation.no_staff", code=code)})
        return person.id, None
    shop = Shop.get_or_none(Shop.code == code.upper())
    if shop is None:
        raise InvalidInput({"subject_code": FieldError("penalties.validation.no_shop", code=code)})
    return None, shop.id


def _complaint(number: str) -> int | None:
    if not number:
        return None
    found = Complaint.get_or_none(Complaint.number == number.upper())
    if found is None:
        raise InvalidInput({"complaint_number": FieldError("penalties.validation.no_complaint", number=number)})
    return int(found.id)


@unit_of_work
def propose_violation(desk: Desk, actor: StaffView, data: ViolationInput | dict[str, object]) -> ViolationView:
    """Record a proposed violation; a lead or manager who is neither its subject nor its proposer decides it."""
    require(desk, actor, Action.PROPOSE_VIOLATION)
    valid = validate(ViolationInput, data)
    rule = desk.penalties.rule(valid.rule_code)
    if rule is None:
        raise InvalidInput({"rule_code": FieldError("penalties.validation.no_rule", code=valid.rule_code)})
    if rule.kind is RuleKind.DISCRETIONARY and len(valid.loss) < 2:
        raise InvalidInput({"loss": FieldError("penalties.validation.loss_missing")})
    if valid.incident_date > local_today(desk):
        raise InvalidInput({"incident_date": FieldError("penalties.validation.future_incident")})
    now = desk.clock()
    with write_transaction("recording a violation"):
        serialise()
        staff_id, shop_id = _subject(valid)
        row = Violation.create(
            subject_kind=valid.subject_kind.value, subject_staff=staff_id, subject_shop=shop_id,
            rule_code=valid.rule_code, rule_kind=rule.kind.value, incident_date=valid.incident_date,
            complaint=_complaint(valid.complaint_number), evidence=valid.evidence,
            loss=valid.loss if rule.kind is RuleKind.DISCRETIONARY else "",
            status=ViolationStatus.PROPOSED.value, proposed_by=actor.id, proposed_at=now,
        )
        subject = valid.subject_code or valid.subject_kind.value
        event(desk, actor, EventKind.VIOLATION_PROPOSED, row.id, "", ViolationStatus.PROPOSED.value,
              f"{subject} · {valid.rule_code} · {valid.incident_date.isoformat()} · {valid.evidence}")
        return view_of(row.id)
