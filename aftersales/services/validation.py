"""Turning pydantic errors into per-field refusals (message keys) a form can show."""

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..domain.errors import FieldError, InvalidInput

M = TypeVar("M", bound=BaseModel)

# pydantic error type → catalog key; the error's context (min_length, expected …) fills it.
_BY_TYPE = {
    "missing": "validation.required",
    "string_too_short": "validation.too_short",
    "string_too_long": "validation.too_long",
    "string_pattern_mismatch": "validation.pattern",
    "enum": "validation.choice",
    "literal_error": "validation.choice",
    "int_parsing": "validation.number",
    "int_type": "validation.number",
    "int_from_float": "validation.number",
    "greater_than_equal": "validation.at_least",
    "less_than_equal": "validation.at_most",
    "extra_forbidden": "validation.unknown_field",
    "string_type": "validation.text",
    "bool_parsing": "validation.yes_no",
    "bool_type": "validation.yes_no",
    "datetime_parsing": "validation.datetime",
    "datetime_type": "validation.datetime",
    "datetime_from_date_parsing": "validation.datetime",
    "date_parsing": "validation.date",
    "date_type": "validation.date",
    "date_from_datetime_parsing": "validation.date",
    "date_from_datetime_inexact": "validation.date",
    "control_chars": "validation.control_chars",
    "satisfaction_needed": "validation.satisfaction_needed",
    "reason_needed": "validation.reason_needed",
}

# Rules of our own (ValueError in a validator) named by the field they guard.
_BY_FIELD = {"phone": "validation.phone", "contact_phone": "validation.phone", "received_at": "validation.timezone"}


def _refusal(error: Any) -> FieldError:
    kind = str(error.get("type", ""))
    loc = error.get("loc") or ()
    name = str(loc[0]) if loc else "__all__"
    ctx = dict(error.get("ctx") or {})
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return FieldError("validation.required")
    if kind == "value_error":
        if name in _BY_FIELD:
            return FieldError(_BY_FIELD[name])
        if "major incident" in str(error.get("msg", "")):
            return FieldError("validation.major_reason")
    key = _BY_TYPE.get(kind)
    if key:
        return FieldError(key, **{k: v for k, v in ctx.items() if isinstance(v, (int, str))})
    # A rule of our own without a message of the catalogs: its own words (always English).
    return FieldError("validation.as_stated", text=str(error.get("msg", "invalid")).removeprefix("Value error, "))


def field_errors(exc: ValidationError) -> dict[str, FieldError]:
    """First refusal per field; model-level errors go under '__all__' (major incident → its reason)."""
    out: dict[str, FieldError] = {}
    for error in exc.errors():
        loc = error.get("loc") or ()
        name = str(loc[0]) if loc else "__all__"
        refusal = _refusal(error)
        if name == "__all__" and refusal.key == "validation.major_reason":
            name = "major_reason"
        out.setdefault(name, refusal)
    return out


def validate(model: type[M], data: M | dict[str, object]) -> M:
    """Return a valid `model` or raise InvalidInput with a refusal per field."""
    if isinstance(data, model):
        return data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(field_errors(exc)) from exc
