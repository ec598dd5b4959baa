"""Command palette entries: open a complaint by number, go to a section, new complaint, lock, log out, language."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.message import Message

from ..i18n import t
from .background import run_in_background

_NUMBER = re.compile(r"^\s*(TS-\d{8}-\d{4,})\s*$", re.IGNORECASE)


@dataclass
class ComplaintLookedUp(Message):
    """The palette's number was looked up: the complaint to open, or (None) why there is none."""

    complaint_id: int | None
    text: str = ""


def open_by_number(app: App[Any], number: str) -> None:
    """Look the number up in a thread; the app then opens its detail (or says it does not exist)."""

    def lookup() -> ComplaintLookedUp:
        from ..services.complaints.read import find_complaint

        return ComplaintLookedUp(find_complaint(number).id)

    run_in_background(app, lookup, group="palette", failed="background.load_failed",
                      failure=lambda text, _error: ComplaintLookedUp(None, text))


def follow_lookup(app: Any, message: ComplaintLookedUp) -> None:
    """Open the complaint the palette found, or say why there is none."""
    if message.complaint_id is None:
        app.notify(message.text, severity="warning")
    else:
        app.open_complaint(message.complaint_id)


def open_callbacks(app: App[Any]) -> None:
    """The list of call-backs due today (its own view, over the current section)."""
    from .navigation import load_screen_class, prepared

    screen: Any = load_screen_class("aftersales.ui.screens.callbacks.due", "CallbacksDueScreen")
    app.push_screen(prepared(screen()))


class DeskCommands(Provider):
    """The desk's own palette commands."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        from ..domain.permissions import Action, allowed
        from .sections import RESTRICTED, SECTIONS, may_open

        app: Any = self.app
        actor = app.session.actor
        out: list[tuple[str, Callable[[], Any], str]] = []
        if actor is not None:
            # Only what this role may do: a dispatcher is not offered a complaint form to fill in vain.
            if allowed(actor.role, Action.INTAKE):
                out.append((t("shell.palette.new"), app.open_intake, t("shell.palette.new_help")))
            if allowed(actor.role, Action.CALLBACK):
                out.append((t("callbacks.palette"), partial(open_callbacks, app), t("callbacks.palette_help")))
            places = [(str(number), name) for number, name in enumerate(SECTIONS, 1)]
            places += [(key, name) for name, (key, _) in RESTRICTED.items()]
            for number, name in places:
                if not may_open(actor, name):
                    continue  # the dispatcher has the deliveries board alone
                text = t("shell.palette.goto", section=t(f"shell.section.{name}"))
                out.append((text, partial(app.show_section, name), t("shell.palette.goto_help", number=number)))
            out.append((t("shell.palette.lock"), app.action_lock, t("shell.palette.lock_help")))
            out.append((t("shell.palette.log_out"), app.action_log_out, t("shell.palette.log_out_help")))
        out.append((t("shell.palette.language"), app.action_toggle_language, t("shell.palette.language_help")))
        return out

    async def discover(self) -> Hits:
        for text, command, help_text in self._commands():
            yield DiscoveryHit(text, command, help=help_text)

    async def search(self, query: str) -> Hits:
        match = _NUMBER.match(query)
        actor = self.app.session.actor  # type: ignore[attr-defined]
        # The dispatcher opens complaints only from the orders on the board.
        from .sections import may_open

        if match and actor is not None and may_open(actor, "complaints"):
            number = match.group(1).upper()
            yield Hit(1.0, t("shell.palette.open", number=number), partial(open_by_number, self.app, number),
                      help=t("shell.palette.open_help"))
        matcher = self.matcher(query)
        for text, command, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, help=help_text)
