"""Property tests: arbitrary text never makes the extractor, the number reader or the date
resolver raise, and every event the extractor emits validates against schemas/."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.nlp import ArticleInput
from streams.nlp.components.dates import DateResolver
from streams.nlp.numbers import read_number
from streams.schemas import validate

WORDS = ["killed", "wounded", "missile", "drone", "Kharkiv", "Kyiv", "the", "at least", "two", "91-year-old", "on",
         "Tuesday", "region", "capital", "rose to", "no one was hurt", "Gaza", "December 29", "the day before", "and",
         "a married couple", "people", ",", ".", "\n\n", "<b>", "&amp;", "99", "shot down", "Pokrovsk", "overnight"]
news_like = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
any_text = st.one_of(st.text(max_size=400), news_like)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(text=any_text, published=days)
def test_extractor_never_raises_and_its_events_validate(extractor, text, published):
    article = ArticleInput(id="p", text=text, published_at=datetime.combine(published, datetime.min.time(), UTC))
    for event in extractor.extract(article):
        validate("event", event)


@FAST
@given(text=st.text(max_size=40))
def test_number_reader_returns_a_count_or_none(text):
    value = read_number(text)
    assert value is None or (isinstance(value, int) and value >= 0)


@FAST
@given(text=any_text, published=days)
def test_date_resolver_never_raises_and_never_dates_the_future(text, published):
    for mention in DateResolver().find(text, published):
        assert 0 <= mention.start < mention.end <= len(text)
        # weekdays and 'Month day' without a year resolve on or before publication (a day of slack: time zones)
        if mention.day is not None and not any(ch.isdigit() for ch in text[mention.start:mention.end][-4:]):
            assert (mention.day - published).days <= 1
