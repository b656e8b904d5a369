"""/api/openapi.json is a valid OpenAPI 3.1 document whose bodies are the topics' own schemas."""

from __future__ import annotations

from openapi_spec_validator import validate

from streams.web.openapi import document


def test_the_document_is_valid_openapi_3_1():
    validate(document())


def test_it_describes_every_endpoint():
    assert set(document()["paths"]) == {"/", "/api/aggregates", "/api/regions/{code}", "/api/events", "/api/incidents",
                                        "/api/incidents.geojson", "/api/incidents.csv", "/api/openapi.json", "/healthz",
                                        "/metrics", "/static/{folder}/{name}"}
