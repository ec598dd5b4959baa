"""Whether a database is a demo: `aftersales demo` marks what it builds, so only demos show their accounts."""

from ..services.unit import unit_of_work
from ..store.models import Meta

DEMO_KEY = "demo"


@unit_of_work
def is_demo_database() -> bool:
    """True for a database built by `aftersales demo` (its accounts and PINs are public)."""
    return bool(Meta.select().where(Meta.key == DEMO_KEY).exists())
