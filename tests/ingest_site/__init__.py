"""A small news site on 127.0.0.1 for the ingest tests: RSS and Atom feeds, cluttered article pages,
and the troubles real sites have. It records every request (time, host, path, status)."""

from __future__ import annotations

import hashlib
import html
import socket
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.ingest_site.stories import ATOM_STORIES, NO_TEXT_PAGE, RSS_STORIES, STORIES

TEMPLATE = (Path(__file__).parent / "page.html").read_text()
ROBOTS = "User-agent: *\nDisallow: /private/\n"
HUGE_BYTES = 10 * 1024 * 1024
PLAIN = ("", "2026-03-13T00:00:00+00:00")


@dataclass(frozen=True)
class Request:
    at: float  # time.monotonic() when the request line arrived
    host: str
    path: str
    status: int
    user_agent: str


def page(path: str) -> str:
    title, date, lang, paragraphs = STORIES[path]
    body = "\n".join(f"        <p>{html.escape(p)}</p>" for p in paragraphs)
    return TEMPLATE.format(lang=lang, title=html.escape(title), date=date, body=body)


def rss(base: str, paths: list[str]) -> str:
    """Links carry a tracking parameter, as real feeds' do; paths that are no story get a plain title."""
    items = "".join(
        f"<item><title>{html.escape(STORIES.get(p, (p,))[0])}</title><link>{base}{p}?utm_source=rss</link>"
        f"<guid>{base}{p}</guid><pubDate>{format_datetime(datetime.fromisoformat(STORIES.get(p, PLAIN)[1]))}</pubDate>"
        f"</item>\n" for p in paths)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>The Eastern Ledger: news'
            f"</title><link>{base}/</link><description>Latest stories</description>\n{items}</channel></rss>\n")


def atom(base: str, paths: list[str]) -> str:
    entries = "".join(
        f'<entry><title>{html.escape(STORIES[p][0])}</title><link rel="alternate" href="{p}"/><id>tag:ledger,{p}</id>'
        f"<published>{STORIES[p][1]}</published><updated>{STORIES[p][1]}</updated></entry>\n" for p in paths)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}/">'
            f"<title>The Eastern Ledger: regions</title><id>tag:ledger,regions</id>"
            f"<updated>2026-03-12T15:05:00Z</updated>\n{entries}</feed>\n")


class Site:
    """Start with ``with Site() as site``; ``site.url(path)``; ``site.feeds`` lists each feed's stories."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.feeds: dict[str, list[str]] = {"/feeds/news.rss": list(RSS_STORIES), "/feeds/regions.atom": list(ATOM_STORIES),
                                            "/feeds/trouble.rss": []}
        self.extra: dict[str, tuple[str, bytes]] = {}  # path -> (content type, body), or ("redirect", target)
        self.unavailable: dict[str, int] = {}  # path -> how many more times it answers 503
        self.robots = ROBOTS
        self.validator = "ETag"  # or "Last-Modified", as servers without ETags answer
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        # A server that accepts connections and never answers: the kernel completes the handshake.
        self.silent = socket.socket()
        self.silent.bind(("127.0.0.1", 0))
        self.silent.listen(16)
        self.silent_url = f"http://127.0.0.1:{self.silent.getsockname()[1]}/feeds/news.rss"

    def __enter__(self) -> Site:
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.silent.close()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return self.base.replace("127.0.0.1", host) + path

    def served(self, path: str, status: int | None = None) -> int:
        with self.lock:
            return sum(1 for r in self.requests if r.path.split("?")[0] == path and status in (None, r.status))

    def document(self, path: str) -> tuple[int, str, bytes]:
        if self.unavailable.get(path):
            self.unavailable[path] -= 1
            return 503, "text/html", b"<html><body>Down for maintenance</body></html>"
        if path in self.extra:
            content_type, body = self.extra[path]
            return (301, body.decode(), b"") if content_type == "redirect" else (200, content_type, body)
        if path.startswith("/go/"):  # a feed's short link, redirecting to the story
            return 301, "/news/" + path.removeprefix("/go/"), b""
        if path == "/robots.txt":
            return 200, "text/plain", self.robots.encode()
        if path == "/feeds/news.rss":
            return 200, "application/rss+xml; charset=utf-8", rss(self.base, self.feeds[path]).encode()
        if path == "/feeds/trouble.rss":
            return 200, "application/rss+xml", rss(self.base, self.feeds[path]).encode()
        if path == "/feeds/regions.atom":
            return 200, "application/atom+xml", atom(self.base, self.feeds[path]).encode()
        if path == "/feeds/broken.xml":
            return 200, "application/rss+xml", b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item>'
        if path == "/files/casualty-table.pdf":
            return 200, "application/pdf", b"%PDF-1.4\n% not really a table\n"
        if path == "/news/gallery.html":
            return 200, "text/html; charset=utf-8", NO_TEXT_PAGE.encode()
        if path == "/news/huge.html":
            return 200, "text/html", b"<html><body><p>" + b"x" * HUGE_BYTES + b"</p></body></html>"
        if path in STORIES or path.startswith("/private/") and "/news/" + path.removeprefix("/private/") in STORIES:
            story = path if path in STORIES else "/news/" + path.removeprefix("/private/")
            return 200, "text/html; charset=utf-8", page(story).encode()
        return 404, "text/html", b"<html><body><h1>Not found</h1></body></html>"

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                arrived = time.monotonic()
                status, content_type, body = site.document(self.path.split("?")[0])
                digest = hashlib.sha1(body).hexdigest()
                validator = ('"' + digest[:16] + '"' if site.validator == "ETag" else
                             format_datetime(datetime.fromtimestamp(1.77e9 + int(digest[:6], 16), UTC), usegmt=True))
                asked = self.headers.get("If-None-Match" if site.validator == "ETag" else "If-Modified-Since")
                if status == 200 and asked == validator:
                    status, body = 304, b""
                with site.lock:
                    site.requests.append(Request(arrived, self.headers.get("Host", "").split(":")[0], self.path, status,
                                                 self.headers.get("User-Agent", "")))
                self.send_response(status)
                if status == 301:
                    self.send_header("Location", content_type)
                    content_type = "text/html"
                if status == 503:
                    self.send_header("Retry-After", "0")
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header(site.validator, validator)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up on a page too large to read

            def log_message(self, *args) -> None:
                pass

        return Handler
