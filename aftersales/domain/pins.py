"""PIN hashing with scrypt and a per-user salt."""

import hashlib
import hmac
import os
import re

_N, _R, _P = 2**14, 8, 1
_MAXMEM = 64 * 1024 * 1024
_SHAPE = re.compile(r"^[0-9]{4,12}$")


def pin_shape_ok(pin: str) -> bool:
    """True when `pin` could be a PIN at all: 4 to 12 digits (0–9 only)."""
    return bool(_SHAPE.match(pin))


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """Return `salt$hash` in hex, ready to store."""
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, maxmem=_MAXMEM, dklen=32)
    return salt.hex() + "$" + digest.hex()


def verify_pin(pin: str, stored: str) -> bool:
    salt_hex, _, digest_hex = stored.partition("$")
    try:
        salt = bytes.fromhex(salt_hex)
    except ValueError:
        return False
    candidate = hash_pin(pin, salt).partition("$")[2]
    return hmac.compare_digest(candidate, digest_hex)
