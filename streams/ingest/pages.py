"""An article page's main text, title, date, site and language (trafilatura, py3langid)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import py3langid
import trafilatura

from streams.errors import Unreadable

logger = logging.getLogger(__name__)

#: Shorter than this after the clutter is gone is a teaser, a paywall or a gallery, not an article.
MIN_TEXT_CHARS = 80
#: htmldate: the first publication (not the last update), with its time and zone when the page has them.
DATE_PARAMS = {"original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z", "extensive_search": True}


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    published_at: datetime | None
    site: str
    language: str


def read_page(html: bytes, *, url: str) -> Page:
    """The page's article without menus, cookie banners, share buttons and related links.

    Raises Unreadable when no article text is found.
    """
    # Comments and tables are left out: readers' comments are not the outlet's report.
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                           include_tables=False, date_extraction_params=DATE_PARAMS)
    text = (document.text or "").strip() if document is not None else ""
    if len(text) < MIN_TEXT_CHARS:
        raise Unreadable("no article text found in the page")
    site = document.sitename or _host(url)
    return Page(text=text, title=document.title or None, published_at=_moment(document.date), site=site,
                language=detect_language(text))


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text. The text is the evidence: a site's template often says lang="en"
    above a translated story."""
    code, _ = py3langid.classify(text[:5000])
    return code


def _moment(value: str | None) -> datetime | None:
    """htmldate's answer; a page that states no zone is taken as UTC."""
    if not value:
        return None
    try:
        moment = datetime.strptime(value, DATE_PARAMS["outputformat"])
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _host(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")
