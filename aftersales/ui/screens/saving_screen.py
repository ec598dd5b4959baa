"""What a screen does when a save it started in the background is refused."""

from ...domain.errors import ConflictError
from ..messages import SaveFailed


class SavesInBackground:
    """A screen whose keys save in the background: a refusal is told and a conflict shows the stored record.

    Mixed in before DeskScreen; the screen provides `busy` (no second save while one runs) and `reload()`.
    """

    busy: bool

    def on_save_failed(self, message: SaveFailed) -> None:
        self.busy = False
        self.save_refused(message.text)
        if isinstance(message.error, ConflictError):
            self.reload()
        self.refresh_bindings()  # type: ignore[attr-defined]

    def save_refused(self, text: str) -> None:
        """Tell the operator why the save was refused."""
        self.notify(text, severity="error", markup=False)  # type: ignore[attr-defined]

    def reload(self) -> None:
        raise NotImplementedError
