"""Per-shop delivery quality on a small dataset worked out by hand, and the run sheet of a fixed day."""

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from aftersales import i18n
from aftersales.domain.clock import fixed_clock
from aftersales.domain.deliveries import FailureReason
from aftersales.services.context import Desk
from aftersales.services.deliveries import orders
from aftersales.services.deliveries.quality import shop_delivery_quality
from aftersales.services.deliveries.runsheet import export_runsheet, runsheet_rows
from aftersales.services.transfer.exports import ExportFormat, ExportRefused

from .delivery_helpers import NOW, TOMORROW, dispatched, investigating


def at(hours: float) -> Desk:
    """The desk `hours` after NOW (10:00 on 11-27 in Shanghai): +29 is 15:00 tomorrow."""
    return Desk(clock=fixed_clock(NOW + timedelta(hours=hours)))


def run(dc, order, crew, *, done_at=None, fail_at=None, reason=None):
    """Accept and send out `order` now; then complete it or record a failed run at the given hour."""
    order = orders.accept_order(at(0), dc, order.id, {"crew": crew, "promised_date": order.promised_date,
                                                      "slot": order.slot}, order.version)
    order = orders.dispatch_order(at(0), dc, order.id, order.version)
    if fail_at is not None:
        return orders.fail_order(at(fail_at), dc, order.id, {"reason": reason}, order.version)
    return orders.complete_order(at(done_at), dc, order.id, {}, order.version)


@pytest.fixture
def two_shops(desk, staff):
    """S001: four orders for tomorrow afternoon, S002: two for tomorrow morning (see the test for what happened)."""
    op, dc = staff["op01"], staff["dc01"]
    oupai = investigating(desk, op, shop_code="S001")
    marco = investigating(desk, op, shop_code="S002", phone="13900000002", customer_name="钱伟")
    o1 = dispatched(desk, op, oupai, kind="redeliver", items="布艺沙发 1 件")
    o2 = dispatched(desk, op, oupai, kind="install", items="=SUM(A1:A9)", notes="+86 先电话")
    o3 = dispatched(desk, op, oupai, kind="redeliver", items="茶几 1 张")
    o4 = dispatched(desk, op, oupai, kind="inspect", items="餐桌")
    o5 = dispatched(desk, op, marco, kind="replace", slot="morning", items="地砖 3 箱", address="浦东新区张杨路88号")
    o6 = dispatched(desk, op, marco, kind="pickup", slot="morning", items="地砖 1 箱", address="浦东新区张杨路88号")
    run(dc, o1, "张师傅", done_at=29)                       # 15:00 tomorrow: on time
    run(dc, o2, "张师傅", done_at=33)                       # 19:00 tomorrow: after the afternoon slot
    o3 = run(dc, o3, "李师傅", fail_at=29, reason="customer_absent")
    o3 = orders.reschedule_order(at(30), dc, o3.id, {"promised_date": TOMORROW + timedelta(days=1),
                                                     "slot": "morning"}, o3.version)
    run(dc, o3, "李师傅", done_at=48)                       # 10:00 the day after: on time for its new promise
    orders.cancel_order(at(1), dc, o4.id, {"reason": "客户取消"}, o4.version)
    o5 = run(dc, o5, "王师傅", fail_at=25, reason="wrong_item")
    orders.cancel_order(at(26), dc, o5.id, {"reason": "商铺缺货"}, o5.version)
    run(dc, o6, "王师傅", done_at=25)                       # 11:00 tomorrow: on time
    return [o1, o2, o3, o4, o5, o6]


