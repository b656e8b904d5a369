"""HTTP: incident history from the worker's SQLite store, as JSON pages, GeoJSON and CSV."""

from __future__ import annotations

import functools

import orjson

from streams.errors import InvalidQuery
from streams.incidents.query import EXPORT_LIMIT, PAGE_LIMIT, csv_text, feature_collection, parse
from streams.web.views import bad_request, guarded, read_model


def filtered(limits: tuple[int, int]):
    """Hand the view the incidents the request's filters select (newest first) and the next page's
    cursor; a malformed filter is answered with 400 before the view runs."""

    def decorate(render):
        @functools.wraps(render)
        async def view(web, request):
            try:
                wanted = parse(request.query, limits=limits)
                store = read_model(web).incidents
                rows, following = store.page(wanted.query, limit=wanted.limit, cursor=wanted.cursor)
            except InvalidQuery as error:
                return bad_request(web, str(error))
            return render(web, rows, following)

        return view

    return decorate


@filtered(PAGE_LIMIT)
def incidents(web, rows: list[dict], following: str | None):
    return web.json({"incidents": rows, "count": len(rows), "next_cursor": following})


@filtered(EXPORT_LIMIT)
def incidents_geojson(web, rows: list[dict], following: str | None):
    return web.bytes(orjson.dumps(feature_collection(rows)), content_type="application/geo+json")


@filtered(EXPORT_LIMIT)
def incidents_csv(web, rows: list[dict], following: str | None):
    # aiohttp refuses a charset inside content_type, so the whole header is given
    return web.bytes(csv_text(rows).encode(), headers={"Content-Type": "text/csv; charset=utf-8",
                                                       "Content-Disposition": 'attachment; filename="incidents.csv"'})


def register(app) -> None:
    """/api/incidents and its GeoJSON and CSV exports on `app` (streams.app.StrikewatchApp)."""
    for path, view in (("/api/incidents", incidents), ("/api/incidents.geojson", incidents_geojson),
                       ("/api/incidents.csv", incidents_csv)):
        app.page(path, name=view.__name__)(guarded(view))
