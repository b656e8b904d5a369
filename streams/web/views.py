"""HTTP: dashboard page and its static files, health, metrics, the OpenAPI document, and what the
API views share (auth, errors)."""

from __future__ import annotations

import functools
import hmac
from importlib.resources import files
from pathlib import Path

import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from prometheus_client import generate_latest

from streams import metrics
from streams.web.readmodel import ReadModel


def read_model(web) -> ReadModel:
    """The read model of the app serving this request."""
    return web.app.read_model


def bad_request(web, message: str):
    return web.json({"error": "bad_request", "detail": message}, status=400)


def guarded(handler):
    """Require 'Authorization: Bearer <token>' when STRIKEWATCH_API_TOKEN is set."""

    @functools.wraps(handler)
    async def wrapper(web, request, *args, **kwargs):
        token = web.app.settings.api_token
        if token:
            given = request.headers.get("Authorization", "")
            query_token = request.query.get("token", "")
            if not (hmac.compare_digest(given, f"Bearer {token}") or hmac.compare_digest(query_token, token)):
                return web.json({"error": "unauthorized", "detail": "bearer token required"}, status=401)
        return await handler(web, request, *args, **kwargs)

    return wrapper


#: Everything the page loads, by URL folder: served from the packages that ship it (no CDN, no tiles).
STATIC = {
    "leaflet": (Path(xstatic.pkg.leaflet.BASE_DIR), {"leaflet.js", "leaflet.css"}),
    "markercluster": (Path(xstatic.pkg.leaflet_markercluster.BASE_DIR),
                      {"leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"}),
    "dashboard": (Path(str(files("streams.web") / "static")), {"dashboard.js", "dashboard.css"}),
    "map": (Path(str(files("streams.web") / "data")), {"countries.geojson"}),
}
CONTENT_TYPES = {".js": "text/javascript", ".css": "text/css", ".geojson": "application/geo+json"}


def register(app) -> None:
    """The read model, the dashboard, /healthz and /metrics on `app` (streams.app.StrikewatchApp)."""
    app.read_model = ReadModel(app.settings)

    @app.task
    async def run_read_model() -> None:
        await app.read_model.run()

    @app.page("/")
    @guarded
    async def dashboard(web, request):
        page = (files("streams.web") / "static" / "index.html").read_text(encoding="utf-8")
        return web.html(page)

    @app.page("/static/{folder}/{name}")
    @guarded
    async def static(web, request, folder: str, name: str):
        base, allowed = STATIC.get(folder, (None, set()))
        if name not in allowed:
            return web.json({"error": "not_found", "detail": f"no static file {folder}/{name}"}, status=404)
        path = base / name
        return web.bytes(path.read_bytes(), content_type=CONTENT_TYPES[path.suffix],
                         headers={"Cache-Control": "max-age=3600"})

    @app.page("/api/openapi.json")
    @guarded
    async def openapi(web, request):
        from streams.web.openapi import document

        return web.json(document())

    @app.page("/healthz")
    async def healthz(web, request):
        model = read_model(web)
        if app.agent_crash is not None:
            return web.json({"status": "crashed", "error": f"{type(app.agent_crash).__name__}: {app.agent_crash}"}, status=503)
        return web.json({"status": "ok", "read_model_ready": model.ready.is_set(), "buckets": len(model.view.buckets)})

    @app.page("/metrics")
    @guarded
    async def prometheus(web, request):
        return web.bytes(generate_latest(metrics.registry), content_type="text/plain; version=0.0.4")
