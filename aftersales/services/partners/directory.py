"""The directory of outside after-sales bodies: list, add, edit, deactivate (a lead, manager or the admin)."""

from ...domain.enums import EventKind
from ...domain.errors import FieldError, InvalidInput
from ...domain.partners import PartnerDetails, PartnerInput, PartnerKind, PartnerView
from ...domain.permissions import Action
from ...domain.schemas import StaffView
from ...store.converters.partners import partner_view
from ...store.db import write_transaction
from ...store.models import Partner
from ...store.versioned import named_by_code
from ..audit import append_event
from ..context import Desk
from ..directory_changes import edit_by_code, set_active_by_code
from ..guard import require
from ..unit import unit_of_work
from ..validation import validate


@unit_of_work
def partner_directory(include_inactive: bool = False) -> list[PartnerView]:
    """Partners by kind, then code."""
    query = Partner.select().order_by(Partner.kind, Partner.code)
    if not include_inactive:
        query = query.where(Partner.active == True)  # noqa: E712
    order = list(PartnerKind)
    return sorted((partner_view(row) for row in query), key=lambda p: (order.index(p.kind), p.code))


@unit_of_work
def add_partner(desk: Desk, actor: StaffView, data: PartnerInput | dict[str, object]) -> PartnerView:
    """Add a partner; a code in use is refused under its field."""
    require(desk, actor, Action.MANAGE_PARTNERS)
    valid = validate(PartnerInput, data)
    code = valid.code.upper()
    with write_transaction(f"saving partner {code}"):
        if Partner.get_or_none(Partner.code == code) is not None:
            raise InvalidInput({"code": FieldError("partners.validation.taken")})
        row = Partner.create(code=code, name=valid.name, kind=valid.kind.value, contact=valid.contact,
                             phone=valid.phone, serves=valid.serves)
        append_event(desk.clock(), actor, EventKind.PARTNER_CREATED, field="partner", new=code, note=valid.name)
        return partner_view(row)


_DETAILS = ("name", "kind", "contact", "phone", "serves")
PARTNER_RECORD = named_by_code(Partner)


@unit_of_work
def edit_partner(
    desk: Desk, actor: StaffView, code: str, data: PartnerDetails | dict[str, object], version: int | None
) -> PartnerView:
    """Change a partner's details over the version that was read (None skips the check)."""
    require(desk, actor, Action.MANAGE_PARTNERS)
    valid = validate(PartnerDetails, data)
    wanted: dict[str, object] = {name: getattr(valid, name) for name in _DETAILS}
    wanted["kind"] = valid.kind.value
    return edit_by_code(desk, actor, PARTNER_RECORD, code, version, wanted, EventKind.PARTNER_EDITED, partner_view)


@unit_of_work
def set_partner_active(desk: Desk, actor: StaffView, code: str, active: bool, version: int | None) -> PartnerView:
    """Deactivate a partner (no new referrals to it; its referrals stay) or reactivate it."""
    require(desk, actor, Action.MANAGE_PARTNERS)
    return set_active_by_code(desk, actor, PARTNER_RECORD, code, active, version,
                              (EventKind.PARTNER_DEACTIVATED, EventKind.PARTNER_REACTIVATED), partner_view)
