"""HTTP for `ingest`, polite to the sites: robots.txt, one request per host per interval, retries
with doubling backoff, conditional requests, a size cap and a User-Agent that says who we are."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from streams import __version__
from streams.errors import Disallowed, FetchFailed, Unreadable

logger = logging.getLogger(__name__)

#: The token robots.txt rules name us by.
ROBOT_NAME = "strikewatch"
#: robots.txt is read again after this long, so that a long-running poller sees a site's changes.
ROBOTS_TTL = 24 * 3600.0
#: Google reads at most 500 KiB of a robots.txt; so do we.
ROBOTS_MAX_BYTES = 512_000
MAX_REDIRECTS = 5
#: A Retry-After longer than this is not waited for: the document is reported and tried next poll.
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class Fetched:
    """A response: ``status`` 304 means unchanged since the validators sent (no body)."""

    url: str
    status: int
    content_type: str = ""
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None  # where a redirect points


class _Retry(Exception):
    """A failure worth another attempt; carries the one-line reason and an optional wait."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.wait = wait


class Fetcher:
    """One httpx client for a whole ingest run; remembers each host's robots.txt and its last request."""

    def __init__(self, settings, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.user_agent = settings.ingest_user_agent or f"{ROBOT_NAME}/{__version__} (news ingest; obeys robots.txt)"
        self.retries = settings.ingest_retries
        self.backoff = settings.ingest_backoff
        self.interval = settings.ingest_host_interval
        self.max_bytes = settings.ingest_max_page_bytes
        self.timeout = settings.ingest_timeout
        self.client = httpx.Client(headers={"User-Agent": self.user_agent}, timeout=httpx.Timeout(self.timeout))
        self._clock, self._sleep = clock, sleep
        self._next_turn: dict[str, float] = {}
        self._robots: dict[str, tuple[float, RobotFileParser]] = {}

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The document at `url`, or FetchFailed / Disallowed / Unreadable with a one-line reason."""
        headers = {"If-None-Match": etag} if etag else {}
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._follow(url, headers, obey_robots=True)

    def _follow(self, url: str, headers: dict[str, str], *, obey_robots: bool) -> Fetched:
        """Redirects hop by hop (not by httpx), so that each hop is asked of its own host's robots.txt
        and waits for its own host's turn."""
        for _ in range(MAX_REDIRECTS + 1):
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise Unreadable(f"not an http(s) URL: {url}")
            if obey_robots and not self._robots_for(parts).can_fetch(ROBOT_NAME, url):
                raise Disallowed("robots.txt of the site disallows this path")
            fetched = self._get(url, headers)
            if fetched.location is None:
                return fetched
            url = urljoin(url, fetched.location)
        raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")

    def _get(self, url: str, headers: dict[str, str]) -> Fetched:
        for attempt in range(self.retries + 1):
            try:
                return self._request(url, headers)
            except _Retry as failure:
                if attempt == self.retries or (failure.wait or 0) > MAX_RETRY_AFTER:
                    raise FetchFailed(str(failure)) from None
                wait = failure.wait if failure.wait is not None else self.backoff * 2**attempt
                logger.info("%s: %s; retrying in %.1fs", url, failure, wait)
                self._sleep(wait)
        raise AssertionError("unreachable")

    def _request(self, url: str, headers: dict[str, str]) -> Fetched:
        host = urlsplit(url).netloc
        self._wait_turn(host)
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                return self._read(response)
        except httpx.TimeoutException:
            raise _Retry(f"timed out (no answer within {self.timeout:g}s)") from None
        except httpx.ConnectError as exc:
            if _dns_failure(exc):
                raise FetchFailed(f"host not found: {urlsplit(url).hostname} (DNS)") from None
            raise _Retry(f"cannot connect: {exc}") from None
        except httpx.HTTPError as exc:
            raise _Retry(f"{type(exc).__name__}: {exc}") from None
        finally:
            self._end_turn(host)

    def _read(self, response: httpx.Response) -> Fetched:
        status = response.status_code
        if status == 304:
            return Fetched(str(response.url), 304)
        if response.is_redirect:
            return Fetched(str(response.url), status, location=response.headers["Location"])
        if status == 429 or status >= 500:
            raise _Retry(f"HTTP {status} {response.reason_phrase}", _retry_after(response.headers.get("Retry-After")))
        if status >= 300:
            raise FetchFailed(f"HTTP {status} {response.reason_phrase}")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise Unreadable(self._too_large(f"{int(declared):,} bytes"))
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > self.max_bytes:
                raise Unreadable(self._too_large("more"))
        return Fetched(str(response.url), status, response.headers.get("Content-Type", "").split(";")[0].strip().lower(),
                       bytes(body), response.headers.get("ETag"), response.headers.get("Last-Modified"))

    def _too_large(self, size: str) -> str:
        return f"larger than {self.max_bytes:,} bytes ({size}; STRIKEWATCH_INGEST_MAX_PAGE_BYTES)"

    def _wait_turn(self, host: str) -> None:
        """Sleep until `host` may get its next request."""
        now = self._clock()
        turn = self._next_turn.get(host, now)
        if turn > now:
            self._sleep(turn - now)

    def _end_turn(self, host: str) -> None:
        # The interval runs from the end of one request to the start of the next, so that the site
        # never sees two requests closer than it (timed from their starts, a slow answer to the first
        # or a loaded machine made the site see them up to 20 ms closer: test_ingest).
        robots = self._robots.get(host)
        delay = robots[1].crawl_delay(ROBOT_NAME) if robots else None
        self._next_turn[host] = self._clock() + max(self.interval, float(delay or 0))

    def _robots_for(self, parts) -> RobotFileParser:
        """The site's rules, read once a day. As Google does: a missing robots.txt allows everything,
        401/403 forbid everything, and a site that cannot serve it now (timeout, 5xx) is not crawled
        now (FetchFailed, asked again next time)."""
        cached = self._robots.get(parts.netloc)
        if cached and self._clock() - cached[0] < ROBOTS_TTL:
            return cached[1]
        rules = RobotFileParser(f"{parts.scheme}://{parts.netloc}/robots.txt")
        try:
            fetched = self._follow(rules.url, {}, obey_robots=False)
            rules.parse(fetched.body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace").splitlines())
        except FetchFailed as exc:
            reason = str(exc)
            if reason.startswith(("HTTP 401", "HTTP 403")):
                rules.disallow_all = True
            elif reason.startswith("HTTP 4"):
                rules.allow_all = True
            else:
                raise FetchFailed(f"robots.txt: {reason}") from None
        except Unreadable:
            rules.allow_all = True
        self._robots[parts.netloc] = (self._clock(), rules)
        return rules


def _retry_after(value: str | None) -> float | None:
    """Seconds of a Retry-After header (delta or HTTP date); None when absent or unreadable."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return None
    return max(seconds, 0.0)


def _dns_failure(exc: BaseException) -> bool:
    """Whether a connect error comes from name resolution (no retry helps within one poll)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, socket.gaierror) or any(isinstance(arg, socket.gaierror) for arg in exc.args):
            return True
        exc = exc.__cause__ or exc.__context__
    return False
