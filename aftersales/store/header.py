"""Cheap look at a SQLite file's 100-byte header before anything opens it."""

import os
import struct
from dataclasses import dataclass
from pathlib import Path

from .errors import DatabaseRefused

SQLITE_MAGIC = b"SQLite format 3\x00"
# "ASLS": marks a SQLite file as an aftersales database (PRAGMA application_id).
APPLICATION_ID = 0x41534C53


@dataclass(frozen=True)
class Header:
    page_size: int
    page_count: int
    user_version: int
    application_id: int


def read_header(path: Path) -> Header:
    """Parse the header or raise DatabaseRefused naming the file and what is wrong."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            raw = handle.read(100)
    except OSError as exc:
        raise DatabaseRefused(f"{path}: cannot read ({exc.strerror})") from exc
    if size == 0:
        raise DatabaseRefused(f"{path}: empty file, not an aftersales database")
    if len(raw) < 100 or raw[:16] != SQLITE_MAGIC:
        raise DatabaseRefused(f"{path}: not a SQLite database")
    page_size = struct.unpack(">H", raw[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    page_count, = struct.unpack(">I", raw[28:32])
    change_a, = struct.unpack(">I", raw[24:28])
    change_b, = struct.unpack(">I", raw[92:96])
    user_version, = struct.unpack(">I", raw[60:64])
    application_id, = struct.unpack(">I", raw[68:72])
    if page_size < 512 or page_size & (page_size - 1):
        raise DatabaseRefused(f"{path}: damaged SQLite header")
    if size % page_size:
        raise DatabaseRefused(f"{path}: truncated database (size is not a whole number of pages)")
    if change_a == change_b and page_count and size < page_count * page_size:
        raise DatabaseRefused(f"{path}: truncated database ({size} of {page_count * page_size} bytes)")
    return Header(page_size, page_count, user_version, application_id)


def check_sqlite_file(path: Path, latest_version: int | None) -> Header:
    """Refuse anything but an aftersales database this version can open (any version when None)."""
    header = read_header(path)
    if header.application_id != APPLICATION_ID:
        raise DatabaseRefused(f"{path}: a SQLite database, but not an aftersales one")
    if latest_version is not None and header.user_version > latest_version:
        raise DatabaseRefused(
            f"{path}: made by a newer aftersales (schema {header.user_version}, "
            f"this one knows {latest_version}); upgrade aftersales"
        )
    if not os.access(path, os.R_OK):
        raise DatabaseRefused(f"{path}: not readable")
    return header
