"""The OpenAPI 3.1 description of the HTTP API, served at /api/openapi.json.

Message bodies are described by the same JSON Schemas as the topics (streams/schemas), lifted
into ``components`` so that the API and the topics cannot drift apart.
"""

from __future__ import annotations

import copy
from functools import cache

from streams import __version__
from streams.incidents.query import CSV_COLUMNS, EVENT_TYPES, EXPORT_LIMIT, PAGE_LIMIT
from streams.schemas import schema

RANGE = {"type": "object", "required": ["low", "best", "high"],
         "properties": {k: {"type": "integer", "minimum": 0} for k in ("low", "best", "high")}}
ERROR = {"type": "object", "required": ["error", "detail"],
         "properties": {"error": {"type": "string"}, "detail": {"type": "string"}}}


def _component(name: str, title: str, components: dict) -> dict:
    """A topic's schema as a component; its $defs become sibling components (refs rewritten)."""
    body = copy.deepcopy(schema(name))
    for key in ("$schema", "$id"):
        body.pop(key, None)
    defs = body.pop("$defs", {})

    def rewrite(node):
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/$defs/"):
                node["$ref"] = f"#/components/schemas/{title}_{node['$ref'].rsplit('/', 1)[1]}"
            for value in node.values():
                rewrite(value)
        elif isinstance(node, list):
            for value in node:
                rewrite(value)

    rewrite(body)
    for def_name, definition in defs.items():
        rewrite(definition)
        components[f"{title}_{def_name}"] = definition
    components[title] = body
    return {"$ref": f"#/components/schemas/{title}"}


def _json(description: str, body: dict, media: str = "application/json") -> dict:
    return {"description": description, "content": {media: {"schema": body}}}


def _parameter(name: str, description: str, body: dict, where: str = "query", required: bool = False) -> dict:
    return {"name": name, "in": where, "required": required, "description": description, "schema": body}


FILTERS = [
    _parameter("from", "first day (YYYY-MM-DD), inclusive", {"type": "string", "format": "date"}),
    _parameter("to", "last day (YYYY-MM-DD), inclusive", {"type": "string", "format": "date"}),
    _parameter("country", "ISO 3166-1 alpha-2 country code", {"type": "string", "pattern": "^[A-Za-z]{2}$"}),
    _parameter("region", "ISO 3166-2 region code, e.g. UA-63", {"type": "string", "pattern": "^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$"}),
    _parameter("type", "event type", {"type": "string", "enum": list(EVENT_TYPES)}),
]


def _limit(limits: tuple[int, int]) -> dict:
    default, most = limits
    return _parameter("limit", f"at most this many incidents (default {default})",
                      {"type": "integer", "minimum": 1, "maximum": most, "default": default})


def _get(summary: str, ok: dict, parameters: list | None = None, *, guarded: bool = True) -> dict:
    responses = {"200": ok, "400": _json("a bad parameter", {"$ref": "#/components/schemas/Error"})}
    if guarded:
        responses["401"] = _json("the bearer token is missing or wrong (only when the server has one)",
                                 {"$ref": "#/components/schemas/Error"})
    operation = {"summary": summary, "parameters": parameters or [], "responses": responses}
    if not guarded:
        operation["security"] = []
    return {"get": operation}


