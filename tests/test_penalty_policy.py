"""The `[penalties]` table of config.toml: defaults, how it reaches the services, and one-line refusals."""

from pathlib import Path

import pytest

from aftersales.domain.penalties.enums import CountingWindow, RuleKind, SubjectKind
from aftersales.domain.penalties.policy import PenaltyPolicy
from aftersales.settings import DeskConfig, SettingsRefused, desk_for, load_config

from .cli_helpers import empty_desk, run


def settings(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_default_policy_is_the_malls_rule() -> None:
    policy = DeskConfig().penalties
    assert policy.window is CountingWindow.CALENDAR_YEAR
    assert policy.staff_ladder_fen == (5000, 10000, 20000) and policy.shop_ladder_fen is None
    assert policy.dismissal_review_from_tier == 3
    assert set(policy.rules) == {
        "late_acknowledgement", "missed_callback", "not_confirmed_with_customer", "service_record_missing",
        "major_incident_not_reported", "rude_to_customer", "loss_by_rule_breach",
    }
    assert [code for code, rule in policy.rules.items() if rule.kind is RuleKind.DISCRETIONARY] == ["loss_by_rule_breach"]
    assert policy.rules["rude_to_customer"].title("zh_CN") == "对顾客态度恶劣"


def test_a_penalties_table_reaches_the_services_through_the_desk(tmp_path: Path) -> None:
    path = settings(tmp_path, """
[penalties]
window = "rolling_12_months"
staff_ladder_fen = [10000, 20000, 30000, 50000]
shop_ladder_fen = [50000, 100000]
dismissal_review_from_tier = 4

[penalties.rules.smoking_on_duty]
title_en = "Smoking on duty"
title_zh = "上班时间吸烟"
""")
    config, problem = load_config(path)
    assert problem is None
    desk = desk_for(config)
    assert desk.penalties.window is CountingWindow.ROLLING_12_MONTHS
    assert desk.penalties.amount(SubjectKind.STAFF, 5) == 50000
    assert desk.penalties.amount(SubjectKind.SHOP, 1) == 50000
    assert not desk.penalties.opens_review(SubjectKind.STAFF, 3)
    assert list(desk.penalties.rules) == ["smoking_on_duty"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[penalties]\nstaff_ladder_fen = [5000, 0]\n", "penalties.staff_ladder_fen.1"),
        ("[penalties]\nstaff_ladder_fen = [20000, 10000]\n", "penalties.staff_ladder_fen"),
        ("[penalties]\nstaff_ladder_fen = []\n", "penalties.staff_ladder_fen"),
        ("[penalties]\nwindow = \"fortnight\"\n", "penalties.window"),
        ("[penalties]\ndismissal_review_from_tier = 0\n", "penalties.dismissal_review_from_tier"),
        ("[penalties]\nladder = [1]\n", "penalties.ladder"),
        ("[penalties.rules.late]\ntitle_en = \"Late\"\n", "penalties.rules.late.title_zh"),
        ("[penalties.rules.late]\ntitle_en = \"Late\"\ntitle_zh = \"迟\"\nkind = \"big\"\n", "penalties.rules.late.kind"),
        ("[penalties.rules.Late]\ntitle_en = \"Late\"\ntitle_zh = \"迟\"\n", "penalties.rules.Late"),
        ("[penalties]\nrules = {}\n", "penalties"),
        ("[penaltys]\nwindow = \"all_time\"\n", "penaltys"),
    ],
)
def test_a_bad_penalty_policy_stops_with_one_line_naming_the_key(tmp_path: Path, text: str, key: str) -> None:
    path = settings(tmp_path, text)
    with pytest.raises(SettingsRefused) as refused:
        load_config(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: {key}") and "\n" not in message


def test_a_bad_display_setting_is_ignored_but_the_penalty_policy_is_kept(tmp_path: Path) -> None:
    path = settings(tmp_path, 'theme = 7\n[penalties]\nwindow = "all_time"\n')
    config, problem = load_config(path)
    assert problem is not None and "theme" in problem
    assert config.theme is None and config.penalties == PenaltyPolicy(window="all_time")


def test_a_file_that_is_not_toml_stops_the_desk(tmp_path: Path) -> None:
    with pytest.raises(SettingsRefused, match="config.toml"):
        load_config(settings(tmp_path, "[penalties\nwindow = 1"))


def test_the_desk_does_not_open_on_a_bad_policy(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "config"
    (folder / "aftersales").mkdir(parents=True)
    (folder / "aftersales" / "config.toml").write_text('[penalties]\nwindow = "week"\n', encoding="utf-8")
    monkeypatch.setattr("platformdirs.user_config_path", lambda app: folder / app)
    monkeypatch.setattr("aftersales.ui.app.DeskApp", None)  # never reached
    path = tmp_path / "desk.db"
    empty_desk(path)
    outcome = run(capsys, "--db", path)
    assert outcome.code == 2
    assert outcome.err.count("\n") == 1 and "penalties.window" in outcome.err and "Traceback" not in outcome.err
