"""Section 7 with real keys: open it, change the period, see the summary, chart and tables follow."""

from rich.console import Console
from textual.widgets import DataTable, OptionList, Static

from aftersales.ui.screens.reports.charts import ReceivedChart
from aftersales.ui.screens.reports.reports import ReportsScreen
from tests.report_factories import october

from .harness import LoggedIn, press, settle


def _text(widget: Static) -> str:
    console = Console(width=200, record=True)
    shown = widget.render()
    console.print(getattr(shown, "_renderable", shown))  # a rich Table is shown through a RichVisual
    return console.export_text()


async def test_changing_the_period_changes_the_chart_and_the_tables(logged_in: LoggedIn, staff) -> None:
    october()
    async with logged_in("lead01", "7") as (app, pilot):
        screen = app.screen
        assert isinstance(screen, ReportsScreen)
        # The desk's clock stands in November 2026: one complaint, received on the 1st.
        assert "2026-11 (month, partial)" in _text(screen.query_one("#period-line", Static))
        chart = screen.query_one(ReceivedChart)
        assert len(chart.points) == 30 and sum(point.received for point in chart.points) == 1
        await press(pilot, "left_square_bracket")
        assert "2026-10 (month) · compared with 2026-09" in _text(screen.query_one("#period-line", Static))
        assert len(chart.points) == 31 and sum(point.received for point in chart.points) == 5
        summary = _text(screen.query_one("#summary", Static))
        assert "Complaints received" in summary and "+400.0" in summary  # 5 against September's 1
        await press(pilot, "p")  # a quarter
        assert [point.label for point in chart.points] == ["2026-10", "2026-11", "2026-12"]
        await press(pilot, "t")
        assert app.focused is screen.query_one("#table-list", OptionList)
        await press(pilot, "down")  # received by complaint category
        grid = screen.query_one("#table", DataTable)
        rows = [[str(cell) for cell in grid.get_row_at(index)] for index in range(grid.row_count)]
        assert rows[0][:2] == ["Product quality", "4"]


async def test_the_progress_bar_is_hidden_once_the_figures_are_in(logged_in: LoggedIn, staff) -> None:
    async with logged_in("op01", "7") as (app, pilot):
        assert app.screen.query_one("#progress").has_class("-idle")
        assert app.screen.view is not None and app.screen.view.current.received == 0


async def test_a_filter_narrows_the_figures(logged_in: LoggedIn, staff) -> None:
    october()
    async with logged_in("lead01") as (app, pilot):
        await press(pilot, "7", "left_square_bracket")
        await press(pilot, "f")
        await press(pilot, *"S002", "f2")
        screen = app.screen
        assert isinstance(screen, ReportsScreen)
        assert screen.view is not None and screen.view.current.received == 1
        assert "S002" in _text(screen.query_one("#period-line", Static))


async def test_a_shop_that_does_not_exist_is_said_under_its_field(logged_in: LoggedIn, staff) -> None:
    async with logged_in("lead01") as (app, pilot):
        await press(pilot, "7", "f")
        await press(pilot, *"S999", "f2")
        assert "S999" in _text(app.screen.query_one("#error-shop", Static))


async def test_the_register_is_written_and_handed_over_from_the_section(
    logged_in: LoggedIn, staff, tmp_path
) -> None:
    from aftersales.store.db import connection
    from aftersales.store.models import RegisterHandover
    from aftersales.ui.screens.reports.dialogs import RegisterDialog

    october()
    async with logged_in("lead01") as (app, pilot):
        await press(pilot, "7", "left_square_bracket")
        await press(pilot, "m")
        dialog = app.screen
        assert isinstance(dialog, RegisterDialog)
        field = dialog.query_one("#field-path")
        field.value = str(tmp_path / "2026-10.xlsx")  # type: ignore[attr-defined]
        dialog.query_one("#field-hand_over").value = True  # type: ignore[attr-defined]
        await press(pilot, "f2")
        assert (tmp_path / "2026-10.xlsx").exists()
        assert isinstance(app.screen, ReportsScreen)
    with connection():
        assert [(row.month, row.format) for row in RegisterHandover.select()] == [("2026-10", "xlsx")]


async def test_the_table_shown_is_exported(logged_in: LoggedIn, staff, tmp_path) -> None:
    october()
    async with logged_in("lead01") as (app, pilot):
        await press(pilot, "7", "left_square_bracket")
        await press(pilot, "t", "down", "down")  # received by shop category
        await press(pilot, "x")
        app.screen.query_one("#field-path").value = str(tmp_path / "shops.csv")  # type: ignore[attr-defined]
        await press(pilot, "f2")
    lines = (tmp_path / "shops.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Shop category,Count,Share (%)" and lines[1] == "Furniture,3,60.0"


async def test_changes_while_reading_are_read_once_more_after(logged_in: LoggedIn, staff) -> None:
    from aftersales.ui.messages import DataChanged

    async with logged_in("lead01", "7") as (app, pilot):
        screen = app.screen
        assert isinstance(screen, ReportsScreen)
        reads = []
        original = screen._read
        screen._read = lambda period, filters: (reads.append(period.label), original(period, filters))  # type: ignore[method-assign]
        screen.load()
        for _ in range(5):
            screen.post_message(DataChanged())
        await settle(pilot)
        assert reads == ["2026-11", "2026-11"]  # the first read, then one more for all five changes
        assert not screen.loading and not screen.stale
