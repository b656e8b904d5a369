"""What a Doc carries through the pipeline, defined once.

Before the components run, the extractor (or a test) calls :func:`prepare_doc`, which
stores in ``doc.user_data``:

- ``published``: the article's publication day (``datetime.date``), against which the
  date resolver reads 'on Tuesday', 'overnight', 'over the past day';
- ``offset``: where the Doc's text starts in the prepared article text, so that evidence
  offsets point into the article and the first paragraph can be told apart (datelines).

The components then fill these Doc extensions (each a list, ``None`` before its component ran):

- ``doc._.places``: PlaceMention (strikewatch_places_v1)
- ``doc._.victims``: token index -> Victims, people counted by who they are (strikewatch_victims_v1)
- ``doc._.casualties``: Casualty (strikewatch_casualties_v1)
- ``doc._.dates``: DateMention (strikewatch_dates_v1)
- ``doc._.weapons``, ``doc._.actors``, ``doc._.munitions`` (strikewatch_weapons_v1)
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

EXTENSIONS = ("places", "victims", "casualties", "dates", "weapons", "actors", "munitions")


def prepare_doc(doc: Doc, *, published: date, offset: int) -> Doc:
    doc.user_data["published"] = published
    doc.user_data["offset"] = offset
    return doc


def published_of(doc: Doc) -> date | None:
    return doc.user_data.get("published")


def offset_of(doc: Doc) -> int:
    return doc.user_data.get("offset", 0)


for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
