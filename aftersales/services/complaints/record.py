"""The stored complaint, loaded and saved over the version a desk was shown (see store.versioned)."""

from typing import Any

from ...domain.errors import ConflictError, NotFound
from ...store.models import Complaint
from ...store.versioned import VersionedRecord
from ..context import Desk


def _changed_since(row: Complaint, version: int) -> ConflictError:
    current = Complaint.select(Complaint.version).where(Complaint.id == row.id).scalar()
    return ConflictError(number=row.number, stored=current, read=version)


COMPLAINT_RECORD = VersionedRecord(
    Complaint,
    missing=lambda complaint_id: NotFound(what=str(complaint_id)),
    conflict=_changed_since,
)


def load_complaint(complaint_id: int, version: int | None = None) -> Complaint:
    """The stored complaint; with `version`, refused as a conflict when someone saved since."""
    row: Complaint = COMPLAINT_RECORD.load(complaint_id, version)
    return row


def save_complaint(row: Complaint, version: int, changes: dict[str, Any], desk: Desk) -> None:
    """Write `changes` (and the time of the change) only if nobody saved since `version` was read."""
    COMPLAINT_RECORD.save(row, version, {**changes, "updated_at": desk.clock()})
