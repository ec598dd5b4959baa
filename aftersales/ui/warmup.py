"""What the desk loads while the operator types the PIN: the database, the settings, every screen.

The login screen is drawn with Textual and the message catalogs only. This thread then opens the
database (refusing it closes the desk with one line), validates the settings file, and imports and
prepares what the first screens after login need, so `enter` on the PIN shows the dashboard at once.
"""

import gc
import importlib
import os
from typing import Any

from .navigation import SECTION_SCREENS

# The running DeskApp (not imported here: app.py imports this module).
DeskApp = Any

# Loaded after the database is open, in this order: the login's service first, then what follows it.
MODULES = (
    "aftersales.services.staff.auth",
    "aftersales.demo.marker",
    "aftersales.services.dashboard.figures",
    "aftersales.services.complaints.queue",
    "aftersales.services.complaints.read",
    "aftersales.services.complaints.actions",
    "aftersales.services.complaints.intake",
    "aftersales.ui.watch",
    "aftersales.ui.integrity",
    *(module for module, _ in SECTION_SCREENS.values()),
    "aftersales.ui.screens.complaints.detail",
    "aftersales.ui.screens.complaints.intake",
    "aftersales.ui.screens.shell.help",
    "aftersales.ui.screens.shell.confirm_quit",
    "aftersales.ui.palette",
)


def warm_up(app: DeskApp) -> None:
    """Start the loading thread (called once the login screen is on the terminal)."""
    app.run_worker(lambda: _load(app), thread=True, exclusive=True, group="warm-up", name="warm-up")


def _load(app: DeskApp) -> None:
    from ..services.database import DatabaseRefused, close_database, open_database
    from ..settings import SettingsRefused, config_from, desk_for

    # Settings given by the caller were applied at mount; the file's are validated here (one that
    # could stop the desk was judged before the first screen, see run.py).
    config, problem = None, None
    try:
        if app.config is None:
            config, problem = config_from(app.settings)
            problem = app.config_problem or problem
    except SettingsRefused as exc:
        _tell(app, app.refuse_database, str(exc))
        return
    try:
        open_database(app.session.db_target)
    except DatabaseRefused as exc:
        _tell(app, app.refuse_database, str(exc))
        return
    try:
        _note_origin()
        # The services' policies come from the settings (the penalty ladder and its rules).
        app.session.desk = desk_for(config or app.config)
        importlib.import_module(MODULES[0])
        _tell(app, _ready, app, config, problem)
        for module in MODULES[1:]:
            prepare_schemas(importlib.import_module(module))
        import aftersales.domain.schemas as schemas

        prepare_schemas(schemas)
        # Everything loaded so far lives as long as the desk: take it out of the garbage collector's
        # rounds, which would otherwise walk it all again in the middle of a screen switch (a tenth
        # of a second, at random moments).
        gc.collect()
        gc.freeze()
    finally:
        close_database()  # this thread's connection; every worker opens its own
        gc.enable()  # held since start-up (cli.main), so the login screen was drawn without a collection


def _note_origin() -> None:
    """A desk served to a browser (`aftersales serve`) records `web` and the browser's address in its events."""
    from ..services.audit import WEB, desk_origin

    if os.environ.get("AFTERSALES_EVENT_SOURCE") == WEB:
        desk_origin(WEB, os.environ.get("AFTERSALES_REMOTE_ADDR", ""))


def _tell(app: DeskApp, callback: Any, *args: Any) -> None:
    """Run `callback` on the app's thread, unless the desk was closed meanwhile."""
    try:
        app.call_from_thread(callback, *args)
    except RuntimeError:
        pass  # the operator quit before the desk was ready: nothing is waiting any more


def _ready(app: DeskApp, config: Any, problem: str | None) -> None:
    if config is not None:
        app.apply_config(config, problem)
    app.database_ready()


def prepare_schemas(module: Any) -> None:
    """Build the validators of the pydantic models `module` defines (they are built on first use
    otherwise, which would cost the first screen after login its time)."""
    from pydantic import BaseModel

    for value in vars(module).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == module.__name__:
            if not value.__pydantic_complete__:
                value.model_rebuild(raise_errors=False)
