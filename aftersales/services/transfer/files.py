"""Export files written whole or not at all, with fixed times inside so the same database gives the same bytes."""

import shutil
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from ...domain.errors import DeskError

# Fixed workbook and archive times, so the same database gives the same bytes.
FIXED_MOMENT = datetime(2000, 1, 1)


class ExportRefused(DeskError):
    """The export cannot be written as asked; nothing was left behind."""


class FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose members all carry one fixed time instead of "now"."""

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=FIXED_MOMENT.timetuple()[:6])
        info.compress_type = self.compression
        info.external_attr = 0o600 << 16
        return info

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = self._info(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        with open(filename, "rb") as source, self.open(self._info(str(arcname or filename)), "w") as target:
            shutil.copyfileobj(source, target, 1 << 20)


@contextmanager
def removed_on_failure(out: Path) -> Iterator[None]:
    """Delete the half-written `out` when writing fails, so no partial export is left.

    A failed write (a full disk) names the file: the OSError of a write carries no file name.
    """
    try:
        yield
    except OSError as exc:
        out.unlink(missing_ok=True)
        detail = exc.strerror or str(exc)
        raise ExportRefused("cli.export.write_failed", path=str(out), detail=detail) from exc
    except BaseException:
        out.unlink(missing_ok=True)
        raise
