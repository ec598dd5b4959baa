"""The path field of the dialogs that write a file: where it is offered to go, what was typed, why it failed."""

from pathlib import Path

from textual.dom import DOMNode
from textual.widgets import Input

from ... import i18n
from ...domain.errors import InvalidInput


def default_folder() -> Path:
    """Where an export is offered to go: the user's documents folder, else their home."""
    from platformdirs import user_documents_path

    documents = user_documents_path()
    return documents if documents.is_dir() else Path.home()


def typed_path(dialog: DOMNode, suffixes: tuple[str, ...], refusal_key: str) -> tuple[Path, str]:
    """The path typed in `dialog`'s field `path` and its suffix (lower case, no dot); refused with the
    catalog's `refusal_key` under the field unless it names a file ending in one of `suffixes`."""
    text = dialog.query_one("#field-path", Input).value.strip()
    path = Path(text).expanduser()
    suffix = path.suffix.lower().lstrip(".")
    if not text or suffix not in suffixes:
        raise InvalidInput(f"not a {' or '.join(suffixes)} name", {"path": i18n.t(refusal_key)})
    return path, suffix


def path_refusal(exc: OSError, field: str = "path") -> InvalidInput:
    """A file that could not be written (no such folder, no permission), said under its `field`."""
    return InvalidInput(str(exc), {field: exc.strerror or str(exc)})
