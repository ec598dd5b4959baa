"""`aftersales report signals`: compute a month and list it, as a table or JSON; a bad period is refused
in one line."""

import json
from pathlib import Path

import pytest

from aftersales.store.db import close_database, open_database

from .cli_helpers import run
from .factories import seed_shops, seed_staff
from .quality_factories import put_months
from .test_quality_signals import FLAT, LAST


@pytest.fixture
def desk_file(tmp_path: Path) -> Path:
    path = tmp_path / "desk.db"
    open_database(path, create=True)
    seed_staff()
    seed_shops()
    put_months("S001", LAST, [*FLAT, 30])
    close_database()
    return path


def test_compute_then_list_as_a_table(capsys, desk_file):
    empty = run(capsys, "report", "signals", "--period", LAST, "--db", desk_file)
    assert empty.code == 0 and "No signal stored for 2026-10" in empty.out
    done = run(capsys, "report", "signals", "--period", LAST, "--compute", "--db", desk_file)
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert lines[0].startswith("Computed 2026-10: series judged: 3; signals: 3 (3 new); ")
    assert lines[1] == "Quality signals 2026-10: 3 (new: 3)"
    assert lines[3].split() == ["Shop", "S001", "欧派家居", "beyond", "3σ", "30.0", "0.5–19.5", "10.0", "2026-10", "new"]
    assert "Furniture" in lines[5]


def test_json_for_scripts(capsys, desk_file):
    done = run(capsys, "report", "signals", "--period", LAST, "--compute", "--json", "--db", desk_file)
    assert done.code == 0, done.err
    out = json.loads(done.out)
    assert out["computed"]["found"] == 3 and out["grain"] == "month"
    first = out["signals"][0]
    assert (first["scope"], first["key"], first["rule"], first["count"], first["state"]) == (
        "shop", "S001", "beyond_3s", 30, "new")
    assert first["why_text"].startswith("c-chart (complaint counts, no sales documents known), Poisson limits")


def test_a_week(capsys, desk_file):
    done = run(capsys, "report", "signals", "--week", "2026-W44", "--compute", "--db", desk_file)
    assert done.code == 0, done.err
    assert "No signal stored for 2026-W44" in done.out


@pytest.mark.parametrize(("argv", "words"), [
    (["--period", "2026-13"], "Not a month: 2026-13"),
    (["--week", "2026-44"], "Not an ISO week: 2026-44"),
    (["--period", LAST, "--week", "2026-W44"], "--period YYYY-MM or --week YYYY-Www"),
    ([], "--period YYYY-MM or --week YYYY-Www"),
])
def test_bad_input_is_one_line(capsys, desk_file, argv, words):
    done = run(capsys, "report", "signals", *argv, "--db", desk_file)
    assert done.code != 0 and done.out == ""
    assert done.err.count("\n") == 1 and "Traceback" not in done.err and words in done.err, done.err


def test_chinese_words(capsys, desk_file):
    done = run(capsys, "report", "signals", "--period", LAST, "--compute", "--lang", "zh", "--db", desk_file)
    assert done.code == 0, done.err
    assert "质量信号 2026-10：3 条（新：3）" in done.out and "超出 3σ" in done.out and "家具" in done.out
