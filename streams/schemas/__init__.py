"""JSON Schemas (Draft 2020-12) of every strikewatch message, and validation against them."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import orjson
from jsonschema import Draft202012Validator, FormatChecker

from streams.errors import SchemaViolation

NAMES = ("article", "event", "aggregate", "deadletter")


@cache
def schema(name: str) -> dict[str, Any]:
    return orjson.loads((files(__name__) / f"{name}.schema.json").read_bytes())


@cache
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name), format_checker=FormatChecker())


def validate(name: str, message: dict[str, Any]) -> None:
    """Raise SchemaViolation naming the first offending field."""
    error = next(iter(validator(name).iter_errors(message)), None)
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "(message)"
        raise SchemaViolation(f"{name}.{where}: {error.message[:300]}")
