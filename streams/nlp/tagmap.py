"""The attribute ruler's tag map, applied as one array operation instead of one match per token.

en_core_web_sm's attribute_ruler opens with one pattern per fine-grained tag ('NN' -> POS NOUN,
MORPH Number=Sing); every token matches one of them, and spaCy sets each match's attributes in a
Python loop. On real text (issue 15) that loop cost as much as the parser. ``split_tag_map`` takes
those single-TAG patterns out of the ruler and a ``strikewatch_tag_map_v1`` component, placed before
the ruler, sets the same POS and MORPH from the tag array; the ruler keeps its word-level exceptions,
which come later in its order and so still override the tag map, as they did.
"""

from __future__ import annotations

import numpy
from spacy.attrs import MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

NAME = "strikewatch_tag_map_v1"


class TagMap:
    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.table: dict[int, tuple[int, int]] = {}  # tag hash -> (POS id, MORPH hash)

    def load(self, patterns: list[dict]) -> None:
        """The (POS, MORPH) each tag gets, read from what spaCy itself sets on a token."""
        for pattern in patterns:
            token = Doc(self.vocab, words=["x"])[0]
            set_token_attrs(token, normalize_token_attrs(self.vocab, pattern["attrs"]))
            tag = self.vocab.strings.add(pattern["patterns"][0][0]["TAG"])
            self.table[tag] = (token.pos, token.morph.key)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not self.table:
            return doc
        values = doc.to_array([TAG, POS, MORPH])
        for row in values:  # numpy rows; ~15 tags in a doc, so this is cheap next to the ruler's spans
            found = self.table.get(int(row[0]))
            if found is not None:
                row[1], row[2] = found
        doc.from_array([POS, MORPH], numpy.ascontiguousarray(values[:, 1:]))
        return doc


@Language.factory(NAME)
def make_tag_map(nlp: Language, name: str) -> TagMap:
    return TagMap(nlp.vocab)


def split_tag_map(nlp: Language, ruler_name: str = "attribute_ruler") -> None:
    """Move the ruler's leading single-TAG patterns into a tag-map component placed before it."""
    ruler: AttributeRuler = nlp.get_pipe(ruler_name)
    patterns = list(ruler.patterns)
    lead = 0
    while lead < len(patterns) and _tag_only(patterns[lead]):
        lead += 1
    if not lead:
        return
    tag_map = nlp.add_pipe(NAME, before=ruler_name)
    tag_map.load(patterns[:lead])
    ruler.clear()
    ruler.add_patterns(patterns[lead:])


def _tag_only(pattern: dict) -> bool:
    tokens = pattern["patterns"]
    return (len(tokens) == 1 and len(tokens[0]) == 1 and set(tokens[0][0]) == {"TAG"}
            and pattern.get("index", 0) == 0 and set(pattern["attrs"]) <= {"POS", "MORPH"})
