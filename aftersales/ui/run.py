"""Starting the desk from the command line: pick the language, show the login screen, run the app.

The database is opened by the app while the login screen waits for the PIN (see warmup.py); a
database it refuses closes the desk and the reason is printed here, once the terminal is back. A
settings file that could stop the desk (unreadable, or holding a policy table) is judged before the
first screen instead: the desk never opens on a policy nobody chose.
"""

import sys

from .. import i18n
from ..settings_file import has_policy, read_settings


def run_desk(db_target: str, language: str, user_code: str | None) -> int:
    """Run the desk on `db_target`; 0 on a normal exit, 2 when the settings or the database are refused.

    An empty `language` means: the settings file's language, else the locale.
    """
    settings, problem = read_settings()
    if problem is not None:
        # A file that cannot be read may hold policy tables: stop rather than run on defaults.
        print(f"aftersales: {problem}", file=sys.stderr)
        return 2
    config = None
    if has_policy(settings):
        from ..settings import SettingsRefused, config_from

        try:
            config, problem = config_from(settings)
        except SettingsRefused as exc:
            print(f"aftersales: {exc}", file=sys.stderr)
            return 2
    chosen = (
        i18n.normalise_language(language)
        or i18n.normalise_language(str(settings.get("language") or ""))
        or i18n.detect_language()
    )
    i18n.set_language(chosen)
    from .app import DeskApp
    from .session import DeskSession

    app = DeskApp(DeskSession(db_target=str(db_target)), language=chosen, user_code=user_code,
                  settings=settings, config=config, config_problem=problem)
    try:
        app.run()
    finally:
        from ..services.database import close_database

        close_database()
    refusal = getattr(app, "refusal", "")
    if refusal:
        print(f"aftersales: {refusal}", file=sys.stderr)
        return 2
    return int(app.return_code or 0)
