"""spaCy's rule lemmatizer, applied from its own cache as one array operation.

spaCy's ``Lemmatizer.__call__`` walks the tokens in Python and, for each, looks up its cache keyed
by (ORTH, POS, MORPH) before applying the rules; on real text (issue 15) that walk cost about 7
microseconds a token. ``CachedLemmatizer`` keeps spaCy's lemmatizer and its cache: it reads the three
columns as an array, takes the lemma of every key seen before from a dict of hashes, asks spaCy's
lemmatizer only for the new keys, and writes the LEMMA column back. Same lemmas, spaCy's rules.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

NAME = "strikewatch_cached_lemmatizer_v1"


class CachedLemmatizer:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.lemmatizer: Lemmatizer | None = None
        self.lemmas: dict[tuple[int, int, int], int] = {}  # (ORTH, POS, MORPH) -> lemma hash

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or self.lemmatizer is None:
            return doc
        if self.lemmatizer.overwrite:
            return self.lemmatizer(doc)
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas, strings = self.lemmas, self.vocab.strings
        out = columns[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma:  # set by the attribute ruler: spaCy's lemmatizer keeps it too
                continue
            found = lemmas.get((orth, pos, morph))
            if found is None:
                found = lemmas[orth, pos, morph] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            out[i] = found
        doc.from_array([LEMMA], numpy.ascontiguousarray(out.reshape(-1, 1)))
        return doc


@Language.factory(NAME)
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer(nlp, name)


def cache_lemmatizer(nlp: Language, lemmatizer_name: str = "lemmatizer") -> None:
    """Put a CachedLemmatizer where the model's lemmatizer was, holding that lemmatizer."""
    position = nlp.pipe_names.index(lemmatizer_name)
    _, lemmatizer = nlp.remove_pipe(lemmatizer_name)
    cached: CachedLemmatizer = nlp.add_pipe(NAME, name=lemmatizer_name, before=nlp.pipe_names[position]
                                            if position < len(nlp.pipe_names) else None)
    cached.lemmatizer = lemmatizer
