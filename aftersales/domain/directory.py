"""The staff and shop directory: what an admin (shops: a lead too) types, what the lists show, and refusals."""

import json
import re
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .enums import Role, ShopCategory
from .errors import DeskError
from .phone import normalise_phone
from .schemas import CleanStr, Code, Input, Pin

# Shops often give a service hotline: 400 or 800 and seven digits, written with or without dashes.
_HOTLINE = re.compile(r"^[48]00-?\d{3}-?\d{4}$")


def shop_phone(raw: str) -> str:
    """A shop's phone in stored form (mobile, landline or 400/800 hotline); empty stays empty."""
    value = raw.strip().replace(" ", "")
    if not value:
        return ""
    if _HOTLINE.match(value):
        digits = value.replace("-", "")
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    try:
        return normalise_phone(value)
    except ValueError:
        raise ValueError("not a mobile, landline with area code or 400/800 hotline") from None


ShopPhone = Annotated[CleanStr, Field(max_length=20), AfterValidator(shop_phone)]


class StaffEdit(Input):
    """What can change about a staff member (the code is their login and stays)."""

    name: CleanStr = Field(min_length=1, max_length=40)
    role: Role


class PinReset(Input):
    pin: Pin


class ShopDetails(Input):
    """What can change about a shop (the code is printed on its documents and stays)."""

    name: CleanStr = Field(min_length=1, max_length=60)
    brand: CleanStr = Field(default="", max_length=60)  # empty: the shop's name is its brand
    unit: CleanStr = Field(default="", max_length=20)
    category: ShopCategory
    contact: CleanStr = Field(default="", max_length=40)
    phone: ShopPhone = ""


class ShopInput(ShopDetails):
    """A new shop."""

    code: Code


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class StaffEntry(Entry):
    """One line of the staff directory."""

    id: int
    code: str
    name: str
    role: Role
    active: bool
    locked_until: datetime | None
    version: int


class ShopEntry(Entry):
    """One line of the shop directory."""

    id: int
    code: str
    name: str
    unit: str
    category: ShopCategory
    brand: str = ""
    contact: str
    phone: str
    active: bool
    version: int


class DirectoryRefused(DeskError):
    """A directory change that would leave the desk without a way in (the last admin, oneself)."""


def changed_fields(before: dict[str, object], after: dict[str, object]) -> dict[str, tuple[object, object]]:
    """Field → (old, new) for every field of `after` whose value differs from `before`."""
    return {name: (before.get(name), value) for name, value in after.items() if before.get(name) != value}


def described(code: str, values: dict[str, object]) -> str:
    """A directory change as an event stores it: the code and the fields, in canonical JSON."""
    return json.dumps({"code": code, **values}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
