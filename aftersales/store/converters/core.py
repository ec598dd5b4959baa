"""Core rows (staff, shops, customers, complaints, events) as the views that leave the store."""

from ...domain.enums import (
    Category,
    Channel,
    CloseOutcome,
    ComplaintStatus,
    EventKind,
    MajorReason,
    Remedy,
    Role,
    Severity,
    ShopCategory,
)
from ...domain.schemas import ComplaintView, CustomerView, EventView, ShopView, StaffView
from ..models import Complaint, Customer, Event, Shop, Staff


def staff_view(row: Staff) -> StaffView:
    return StaffView(id=row.id, code=row.code, name=row.name, role=Role(row.role), active=row.active)


def shop_view(row: Shop) -> ShopView:
    return ShopView(
        id=row.id,
        code=row.code,
        name=row.name,
        unit=row.unit,
        category=ShopCategory(row.category),
        active=row.active,
    )


def customer_view(row: Customer) -> CustomerView:
    return CustomerView(id=row.id, name=row.name, phone=row.phone, address=row.address)


def complaint_view(row: Complaint) -> ComplaintView:
    duplicate_number = None
    if row.duplicate_of_id is not None:
        duplicate_number = Complaint.select(Complaint.number).where(Complaint.id == row.duplicate_of_id).scalar()
    return ComplaintView(
        id=row.id,
        number=row.number,
        status=ComplaintStatus(row.status),
        category=Category(row.category),
        severity=Severity(row.severity),
        channel=Channel(row.channel),
        remedy=Remedy(row.remedy),
        remedy_decided=Remedy(row.remedy_decided) if row.remedy_decided else None,
        customer=customer_view(row.customer),
        shop=shop_view(row.shop),
        product=row.product,
        contract_no=row.contract_no,
        receipt_no=row.receipt_no,
        description=row.description,
        major_incident=row.major_incident,
        major_reason=MajorReason(row.major_reason) if row.major_reason else None,
        assignee=staff_view(row.assignee) if row.assignee_id is not None else None,
        ack_due_at=row.ack_due_at,
        resolve_due_at=row.resolve_due_at,
        acknowledged_at=row.acknowledged_at,
        resolved_at=row.resolved_at,
        closed_at=row.closed_at,
        close_outcome=CloseOutcome(row.close_outcome) if row.close_outcome else None,
        duplicate_of=duplicate_number,
        resolution=row.resolution,
        compensation_fen=row.compensation_fen,
        satisfaction=row.satisfaction,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
        hold_since=row.hold_since,
        hold_until=row.hold_until,
        held_seconds=row.held_seconds,
    )


def event_view(row: Event, actor_code: str | None, actor_name: str | None = None) -> EventView:
    return EventView(
        id=row.id,
        complaint_id=row.complaint_id,
        actor_code=actor_code,
        at=row.at,
        kind=EventKind(row.kind),
        field=row.field,
        old=row.old,
        new=row.new,
        note=row.note,
        customer_contact=row.customer_contact,
        source=row.source,
        actor_name=actor_name or "",
    )
