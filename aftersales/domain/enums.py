"""Closed vocabularies of the desk; their labels live in the i18n catalogs."""

from enum import StrEnum


class Role(StrEnum):
    OPERATOR = "operator"
    LEAD = "lead"
    MANAGER = "manager"
    DELIVERY = "delivery"
    ADMIN = "admin"


class ComplaintStatus(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    INVESTIGATING = "investigating"
    AWAITING_DELIVERY = "awaiting_delivery"
    AWAITING_CUSTOMER = "awaiting_customer"
    RESOLVED = "resolved"
    CLOSED = "closed"


OPEN_STATUSES: frozenset[ComplaintStatus] = frozenset(
    s for s in ComplaintStatus if s is not ComplaintStatus.CLOSED
)
# Open and still owing work from the desk: a resolved complaint waits for its call-back instead,
# so its resolution deadline no longer counts.
DESK_OPEN_STATUSES: tuple[ComplaintStatus, ...] = tuple(
    s for s in ComplaintStatus if s not in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED)
)


class Category(StrEnum):
    PRODUCT_QUALITY = "product_quality"
    DELIVERY_DELAY = "delivery_delay"
    DELIVERY_DAMAGE = "delivery_damage"
    INSTALLATION = "installation"
    MISSING_PARTS = "missing_parts"
    SERVICE_ATTITUDE = "service_attitude"
    PRICE_DISPUTE = "price_dispute"
    CONTRACT_DISPUTE = "contract_dispute"
    OTHER = "other"


class Severity(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    CRITICAL = "critical"


SEVERITY_RANK: dict[Severity, int] = {
    Severity.LOW: 0,
    Severity.NORMAL: 1,
    Severity.HIGH: 2,
    Severity.CRITICAL: 3,
}


class Channel(StrEnum):
    PHONE = "phone"
    WALK_IN = "walk_in"
    ONLINE = "online"
    REFERRAL_12315 = "referral_12315"
    OTHER = "other"


class Remedy(StrEnum):
    REPAIR = "repair"
    REPLACE = "replace"
    RETURN_REFUND = "return_refund"
    COMPENSATION = "compensation"
    APOLOGY = "apology"


class MajorReason(StrEnum):
    SAFETY_HAZARD = "safety_hazard"
    MEDIA_EXPOSURE = "media_exposure"
    AMOUNT_OVER_THRESHOLD = "amount_over_threshold"
    GROUP_COMPLAINT = "group_complaint"


class ShopCategory(StrEnum):
    FURNITURE = "furniture"
    FLOORING = "flooring"
    TILES = "tiles"
    LIGHTING = "lighting"
    SANITARY = "sanitary"
    DOORS_WINDOWS = "doors_windows"
    WALLPAPER_PAINT = "wallpaper_paint"
    APPLIANCES = "appliances"
    OTHER = "other"


class CloseOutcome(StrEnum):
    CALLBACK_CONFIRMED = "callback_confirmed"
    WITHDRAWN = "withdrawn"
    DUPLICATE = "duplicate"
    # Three unreachable call-back attempts on different days, then closed by the desk.
    CALLBACK_UNREACHABLE = "callback_unreachable"


class EventKind(StrEnum):
    CREATED = "created"
    ACKNOWLEDGED = "acknowledged"
    ASSIGNED = "assigned"
    NOTE = "note"
    CONTACT = "contact"
    STATUS = "status"
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"
    CLOSED = "closed"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    DENIED = "denied"
    STAFF_CREATED = "staff_created"
    SHOP_CREATED = "shop_created"
    IMPORTED = "imported"
    STAFF_EDITED = "staff_edited"
    STAFF_DEACTIVATED = "staff_deactivated"
    STAFF_REACTIVATED = "staff_reactivated"
    PIN_RESET = "pin_reset"
    SHOP_EDITED = "shop_edited"
    SHOP_DEACTIVATED = "shop_deactivated"
    SHOP_REACTIVATED = "shop_reactivated"
    VIOLATION_PROPOSED = "violation_proposed"
    VIOLATION_CONFIRMED = "violation_confirmed"
    VIOLATION_WAIVED = "violation_waived"
    VIOLATION_APPEALED = "violation_appealed"
    APPEAL_UPHELD = "appeal_upheld"
    APPEAL_OVERTURNED = "appeal_overturned"
    VIOLATION_RETIERED = "violation_retiered"
    DISMISSAL_DECIDED = "dismissal_decided"
    PAYROLL_FINALISED = "payroll_finalised"
    # Delivery orders: `field` holds the order number, `old` its previous status, `new` its facts
    # (domain.deliveries.event_details), `note` what the user typed.
    DELIVERY_CREATED = "delivery_created"
    DELIVERY_ACCEPTED = "delivery_accepted"
    DELIVERY_CREW = "delivery_crew"
    DELIVERY_OUT = "delivery_out"
    DELIVERY_COMPLETED = "delivery_completed"
    DELIVERY_FAILED = "delivery_failed"
    DELIVERY_RESCHEDULED = "delivery_rescheduled"
    DELIVERY_CANCELLED = "delivery_cancelled"
    # A call to the customer: `old` the purpose, `new` the outcome, `field` the satisfaction (1–5 or "").
    CALLBACK_ATTEMPT = "callback_attempt"
    # An unsatisfied call-back sent the complaint back to investigating; `note` says why.
    REOPENED = "reopened"
    REGISTER_HANDED_OVER = "register_handed_over"
    DOCUMENTS_RECEIVED = "documents_received"
    DOCUMENTS_ISSUED = "documents_issued"
    DOCUMENTS_RETURNED = "documents_returned"
    DOCUMENTS_USED = "documents_used"
    DOCUMENTS_VOIDED = "documents_voided"
    DOCUMENTS_LOST = "documents_lost"
    VISIT_RECORDED = "visit_recorded"
    RECTIFICATION_CLOSED = "rectification_closed"
    PARTNER_CREATED = "partner_created"
    PARTNER_EDITED = "partner_edited"
    PARTNER_DEACTIVATED = "partner_deactivated"
    PARTNER_REACTIVATED = "partner_reactivated"
    REFERRED = "referred"
    # A file attached: `field` the subject (TS-…, DO-…, violation N, visit N), `new` the file name, `note` its
    # SHA-256, size and type; withdrawn: `field` the attachment id, `old` the name, `note` the hash and why.
    ATTACHMENT_ADDED = "attachment_added"
    ATTACHMENT_WITHDRAWN = "attachment_withdrawn"
    REFERRAL_REPLY = "referral_reply"
    ESCALATED = "escalated"
    ESCALATION_ACKNOWLEDGED = "esc_acknowledged"
    INSTRUCTED = "instructed"
    ESCALATION_RAISED = "esc_raised"
    ESCALATION_CLOSED = "esc_closed"
    # A quality signal acted on: `field` "signal", `old` its state before, `new` what it is (period, scope, key,
    # rule) and, when sent to shops, their codes and visit ids; `note` what the lead wrote.
    SIGNAL_ACKNOWLEDGED = "signal_acknowledged"
    SIGNAL_SENT = "signal_sent"
