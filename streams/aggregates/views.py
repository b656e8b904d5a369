"""HTTP: rolling aggregates and one region's daily series."""

from __future__ import annotations

from datetime import date

from streams.aggregates.view import WINDOWS
from streams.web.views import bad_request, guarded, read_model


def register(app) -> None:
    @app.page("/api/aggregates")
    @guarded
    async def aggregates(web, request):
        window = request.query.get("window", "7d")
        if window not in WINDOWS:
            return bad_request(web, f"window must be one of {', '.join(WINDOWS)}")
        as_of_text = request.query.get("as_of") or None
        try:
            as_of = date.fromisoformat(as_of_text) if as_of_text else None
        except ValueError:
            return bad_request(web, "as_of must be a date, YYYY-MM-DD")
        return web.json(read_model(web).view.snapshot(window, as_of))

    @app.page("/api/regions/{code}")
    @guarded
    async def region(web, request, code: str):
        if not (2 <= len(code) <= 8) or not all(c.isalnum() or c == "-" for c in code):
            return bad_request(web, "region code must look like UA-63")
        return web.json(read_model(web).view.series(code.upper()))
