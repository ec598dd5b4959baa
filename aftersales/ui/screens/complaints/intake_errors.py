"""Short, translated per-field messages for the intake form's validation errors."""

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from ....domain.errors import FieldMessage
from ....domain.schemas import ComplaintInput
from ....i18n import field_text, t
from ...background import error_detail

# Fields whose value comes from a Select: any error there means "pick one".
CHOICE_FIELDS = frozenset({"category", "severity", "channel", "remedy", "major_reason"})

def _message(field: str, kind: str, ctx: Mapping[str, Any], value: object) -> str:
    """One pydantic error turned into the short text shown under `field`."""
    if field == "shop_code":
        return t("intake.error.shop")
    if field in CHOICE_FIELDS:
        return t("intake.error.major_reason") if field == "major_reason" else t("intake.error.choose")
    empty = value is None or (isinstance(value, str) and not value.strip())
    if kind == "missing" or (empty and kind in ("string_too_short", "value_error")):
        return t("intake.error.required")
    if field == "phone":
        return t("intake.error.phone")
    if kind == "string_too_short":
        return t("intake.error.too_short", min=ctx.get("min_length", "?"))
    if kind == "string_too_long":
        count = len(value) if isinstance(value, str) else "?"
        return t("intake.error.too_long", max=ctx.get("max_length", "?"), count=count)
    return t("intake.error.invalid")


def _field_of(error: Mapping[str, Any]) -> str:
    loc = error.get("loc") or ()
    if loc:
        return str(loc[0])
    # The schema's only whole-form rule is "a major incident needs a reason".
    return "major_reason"


def local_errors(data: Mapping[str, object]) -> dict[str, str]:
    """Validate what the form holds with the intake schema; field → short message."""
    out: dict[str, str] = {}
    try:
        ComplaintInput.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            field = _field_of(error)
            ctx = error.get("ctx") or {}
            out.setdefault(field, _message(field, str(error.get("type", "")), ctx, data.get(field)))
        # The schema's whole-form rule only runs once every field is valid; show it with the rest.
        if data.get("major_incident") and data.get("major_reason") is None:
            out.setdefault("major_reason", t("intake.error.major_reason"))
    return out


def service_errors(fields: Mapping[str, FieldMessage]) -> dict[str, str]:
    """The service's refusals per field (InvalidInput), in the form's own short words where it has them."""
    out: dict[str, str] = {}
    for field, refusal in fields.items():
        if field == "shop_code":
            out[field] = t("intake.error.shop_inactive")
        elif field == "__all__":
            out["major_reason"] = t("intake.error.major_reason")
        elif field in CHOICE_FIELDS:
            out[field] = t("intake.error.choose")
        else:
            out[field] = field_text(refusal)
    return out


def save_failure_text(exc: Exception) -> str:
    """Why a save failed, in the desk's language."""
    return error_detail(exc)