def test_shop_quality_matches_the_figures_worked_out_by_hand(two_shops):
    found = {shop.shop_code: shop for shop in shop_delivery_quality(TOMORROW, TOMORROW)}
    oupai, marco = found["S001"], found["S002"]
    # S001: 4 orders, 3 completed of which 2 on time; 1 run failed (customer absent); 2 re-deliveries.
    assert (oupai.orders, oupai.completed, oupai.on_time, oupai.cancelled) == (4, 3, 2, 1)
    assert oupai.on_time_rate == pytest.approx(2 / 3)
    assert oupai.failures == {FailureReason.CUSTOMER_ABSENT: 1}
    assert oupai.failure_rate == {FailureReason.CUSTOMER_ABSENT: 0.25}
    assert (oupai.redeliveries, oupai.reschedules) == (2, 1)
    # S002: 2 orders, 1 completed on time; 1 run failed (wrong item), then cancelled.
    assert (marco.orders, marco.completed, marco.on_time, marco.cancelled) == (2, 1, 1, 1)
    assert marco.on_time_rate == 1.0
    assert marco.failure_rate == {FailureReason.WRONG_ITEM: 0.5}
    assert (marco.redeliveries, marco.reschedules) == (0, 0)


def test_shop_quality_counts_an_order_in_the_period_it_was_first_promised_for(two_shops):
    assert shop_delivery_quality(TOMORROW + timedelta(days=1), TOMORROW + timedelta(days=9)) == []
    only = shop_delivery_quality(TOMORROW, TOMORROW, shop_ids=[2])
    assert [shop.shop_code for shop in only] == ["S002"]


def test_runsheet_of_a_fixed_day_lists_crew_slot_address_contact_items_and_complaint(two_shops):
    rows = runsheet_rows(TOMORROW, i18n.words())
    # Cancelled orders are left out; o3 moved to the day after.
    assert [(r["crew"], r["slot"], r["order"]) for r in rows] == [
        ("张师傅", "Afternoon", two_shops[0].number),
        ("张师傅", "Afternoon", two_shops[1].number),
        ("王师傅", "Morning", two_shops[5].number),
    ]
    first = rows[0]
    assert first == {
        "crew": "张师傅", "slot": "Afternoon", "order": two_shops[0].number, "kind": "Re-deliver",
        "status": "Completed", "address": "上海市浦东新区锦绣路1001弄5号602室", "contact": "赵敏",
        "phone": "13812345678", "items": "布艺沙发 1 件", "complaint": "TS-20261127-0001", "shop": "欧派家居",
        "notes": "",
    }


def test_runsheet_csv_and_xlsx_carry_the_same_cells_and_never_formulas(two_shops, tmp_path: Path):
    csv_path, xlsx_path = tmp_path / "run.csv", tmp_path / "run.xlsx"
    assert export_runsheet(TOMORROW, csv_path, ExportFormat.CSV, i18n.words()) == 3
    assert export_runsheet(TOMORROW, xlsx_path, ExportFormat.XLSX, i18n.words()) == 3
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == ["Crew", "Slot", "Order", "Kind", "Status", "Address", "Contact", "Phone", "Items",
                        "Complaint", "Shop", "Notes"]
    assert table[2][8] == "'=SUM(A1:A9)" and table[2][11] == "'+86 先电话"
    sheet = load_workbook(xlsx_path).active
    assert [[cell.value or "" for cell in row] for row in sheet.iter_rows()] == table
    assert sheet.title == TOMORROW.isoformat()


def test_runsheet_never_overwrites_a_file(two_shops, tmp_path: Path):
    taken = tmp_path / "run.csv"
    taken.write_text("mine")
    with pytest.raises(ExportRefused):
        export_runsheet(TOMORROW, taken, ExportFormat.CSV, i18n.words())
    assert taken.read_text() == "mine"


def test_runsheet_headers_follow_the_language(two_shops, tmp_path: Path):
    i18n.set_language("zh")
    out = tmp_path / "派车单.csv"
    export_runsheet(TOMORROW, out, ExportFormat.CSV, i18n.words())
    header, first = list(csv.reader(out.open(encoding="utf-8-sig")))[:2]
    assert header[:3] == ["配送员", "时段", "配送单"] and first[1] == "下午" and first[4] == "已完成"
