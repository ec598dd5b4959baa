"""Starting the desk from the command line: open the database, pick the language, run the app."""

import sys

from .. import i18n
from ..settings import SettingsRefused, desk_for, load_config
from ..store.db import close_database, open_database
from ..store.errors import DatabaseRefused
from .session import DeskSession


def run_desk(db_target: str, language: str, user_code: str | None) -> int:
    """Run the desk on `db_target`; 0 on a normal exit, 2 when the settings or the database are refused.

    An empty `language` means: the settings file's language, else the locale.
    """
    try:
        config, problem = load_config()
    except SettingsRefused as exc:
        print(f"aftersales: {exc}", file=sys.stderr)
        return 2
    chosen = i18n.normalise_language(language) or config.language or i18n.detect_language()
    i18n.set_language(chosen)
    try:
        open_database(db_target)
    except DatabaseRefused as exc:
        print(f"aftersales: {exc}", file=sys.stderr)
        return 2
    from .app import DeskApp

    session = DeskSession(db_target=str(db_target), desk=desk_for(config))
    app = DeskApp(session, language=chosen, user_code=user_code, config=config, config_problem=problem)
    try:
        app.run()
    finally:
        close_database()
    return int(app.return_code or 0)
