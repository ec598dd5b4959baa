"""The monthly market-information brief: the month's signals, the Pareto and the terms, read back from the
PDF (its text) and from the XLSX workbook."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from aftersales import i18n
from aftersales.domain.errors import DeskError
from aftersales.services.context import Desk
from aftersales.services.quality.brief import write_brief
from aftersales.services.quality.pareto import pareto_for
from aftersales.services.quality.signals import compute_signals
from aftersales.store.db import close_database, open_database

from .cli_helpers import run
from .factories import NOW, seed_shops, seed_staff
from .quality_brief_data import LAST, first_and_last, planted
from .quality_factories import put_months, put_shop


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_the_pdf_brief_names_the_signals_shop_and_carries_the_pareto_figures(desk, staff, tmp_path):
    planted()
    compute_signals(desk, LAST)
    out = write_brief(LAST, tmp_path / "brief.pdf", "pdf", i18n.words())
    text = _pdf_text(out)
    assert "After-sales market-information brief 2026-10" in text
    assert "欧派家居" in text  # the shop whose complaints tripled
    assert "beyond 3σ" in text
    categories = pareto_for(*first_and_last(), "mall", None, "category")
    assert categories.total > 0
    assert f"{categories.rows[0].count:,}" in text and "100.0" in text
    assert f"{categories.total:,} complaints" in text
    assert len(PdfReader(str(out)).pages) >= 2  # the control charts are images beside the tables


def test_the_xlsx_brief_reads_back_sheet_by_sheet(desk, staff, tmp_path):
    planted()
    compute_signals(desk, LAST)
    i18n.set_language("zh_CN")
    try:
        out = write_brief(LAST, tmp_path / "brief.xlsx", None, i18n.words())
    finally:
        i18n.set_language("en")
    book = load_workbook(out)
    assert book.sheetnames == ["信号", "投诉类别排列图", "商品排列图", "词语"]
    signals = list(book["信号"].iter_rows(values_only=True))
    assert signals[0][0] == "售后市场信息简报 2026-10"
    assert signals[1][:3] == ("范围", "对象", "规则")
    shops = {row[1]: row for row in signals[2:] if row[0] == "商铺"}
    assert shops["欧派家居"][2] == "超出3σ" and shops["欧派家居"][7] == 32  # 30 product-quality, 2 delivery-delay complaints
    categories = pareto_for(*first_and_last(), "mall", None, "category")
    pareto = list(book["投诉类别排列图"].iter_rows(values_only=True))
    assert pareto[1][1] == categories.rows[0].count
    assert pareto[-1] == ("合计", categories.total, None, None)


def test_a_brief_is_written_as_pdf_or_xlsx_to_a_new_file_only(desk, staff, tmp_path):
    put_shop("S090", "空店", "tiles")
    put_months("S090", LAST, [1])
    with pytest.raises(DeskError) as refused:
        write_brief(LAST, tmp_path / "brief.csv", None, i18n.words())
    assert refused.value.key == "quality_brief.error.format"
    taken = tmp_path / "taken.xlsx"
    taken.write_bytes(b"")
    with pytest.raises(DeskError):
        write_brief(LAST, taken, "xlsx", i18n.words())
    with pytest.raises(DeskError) as month:
        write_brief("2026-13x", tmp_path / "b.xlsx", "xlsx", i18n.words())
    assert month.value.key == "quality_brief.error.period"


@pytest.fixture
def desk_file(tmp_path: Path) -> Path:
    path = tmp_path / "desk.db"
    open_database(path, create=True)
    seed_staff()
    seed_shops()
    planted()
    compute_signals(Desk(clock=lambda: NOW), LAST)
    close_database()
    return path


def test_report_brief_writes_the_file_it_is_told_to(capsys, desk_file, tmp_path):
    out = tmp_path / "brief.xlsx"
    done = run(capsys, "report", "brief", "--period", LAST, "--out", str(out), "--db", str(desk_file))
    assert (done.code, done.out) == (0, f"Brief written to {out}\n"), done.err
    assert load_workbook(out).sheetnames == ["Signals", "Pareto categories", "Pareto products", "Terms"]
    pdf = tmp_path / "brief.bin"
    done = run(capsys, "report", "brief", "--period", LAST, "--out", str(pdf), "--format", "pdf", "--db",
               str(desk_file))
    assert done.code == 0, done.err
    assert "欧派家居" in _pdf_text(pdf)
    again = run(capsys, "report", "brief", "--period", LAST, "--out", str(out), "--db", str(desk_file))
    assert again.code != 0 and str(out) in again.err and again.out == ""


def test_a_series_with_several_rules_broken_is_charted_once(desk, staff):
    from aftersales.services.quality.brief import read_brief

    put_months("S001", LAST, [10, 10, 10, 10, 10, 10, 11, 12, 14, 16, 19, 23, 60])  # rising, then beyond 3σ
    compute_signals(desk, LAST)
    brief = read_brief(LAST)
    shop = [item for item in brief.signals if (item.view.scope, item.view.key) == ("shop", "S001")]
    assert {item.view.rule for item in shop} >= {"beyond_3s", "six_rising"}
    assert [bool(item.points) for item in shop] == [True] + [False] * (len(shop) - 1)
