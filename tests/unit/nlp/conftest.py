from __future__ import annotations

from datetime import date

import pytest

from streams.nlp import Extractor
from streams.nlp.docdata import prepare_doc


@pytest.fixture(scope="session")
def extractor():
    return Extractor()


@pytest.fixture(scope="session")
def annotate(extractor):
    """A small doc through the whole pipeline, dated as if published on ``published``."""
    def run(text: str, published: date = date(2025, 3, 10)):
        return extractor.nlp(prepare_doc(extractor.nlp.make_doc(text), published=published, offset=0))
    return run
