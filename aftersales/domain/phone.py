"""Chinese phone numbers: mobiles and landlines with an area code."""

import re

MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Area code 0 + 2–3 digits, then a 7–8 digit local number; optional extension.
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def normalise_phone(raw: str) -> str:
    """Return the phone in stored form or raise ValueError with the reason."""
    value = raw.strip().replace(" ", "")
    if value.startswith("+86"):
        value = value[3:]
    if MOBILE.match(value):
        return value
    if LANDLINE.match(value):
        if "-" not in value:
            # Beijing, Shanghai, Tianjin, Chongqing and 02x use 3-digit area codes.
            cut = 3 if value[1] in "12" else 4
            value = value[:cut] + "-" + value[cut:]
        return value
    raise ValueError("not a mobile (1[3-9] + 9 digits) or landline with area code (010-12345678)")
