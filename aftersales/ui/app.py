"""The desk application: global keys, sections and the login → dashboard flow.

Screens rely on this small API (the shell owns everything else):
- `app.session` — DeskSession (db target, Desk with clock and SLA policy, actor after login)
- `app.show_section(name)` — one of SECTIONS
- `app.open_complaint(complaint_id)` — push the complaint detail
- `app.open_intake()` — push the intake form
- `app.data_changed()` — tell every screen the database changed (posts DataChanged)
"""

from collections.abc import Iterable
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, RadioSet, Select, Switch, TextArea

from .. import i18n
from ..domain.permissions import Action, allowed, sees_section
from ..domain.schemas import StaffView
from ..i18n import t
from ..settings import DeskConfig
from .bindings import translate_bindings
from .integrity import IntegrityChecked, check_integrity_in_background
from .language import switch_language
from .messages import DataChanged
from .navigation import SECTIONS, load_screen_class, prepared, section_factory
from .palette import DeskCommands
from .session import DeskSession
from .watch import DatabaseMoved, watch_database

__all__ = ["SECTIONS", "DeskApp"]

# Actions that make sense only once somebody is logged in.
_NEEDS_ACTOR = {"section", "search", "new_complaint", "back"}
INTEGRITY_DELAY = 5.0  # seconds after start-up before the background integrity scan
# Printable-key actions that would leave a form; form controls keep those keys.
_LEAVES_FORM = {"section", "search", "new_complaint"}
_FORM_CONTROLS = (Input, TextArea, Select, Checkbox, Switch, RadioSet)


def _in_form_control(widget: Widget | None) -> bool:
    return widget is not None and any(isinstance(node, _FORM_CONTROLS) for node in widget.ancestors_with_self)


