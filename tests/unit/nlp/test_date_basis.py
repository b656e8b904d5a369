"""How an event's day was found (`date_basis`), and the toll update the aggregator joins to its strike.

A follow-up that only updates a toll, on the day that became known, is `toll_update`; the first report of a
strike is not, even when it is dated by the day it was said or later gives a higher toll. Our own writing.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from streams.nlp import ArticleInput
from streams.schemas import validate


def extract(extractor, text: str, published: str = "2025-03-14") -> list[dict]:
    article = ArticleInput(id="t", text=text, published_at=datetime.fromisoformat(published + "T12:00:00+00:00"))
    return extractor.extract(article)


@pytest.mark.parametrize(("text", "day", "basis"), [
    # only the day the toll became known: the strike may be days earlier
    ("On March 14, it became known that the death toll in Kharkiv after the Russian missile strike on a "
     "residential building had increased to 31 people.", "2025-03-14", "toll_update"),
    ("The death toll in the city of Kharkiv has risen to 31 after a Russian missile hit an apartment block, "
     "regional officials said.", "2025-03-14", "toll_update"),
    # the strike's own day is stated: the update is counted on it
    ("The death toll from Tuesday's Russian missile strike on Kharkiv has risen to 31, officials said on Friday.",
     "2025-03-11", "stated"),
    # the first report of a strike, dated by the day it was said, that later gives a higher toll
    ("On March 14 it was reported that three civilians were killed in a Russian strike on a house in Kharkiv. "
     "Local media later reported that the number of dead had risen to four.", "2025-03-14", "reported"),
    ("A Russian missile killed two people in Kharkiv, officials said on Friday.", "2025-03-14", "reported"),
    ("A Russian missile struck Kharkiv overnight, killing two people.", "2025-03-14", "same_day"),
])
def test_date_basis(extractor, text, day, basis):
    (event,) = [e for e in extract(extractor, text) if e["location"]["admin1_code"] == "UA-63"]
    assert (event["occurred_on"], event["date_basis"]) == (day, basis)
    validate("event", event)
