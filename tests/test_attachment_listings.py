"""The register and the complaint export list each complaint's files by name and SHA-256: the register
those attached by its month's end and not withdrawn by then, the export those not withdrawn."""

import csv
from datetime import date, timedelta
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from aftersales import i18n
from aftersales.domain.attachments import AttachmentSubject
from aftersales.domain.clock import fixed_clock
from aftersales.services.attachments.attach import attach_files, withdraw_attachment
from aftersales.services.context import Desk
from aftersales.services.reports.register import write_register
from aftersales.services.transfer.exports import ExportFormat, export_complaints
from aftersales.store.models import Complaint

from .attachment_files import plain_png, sideways_photo, small_pdf
from .report_factories import local, october

IN_OCTOBER = Desk(clock=fixed_clock(local(date(2026, 10, 21))))
AFTER_OCTOBER = Desk(clock=fixed_clock(local(date(2026, 11, 3))))


def _files(staff, tmp_path: Path) -> tuple[str, dict[str, str]]:
    ids = october()
    c2 = ids["c2"]
    kept, gone = attach_files(IN_OCTOBER, staff["op01"], AttachmentSubject.COMPLAINT, c2,
                              [sideways_photo(tmp_path / "破损.jpg"), small_pdf(tmp_path / "收据.pdf")])
    withdraw_attachment(IN_OCTOBER, staff["lead01"], gone.id, "重复上传")
    [later] = attach_files(AFTER_OCTOBER, staff["op01"], AttachmentSubject.COMPLAINT, c2,
                           [plain_png(tmp_path / "回访截图.png")])
    return Complaint.get_by_id(c2).number, {"kept": kept.sha256, "gone": gone.sha256, "later": later.sha256}


def test_the_register_lists_the_files_attached_by_the_months_end(db_target, desk, staff, tmp_path):
    number, sha = _files(staff, tmp_path)
    pdf = write_register(desk, "2026-10", tmp_path / "2026-10.pdf", i18n.words())
    text = "\n".join(page.extract_text() for page in PdfReader(pdf.path).pages)
    assert f"Attachments: 破损.jpg {sha['kept'][:16]}" in text
    assert "收据.pdf" not in text and "回访截图.png" not in text  # withdrawn in October; attached after it
    write_register(desk, "2026-10", tmp_path / "2026-10.xlsx", i18n.words())
    records = load_workbook(tmp_path / "2026-10.xlsx").worksheets[0]
    rows = list(records.iter_rows(min_row=2, values_only=True))
    assert rows[0][-1] == "Attachments (name and SHA-256)"
    files = {row[0]: row[-1] for row in rows[1:]}
    assert files[number] == f"破损.jpg {sha['kept']}"
    assert sum(1 for value in files.values() if value) == 1


def test_the_export_lists_the_files_not_withdrawn(db_target, desk, staff, tmp_path):
    number, sha = _files(staff, tmp_path)
    out = tmp_path / "all.csv"
    export_complaints(Desk(clock=fixed_clock(local(date(2026, 11, 27)) + timedelta(hours=1))), out, ExportFormat.CSV)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["number"]: row for row in csv.DictReader(handle)}
    assert rows[number]["attachments"] == f"破损.jpg {sha['kept']}; 回访截图.png {sha['later']}"
    assert sum(1 for row in rows.values() if row["attachments"]) == 1
