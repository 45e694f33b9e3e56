"""Reading what a server or a model sent, tolerantly: a provider declares the shape of its reply, and a
skill the shape of the JSON answer it asks for (`Request(json_model=...)`), as small pydantic models
built from these, so a field of the wrong type is None instead of an exception deep in a `.get()`
chain, and fields nobody declared are kept (`extra="allow"`)."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, ValidatorFunctionWrapHandler, WrapValidator

T = TypeVar("T")


def _or_none(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    try:
        return handler(value)
    except ValidationError:
        return None


OrNone = Annotated[T | None, WrapValidator(_or_none)]  # the value when it has the type, else None


class Lenient(BaseModel):
    """A reply's shape: unknown fields kept, numbers accepted where text is asked for."""

    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True)


def error_text(error: Any) -> str:
    """A server's error object as one line: its message where it has one."""
    if isinstance(error, dict) and isinstance(error.get("message"), str):
        return str(error["message"])
    return str(error)
