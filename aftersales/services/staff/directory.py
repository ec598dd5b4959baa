"""The staff directory: list, add, edit, deactivate or reactivate staff and reset a PIN (admin only).

Staff are named by their code, which is their login and never changes. Screens pass the version
they showed, so a save over another admin's newer change is refused; the command line passes
None and acts on what is stored. Nothing here lets the desk lose its last active admin.
"""

from typing import Any

from ...domain.directory import DirectoryRefused, PinReset, StaffEdit, StaffEntry
from ...domain.enums import EventKind, Role
from ...domain.errors import FieldError, InvalidInput
from ...domain.permissions import Action
from ...domain.pins import hash_pin
from ...domain.schemas import StaffInput, StaffView
from ...store.converters import staff_view
from ...store.converters.directory import staff_entry
from ...store.db import write_transaction
from ...store.models import Staff
from ...store.versioned import named_by_code
from ..audit import append_event
from ..context import Desk
from ..directory_changes import edit_by_code, set_active_by_code
from ..guard import require
from ..unit import unit_of_work
from ..validation import validate
from .lookup import code_is

# Staff codes are logins: matched whatever their case.
STAFF_RECORD = named_by_code(Staff, code_is)


@unit_of_work
def list_staff(active_only: bool = True) -> list[StaffView]:
    """Staff by code (the active ones unless asked otherwise), as the desk's pickers show them."""
    query = Staff.select().order_by(Staff.code)
    if active_only:
        query = query.where(Staff.active == True)  # noqa: E712
    return [staff_view(row) for row in query]


@unit_of_work
def staff_directory() -> list[StaffEntry]:
    """Everyone, active first, then by code: a desk has tens of staff, so one read holds them all."""
    query = Staff.select().order_by(Staff.active.desc(), Staff.code)
    return [staff_entry(row) for row in query]


def create_staff(desk: Desk, actor: StaffView | None, data: StaffInput | dict[str, object]) -> StaffView:
    """Add a staff member; `actor` None only when `init` creates the first admin."""
    if actor is not None:
        require(desk, actor, Action.MANAGE_STAFF)
    valid = validate(StaffInput, data)
    now = desk.clock()
    pin_hash = hash_pin(valid.pin)  # scrypt takes a while: not while holding the write lock
    with write_transaction(f"saving staff {valid.code}"):
        # Codes log in whatever their case, so `OP01` beside `op01` would be the same login.
        if Staff.select().where(code_is(valid.code)).exists():
            raise InvalidInput({"code": FieldError("validation.code_taken")})
        row = Staff.create(
            code=valid.code, name=valid.name, role=valid.role.value, pin_hash=pin_hash, created_at=now
        )
        view = staff_view(row)
        append_event(now, actor, EventKind.STAFF_CREATED, field="staff", new=f"{view.code}:{view.role.value}")
    return view


@unit_of_work
def add_staff(desk: Desk, actor: StaffView, data: StaffInput | dict[str, object]) -> StaffEntry:
    """Add a staff member with their first PIN; a code already in use is refused under its field."""
    view = create_staff(desk, actor, data)
    return staff_entry(Staff.get_by_id(view.id))


@unit_of_work
def edit_staff(
    desk: Desk, actor: StaffView, code: str, data: StaffEdit | dict[str, object], version: int | None
) -> StaffEntry:
    """Change a staff member's name or role; `version` None (the command line) skips the version check."""
    require(desk, actor, Action.MANAGE_STAFF)
    valid = validate(StaffEdit, data)
    wanted: dict[str, object] = {"name": valid.name, "role": valid.role.value}

    def role_rule(row: Any, changes: dict[str, tuple[object, object]]) -> None:
        if "role" in changes:
            if row.id == actor.id:
                raise DirectoryRefused("directory.error.own_role")
            if row.role == Role.ADMIN.value and row.active:
                _keep_an_admin(row)

    return edit_by_code(desk, actor, STAFF_RECORD, code, version, wanted, EventKind.STAFF_EDITED, staff_entry,
                        rule=role_rule)


@unit_of_work
def set_staff_active(desk: Desk, actor: StaffView, code: str, active: bool, version: int | None) -> StaffEntry:
    """Deactivate (they can no longer log in or be assigned; their history stays) or reactivate."""
    require(desk, actor, Action.MANAGE_STAFF)

    def access_rule(row: Any) -> None:
        if not active:
            if row.id == actor.id:
                raise DirectoryRefused("directory.error.own_account")
            if row.role == Role.ADMIN.value:
                _keep_an_admin(row)

    return set_active_by_code(desk, actor, STAFF_RECORD, code, active, version,
                              (EventKind.STAFF_DEACTIVATED, EventKind.STAFF_REACTIVATED), staff_entry, rule=access_rule)


@unit_of_work
def reset_pin(
    desk: Desk, actor: StaffView, code: str, data: PinReset | dict[str, object], version: int | None = None
) -> StaffEntry:
    """Give a staff member a new PIN and lift a lockout; the event records who did it, never the PIN."""
    require(desk, actor, Action.MANAGE_STAFF)
    valid = validate(PinReset, data)
    now = desk.clock()
    pin_hash = hash_pin(valid.pin)
    with write_transaction(f"resetting the PIN of {code}"):
        row = STAFF_RECORD.load(code, version)
        STAFF_RECORD.save(row, row.version, {"pin_hash": pin_hash, "failed_logins": 0, "locked_until": None})
        append_event(now, actor, EventKind.PIN_RESET, field="staff", new=row.code)
        return staff_entry(Staff.get_by_id(row.id))


def _keep_an_admin(row: Any) -> None:
    """Refuse to take away the admin role or the access of the last active admin."""
    others = Staff.select().where(
        (Staff.role == Role.ADMIN.value) & (Staff.active == True) & (Staff.id != row.id)  # noqa: E712
    )
    if not others.exists():
        raise DirectoryRefused("directory.error.last_admin", code=row.code)
