"""JSON Schemas (Draft 2020-12) of every strikewatch message, and validation against them."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import jsonschema_rs
import orjson

from streams.errors import SchemaViolation

NAMES = ("article", "event", "aggregate", "deadletter")


@cache
def schema(name: str) -> dict[str, Any]:
    return orjson.loads((files(__name__) / f"{name}.schema.json").read_bytes())


@cache
def validator(name: str) -> jsonschema_rs.Draft202012Validator:
    # jsonschema-rs: the same Draft 2020-12 semantics as `jsonschema`, compiled, ~50x faster per message.
    return jsonschema_rs.Draft202012Validator(schema(name), validate_formats=True)


def validate(name: str, message: dict[str, Any]) -> None:
    """Raise SchemaViolation naming the first offending field."""
    error = next(iter(validator(name).iter_errors(message)), None)
    if error is not None:
        where = "/".join(str(part) for part in error.instance_path) or "(message)"
        raise SchemaViolation(f"{name}.{where}: {error.message[:300]}")
