"""The directory of outside after-sales bodies: list and add (a lead, manager or the admin)."""

from ...domain.enums import EventKind
from ...domain.errors import InvalidInput
from ...domain.partners import PartnerInput, PartnerKind, PartnerView
from ...domain.permissions import Action
from ...domain.schemas import StaffView
from ...i18n import t
from ...store.converters.partners import partner_view
from ...store.db import write_transaction
from ...store.models import Partner
from ..audit import append_event
from ..context import Desk
from ..guard import require
from ..validation import validate


def partner_directory(include_inactive: bool = False) -> list[PartnerView]:
    """Partners by kind, then code."""
    query = Partner.select().order_by(Partner.kind, Partner.code)
    if not include_inactive:
        query = query.where(Partner.active == True)  # noqa: E712
    order = list(PartnerKind)
    return sorted((partner_view(row) for row in query), key=lambda p: (order.index(p.kind), p.code))


def add_partner(desk: Desk, actor: StaffView, data: PartnerInput | dict[str, object]) -> PartnerView:
    """Add a partner; a code in use is refused under its field."""
    require(desk, actor, Action.MANAGE_PARTNERS)
    valid = validate(PartnerInput, data)
    code = valid.code.upper()
    with write_transaction(f"saving partner {code}"):
        if Partner.get_or_none(Partner.code == code) is not None:
            raise InvalidInput(f"partner code {code} is taken", {"code": t("partners.validation.taken")})
        row = Partner.create(code=code, name=valid.name, kind=valid.kind.value, contact=valid.contact,
                             phone=valid.phone, serves=valid.serves)
        append_event(desk.clock(), actor, EventKind.PARTNER_CREATED, field="partner", new=code, note=valid.name)
        return partner_view(row)
