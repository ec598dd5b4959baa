"""Who may do what; the service layer asks, the UI only hides."""

from enum import StrEnum

from .enums import Role
from .errors import PermissionDenied

R = Role


class Action(StrEnum):
    INTAKE = "intake"
    NOTE = "note"
    ACKNOWLEDGE = "acknowledge"
    CHANGE_STATUS = "change_status"
    RESOLVE = "resolve"
    WITHDRAW = "withdraw"
    MERGE = "merge"
    CALLBACK = "callback"
    ASSIGN_SELF = "assign_self"
    ASSIGN_ANY = "assign_any"
    CREATE_DELIVERY = "create_delivery"
    UPDATE_DELIVERY = "update_delivery"
    ESCALATE = "escalate"
    REVIEW_LEVEL1 = "review_level1"
    REVIEW_LEVEL2 = "review_level2"
    PROPOSE_VIOLATION = "propose_violation"
    DECIDE_VIOLATION = "decide_violation"
    DISMISSAL_DECISION = "dismissal_decision"
    APPEAL_VIOLATION = "appeal_violation"
    DECIDE_AMOUNT = "decide_amount"
    VIEW_PENALTIES = "view_penalties"
    FINALISE_PAYROLL = "finalise_payroll"
    HAND_OVER_REGISTER = "hand_over_register"
    CORRECT_MONEY = "correct_money"
    ATTACH = "attach"
    WITHDRAW_ATTACHMENT = "withdraw_attachment"
    MANAGE_STAFF = "manage_staff"
    MANAGE_SHOPS = "manage_shops"
    MANAGE_DOCUMENTS = "manage_documents"
    RECORD_VISIT = "record_visit"
    REFER = "refer"
    MANAGE_PARTNERS = "manage_partners"
    IMPORT = "import"
    ACT_ON_SIGNALS = "act_on_signals"
    VIEW = "view"


_DESK = {R.OPERATOR, R.LEAD, R.MANAGER}
_SUPERVISORS = {R.LEAD, R.MANAGER}

MATRIX: dict[Action, frozenset[Role]] = {
    Action.INTAKE: frozenset(_DESK),
    Action.NOTE: frozenset(_DESK),
    Action.ACKNOWLEDGE: frozenset(_DESK),
    Action.CHANGE_STATUS: frozenset(_DESK),
    Action.RESOLVE: frozenset(_DESK),
    Action.WITHDRAW: frozenset(_DESK),
    Action.MERGE: frozenset(_DESK),
    Action.CALLBACK: frozenset(_DESK),
    Action.ASSIGN_SELF: frozenset(_DESK),
    Action.ASSIGN_ANY: frozenset(_SUPERVISORS),
    Action.CREATE_DELIVERY: frozenset(_DESK),
    Action.UPDATE_DELIVERY: frozenset({R.LEAD, R.MANAGER, R.DELIVERY}),
    Action.ESCALATE: frozenset(_DESK),
    Action.REVIEW_LEVEL1: frozenset(_SUPERVISORS),
    Action.REVIEW_LEVEL2: frozenset({R.MANAGER}),
    Action.PROPOSE_VIOLATION: frozenset(_DESK),
    Action.DECIDE_VIOLATION: frozenset(_SUPERVISORS),
    Action.DISMISSAL_DECISION: frozenset({R.MANAGER}),
    # An operator appeals only a violation held against themself (checked by the service).
    Action.APPEAL_VIOLATION: frozenset(_DESK),
    Action.DECIDE_AMOUNT: frozenset({R.MANAGER}),
    # Everyone's ledger and the payroll; others see their own ledger only.
    Action.VIEW_PENALTIES: frozenset(_SUPERVISORS),
    Action.FINALISE_PAYROLL: frozenset(_SUPERVISORS),
    # The monthly register goes to finance from a team lead or the manager.
    Action.HAND_OVER_REGISTER: frozenset(_SUPERVISORS),
    # Money already entered is corrected (finance reads it in the register) by a team lead or the manager.
    Action.CORRECT_MONEY: frozenset(_SUPERVISORS),
    # Photos and papers come from the desk and from the delivery crews; a lead or the manager withdraws one.
    Action.ATTACH: frozenset({R.OPERATOR, R.LEAD, R.MANAGER, R.DELIVERY}),
    Action.WITHDRAW_ATTACHMENT: frozenset(_SUPERVISORS),
    Action.MANAGE_STAFF: frozenset({R.ADMIN}),
    # The shop directory is kept by the team lead who supervises the shops, or the admin.
    Action.MANAGE_SHOPS: frozenset({R.LEAD, R.ADMIN}),
    # Numbered sales forms are received and handed out by the lead who supervises the shops.
    Action.MANAGE_DOCUMENTS: frozenset(_SUPERVISORS),
    Action.RECORD_VISIT: frozenset(_DESK),
    Action.REFER: frozenset(_DESK),
    Action.MANAGE_PARTNERS: frozenset({R.LEAD, R.MANAGER, R.ADMIN}),
    Action.IMPORT: frozenset({R.OPERATOR, R.LEAD, R.MANAGER, R.ADMIN}),
    # A quality signal is acknowledged, or sent to its shops as a rectification, by a team lead or the manager.
    Action.ACT_ON_SIGNALS: frozenset(_SUPERVISORS),
    Action.VIEW: frozenset(Role),
}


# The desk's sections a role sees, by name; a role not listed sees them all. The delivery dispatcher works
# from the deliveries board alone and opens its orders' complaints, read-only, from there.
ROLE_SECTIONS: dict[Role, tuple[str, ...]] = {R.DELIVERY: ("deliveries",)}


def sees_section(role: Role, section: str) -> bool:
    """True when `role` may open the section `section`."""
    return section in ROLE_SECTIONS.get(role, (section,))


def allowed(role: Role, action: Action) -> bool:
    """True when `role` may perform `action`."""
    return role in MATRIX[action]


def require(role: Role, action: Action) -> None:
    """Raise PermissionDenied unless `role` may perform `action`."""
    if not allowed(role, action):
        raise PermissionDenied(role=role.value, action=action.value)
