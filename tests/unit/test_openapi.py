"""/api/openapi.json is a valid OpenAPI 3.1 document whose bodies are the topics' own schemas, and it
describes every page the worker serves."""

from __future__ import annotations

from openapi_spec_validator import validate

from streams.app import create_app
from streams.settings import Settings
from streams.web.openapi import document


def test_the_document_is_valid_openapi_3_1():
    validate(document())


def test_it_describes_every_page_the_app_serves(tmp_path):
    app = create_app(Settings(data_dir=tmp_path))
    assert set(document()["paths"]) == set(app.web.views)
