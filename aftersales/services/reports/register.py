"""Writing the monthly register to a PDF or XLSX file, with a progress callback, streaming its lines."""

import hashlib
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ...domain.errors import ConflictError
from ...domain.reports.period import Period, parse_register_month
from ...domain.reports.register import RegisterLine, RegisterTotals
from ...domain.wording import Wording
from ...store.models import RegisterHandover, Staff
from ..context import Desk
from ..unit import unit_of_work
from .exports import ReportFileRefused
from .register_rows import TotalsCounter, amendments, line_count, month_statistics, register_lines

FORMATS = ("pdf", "xlsx")
PROGRESS_EVERY = 500
Progress = Callable[[int, int], None]


class RegisterFile(BaseModel):
    """A register written: where, its hash, and what it adds up to."""

    model_config = ConfigDict(frozen=True)

    path: str
    format: str
    sha256: str
    size: int
    totals: RegisterTotals
    reprint_of: datetime | None = None  # when the file reprinted was handed over
    handed_by: str = ""  # and by whom (a reprint only)


def register_format(out: Path) -> str:
    suffix = out.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ReportFileRefused("reports.error.register_suffix", path=str(out))
    return suffix


@unit_of_work
def register_month(desk: Desk, text: str) -> Period:
    """`text` as a register month; a malformed month or one in the future is refused."""
    return parse_register_month(text, desk.clock().astimezone(desk.sla.zone).date())


def file_hash(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _counted(lines: Iterator[RegisterLine], counter: TotalsCounter, total: int,
             progress: Progress | None) -> Iterator[RegisterLine]:
    for line in lines:
        counter.add(line)
        if progress and counter.lines % PROGRESS_EVERY == 0:
            progress(counter.lines, max(total, counter.lines))
        yield line


@unit_of_work
def write_register(desk: Desk, month: str, out: Path, words: Wording, *, progress: Progress | None = None,
                   font: str | None = None) -> RegisterFile:
    """Write the register of `month` (YYYY-MM) to the new file `out` (.pdf or .xlsx); a month handed over in
    that format is reprinted from the bytes kept at its hand-over."""
    from ..transfer.files import removed_on_failure

    fmt = register_format(out)
    period = register_month(desk, month)
    if out.exists():
        raise ReportFileRefused("cli.export.exists", path=str(out))
    if fmt == "pdf":
        from .fonts import register_font

        register_font(font)
    reprinted = _reprint(period.label, fmt, out)
    if reprinted is not None:
        if progress:
            progress(reprinted.totals.lines, reprinted.totals.lines)
        return reprinted
    zone = desk.sla.zone
    total = line_count(period, zone)
    counter = TotalsCounter()
    lines = _counted(register_lines(period, zone), counter, total, progress)

    def totals() -> RegisterTotals:
        return counter.totals(period, month_statistics(period, zone), amendments(period, zone))

    out.open("xb").close()
    with removed_on_failure(out):
        if fmt == "pdf":
            from .register_pdf import write_pdf

            write_pdf(out, period.label, lines, totals, words)
        else:
            from .register_xlsx import write_xlsx

            write_xlsx(out, period.label, lines, totals, words)
    if progress:
        progress(counter.lines, counter.lines)
    sha, size = file_hash(out)
    return RegisterFile(path=str(out), format=fmt, sha256=sha, size=size, totals=totals())


def _reprint(month: str, fmt: str, out: Path) -> RegisterFile | None:
    """The register of `month` handed over in `fmt`, written to `out` byte for byte, or None when it was not
    handed over. One handed over before copies were kept is refused: a new print would differ from it."""
    row = (RegisterHandover.select(RegisterHandover, Staff.code).join(Staff)
           .where((RegisterHandover.month == month) & (RegisterHandover.format == fmt)).first())
    if row is None:
        return None
    if row.content is None:
        raise ConflictError("reports.error.no_kept_copy", month=month, format=fmt.upper(), sha256=row.sha256)
    content = bytes(row.content)
    if hashlib.sha256(content).hexdigest() != row.sha256:
        raise ConflictError("reports.error.kept_copy_altered", month=month, format=fmt.upper())
    with out.open("xb") as handle:
        handle.write(content)
    return RegisterFile(path=str(out), format=fmt, sha256=row.sha256, size=len(content),
                        totals=RegisterTotals.model_validate_json(row.totals), reprint_of=row.handed_at,
                        handed_by=row.handed_by.code)
