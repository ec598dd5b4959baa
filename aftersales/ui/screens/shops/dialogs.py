"""Adding a shop, editing its details, and deactivating or reactivating it."""

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Select

from ....domain.directory import ShopEntry
from ....domain.enums import ShopCategory
from ....services.shops.directory import add_shop, edit_shop, set_shop_active, shop_directory
from ..directory.active_dialog import ActiveDialog
from ..directory.fields import choice_field, chosen, line, text_field
from ..directory.record_dialog import RecordDialog

DETAILS = ("name", "unit", "category", "contact", "phone")
LIMITS = {"code": 20, "name": 60, "unit": 20, "contact": 40, "phone": 20}


def reread(code: str) -> ShopEntry | None:
    return next((entry for entry in shop_directory() if entry.code == code), None)


class ShopDialog(RecordDialog):
    """A new shop (`record` None) or the details of one; its code never changes once given."""

    prefix = "shops"
    add = staticmethod(add_shop)
    edit = staticmethod(edit_shop)
    find = staticmethod(reread)

    def compose_fields(self) -> ComposeResult:
        shop = self.record
        if shop is None:
            yield line("code", "shops.column.code", text_field("code", max_length=LIMITS["code"]))
        for name in DETAILS:
            if name == "category":
                yield line(name, "shops.column.category",
                           choice_field(name, ShopCategory, shop.category.value if shop else None))
            else:
                value = str(getattr(shop, name)) if shop else ""
                yield line(name, f"shops.column.{name}", text_field(name, value, max_length=LIMITS[name]))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in ("code", *DETAILS):
            if name == "code" and self.record is not None:
                continue
            if name == "category":
                out[name] = chosen(self.query_one("#field-category", Select))
            else:
                out[name] = self.query_one(f"#field-{name}", Input).value
        return out


class ShopActiveDialog(ActiveDialog):
    """Deactivate a shop (it stops taking complaints, keeps its history) or reactivate it."""

    prefix = "shops"
    set_active = staticmethod(set_shop_active)
    find = staticmethod(reread)
