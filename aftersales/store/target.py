"""What a `--db` target names (a SQLite file or a PostgreSQL URL), and the checks made before opening a file.

Nothing here loads Peewee: the desk runs these checks before its first screen, and opens the database
itself while the operator types the PIN.
"""

from pathlib import Path

from .errors import DatabaseRefused
from .header import check_sqlite_file


def is_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def precheck_file(path: Path, *, latest_version: int | None = None, create: bool = False) -> bool:
    """Refuse (one line naming the file) anything at `path` that is not an aftersales database.

    Returns False when there is no file yet (allowed only with `create`). Without `latest_version`
    a file from a newer version passes here; opening it refuses it.
    """
    if path.is_dir():
        raise DatabaseRefused(f"{path}: is a folder, not a database file")
    if path.exists():
        check_sqlite_file(path, latest_version)
        return True
    if not create:
        raise DatabaseRefused(f"{path}: no such database (create one with `aftersales init --db {path}`)")
    if not path.parent.exists():
        raise DatabaseRefused(f"{path}: folder {path.parent} does not exist")
    return False
