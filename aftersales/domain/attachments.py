"""Attachments: what may be attached, how big, to what, and the refusals a file can meet."""

from enum import StrEnum

from .errors import DeskError


class AttachmentSubject(StrEnum):
    COMPLAINT = "complaint"
    DELIVERY = "delivery"
    VIOLATION = "violation"
    VISIT = "visit"


# Types read from a file's content (never its name), with the extension a saved copy gets.
ACCEPTED: dict[str, str] = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
IMAGES = frozenset({"image/jpeg", "image/png", "image/webp"})
DEFAULT_MAX_MB = 20
MOST_FILES = 20  # files attached in one go
THUMBNAIL_BOX = (320, 240)  # a thumbnail fits this box (pixels), aspect kept
MOST_PIXELS = 89_478_485  # an image larger than this is refused as a decompression bomb (Pillow's own limit)


class AttachmentRefused(DeskError):
    """A file that cannot be attached; `path` names it, nothing was stored."""

    key = "attachments.error.unreadable"


def subject_typed(text: str) -> tuple[AttachmentSubject, str]:
    """A subject as typed on the command line: TS-…, DO-…, violation:N or visit:N."""
    head, colon, rest = text.strip().partition(":")
    if colon and head.lower() in ("violation", "visit"):
        return AttachmentSubject(head.lower()), rest.strip()
    if text.strip().upper().startswith("DO-"):
        return AttachmentSubject.DELIVERY, text.strip()
    return AttachmentSubject.COMPLAINT, text.strip()


def added_note(sha256: str, size: int, media_type: str, note: str = "") -> str:
    """The audit note of a file attached: its hash, size and type, then what the user wrote."""
    return f"sha256 {sha256}; {size} bytes; {media_type}" + (f"; {note}" if note else "")


def read_added_note(text: str) -> tuple[str, int, str, str] | None:
    """(hash, size, type, note) of an `added_note`, or None for another text."""
    parts = text.split("; ", 3)
    if len(parts) < 3 or not parts[0].startswith("sha256 ") or not parts[1].endswith(" bytes"):
        return None
    size = parts[1].removesuffix(" bytes")
    if not size.isdigit():
        return None
    return parts[0].removeprefix("sha256 "), int(size), parts[2], parts[3] if len(parts) > 3 else ""


def file_size(size: int) -> str:
    """A file's size as lists show it: bytes, KB below a megabyte, else MB with one decimal."""
    if size < 1024:
        return f"{size} B"
    if size < 1_048_576:
        return f"{size / 1024:.0f} KB"
    return f"{megabytes(size)} MB"


def megabytes(size: int) -> str:
    """A size in MB with one decimal, as refusals and lists show it."""
    return f"{size / 1_048_576:.1f}"
