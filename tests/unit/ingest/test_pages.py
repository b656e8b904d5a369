"""Article pages as trafilatura reads them: the story without the clutter, its date, site and language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from streams.errors import Unreadable
from streams.ingest.pages import read_page
from tests.ingest_site import page
from tests.ingest_site.stories import CLUTTER, NO_TEXT_PAGE, STORIES

URL = "http://news.test/news/kharkiv-missile-strike.html"


def test_the_story_is_kept_and_the_clutter_dropped():
    result = read_page(page("/news/kharkiv-missile-strike.html").encode(), url=URL)
    for paragraph in STORIES["/news/kharkiv-missile-strike.html"][3]:
        assert paragraph in result.text
    for words in CLUTTER:
        assert words not in result.text, words


def test_title_date_and_site_come_from_the_page():
    result = read_page(page("/news/odesa-port-drones.html").encode(), url=URL)
    assert result.title == "Drones hit Odesa port overnight, two dock workers wounded"
    assert result.published_at == datetime(2026, 3, 11, 6, 40, tzinfo=UTC)
    assert result.site == "The Eastern Ledger"


@pytest.mark.parametrize(("path", "language"), [("/regions/charkiw-bericht.html", "de"),
                                                ("/regions/lviv-museum-reopens.html", "en")])
def test_the_language_is_the_text_s(path, language):
    assert read_page(page(path).encode(), url=URL).language == language


def test_a_german_story_under_an_english_template_is_german():
    html = page("/regions/charkiw-bericht.html").replace('lang="de"', 'lang="en"')
    assert read_page(html.encode(), url=URL).language == "de"


def test_a_page_without_a_site_name_is_named_by_its_host():
    html = page("/news/kharkiv-missile-strike.html").replace('<meta property="og:site_name" content="The Eastern Ledger">', "")
    html = html.replace("| The Eastern Ledger", "")
    assert read_page(html.encode(), url="https://www.ledger.test/a.html").site == "ledger.test"


def test_a_page_without_article_text_is_unreadable():
    with pytest.raises(Unreadable, match="no article text"):
        read_page(NO_TEXT_PAGE.encode(), url=URL)
