"""Staff and shop rows as the directory's entries."""

from ...domain.directory import ShopEntry, StaffEntry
from ...domain.enums import Role, ShopCategory
from ..models import Shop, Staff


def staff_entry(row: Staff) -> StaffEntry:
    return StaffEntry(
        id=row.id,
        code=row.code,
        name=row.name,
        role=Role(row.role),
        active=row.active,
        locked_until=row.locked_until,
        version=row.version,
    )


def shop_entry(row: Shop) -> ShopEntry:
    return ShopEntry(
        id=row.id,
        code=row.code,
        name=row.name,
        brand=row.brand,
        unit=row.unit,
        category=ShopCategory(row.category),
        contact=row.contact,
        phone=row.phone,
        active=row.active,
        version=row.version,
    )
