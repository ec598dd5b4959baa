"""What the desk reads and writes of Textual's private parts (ui/textual_internals.py) still exists and
behaves as the desk uses it: a Textual upgrade that changes any of it fails here, not somewhere in a screen."""

import dataclasses
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Select, Static

from aftersales.ui.textual_internals import (
    SelectCurrent,
    SelectOverlay,
    footer_has_bindings,
    has_mode,
    key_bindings,
    mark_styles_current,
    mode_stacks,
    running_app,
    set_bindings_ready,
    set_key_bindings,
    set_key_compact,
    start_in_mode,
)

SIZE = (80, 24)


class Keyed(Static, can_focus=True):
    """A widget with a key of its own, which notes the app it was built under."""

    BINDINGS = [Binding("x", "nothing", "Do nothing", id="keyed.x")]

    def __init__(self, **kwargs: Any) -> None:
        self.built_under = running_app()
        super().__init__("keyed", **kwargs)


class Plain(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Keyed(id="keyed")
        yield Footer()


class Modes(App[None]):
    MODES = {"first": Plain, "second": Plain}


def test_no_app_is_running_outside_one() -> None:
    assert running_app() is None


async def test_a_widget_built_while_the_app_runs_finds_it() -> None:
    app = Modes()
    async with app.run_test(size=SIZE) as pilot:
        await app.switch_mode("first")
        await pilot.pause()
        assert app.screen.query_one(Keyed).built_under is app


async def test_modes_and_their_stacks_are_seen_as_they_open_and_go() -> None:
    app = Modes()
    async with app.run_test(size=SIZE) as pilot:
        assert has_mode(app, "first") and has_mode(app, "second") and not has_mode(app, "third")
        await app.switch_mode("first")
        await app.switch_mode("second")
        await pilot.pause()
        stacks = mode_stacks(app)
        assert {"first", "second"} <= set(stacks)
        assert stacks["second"] == app.screen_stack
        first = stacks["first"][0]
        stacks["first"].clear()  # a copy: the app's stack stays
        assert mode_stacks(app)["first"] == [first]
        await app.remove_mode("first")
        assert not has_mode(app, "first") and "first" not in mode_stacks(app)
        app.add_mode("first", Plain)
        assert has_mode(app, "first")


async def test_bindings_replaced_on_one_widget_show_there_and_nowhere_else() -> None:
    app = Modes()
    async with app.run_test(size=SIZE) as pilot:
        await app.switch_mode("first")
        await pilot.pause()
        keyed = app.screen.query_one(Keyed)
        own = key_bindings(keyed)
        assert [binding.description for binding in own["x"]] == ["Do nothing"]
        set_key_bindings(keyed, {key: [dataclasses.replace(binding, description="Rien") for binding in bindings]
                                 for key, bindings in own.items()})
        keyed.focus()
        await pilot.pause()
        assert app.screen.active_bindings["x"].binding.description == "Rien"
        other = Keyed()
        assert [binding.description for binding in key_bindings(other)["x"]] == ["Do nothing"]


async def test_a_screen_marked_current_is_not_restyled_when_its_mode_opens(monkeypatch: Any) -> None:
    app = Modes()
    async with app.run_test(size=SIZE) as pilot:
        restyled: list[bool] = []
        original = app.refresh_css
        monkeypatch.setattr(app, "refresh_css", lambda *a, **k: (restyled.append(True), original(*a, **k))[1])

        def marked() -> Screen[None]:
            screen = Plain()
            mark_styles_current(screen, app)
            return screen

        app.add_mode("marked", marked)
        await app.switch_mode("marked")
        await pilot.pause()
        assert restyled == []
        await app.switch_mode("second")  # made unmarked: Textual restyles it
        await pilot.pause()
        assert restyled


async def test_a_footer_has_its_bindings_only_once_shown() -> None:
    assert not footer_has_bindings(Footer())
    app = Modes()
    async with app.run_test(size=SIZE) as pilot:
        await app.switch_mode("first")
        await pilot.pause()
        assert footer_has_bindings(app.screen.query_one(Footer))


class StartsOnPlain(App[None]):
    """Starts in a mode of its own, its first screen made by get_default_screen, the mode added later."""

    def __init__(self) -> None:
        start_in_mode(self, "start")
        super().__init__()

    def get_default_screen(self) -> Screen[None]:
        return Plain()

    def on_mount(self) -> None:
        self.add_mode("start", Plain)


async def test_an_app_started_in_a_mode_opens_on_its_default_screen_with_no_blank_screen_before() -> None:
    app = StartsOnPlain()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_mode == "start" and isinstance(app.screen, Plain)
        assert list(mode_stacks(app)) == ["start"]
        app.add_mode("second", Plain)
        await app.switch_mode("second")
        await app.remove_mode("start")  # leaves like any other mode
        assert "start" not in mode_stacks(app)


class ReadyFooter(Footer):
    def compose(self) -> ComposeResult:
        set_bindings_ready(self)
        for widget in super().compose():
            set_key_compact(widget, self.compact)
            yield widget


class KeysAtOnce(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Keyed(id="keyed")
        yield ReadyFooter()


async def test_a_footer_made_ready_shows_its_keys_as_it_is_composed_each_as_compact_as_the_footer() -> None:
    app = Modes()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(KeysAtOnce())
        footer = app.screen.query_one(ReadyFooter)
        assert footer_has_bindings(footer)
        keys = list(footer.query("FooterKey"))
        assert keys  # composed with the footer, before any refresh told it its bindings
        await pilot.pause()
        for key in keys:
            palette = key.has_class("-command-palette")
            assert key.compact is (True if palette else footer.compact)
            assert key.has_class("-compact") is (True if palette else footer.compact)


class Picking(App[None]):
    def compose(self) -> ComposeResult:
        yield Select([("one", 1), ("two", 2)], id="pick")


async def test_a_select_is_its_closed_field_over_its_open_list_which_searches_typed_keys() -> None:
    app = Picking()
    async with app.run_test(size=SIZE) as pilot:
        select = app.query_one("#pick", Select)
        # ChoiceSelect composes the same two parts, with its own list in place of this one.
        assert [type(child) for child in select.children] == [SelectCurrent, SelectOverlay]
        select.focus()
        await pilot.press("enter", "t")
        overlay = select.query_one(SelectOverlay)
        assert select.expanded and overlay.highlighted == 2  # the blank prompt is option 0
