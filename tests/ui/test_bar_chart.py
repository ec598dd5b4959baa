"""The dashboard's daily bars: scaled from zero, one fixed-width column per day."""

from aftersales.ui.widgets.bar_chart import bar_chart


def test_bars_start_at_zero_and_the_tallest_fills_the_height():
    lines = bar_chart([0, 4, 8], height=2, column=3).plain.replace("\u00a0", " ").split("\n")
    assert lines == ["      ██ ", "   ██ ██ "]


def test_each_value_keeps_its_column_under_its_label():
    lines = bar_chart([5, 5, 5, 5], height=1, column=5).plain.replace("\u00a0", " ").split("\n")
    assert lines == ["████ ████ ████ ████ "]


def test_no_data_draws_empty_lines():
    assert bar_chart([0, 0], height=3, column=4).plain.strip("\u00a0\n") == ""
