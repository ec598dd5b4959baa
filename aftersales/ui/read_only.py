"""A read-only database: the banner's words and the refusal a key gives before any form opens."""

from typing import Any

from textual.app import App

from ..i18n import t


def refuse_when_read_only(app: App[Any]) -> bool:
    """True, after saying why, when the desk's database cannot be written: open no form then."""
    session = getattr(app, "session", None)
    if session is None or not session.read_only:
        return False
    app.notify(t("shell.read_only"), severity="warning", markup=False)
    return True
