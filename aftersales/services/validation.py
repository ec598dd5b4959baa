"""Turning pydantic errors into per-field messages a form can show."""

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from ..domain.errors import InvalidInput

M = TypeVar("M", bound=BaseModel)


def field_errors(exc: ValidationError) -> dict[str, str]:
    """First message per field; model-level errors go under '__all__'."""
    out: dict[str, str] = {}
    for error in exc.errors():
        loc = error.get("loc") or ()
        name = str(loc[0]) if loc else "__all__"
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        out.setdefault(name, message)
    return out


def validate(model: type[M], data: M | dict[str, object]) -> M:
    """Return a valid `model` or raise InvalidInput with field messages."""
    if isinstance(data, model):
        return data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(f"invalid {model.__name__}", field_errors(exc)) from exc
