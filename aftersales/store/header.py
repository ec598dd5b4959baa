"""Cheap look at a SQLite file's 100-byte header before anything opens it.

The header is read with a plain open() only while no descriptor of this process refers to the file.
Closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's included
("How To Corrupt An SQLite Database File", 2.2): another desk closing next would then believe it is
the last, remove -wal and -shm, and this process's later saves would be acknowledged but never
stored. A file this process already has open is asked through SQLite instead, which shares its
descriptors and locks between its connections.
"""

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

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
    if held_by_this_process(path):
        return _header_through_sqlite(path)
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


def held_by_this_process(path: Path) -> bool:
    """True when a descriptor of this process refers to the file at `path` (a connection's, most often)."""
    if os.name == "nt":
        return False  # Windows locks belong to a handle: closing another one releases none of them
    try:
        wanted = path.stat()
    except OSError:
        return False
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            numbers = os.listdir(folder)
        except OSError:
            continue
        for number in numbers:
            try:
                found = os.fstat(int(number))
            except (OSError, ValueError):
                continue  # the listing's own descriptor, closed by now
            if (found.st_dev, found.st_ino) == (wanted.st_dev, wanted.st_ino):
                return True
        return False
    return True  # no way to tell: ask SQLite, which is always safe


def _header_through_sqlite(path: Path) -> Header:
    """The header's fields as SQLite reports them, on a read-only connection of its own.

    Its size checks are left out: with the write-ahead log in use the file's size says nothing about
    its pages, and SQLite itself refuses a database shorter than its header says.
    """
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=10)
        try:
            fields = [int(conn.execute(f"PRAGMA {name}").fetchone()[0])
                      for name in ("page_size", "page_count", "user_version", "application_id")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(f"{path}: cannot read ({exc})") from exc
    return Header(*fields)


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
