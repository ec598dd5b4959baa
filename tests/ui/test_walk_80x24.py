"""Every screen and dialog at 80 × 24, in both languages, as each role that sees it: nothing cut.

One desk per role and language walks its sections by key, their sub-screens and dialogs, and a complaint's
detail with its dialogs; after every key the screen is checked for
- a label or text cut by its own region (wider than a line it may not wrap, or taller than its box), a
  complaint or order number broken over two lines, or wrapped away from the words that lead to it;
- an input whose hint is cut; a table wider than its box (a sideways scroll);
- a widget with something to show but no room to show it in;
- a footer without F1, or with a key cut off at its edge;
and for the places issue 18 named: every section's name in the top bar, the board's complaint number and
slot, the call-backs' rows on the dashboard.
"""

import re
from collections.abc import Iterator
from typing import Any

from rich.cells import cell_len
from textual.app import App
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, Label, OptionList, Static
from textual.widgets._footer import FooterKey

from aftersales import i18n
from aftersales.domain.schemas import StaffView
from aftersales.services.context import Desk
from aftersales.services.quality.signals import compute_signals
from aftersales.ui.screens.callbacks.due import CallbacksDuePanel
from aftersales.ui.screens.deliveries.board import DeliveryBoardScreen
from aftersales.ui.sections import RESTRICTED, SECTIONS, may_open
from aftersales.ui.widgets.footer_rows import key_cells, pack
from aftersales.ui.widgets.section_bar import SectionBar

from ..factories import NOW
from ..quality_factories import put_months
from .conftest import seed_complaints
from .delivery_harness import seed_board
from .escalation_harness import seed_escalations
from .harness import desk_running, make_app, press, settle, type_phone
from .penalty_harness import seed_penalties
from .test_callbacks_ui import resolved_days_ago

SIZE = (80, 24)
LANGUAGES = ("en", "zh_CN")
BACK = ("escape",)
# A number the desk shows whole or not at all.
WHOLE = re.compile(r"\b(?:TS|DO)-\d{8}-\d{4,}\b|\bDO-\d{6,}\b")
# Where a line may end before a number on the next: punctuation closing a phrase or a list.
LINE_ENDS = ":：;；,，、·。.)）]】"
# Dialog keys of the detail; "a" (acknowledge) and "c" (close) would save at once, so they are left out.
DETAIL_DIALOGS = ("g", "t", "s", "r", "w", "d", "e", "v", "o", "b", "x", "y")

# Each role's walk: paths of keys from wherever the last one left the desk back at its home (escape).
WALKS: dict[str, list[tuple[str, ...]]] = {
    "op01": [
        ("1", "f1"), ("1", "b", "enter"),
        ("2", "f"),
        ("2", "enter", *[k for key in DETAIL_DIALOGS for k in (key, "escape")]),
        ("2", "down", "enter", *[k for key in ("r", "s", "b") for k in (key, "escape")]),
        ("3", "d", "escape", "e", "escape", "v"),
        ("4",), ("5", "m"), ("6", "s", "enter"), ("6", "d"), ("6", "v"), ("6", "o"), ("7",), ("7", "q", "enter"),
    ],
    "lead01": [
        ("1",), ("2",),
        ("4", "a", "escape", "i", "escape", "g", "escape", "u", "escape", "c", "escape", "enter"),
        ("5", "y", "escape", "m"), ("5", "enter", *[k for key in "cwdrap" for k in (key, "escape")]),
        ("6", "a", "escape", "e"),
        ("7", "p", "f", "escape", "t", "x", "escape", "m"),
        ("7", "q", "a", "escape", "r", "escape", "b", "escape", "enter", "p", "s", "escape", "escape", "escape", "t"),
    ],
    "mgr01": [("1",), ("2",), ("3",), ("4",), ("5", "y", "f"), ("6",), ("7", "t"), ("7", "q", "enter")],
    "dc01": [("3", *[k for key in "aocfrde" for k in (key, "escape")], "down", "down", "enter", "v", "enter")],
}


# Cuts this walk still finds outside issue 18's list, left for their own change: (screen, widget, problem).
KNOWN: tuple[tuple[str, str, str], ...] = ()


def known(screen: str, problem: str) -> bool:
    return any(screen == where and problem.startswith(f"{widget}: ") and what in problem
               for where, widget, what in KNOWN)


