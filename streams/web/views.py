"""HTTP: dashboard page, health, metrics, and what the API views share (auth, errors)."""

from __future__ import annotations

import functools
import hmac
from importlib.resources import files

from prometheus_client import generate_latest

from streams import metrics
from streams.app import app, settings
from streams.web.readmodel import ReadModel

_read_model: ReadModel | None = None


def read_model() -> ReadModel:
    global _read_model
    if _read_model is None:
        _read_model = ReadModel(settings)
    return _read_model


@app.task
async def run_read_model() -> None:
    await read_model().run()


def bad_request(web, message: str):
    return web.json({"error": "bad_request", "detail": message}, status=400)


def guarded(handler):
    """Require 'Authorization: Bearer <token>' when STRIKEWATCH_API_TOKEN is set."""

    @functools.wraps(handler)
    async def wrapper(web, request, *args, **kwargs):
        token = settings.api_token
        if token:
            given = request.headers.get("Authorization", "")
            query_token = request.query.get("token", "")
            if not (hmac.compare_digest(given, f"Bearer {token}") or hmac.compare_digest(query_token, token)):
                return web.json({"error": "unauthorized", "detail": "bearer token required"}, status=401)
        return await handler(web, request, *args, **kwargs)

    return wrapper


@app.page("/")
@guarded
async def dashboard(web, request):
    page = (files("streams.web") / "static" / "index.html").read_text(encoding="utf-8")
    return web.html(page)


@app.page("/healthz")
async def healthz(web, request):
    model = read_model()
    return web.json({"status": "ok", "read_model_ready": model.ready.is_set(), "buckets": len(model.view.buckets)})


@app.page("/metrics")
@guarded
async def prometheus(web, request):
    return web.bytes(generate_latest(metrics.registry), content_type="text/plain; version=0.0.4")
