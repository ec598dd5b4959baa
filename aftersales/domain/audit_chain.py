"""Hash chain over audit events: each event seals the one before it."""

import hashlib
import json
from collections.abc import Mapping

GENESIS = "0" * 64


def event_digest(previous: str, content: Mapping[str, object]) -> str:
    """SHA-256 of the previous digest and the event's canonical JSON content."""
    payload = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256((previous + payload).encode("utf-8")).hexdigest()