def shown(widget: Widget) -> bool:
    """True when `widget` and every container above it are displayed."""
    node: Any = widget
    while isinstance(node, Widget):
        if not node.display or not node.visible:
            return False
        node = node.parent
    return True


def _text(widget: Static) -> str:
    return str(widget.render())


def _lines(widget: Widget) -> list[str]:
    """The lines of `widget`'s content as drawn (its border and padding left out)."""
    outer = widget.outer_size
    strips = widget.render_lines(Region(0, 0, outer.width, outer.height))
    top = widget.content_region.y - widget.region.y
    left = widget.content_region.x - widget.region.x
    width, height = widget.content_size
    return [strip.crop(left, left + width).text.rstrip() for strip in strips[top: top + height]]


def static_problems(widget: Static) -> Iterator[str]:
    """A label cut sideways (it may not wrap) or at its foot, a number broken over two lines, no room."""
    text = _text(widget)
    if not text.strip():
        return
    width, height = widget.content_size
    if width <= 0 or height <= 0:
        yield f"no room for {text[:40]!r}"
        return
    natural = widget.get_content_width(widget.container_size, widget.app.size)
    visual = widget.visual
    wraps = widget.styles.text_wrap != "nowrap" and not getattr(visual, "no_wrap", False)
    # A text that marks its own shortening with "…" where it must give way is not cut unseen.
    marked = widget.styles.text_overflow == "ellipsis" or getattr(visual, "overflow", None) == "ellipsis"
    rendered = "\n".join(_lines(widget))
    if not wraps and not marked and natural > width:
        yield f"cut at {width} of {natural} cells: {text[:60]!r}"
    needed = widget.get_content_height(widget.container_size, widget.app.size, width)
    if needed > height and widget.styles.overflow_y not in ("auto", "scroll"):
        yield f"{needed} lines in {height}: {text[:60]!r}"
    for number in WHOLE.findall(text):
        if number not in rendered:
            yield f"{number} broken or cut in {rendered[:80]!r}"
    lines = [line.rstrip() for line in rendered.splitlines()]
    for before, line in zip(lines, lines[1:], strict=False):
        # A number wrapped away from the words that lead to it ("… F3 opens" / "TS-…"), at the line's start
        # (an indented one stands under a column of its own).
        if before.strip() and WHOLE.match(line) and before[-1] not in LINE_ENDS:
            yield f"a number wrapped from its phrase: {before.strip()[-30:]!r} / {line.strip()[:20]!r}"


def screen_problems(app: App[Any]) -> list[str]:
    """Everything cut, squeezed or missing on the screen now."""
    screen = app.screen
    problems: list[str] = []
    for widget in screen.query("*"):
        if not shown(widget):
            continue
        name = f"{type(widget).__name__}#{widget.id}" if widget.id else type(widget).__name__
        if isinstance(widget, (Static, Label)) and not isinstance(widget, FooterKey):
            problems += [f"{name}: {problem}" for problem in static_problems(widget)]
        elif isinstance(widget, Input) and not widget.value and widget.placeholder:
            room = widget.content_size.width - 1
            if cell_len(widget.placeholder) > room:
                problems.append(f"{name}: hint cut at {room} cells: {widget.placeholder!r}")
        elif isinstance(widget, DataTable) and widget.row_count:
            if widget.virtual_size.width > widget.scrollable_content_region.width:
                problems.append(f"{name}: {widget.virtual_size.width} cells wide in {widget.scrollable_content_region.width}")
            if widget.size.height < 2:
                problems.append(f"{name}: {widget.row_count} rows and no room to show one")
        elif isinstance(widget, OptionList) and widget.option_count and widget.size.height < 1:
            problems.append(f"{name}: {widget.option_count} options and no room")
    problems += footer_problems(app)
    problems += named_problems(app)
    return problems


def footer_problems(app: App[Any]) -> Iterator[str]:
    """A footer that does not list F1, or shows a key cut at its edge."""
    for footer in app.screen.query(Footer):
        if not shown(footer):
            continue
        keys = [key for key in footer.query(FooterKey) if shown(key)]
        if not any(key.action == "help" for key in keys):
            yield f"footer without F1: {' · '.join(f'{k.key_display} {k.description}' for k in keys)}"
        for key in keys:
            if key.region.right > footer.region.right or key.region.width < cell_len(f"{key.key_display}"):
                yield f"footer key cut: {key.key_display} {key.description}"


