"""HTTP: dashboard page, health, metrics, and what the API views share (auth, errors)."""

from __future__ import annotations

import functools
import hmac
from importlib.resources import files

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
