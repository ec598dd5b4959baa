"""The desk application: global keys, sections and the login → dashboard flow.

Screens rely on this small API (the shell owns everything else):
- `app.session` — DeskSession (db target, Desk with clock and SLA policy, actor after login)
- `app.show_section(name)` — one of SECTIONS
- `app.open_complaint(complaint_id)` — push the complaint detail
- `app.open_intake()` — push the intake form
- `app.data_changed()` — tell every screen the database changed (posts DataChanged)
- `app.ready` — a threading.Event set once the database is open; `app.settled` once opening is over,
  opened or refused (workers wait on that, then look at `ready`)

Only Textual and the login screen load before the first frame; the rest (database, services,
schemas, other screens) loads in warmup.py while the operator types the PIN.
"""

import importlib
import threading
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widget import Widget

from .. import i18n
from ..i18n import t
from . import breakpoints
from .app_notices import BackgroundNotices
from .bindings import translate_bindings
from .messages import DataChanged
from .navigation import MODES, SECTIONS, load_screen_class, prepared, section_factory
from .read_only import refuse_when_read_only
from .sections import first_place, home_of, may_open
from .session import DeskSession, LockState
from .textual_internals import has_mode, mode_stacks, start_in_mode
from .theme_variables import desk_theme_variables

if TYPE_CHECKING:
    from ..domain.schemas import StaffView
    from ..settings import DeskConfig

__all__ = ["SECTIONS", "DeskApp"]

# Actions that make sense only once somebody is logged in.
_NEEDS_ACTOR = {"section", "search", "new_complaint", "back", "lock"}
INTEGRITY_DELAY = 5.0  # seconds after start-up before the background integrity scan
IDLE_CHECK_S = 5.0  # how often the idle time is compared with the settings' lock time
# Printable-key actions that would leave a form; form controls keep those keys.
_LEAVES_FORM = {"section", "search", "new_complaint"}
# Widgets a form is made of, by class name (loading them all would slow the first screen).
_FORM_CONTROLS = {"Input", "TextArea", "Select", "Checkbox", "Switch", "RadioSet"}
# What counts as somebody at the desk, for the idle lock.
_PRESENCE = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp, events.Paste)


def _in_form_control(widget: Widget | None) -> bool:
    if widget is None:
        return False
    return any(cls.__name__ in _FORM_CONTROLS and cls.__module__.startswith("textual.")
               for node in widget.ancestors_with_self for cls in type(node).__mro__)


