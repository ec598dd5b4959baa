"""Asks before quitting while a form holds text that was never saved."""

from ....i18n import t
from ...dialogs.confirm import ConfirmScreen


class ConfirmQuitScreen(ConfirmScreen):
    """Answers True to quit and lose the unsaved text, False to stay."""

    def __init__(self) -> None:
        super().__init__(t("shell.quit.title"), t("shell.quit.body"), t("shell.quit.yes"), t("shell.quit.no"))
