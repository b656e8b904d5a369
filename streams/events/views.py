"""HTTP: the most recent events."""

from __future__ import annotations

from streams.web.views import bad_request, guarded, read_model

MAX_LIMIT = 1000


def register(app) -> None:
    @app.page("/api/events")
    @guarded
    async def events(web, request):
        try:
            limit = int(request.query.get("limit", "50"))
        except ValueError:
            return bad_request(web, "limit must be an integer")
        if not 1 <= limit <= MAX_LIMIT:
            return bad_request(web, f"limit must be between 1 and {MAX_LIMIT}")
        recent = list(read_model(web).events)[-limit:][::-1]
        return web.json({"events": recent, "count": len(recent)})
