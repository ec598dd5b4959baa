"""The shop directory: list, add, edit, deactivate or reactivate shops (a team lead or the admin).

Shops are named by their code, which is printed on their documents and never changes. A
deactivated shop keeps its complaints but can no longer be chosen for new ones.
"""

from typing import Any

from ...domain.directory import ShopDetails, ShopEntry, ShopInput
from ...domain.enums import EventKind
from ...domain.errors import FieldError, InvalidInput
from ...domain.permissions import Action
from ...domain.schemas import StaffView
from ...store.converters.directory import shop_entry
from ...store.db import write_transaction
from ...store.models import Shop
from ...store.versioned import named_by_code
from ..audit import append_event
from ..context import Desk
from ..directory_changes import edit_by_code, set_active_by_code
from ..guard import require
from ..unit import unit_of_work
from ..validation import validate

# A mall rents out a few hundred units: the directory reads them in one go, up to this many.
DIRECTORY_LIMIT = 5000
_DETAILS = ("name", "brand", "unit", "category", "contact", "phone")
SHOP_RECORD = named_by_code(Shop)


@unit_of_work
def shop_directory(include_inactive: bool = True, limit: int = DIRECTORY_LIMIT) -> list[ShopEntry]:
    """Shops by code, active ones first."""
    query = Shop.select().order_by(Shop.active.desc(), Shop.code).limit(limit)
    if not include_inactive:
        query = query.where(Shop.active == True)  # noqa: E712
    return [shop_entry(row) for row in query]


@unit_of_work
def add_shop(desk: Desk, actor: StaffView, data: ShopInput | dict[str, object]) -> ShopEntry:
    """Add a shop; a code already in use is refused under its field."""
    require(desk, actor, Action.MANAGE_SHOPS)
    valid = validate(ShopInput, data)
    with write_transaction(f"saving shop {valid.code}"):
        refuse_taken_codes([valid.code])
        row = insert_shop(valid)
        append_event(desk.clock(), actor, EventKind.SHOP_CREATED, field="shop", new=valid.code)
        return shop_entry(row)


def insert_shop(valid: ShopInput) -> Any:
    """One new shop row (inside the caller's transaction)."""
    return Shop.create(
        code=valid.code, name=valid.name, brand=valid.brand, unit=valid.unit, category=valid.category.value,
        contact=valid.contact, phone=valid.phone,
    )


def refuse_taken_codes(codes: list[str]) -> None:
    """Raise InvalidInput naming the first of `codes` that a shop already has."""
    taken = Shop.select(Shop.code).where(Shop.code.in_(codes)).first()
    if taken is not None:
        raise InvalidInput({"code": FieldError("validation.code_taken")})


@unit_of_work
def edit_shop(
    desk: Desk, actor: StaffView, code: str, data: ShopDetails | dict[str, object], version: int | None
) -> ShopEntry:
    """Change a shop's details; `version` None (the command line) skips the version check."""
    require(desk, actor, Action.MANAGE_SHOPS)
    valid = validate(ShopDetails, data)
    wanted: dict[str, object] = {name: getattr(valid, name) for name in _DETAILS}
    wanted["category"] = valid.category.value
    return edit_by_code(desk, actor, SHOP_RECORD, code, version, wanted, EventKind.SHOP_EDITED, shop_entry)


@unit_of_work
def set_shop_active(desk: Desk, actor: StaffView, code: str, active: bool, version: int | None) -> ShopEntry:
    """Deactivate a shop (it leaves the intake's choices, keeps its complaints) or reactivate it."""
    require(desk, actor, Action.MANAGE_SHOPS)
    return set_active_by_code(desk, actor, SHOP_RECORD, code, active, version,
                              (EventKind.SHOP_DEACTIVATED, EventKind.SHOP_REACTIVATED), shop_entry)
