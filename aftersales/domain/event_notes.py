"""Event notes stored in a language-neutral form, so each desk shows them in its own language."""

import json

_IMPORT_KEYS = {"file", "row"}


def import_note(file: str, row: int) -> str:
    """The note of a record created by an import: which file and which row (header = row 1)."""
    return json.dumps({"file": file, "row": row}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def read_import_note(note: str) -> tuple[str, int] | None:
    """(file, row) of a note written by `import_note`, or None for any other note (older ones too)."""
    if not note.startswith("{"):
        return None
    try:
        data = json.loads(note)
    except ValueError:
        return None
    if not isinstance(data, dict) or set(data) != _IMPORT_KEYS:
        return None
    file, row = data["file"], data["row"]
    if not isinstance(file, str) or not isinstance(row, int):
        return None
    return file, row
