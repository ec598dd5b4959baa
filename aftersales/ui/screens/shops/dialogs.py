"""Adding a shop, editing its details, and deactivating or reactivating it."""



from ....domain.directory import ShopEntry
from ....domain.enums import ShopCategory
from ....services.shops.directory import add_shop, edit_shop, set_shop_active, shop_directory
from ..directory.active_dialog import ActiveDialog
from ..directory.record_dialog import RecordDialog

DETAILS = ("name", "unit", "category", "contact", "phone", "brand")
LIMITS = {"code": 20, "name": 60, "brand": 60, "unit": 20, "contact": 40, "phone": 20}


def reread(code: str) -> ShopEntry | None:
    return next((entry for entry in shop_directory() if entry.code == code), None)


class ShopDialog(RecordDialog):
    """A new shop (`record` None) or the details of one; its code never changes once given."""

    prefix = "shops"
    add = staticmethod(add_shop)
    edit = staticmethod(edit_shop)
    find = staticmethod(reread)
    details = DETAILS
    choices = {"category": ShopCategory}
    limits = LIMITS


class ShopActiveDialog(ActiveDialog):
    """Deactivate a shop (it stops taking complaints, keeps its history) or reactivate it."""

    prefix = "shops"
    set_active = staticmethod(set_shop_active)
    find = staticmethod(reread)
