"""Asking before an intake form with typed text is thrown away."""

from ....i18n import t
from ...dialogs.confirm import ConfirmScreen


class DiscardIntakeScreen(ConfirmScreen):
    """Dismisses with True only when the operator chooses to discard; escape, `n` or a stray enter keep
    editing (the same answer keys as the quit question)."""

    def __init__(self) -> None:
        super().__init__(t("intake.discard.question"), t("intake.discard.detail"), t("intake.discard.yes"),
                         t("intake.discard.no"))