class DeskApp(BackgroundNotices, App[None]):
    """Keyboard-first after-sales desk."""

    TITLE = "aftersales"
    CSS_PATH = "desk.tcss"
    # The desk's own entries load when the palette first opens (Textual calls the function then).
    COMMANDS = App.COMMANDS | {lambda: importlib.import_module("aftersales.ui.palette").DeskCommands}
    # Screens restyle themselves for narrow and wide terminals through these classes.
    HORIZONTAL_BREAKPOINTS = breakpoints.HORIZONTAL
    VERTICAL_BREAKPOINTS = breakpoints.VERTICAL
    BINDINGS = [
        Binding("f1", "help", "shell.key.help", id="desk.help"),
        Binding("slash", "search", "shell.key.search", id="desk.search", key_display="/"),
        Binding("n", "new_complaint", "shell.key.new", id="desk.new"),
        Binding("escape", "back", "shell.key.back", id="desk.back"),
        Binding("f2", "toggle_language", "shell.key.language", id="desk.language"),
        Binding("ctrl+l", "lock", "shell.key.lock", id="desk.lock", priority=True, show=False),
        Binding("ctrl+q", "quit", "shell.key.quit", id="desk.quit", priority=True),
        *[
            Binding(str(number), f"section('{name}')", f"shell.section.{name}", id=f"desk.section.{name}",
                    show=False)
            for number, name in enumerate(SECTIONS, 1)
        ],
        # The admin's staff directory: shown in F1 help only to whoever may manage staff.
        Binding("8", "section('staff')", "shell.section.staff", id="desk.section.staff", show=False),
    ]

    def __init__(
        self,
        session: DeskSession,
        *,
        language: str = "en",
        user_code: str | None = None,
        actor: "StaffView | None" = None,
        config: "DeskConfig | None" = None,
        config_problem: str | None = None,
        settings: dict[str, Any] | None = None,
        watch_interval: float | None = 2.0,
        cursor_blink: bool = True,
        start_section: str | None = None,
    ) -> None:
        """`actor` skips the login screen (tests and the benchmark); the desk opens on
        `start_section` (else the settings file's, else the dashboard) after login.

        Without `session.desk` the desk opens the database itself while the login screen waits
        (warmup.py); `settings` is then the settings file as read, validated at the same time.
        """
        if actor is None:  # the login screen is the first screen Textual builds (get_default_screen)
            start_in_mode(self, "login")
        super().__init__()
        i18n.set_language(language)
        translate_bindings(self)
        self.session = session
        self.language = i18n.current_language()
        self.user_code = user_code
        self.settings = settings or {}
        self.config = config
        self.config_problem = config_problem
        self.watch_interval = watch_interval
        self.cursor_blink = cursor_blink
        self.refusal = ""  # why the database could not be opened, printed after the screen closes
        self.ready = threading.Event()  # the database is open
        self.settled = threading.Event()  # opening it is over, whether it opened or was refused
        if session.desk is not None:
            self.ready.set()
            self.settled.set()
        if actor is not None:
            self.session.actor = actor
        self.start_section_override = start_section
        self.locks = LockState()
        self.idle_clock = time.monotonic
        self.last_input = self.idle_clock()
        self._factories: dict[str, Any] = {name: section_factory(name) for name in MODES}
        self._factories["login"] = self._login_screen
        for mode in [name for name in self._factories if name != self.current_mode]:
            self.add_mode(mode, self._factories[mode])

    def start_for(self, actor: "StaffView") -> str:
        """Where `actor` starts after login: the section chosen (argument, else settings file), else
        the dashboard; without a choice the admin, who takes no complaints, starts on staff."""
        chosen = self.start_section_override
        if chosen is None and self.config is not None and "start_section" in self.config.model_fields_set:
            chosen = self.config.start_section
        return first_place(actor, chosen)

    def _login_screen(self) -> Screen[Any]:
        from .screens.shell.login import LoginScreen

        locked = self.locks.locked_by
        # After a lock the code field starts empty: an empty code means the operator who locked.
        return prepared(LoginScreen(None if locked else self.user_code, locked=locked))

    def get_default_screen(self) -> Screen[Any]:
        """The login screen, as Textual's first screen: composed once the app is mounted and drawn in one
        frame (a mode's screen would be laid out while the app starts, and that work thrown away)."""
        if self.current_mode == "login":
            return self._login_screen()
        return super().get_default_screen()

    async def on_mount(self) -> None:
        if not has_mode(self, "login"):
            self.add_mode("login", self._login_screen)  # the first login screen came without a mode
        theme = self.config.theme if self.config else self.settings.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        if self.config is not None:
            self.apply_config(self.config, self.config_problem)
        self.set_interval(IDLE_CHECK_S, self._lock_when_idle)
        if self.ready.is_set():
            self.database_ready()
        else:
            # After the first frame: the login screen is on the terminal before anything else loads.
            self.call_after_refresh(lambda: importlib.import_module("aftersales.ui.warmup").warm_up(self))
        actor = self.session.actor
        await self.switch_mode(self.start_for(actor) if actor else "login")

    def delay_update(self, delay: float = 0.05) -> None:
        """Draw at once. Textual holds every update for `delay` when a section opens (to mask the
        switch), and the new section starting to read its data stretched that hold to a fifth of a
        second; the new screen is composed before it is drawn, so there is nothing to mask."""

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **desk_theme_variables(self.current_theme)}

    def apply_config(self, config: "DeskConfig", problem: str | None) -> None:
        """Take the validated settings: theme, keys, and a word when the file had to be ignored."""
        self.config = config
        if config.theme and config.theme != self.theme:
            if config.theme in self.available_themes:
                self.theme = config.theme
            else:
                self.notify(t("shell.config_theme_unknown", theme=config.theme), severity="warning")
        if config.keymap:
            self.set_keymap(config.keymap)
        if problem:
            self.notify(t("shell.config_bad", problem=problem), severity="error", timeout=10)

    def database_ready(self) -> None:
        """The database is open: watch it for other desks' changes, scan it a little later."""
        self.ready.set()
        self.settled.set()
        self.count_escalations()
        if self.watch_interval:
            from .integrity import check_integrity_in_background
            from .watch import watch_database

            watch_database(self, self.session.db_target, self.watch_interval)
            from .escalation_watch import start_sweeping

            start_sweeping(self)
            # The full scan reads the whole file: let the first screens load undisturbed.
            self.set_timer(INTEGRITY_DELAY, lambda: check_integrity_in_background(self))

    def refuse_database(self, reason: str) -> None:
        """The database cannot be used: close the desk and say why once the terminal is back."""
        self.refusal = reason
        self.settled.set()  # nothing waits any longer for a database that will not open
        self.exit(return_code=2)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, _PRESENCE):
            self.last_input = self.idle_clock()
        if isinstance(event, events.Paste):
            # A pasted escape sequence must not reach a field (nor the terminal when it is drawn).
            from .paste import clean_paste

            clean_paste(event)
        await super().on_event(event)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Snapshots need a steady cursor; a blinking one differs frame to frame.
        if not self.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NEEDS_ACTOR and self.session.actor is None:
            return False
        if action == "section" and parameters and self.session.actor is not None:
            if not may_open(self.session.actor, str(parameters[0])):
                return False
        if action == "search" and self.session.actor is not None and not may_open(self.session.actor, "complaints"):
            return False  # the dispatcher has the deliveries board alone
        if action == "new_complaint" and self.session.actor is not None:
            from ..domain.permissions import Action, allowed

            if not allowed(self.session.actor.role, Action.INTAKE):
                return False  # the dispatcher and the admin take no complaints: the key is not theirs
        if action in _LEAVES_FORM and _in_form_control(self.focused):
            # A digit or `n` pressed on a select or checkbox of a form must not whisk the
            # operator away from what they are typing.
            return False
        return True

    async def logged_in(self, actor: "StaffView") -> None:
        """The login screen's success: open the start section (or go back to where the desk was locked)."""
        from . import lock

        await lock.resume_or_take_over(self, actor)
        self.count_escalations()

    async def action_lock(self) -> None:
        """Back to the login screen; everything open stays for the same operator's PIN."""
        from . import lock

        await lock.lock_desk(self)

    async def action_log_out(self) -> None:
        """End this operator's session (asking first when a form holds unsaved text)."""
        from . import lock

        await lock.log_out(self)

    def _lock_when_idle(self) -> None:
        from . import lock

        lock.lock_when_idle(self)

    async def rebuild_mode(self, mode: str) -> None:
        """Close what `mode` (not the current one) holds: its screens are built afresh on its next visit."""
        if has_mode(self, mode):
            await self.remove_mode(mode)
        self.add_mode(mode, self._factories[mode])

    async def reset_sections(self) -> None:
        """Forget every section's screens but the current one's (they are rebuilt on their next visit)."""
        for mode in mode_stacks(self):
            if mode != self.current_mode and has_mode(self, mode):
                await self.rebuild_mode(mode)

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

    def show_section(self, name: str) -> None:
        if name not in MODES or self.session.actor is None or not may_open(self.session.actor, name):
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
        if self.session.actor is None:
            return  # locked meanwhile (a save that finished late): the detail waits for the next login
        detail: Any = load_screen_class("aftersales.ui.screens.complaints.detail", "DetailScreen")
        self.push_screen(prepared(detail(complaint_id)))

    def open_intake(self) -> None:
        if refuse_when_read_only(self):
            return
        intake = load_screen_class("aftersales.ui.screens.complaints.intake", "IntakeScreen")
        if self.session.actor is not None and not isinstance(self.screen, intake):
            self.push_screen(prepared(intake()))

    def data_changed(self) -> None:
        for screen in self.all_screens():
            screen.post_message(DataChanged())
        self.count_escalations()

    def count_escalations(self) -> None:
        """Read the top bar's escalation badge again (in a worker)."""
        from .escalation_watch import count_badge

        count_badge(self)

    def all_screens(self) -> list[Screen[Any]]:
        return [screen for stack in mode_stacks(self).values() for screen in stack]

    def unsaved_screens(self) -> list[Screen[Any]]:
        """Screens (forms, dialogs) holding text that was never saved."""
        return [screen for screen in self.all_screens() if getattr(screen, "has_unsaved_text", lambda: False)()]

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
        elif self.session.actor is not None and self.current_mode != (home := home_of(self.session.actor)):
            await self.switch_mode(home)

    def action_help(self) -> None:
        from .screens.shell.help import HelpScreen, help_rows

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(prepared(HelpScreen(help_rows(self))))

    async def action_toggle_language(self) -> None:
        await self.set_desk_language("en" if i18n.current_language() == "zh_CN" else "zh_CN")

    async def set_desk_language(self, language: str) -> None:
        """Switch every text to `language` (see language.switch_language)."""
        from .language import switch_language

        await switch_language(self, language)

    async def action_quit(self) -> None:
        if not self.unsaved_screens():
            self.exit()
            return
        from .screens.shell.confirm_quit import ConfirmQuitScreen

        if not isinstance(self.screen, ConfirmQuitScreen):
            self.push_screen(prepared(ConfirmQuitScreen()), callback=self._quit_answered)

    def _quit_answered(self, leave: bool | None) -> None:
        if leave:
            self.exit()
