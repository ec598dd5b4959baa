"""`aftersales documents …` (a lead moves ranges, anyone looks a number up) and `aftersales shops scorecard`."""

import csv
import json

import pytest

from aftersales.domain.clock import fixed_clock
from aftersales.services.context import Desk
from aftersales.services.staff.auth import login
from aftersales.store.db import close_database, open_database

from .cli_helpers import run, run_as
from .factories import NOW, new_complaint


@pytest.fixture
def target(db_target, staff) -> str:
    close_database()
    return db_target


def test_a_lead_issues_receipts_and_lookup_names_the_shop_and_when(capsys, target):
    received = run_as(capsys, "lead01", "documents", "move", "receipt", "receive", "XS0000001", "XS0000500",
                      "--db", target)
    assert received.code == 0, received.err
    issued = run_as(capsys, "lead01", "documents", "move", "receipt", "issue", "101", "200", "--shop", "S002",
                    "--db", target)
    assert issued.out == "Issue to a shop: XS0000101–XS0000200 (100) S002\n"
    found = run(capsys, "documents", "lookup", "XS0000150", "--db", target)
    assert found.code == 0, found.err
    lines = found.out.splitlines()
    assert lines[0].startswith("XS0000150: Issued, S002 马可波罗瓷砖 since 2026-11-27 10:00")
    assert "Issue to a shop  S002  XS0000101–XS0000200" in lines[2]


def test_lookup_of_an_unknown_number_fails_in_one_line(capsys, target):
    found = run(capsys, "documents", "lookup", "XS9999999", "--db", target)
    assert (found.code, found.out, found.err) == (1, "", "XS9999999: not in any range received\n")


def test_an_impossible_move_is_refused_naming_the_numbers(capsys, target):
    run_as(capsys, "lead01", "documents", "move", "contract", "receive", "1", "10", "--db", target)
    refused = run_as(capsys, "lead01", "documents", "move", "contract", "return", "5", "12", "--shop", "S001",
                     "--db", target)
    assert refused.code == 1
    assert refused.err == ("Cannot Return unused: HT00000000005–HT00000000010 (In stock); "
                           "HT00000000011–HT00000000012 (never received)\n")
    operator = run_as(capsys, "op01", "documents", "move", "contract", "receive", "20", "--db", target)
    assert operator.code == 1 and "Traceback" not in operator.err


def test_the_stock_report_prints_and_exports(capsys, target, tmp_path):
    run_as(capsys, "lead01", "documents", "move", "price_tag", "receive", "1", "1000", "--db", target)
    run_as(capsys, "lead01", "documents", "move", "price_tag", "issue", "1", "300", "--shop", "S001", "--db", target)
    shown = run(capsys, "documents", "stock", "--db", target)
    assert shown.code == 0, shown.err
    assert [line.split()[:3] for line in shown.out.splitlines()[1:]] == [["Price", "tag", "Desk"],
                                                                         ["Price", "tag", "S001"]]
    out = tmp_path / "stock.csv"
    assert run(capsys, "documents", "stock", "--out", out, "--db", target).code == 0
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][-1] == "700" and rows[2][-1] == "300"
    again = run(capsys, "documents", "stock", "--out", out, "--db", target)
    assert again.code == 1 and "already exists" in again.err


def test_shops_scorecard_prints_the_ranking_worst_first_and_json(capsys, target):
    open_database(target)
    desk = Desk(clock=fixed_clock(NOW))
    op = login(desk, "op01", "1111")
    for k, shop in enumerate(["S002", "S002", "S003"]):
        new_complaint(desk, op, shop_code=shop, phone=f"1391234{k:04d}")
    close_database()
    shown = run(capsys, "shops", "scorecard", "--period", "2026-11", "--db", target)
    assert shown.code == 0, shown.err
    lines = shown.out.splitlines()
    assert lines[0] == "Shops ranked for 2026-11, worst first by Compl."
    assert [line.split()[0] for line in lines[2:]] == ["S002", "S003", "S001"]
    as_json = run(capsys, "shops", "scorecard", "--period", "2026-11", "--json", "--sort", "rank", "--db", target)
    data = json.loads(as_json.out)
    assert data["period"] == "2026-11" and {s["shop_code"]: s["complaints"] for s in data["shops"]} == {
        "S001": 0, "S002": 2, "S003": 1}
    wrong = run(capsys, "shops", "scorecard", "--period", "2026-13", "--db", target)
    assert wrong.code == 1 and "Traceback" not in wrong.err and "2026-13" in wrong.err