def named_problems(app: App[Any]) -> Iterator[str]:
    """The places issue 18 named: the top bar's section names, the board's number and slot, the call-backs."""
    screen = app.screen
    actor = getattr(app, "session").actor  # noqa: B009
    for bar in screen.query(SectionBar):
        line = _lines(bar)[0] if bar.size.height else ""
        for name in [*SECTIONS, *RESTRICTED]:
            if (may_open(actor, name) if actor else name in SECTIONS) and not any(
                i18n.t(f"shell.{table}.{name}") in line for table in ("section", "section_short")
            ):
                yield f"top bar without the name of {name}: {line.strip()!r}"
    if isinstance(screen, DeliveryBoardScreen):
        header = str(screen.query_one("#board-header", Static).render())
        for column in ("complaint", "slot"):
            if i18n.t(f"deliveries.column.{column}") not in header:
                yield f"board without its {column} column: {header.strip()!r}"
    for panel in screen.query(CallbacksDuePanel):
        table = panel.query_one(DataTable)
        if table.row_count and not (shown(table) and table.size.height >= 2):
            yield f"the call-backs box shows none of its {table.row_count} rows"


async def walk(target: str, role: str, language: str) -> list[str]:
    """The problems met walking `role`'s desk in `language`, each with the keys that led there."""
    found: list[str] = []
    async with desk_running(target, role, language=language, size=SIZE) as (app, pilot):

        def look(where: str) -> None:
            for problem in screen_problems(app):
                if known(type(app.screen).__name__, problem):
                    continue
                seen = f"{role} {language} {type(app.screen).__name__}: {problem}"
                if seen not in met:
                    met.add(seen)
                    found.append(f"{seen}  [keys: {where}]")

        met: set[str] = set()

        look("start")
        for path in WALKS[role]:
            for done, key in enumerate(path, 1):
                await press(pilot, key)
                look(" ".join(path[:done]))
            for _ in range(4):  # back home: dialogs, sub-screens, then the section itself
                before = (app.screen, len(app.screen_stack))
                await press(pilot, "escape")
                if (app.screen, len(app.screen_stack)) == before and not isinstance(app.screen, ModalScreen):
                    break
        if role == "op01":
            # The intake, its duplicate warning about the first seeded complaint (same phone, same shop).
            await press(pilot, "escape", "n")
            look("n")
            await type_phone(pilot, "13812340000")
            await press(pilot, "tab", "tab", *"S001", "enter")
            look("n phone shop")
    return found


async def login_problems(target: str, language: str) -> list[str]:
    """The login screen's problems, with a staff code typed in."""
    app = make_app(target, None, language, user_code="op01")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        return [f"login {language}: {problem}" for problem in screen_problems(app)]


async def test_every_screen_and_dialog_fits_80_by_24_in_both_languages(
    db_target: str, staff: dict[str, StaffView]
) -> None:
    seed_complaints(staff)
    seed_board(staff)
    seed_escalations(staff)
    seed_penalties(staff)
    resolved_days_ago(staff, 3, "13900000001")
    resolved_days_ago(staff, 2, "13900000002")
    put_months("S001", "2026-10", [9, 11, 10, 12, 8, 10, 11, 9, 10, 12, 8, 10, 30])  # a quality signal to open
    compute_signals(Desk(clock=lambda: NOW), "2026-10")
    problems: list[str] = []
    for language in LANGUAGES:
        problems += await login_problems(db_target, language)
        for role in WALKS:
            problems += await walk(db_target, role, language)
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_a_footer_with_more_keys_than_two_lines_keeps_f1_after_a_marker() -> None:
    own = [FooterKey(key, key, "A long description", f"do_{key}") for key in "abcdefghij"]
    help_key = FooterKey("f1", "f1", "Help", "help")
    quit_key = FooterKey("ctrl+q", "^q", "Quit", "quit")
    rows = pack([66, 80], own, [help_key], [quit_key])
    assert len(rows) == 2 and all(sum(key_cells(key) for key in row) <= room for row, room in zip(rows, (66, 80),
                                                                                                  strict=True))
    shown_own = [key for row in rows for key in row if key in own]
    assert shown_own == own[:len(shown_own)] and len(shown_own) < len(own)  # in order, as many as fit
    assert isinstance(rows[1][-2], Label) and rows[1][-1] is help_key  # "… f1 Help", and no room for ^q
    one_line = pack([66, 80], own[:2], [help_key], [quit_key])
    assert one_line == [[*own[:2], help_key, quit_key]]
