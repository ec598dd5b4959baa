"""PIN hashing with scrypt and a per-user salt."""

import hashlib
import hmac
import os

_N, _R, _P = 2**14, 8, 1
_MAXMEM = 64 * 1024 * 1024


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
