"""Hash chain over audit events: each event seals the one before it."""

import hashlib
import json
from collections.abc import Mapping

GENESIS = "0" * 64


def canonical_payload(content: Mapping[str, object]) -> str:
    """The event's content as the canonical JSON its digest is taken over."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def event_digest(previous: str, content: Mapping[str, object]) -> str:
    """SHA-256 (hex) of the previous digest followed by the event's canonical JSON content, UTF-8."""
    return hashlib.sha256((previous + canonical_payload(content)).encode("utf-8")).hexdigest()