class DeskApp(App[None]):
    """Keyboard-first after-sales desk."""

    TITLE = "aftersales"
    CSS_PATH = "desk.tcss"
    COMMANDS = App.COMMANDS | {DeskCommands}
    BINDINGS = [
        Binding("f1", "help", "shell.key.help", id="desk.help"),
        Binding("slash", "search", "shell.key.search", id="desk.search", key_display="/"),
        Binding("n", "new_complaint", "shell.key.new", id="desk.new"),
        Binding("escape", "back", "shell.key.back", id="desk.back"),
        Binding("f2", "toggle_language", "shell.key.language", id="desk.language"),
        Binding("ctrl+q", "quit", "shell.key.quit", id="desk.quit", priority=True),
        *[
            Binding(str(number), f"section('{name}')", f"shell.section.{name}", id=f"desk.section.{name}",
                    show=False)
            for number, name in enumerate(SECTIONS, 1)
        ],
    ]

    def __init__(
        self,
        session: DeskSession,
        *,
        language: str = "en",
        user_code: str | None = None,
        actor: StaffView | None = None,
        config: DeskConfig | None = None,
        config_problem: str | None = None,
        watch_interval: float | None = 2.0,
        cursor_blink: bool = True,
        start_section: str | None = None,
    ) -> None:
        """`actor` skips the login screen (tests and the benchmark); the desk opens on
        `start_section` (else the settings file's, else the dashboard) after login."""
        super().__init__()
        i18n.set_language(language)
        translate_bindings(self)
        self.session = session
        self.language = i18n.current_language()
        self.user_code = user_code
        self.config = config or DeskConfig()
        self.config_problem = config_problem
        self.watch_interval = watch_interval
        self.cursor_blink = cursor_blink
        if actor is not None:
            self.session.actor = actor
        self.start_section = start_section or self.config.start_section
        self._factories: dict[str, Any] = {name: section_factory(name) for name in SECTIONS}
        self._factories["login"] = self._login_screen
        for mode, factory in self._factories.items():
            self.add_mode(mode, factory)

    def _login_screen(self) -> Screen[Any]:
        from .screens.shell.login import LoginScreen

        return prepared(LoginScreen(self.user_code))

    async def on_mount(self) -> None:
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                self.notify(t("shell.config_theme_unknown", theme=self.config.theme), severity="warning")
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        if self.config_problem:
            self.notify(t("shell.config_bad", problem=self.config_problem), severity="error", timeout=10)
        if self.watch_interval:
            watch_database(self, self.session.db_target, self.watch_interval)
            # The full scan reads the whole file: let the first screen load undisturbed.
            self.set_timer(INTEGRITY_DELAY, lambda: check_integrity_in_background(self))
        await self.switch_mode(self.home_section() if self.session.actor else "login")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Snapshots need a steady cursor; a blinking one differs frame to frame.
        if not self.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NEEDS_ACTOR and self.session.actor is None:
            return False
        if action == "new_complaint" and self.session.actor is not None:
            role = self.session.actor.role
            if not sees_section(role, "complaints"):
                return False  # hidden: the dispatcher has the deliveries board alone
            if not allowed(role, Action.INTAKE):
                return None  # shown greyed out: the admin takes no complaints
        if action in ("section", "search") and self.session.actor is not None:
            wanted = str(parameters[0]) if action == "section" and parameters else "complaints"
            if not sees_section(self.session.actor.role, wanted):
                return False  # hidden and refused: the dispatcher has the deliveries board alone
        if action in _LEAVES_FORM and _in_form_control(self.focused):
            # A digit or `n` pressed on a select or checkbox of a form must not whisk the
            # operator away from what they are typing.
            return False
        return True

    async def logged_in(self, actor: StaffView) -> None:
        """The login screen's success: open the start section and forget the login screen."""
        self.session.actor = actor
        await self.switch_mode(self.home_section())
        await self.remove_mode("login")
        self.refresh_bindings()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own palette commands, in the desk's language and with the desk's help and quit."""
        yield SystemCommand(t("shell.system.theme"), t("shell.system.theme_help"), self.action_change_theme)
        yield SystemCommand(t("shell.system.help"), t("shell.system.help_help"), self.action_help)
        yield SystemCommand(t("shell.system.screenshot"), t("shell.system.screenshot_help"),
                            lambda: self.set_timer(0.1, self.deliver_screenshot))
        yield SystemCommand(t("shell.system.quit"), t("shell.system.quit_help"), self.action_quit)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=t("shell.system.placeholder")))

    def home_section(self, start: bool = True) -> str:
        """Where the actor lands: the start section (or the dashboard) when their role sees it, else the
        first section it does see."""
        actor = self.session.actor
        wanted = self.start_section if start else "dashboard"
        if actor is None or sees_section(actor.role, wanted):
            return wanted
        return next(name for name in SECTIONS if sees_section(actor.role, name))

    def show_section(self, name: str) -> None:
        if name not in SECTIONS or self.session.actor is None or not sees_section(self.session.actor.role, name):
            return
        if name == self.current_mode:
            # Already in that section (say, on a complaint's detail): back to its first screen.
            self.call_later(self._back_to_section_base)
        else:
            self.switch_mode(name)

    async def _back_to_section_base(self) -> None:
        while len(self.screen_stack) > 1:
            await self.pop_screen()

    def open_complaint(self, complaint_id: int) -> None:
        detail: Any = load_screen_class("aftersales.ui.screens.complaints.detail", "DetailScreen")
        self.push_screen(prepared(detail(complaint_id)))

    def open_intake(self) -> None:
        intake = load_screen_class("aftersales.ui.screens.complaints.intake", "IntakeScreen")
        if not isinstance(self.screen, intake):
            self.push_screen(prepared(intake()))

    def data_changed(self) -> None:
        for stack in self._screen_stacks.values():
            for screen in stack:
                screen.post_message(DataChanged())

    def on_database_moved(self, _: DatabaseMoved) -> None:
        self.data_changed()

    def on_integrity_checked(self, event: IntegrityChecked) -> None:
        if event.problems:
            self.notify(
                t("shell.integrity_bad", problem=event.problems[0]), severity="error", timeout=30
            )

    def all_screens(self) -> list[Screen[Any]]:
        return [screen for stack in self._screen_stacks.values() for screen in stack]

    def action_section(self, name: str) -> None:
        self.show_section(name)

    async def action_search(self) -> None:
        await self.switch_mode("complaints")
        await self._back_to_section_base()
        focus_search = getattr(self.screen, "focus_search", None)
        if callable(focus_search):
            focus_search()

    def action_new_complaint(self) -> None:
        self.open_intake()

    async def action_back(self) -> None:
        if len(self.screen_stack) > 1:
            await self.pop_screen()
        elif self.current_mode != self.home_section(start=False):
            await self.switch_mode(self.home_section(start=False))

    def action_help(self) -> None:
        from .screens.shell.help import HelpScreen, help_rows

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(prepared(HelpScreen(help_rows(self))))

    async def action_toggle_language(self) -> None:
        await self.set_desk_language("en" if i18n.current_language() == "zh_CN" else "zh_CN")

    async def set_desk_language(self, language: str) -> None:
        """Switch every text to `language` (see language.switch_language)."""
        await switch_language(self, language, self._factories)

    async def action_quit(self) -> None:
        unsaved = any(getattr(screen, "has_unsaved_text", lambda: False)() for screen in self.all_screens())
        if not unsaved:
            self.exit()
            return
        from .screens.shell.confirm_quit import ConfirmQuitScreen

        if not isinstance(self.screen, ConfirmQuitScreen):
            self.push_screen(prepared(ConfirmQuitScreen()), callback=self._quit_answered)

    def _quit_answered(self, leave: bool | None) -> None:
        if leave:
            self.exit()
