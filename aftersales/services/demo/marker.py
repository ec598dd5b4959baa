"""Whether a database is a demo: `aftersales demo` marks what it builds, so only demos show their accounts."""

from ...store.models import Meta
from ..unit import unit_of_work

DEMO_KEY = "demo"


@unit_of_work
def is_demo_database() -> bool:
    """True for a database built by `aftersales demo` (its accounts and PINs are public)."""
    return bool(Meta.select().where(Meta.key == DEMO_KEY).exists())
