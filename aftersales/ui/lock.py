"""Locking the desk (ctrl+l, or after the idle time of the settings file), taking it over, logging out.

A lock keeps every open screen: the same operator's PIN brings them back as they were (a half-typed
complaint included). Another operator's login first asks before anything unsaved is thrown away.
"""

from typing import TYPE_CHECKING, Any

from ..i18n import t
from .navigation import prepared
from .paste import clean_paste
from .session import LockState

if TYPE_CHECKING:
    from ..domain.schemas import StaffView

# The running DeskApp (not imported here: app.py imports this module).
DeskApp = Any

__all__ = ["LockState", "clean_paste", "lock_desk", "lock_when_idle", "log_out", "resume_or_take_over"]


async def lock_desk(app: DeskApp) -> None:
    """Show the login screen over everything that is open; nobody is logged in until a PIN is typed."""
    actor = app.session.actor
    if actor is None:
        return
    app.locks = LockState(actor, app.current_mode)
    app.session.actor = None
    await _show_login(app)


def lock_when_idle(app: DeskApp) -> None:
    """Lock when nobody touched the desk for the settings file's `lock_after_minutes` (0: never)."""
    minutes = app.config.lock_after_minutes if app.config is not None else 0
    if app.session.actor is None or not minutes:
        return
    if app.idle_clock() - app.last_input >= minutes * 60:
        app.call_later(lock_desk, app)


async def resume_or_take_over(app: DeskApp, actor: "StaffView") -> None:
    """After a PIN: the operator who locked goes back to their screens; anyone else starts afresh,
    once they agreed to discard what the previous operator left unsaved."""
    locked = app.locks.locked_by
    if locked is not None and locked.id == actor.id:
        app.session.actor = actor
        section, app.locks = app.locks.section, LockState()
        await _leave_login(app, section)
        app.data_changed()  # screens may have missed changes while nobody could see them
        return
    unsaved = app.unsaved_screens()
    if locked is not None and unsaved:
        from .dialogs.confirm import ConfirmScreen, confirm_texts

        question = confirm_texts("take_over", code=locked.code, name=locked.name, new=actor.code)

        def answered(discard: bool | None) -> None:
            if discard:
                app.call_later(_take_over, app, actor)
            else:
                _login_screen_says(app, t("shell.lock.kept", code=locked.code))

        app.push_screen(prepared(ConfirmScreen(*question)), callback=answered)
        return
    await _take_over(app, actor)


async def log_out(app: DeskApp) -> None:
    """Back to an empty login screen; asks first when a form or dialog holds unsaved text."""
    actor = app.session.actor
    if actor is None:
        return
    if app.unsaved_screens():
        from .dialogs.confirm import ConfirmScreen, confirm_texts

        def answered(leave: bool | None) -> None:
            if leave:
                app.call_later(_log_out_now, app)

        app.push_screen(prepared(ConfirmScreen(*confirm_texts("log_out", code=actor.code))), callback=answered)
        return
    await _log_out_now(app)


async def _log_out_now(app: DeskApp) -> None:
    app.session.actor = None
    app.locks = LockState()
    app.user_code = None
    await _show_login(app)
    await app.reset_sections()


async def _take_over(app: DeskApp, actor: "StaffView") -> None:
    app.session.actor = actor
    app.locks = LockState()
    await app.reset_sections()
    await _leave_login(app, app.start_for(actor))


async def _show_login(app: DeskApp) -> None:
    if app.current_mode != "login":
        await app.rebuild_mode("login")  # built anew: it names who locked the desk, if anybody
    await app.switch_mode("login")


async def _leave_login(app: DeskApp, section: str) -> None:
    await app.switch_mode(section)
    await app.remove_mode("login")
    app.refresh_bindings()


def _login_screen_says(app: DeskApp, text: str) -> None:
    screen: Any = app.screen
    show_error = getattr(screen, "show_error", None)
    if callable(show_error):
        show_error(text)
