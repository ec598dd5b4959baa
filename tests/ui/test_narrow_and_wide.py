"""Every screen from 80 × 24 up to 240 × 70: what stays on screen, what reflows, what is never cut."""

from datetime import date, timedelta

from rich.cells import cell_len
from textual.widgets import Select, TextArea

from aftersales import i18n
from aftersales.domain.enums import Category, ComplaintStatus
from aftersales.domain.schemas import StaffView
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from aftersales.store.models import Complaint
from aftersales.ui.widgets.queue_columns import least_widths, plan_columns
from aftersales.ui.widgets.trend_chart import count_label, trend_text
from tests.factories import new_complaint
from tests.ui.queue_harness import seed_complaints

from .harness import LoggedIn, press, screen_text, settle

SMALL, MIDDLE, WIDE, HUGE = (80, 24), (120, 36), (200, 50), (240, 70)


def _column_line(app, *words: str) -> str:  # type: ignore[no-untyped-def]
    return next(line for line in screen_text(app).splitlines() if all(word in line for word in words))


async def test_the_queue_keeps_number_status_time_left_and_severity_at_80_columns(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    seed_complaints(desk, staff["op01"], 5)
    for language in ("en", "zh_CN"):
        async with logged_in("op01", "2", language=language, size=SMALL) as (app, pilot):
            header = _column_line(app, i18n.t("queue.column.number"), i18n.t("queue.column.status"))
            for key in ("number", "customer", "severity", "status", "time_left"):
                assert i18n.t(f"queue.column.{key}") in header, (language, key, header)
            row = _column_line(app, "TS-20261127-0005")
            assert i18n.label(ComplaintStatus.NEW) in row
            assert i18n.t("queue.deadline.ack") in row  # the time left says which deadline it counts


async def test_a_five_digit_complaint_number_is_never_cut(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    made = new_complaint(desk, staff["op01"])
    Complaint.update(number="TS-20261127-11402").where(Complaint.id == made.id).execute()
    for size in (SMALL, (140, 36), HUGE):
        async with logged_in("op01", "2", size=size) as (app, pilot):
            assert "TS-20261127-11402" in screen_text(app), size


async def test_english_categories_are_whole_and_tell_delay_from_damage(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    new_complaint(desk, staff["op01"], category="delivery_delay", phone="13900000001")
    new_complaint(desk, staff["op01"], category="delivery_damage", phone="13900000002")
    async with logged_in("op01", "2", size=MIDDLE) as (app, pilot):
        text = screen_text(app)
        assert "Delivery delay" in text and "Delivery damage" in text and "Delivery …" not in text


def test_a_category_label_is_shown_whole_or_its_column_is_left_out() -> None:
    for language in ("en", "zh_CN"):
        i18n.set_language(language)
        least = least_widths([], [])
        assert least["category"] == max(cell_len(i18n.t(f"queue.category.{c.value}")) for c in Category)
        for width in range(80, 241):
            plan = plan_columns(width, least)
            assert plan.widths.get("category", least["category"]) >= least["category"]
            assert "number" in plan.widths and sum(w + 2 for w in plan.widths.values()) + 1 <= width
    i18n.set_language("en")


async def test_the_shop_name_takes_the_spare_width_of_a_wide_terminal(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    seed_complaints(desk, staff["op01"], 3)
    async with logged_in("op01", "2", size=WIDE) as (app, pilot):
        plan = app.screen.table.plan
        assert plan is not None and set(plan.widths) == {
            "number", "time", "shop", "customer", "category", "severity", "status", "assignee", "time_left"}
        used = sum(width + 2 for width in plan.widths.values()) + 1
        assert used == WIDE[0] and plan.widths["shop"] > 50


async def test_the_detail_timeline_wraps_notes_under_their_line_and_scrolls_into_view(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    op = staff["op01"]
    view = new_complaint(desk, op)
    actions.acknowledge(desk, op, view.id, 1)
    long_note = "客户来电说明：" + "上门时间改到周六上午，" * 6 + "请配送中心确认。"
    actions.add_note(desk, op, view.id, {"text": long_note, "customer_contact": True})
    for language in ("en", "zh_CN"):
        async with logged_in("op01", complaint=view.id, language=language, size=SMALL) as (app, pilot):
            await press(pilot, "end")  # the whole detail scrolls: the timeline is below the facts
            text = "".join(line.strip(" │") for line in screen_text(app).splitlines())
            assert long_note in text.replace(" ", "").replace("│", "") or long_note[-12:] in text
            lines = screen_text(app).splitlines()
            note_line = next(i for i, line in enumerate(lines) if "请配送中心确认" in line)
            assert "上门时间" in lines[note_line - 1]  # wrapped: the note goes on under itself


async def test_the_intake_stacks_its_columns_at_80_columns_and_keeps_every_select_usable(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    async with logged_in("op01", size=SMALL) as (app, pilot):
        await press(pilot, "n")
        screen = app.screen
        for name in ("category", "severity", "channel", "remedy"):
            assert screen.query_one(f"#{name}", Select).size.width >= 40, name
        assert screen.query_one("#description", TextArea).size.width >= 60
        left, right = screen.query_one("#intake-left"), screen.query_one("#intake-right")
        assert right.region.y > left.region.y and right.region.x == left.region.x


def test_chart_counts_stay_under_their_bars_with_five_digits() -> None:
    days = [date(2026, 11, 14) + timedelta(days=n) for n in range(14)]
    counts = [11_000 + 137 * n for n in range(14)]
    for width in (43, 77, 120, 197):
        column = min(12, width // 14)
        lines = trend_text(days, counts, width, 10).plain.replace("\u00a0", " ").split("\n")
        bars, *labels = [line for line in lines if line.strip()][-3:]
        for row in labels:
            assert len(row) == len(bars.rstrip()) + 1 or len(row) == 14 * column
            for n in range(14):
                last = n * column + column - 2  # the bar's last cell: the label ends there
                assert bars[last] != " " and row[last] != " " and row[last + 1] == " ", (width, row)


def test_counts_too_wide_for_their_column_are_shortened_or_left_out() -> None:
    assert count_label(11_523, 4) == "12k"
    assert count_label(11_523, 5) == "11523"
    assert count_label(11_523, 2) is None
    text = trend_text([date(2026, 11, 1)] * 14, [11_523] * 14, 30, 6).plain
    assert "11523" not in text and "12k" not in text


async def test_the_login_box_and_the_demo_accounts_fit_80_by_24(desk_db: str) -> None:
    from aftersales.ui.screens.shell.login import LoginScreen

    from .conftest import make_app

    app = make_app(desk_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LoginScreen)
        box = screen.query_one("#login-box")
        assert box.region.bottom <= SMALL[1] - 1 and box.region.right <= SMALL[0]
        assert not box.show_vertical_scrollbar
