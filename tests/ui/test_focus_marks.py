"""Where typing goes and what is ticked are seen at a glance: the focused field stands out from the others
in every theme the desk offers, an unticked box is empty, and a field that belongs to a box hangs from it."""

import pytest
from textual.color import Color
from textual.widgets import Input, Select, TextArea

from aftersales.domain.schemas import StaffView
from aftersales.ui.screens.complaints.intake import IntakeScreen
from aftersales.ui.widgets.tick_box import TickBox

from .harness import LoggedIn, press, screen_text, settle

# The desk's own dark theme and the light one offered beside it.
THEMES = ("textual-dark", "textual-light")
# WCAG's lowest contrast for text is 4.5:1; a focus mark behind the text needs a clear step, not one grey.
FOCUS_CONTRAST = 1.8
TEXT_CONTRAST = 4.5


def relative_luminance(color: Color) -> float:
    """WCAG 2 relative luminance of an opaque colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(one: Color, other: Color) -> float:
    light, dark = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def shown_background(widget: Input | TextArea) -> Color:
    """The colour behind the widget's text as drawn: its background and tint over every ancestor's."""
    return widget.background_colors[1]


@pytest.mark.parametrize("theme", THEMES)
async def test_a_focused_field_stands_out_from_the_others_in_each_theme(
    logged_in: LoggedIn, staff: dict[str, StaffView], theme: str
) -> None:
    async with logged_in("op01") as (app, pilot):
        app.theme = theme
        await press(pilot, "n")
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        phone, name = screen.query_one("#phone", Input), screen.query_one("#customer_name", Input)
        description = screen.query_one("#description", TextArea)
        select = screen.query_one("#severity", Select)

        phone.focus()
        await settle(pilot)
        focused = shown_background(phone)
        text = phone.styles.color
        name.focus()
        await settle(pilot)
        unfocused = shown_background(phone)
        assert contrast(focused, unfocused) >= FOCUS_CONTRAST, (theme, focused, unfocused)
        assert contrast(focused, text) >= TEXT_CONTRAST, (theme, focused, text)

        description.focus()
        await settle(pilot)
        assert contrast(shown_background(description), unfocused) >= FOCUS_CONTRAST, theme
        select.focus()
        await settle(pilot)
        current = select.children[0]
        assert contrast(current.background_colors[1], unfocused) >= FOCUS_CONTRAST, theme


async def test_an_unticked_box_is_empty_and_a_ticked_one_shows_a_tick(logged_in: LoggedIn, staff: dict[str, StaffView]) -> None:
    async with logged_in("op01", language="zh_CN") as (app, pilot):
        await press(pilot, "n")
        box = app.screen.query_one("#major_incident", TickBox)
        assert "▐ ▌ 重大突发事件" in screen_text(app)
        assert "X" not in box.render().plain
        box.focus()
        await press(pilot, "space")
        assert box.value
        assert "▐✓▌ 重大突发事件" in screen_text(app)


async def test_the_reason_hangs_from_the_major_incident_box(logged_in: LoggedIn, staff: dict[str, StaffView]) -> None:
    async with logged_in("op01", language="zh_CN") as (app, pilot):
        await press(pilot, "n")
        lines = screen_text(app).splitlines()
        box_row = next(i for i, line in enumerate(lines) if "重大突发事件" in line)
        # The reason's line comes right under the box, marked as belonging to it.
        assert "└ 原因" in lines[box_row + 1]
