"""Filters are parsed strictly (a typo is a 400, never 'everything'); exports keep their documented shape."""

from __future__ import annotations

import csv
import io

import geojson
import pytest

from streams.errors import InvalidQuery
from streams.incidents.query import CSV_COLUMNS, csv_text, feature_collection, parse

INCIDENT = {"incident_id": "0123456789abcdef", "date": "2025-03-09", "region": "UA-63", "region_name": "Kharkiv Oblast",
            "country": "UA", "place": "Kharkiv", "lat": 49.99, "lon": 36.23, "precision": "place",
            "event_type": "missile_strike", "weapons": ["ballistic missile"], "actor": "RU",
            "killed": {"low": 3, "best": 5, "high": 5, "lower_bound": False}, "wounded": None,
            "reports": [{"event_id": "e1", "article_id": "a1", "source": "Wire", "url": "https://example.org/1",
                         "published_at": "2025-03-10T07:30:00Z", "killed": 3, "wounded": None, "evidence": []}],
            "updated_at": "2025-03-10T08:00:00+00:00"}


def test_filters_are_normalised():
    request = parse({"from": "2025-03-01", "to": "2025-03-31", "country": "ua", "region": "ua-63", "type": "shelling",
                     "limit": "20", "cursor": "abc"})
    assert (request.query.start, request.query.end, request.query.country, request.query.region) == (
        "2025-03-01", "2025-03-31", "UA", "UA-63")
    assert (request.query.event_type, request.limit, request.cursor) == ("shelling", 20, "abc")
    assert parse({}).limit == 100


@pytest.mark.parametrize("params", [{"from": "2025-3-1"}, {"to": "yesterday"}, {"from": "2025-03-02", "to": "2025-03-01"},
                                    {"country": "Ukraine"}, {"region": "Kharkiv"}, {"type": "bombing"}, {"limit": "0"},
                                    {"limit": "1001"}, {"limit": "ten"}, {"from": "2025-02-30"}])
def test_malformed_filters_are_refused(params):
    with pytest.raises(InvalidQuery):
        parse(params)


def test_geojson_is_rfc_7946_with_lon_lat_order():
    collection = feature_collection([INCIDENT, {**INCIDENT, "incident_id": "fedcba9876543210", "lat": None, "lon": None}])
    parsed = geojson.loads(geojson.dumps(collection))
    assert parsed.is_valid, parsed.errors()
    assert collection["features"][0]["geometry"]["coordinates"] == [36.23, 49.99]
    assert collection["features"][1]["geometry"] is None


def test_csv_has_the_documented_columns_and_leaves_unreported_figures_empty():
    rows = list(csv.DictReader(io.StringIO(csv_text([INCIDENT]))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert (rows[0]["killed_best"], rows[0]["killed_lower_bound"], rows[0]["wounded_best"]) == ("5", "false", "")
    assert rows[0]["sources"] == "Wire" and rows[0]["urls"] == "https://example.org/1"