@cache
def document() -> dict:
    components: dict = {"Error": ERROR, "Range": RANGE}
    incident = _component("incident", "Incident", components)
    event = _component("event", "Event", components)
    aggregate = _component("aggregate", "Aggregate", components)
    row = {"type": "object", "required": ["region", "region_name", "country", "strikes", "reports", "killed", "wounded",
                                          "killed_unreported", "wounded_unreported", "killed_lower_bound",
                                          "wounded_lower_bound", "change", "spark"],
           "properties": {"region": {"type": "string"}, "region_name": {"type": ["string", "null"]},
                          "country": {"type": "string"}, "strikes": {"type": "integer", "minimum": 0},
                          "reports": {"type": "integer", "minimum": 0},
                          "killed": {"$ref": "#/components/schemas/Range"}, "wounded": {"$ref": "#/components/schemas/Range"},
                          "killed_unreported": {"type": "integer", "minimum": 0},
                          "wounded_unreported": {"type": "integer", "minimum": 0},
                          "killed_lower_bound": {"type": "boolean"}, "wounded_lower_bound": {"type": "boolean"},
                          "previous_strikes": {"type": "integer", "minimum": 0}, "change": {"type": "integer"},
                          "spark": {"type": "array", "items": {"type": "integer", "minimum": 0}}}}
    point = {"type": "object", "required": ["type", "coordinates"],
             "properties": {"type": {"const": "Point"},
                            "coordinates": {"type": "array", "minItems": 2, "maxItems": 2, "items": {"type": "number"},
                                            "description": "[longitude, latitude] (RFC 7946)"}}}
    feature_collection = {
        "type": "object", "required": ["type", "features"],
        "properties": {"type": {"const": "FeatureCollection"}, "features": {"type": "array", "items": {
            "type": "object", "required": ["type", "id", "geometry", "properties"],
            "properties": {"type": {"const": "Feature"}, "id": {"type": "string"},
                           "geometry": {"oneOf": [point, {"type": "null"}]}, "properties": {"type": "object"}}}}}}
    page = {"type": "object", "required": ["incidents", "count", "next_cursor"],
            "properties": {"incidents": {"type": "array", "items": incident}, "count": {"type": "integer", "minimum": 0},
                           "next_cursor": {"type": ["string", "null"],
                                           "description": "pass as `cursor` for the next (older) page; null on the last"}}}
    text = {"type": "string"}
    paths = {
        "/": {"get": {"summary": "The dashboard: live map of incidents, table and chart per region, filters",
                      "responses": {"200": _json("the page", text, "text/html"),
                                    "401": _json("token required", {"$ref": "#/components/schemas/Error"})}}},
        "/api/aggregates": _get("Rolling per-region totals (incidents, not reports) over a window ending at as_of", _json(
            "one row per region", {"type": "object", "required": ["window", "as_of", "regions"], "properties": {
                "window": {"enum": ["1d", "7d", "30d"]}, "as_of": {"type": ["string", "null"], "format": "date"},
                "regions": {"type": "array", "items": row}}}), [
            _parameter("window", "1d, 7d or 30d", {"type": "string", "enum": ["1d", "7d", "30d"], "default": "7d"}),
            _parameter("as_of", "window end (YYYY-MM-DD); default: the newest event date", {"type": "string", "format": "date"})]),
        "/api/regions/{code}": _get("One region's daily buckets", _json("the daily series", {
            "type": "object", "required": ["region", "days"],
            "properties": {"region": {"type": "string"}, "region_name": {"type": ["string", "null"]},
                           "country": {"type": "string"}, "days": {"type": "array", "items": aggregate}}}), [
            _parameter("code", "ISO 3166-2 region code, e.g. UA-63",
                       {"type": "string", "pattern": "^[A-Za-z0-9-]{2,8}$"}, "path", True)]),
        "/api/events": _get("The most recent event messages (the last 2,000 a worker has read)", _json("newest first", {
            "type": "object", "required": ["events", "count"],
            "properties": {"events": {"type": "array", "items": event}, "count": {"type": "integer", "minimum": 0}}}), [
            _parameter("limit", "at most this many (default 50)", {"type": "integer", "minimum": 1, "maximum": 1000, "default": 50})]),
        "/api/incidents": _get("Incident history, newest first, paginated", _json("a page", page),
                               [*FILTERS, _limit(PAGE_LIMIT), _parameter("cursor", "next_cursor of the previous page",
                                                                         {"type": "string"})]),
        "/api/incidents.geojson": _get("The incidents as an RFC 7946 FeatureCollection of Points",
                                       _json("GeoJSON", feature_collection, "application/geo+json"),
                                       [*FILTERS, _limit(EXPORT_LIMIT)]),
        "/api/incidents.csv": _get(f"The incidents as CSV, one row per incident; columns: {', '.join(CSV_COLUMNS)}",
                                   _json("CSV with a header row; an empty figure cell means not reported", text, "text/csv"),
                                   [*FILTERS, _limit(EXPORT_LIMIT)]),
        "/static/{folder}/{name}": {"get": {
            "summary": "The dashboard's scripts, styles and country outlines (Leaflet from XStatic, Natural Earth)",
            "parameters": [_parameter("folder", "where the file comes from",
                                      {"enum": ["leaflet", "markercluster", "dashboard", "map"]}, "path", True),
                           _parameter("name", "file name", {"type": "string"}, "path", True)],
            "responses": {"200": {"description": "the file", "content": {
                              "text/javascript": {"schema": text}, "text/css": {"schema": text},
                              "application/geo+json": {"schema": {"type": "object"}}}},
                          "401": _json("token required", {"$ref": "#/components/schemas/Error"}),
                          "404": _json("no such file", {"$ref": "#/components/schemas/Error"})}}},
        "/api/openapi.json": _get("This document", _json("OpenAPI 3.1", {"type": "object"})),
        "/healthz": {"get": {"summary": "Liveness: fails when an agent has crashed", "security": [], "responses": {
            "200": _json("healthy", {"type": "object", "required": ["status"]}),
            "503": _json("an agent has crashed", {"type": "object", "required": ["status"]})}}},
        "/metrics": _get("Prometheus metrics", _json("text exposition format", text, "text/plain")),
    }
    paths["/"]["get"]["security"] = [{"bearer": []}]
    return {
        "openapi": "3.1.0",
        "info": {"title": "strikewatch", "version": __version__,
                 "description": "Strike incidents and casualty counts extracted from war news. Unknown is not zero: "
                                "a figure no report gave is null (n/r), never 0."},
        "paths": paths,
        "security": [{"bearer": []}],
        "components": {"schemas": components,
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                                      "description": "required when STRIKEWATCH_API_TOKEN is set"}}},
    }
