"""The attribute ruler's word exceptions, found from the token arrays instead of spaCy's Matcher.

After the tag map (``tagmap.py``) took its single-tag patterns, en_core_web_sm's attribute ruler still
holds ~120 exceptions ('myself' -> PRON, 'got' as VBD -> lemma 'get', 'aux' dependents -> AUX). spaCy's
Matcher tries every pattern at every token, about 15 microseconds a token on real text (issue 15),
while a fifth of the tokens match anything. ``IndexedAttributeRuler`` finds the same matches from the
token arrays: patterns whose first token names its LOWER value(s) through a dict, the few others by a
numpy mask over their first token, the following tokens of a multi-token pattern by position. A
pattern this cannot read (operators, other attributes) stays with spaCy's Matcher. Matches are
applied by spaCy's own ``set_annotations`` in the same order (later patterns win), so the tokens come
out identical (checked on every dev-real and Airwars paragraph).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

NAME = "strikewatch_attribute_ruler_v1"
#: Token attributes an indexed pattern may test, in the column order of the token array.
COLUMNS = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}
Test = tuple[int, str, object]  # (column, op, value): op is ==, IN, NOT_IN or REGEX


@dataclass(frozen=True, slots=True)
class Indexed:
    number: int  # the pattern's place in the ruler: later ones win
    key: int  # the match id spaCy's ruler gives it
    tokens: list[list[Test]]  # the tests of each token; the first token's LOWER test is taken by the index


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler with a faster ``match``; patterns, attributes and precedence unchanged."""

    def __init__(self, vocab, name: str = NAME, **kwargs) -> None:
        super().__init__(vocab, name, **kwargs)
        self._reset_index()

    def clear(self) -> None:
        super().clear()
        self._reset_index()

    def _reset_index(self) -> None:
        self._by_lower: dict[int, list[Indexed]] = defaultdict(list)
        self._unkeyed: list[Indexed] = []
        self._rest = Matcher(self.vocab)  # patterns with operators or other attributes
        self._regex_hits: dict[str, dict[int, bool]] = {}  # pattern -> LOWER value -> whether it matches

    def add(self, patterns, attrs: dict, index: int = 0) -> None:
        number = len(self.attrs)
        super().add(patterns, attrs, index)
        key = self.vocab.strings[str(number)]
        for pattern in patterns:
            tokens = [_tests(self.vocab, token) for token in pattern]
            if any(t is None for t in tokens):
                self._rest.add(key, [pattern])
                continue
            lower = next((t for t in tokens[0] if t[0] == COLUMNS["LOWER"] and t[1] in ("==", "IN")), None)
            if lower is None:
                self._unkeyed.append(Indexed(number, key, tokens))
                continue
            indexed = Indexed(number, key, [[t for t in tokens[0] if t is not lower], *tokens[1:]])
            for value in [lower[2]] if lower[1] == "==" else lower[2]:
                self._by_lower[value].append(indexed)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if not len(doc):
            return []
        array = doc.to_array([LOWER, TAG, DEP, IS_SPACE])
        rows = array.tolist()
        found: list[tuple[int, int, int, int]] = []
        for i, row in enumerate(rows):
            for pattern in self._by_lower.get(row[0], ()):
                if self._matches_at(rows, i, pattern):
                    found.append((pattern.number, pattern.key, i, i + len(pattern.tokens)))
        for pattern in self._unkeyed:
            mask = numpy.ones(len(doc), dtype=bool)
            for test in pattern.tokens[0]:
                mask &= self._mask(array[:, test[0]], *test[1:])
            found += [(pattern.number, pattern.key, i, i + len(pattern.tokens))
                      for i in numpy.flatnonzero(mask).tolist() if self._matches_at(rows, i, pattern, first=1)]
        if len(self._rest):
            found += [(int(self.vocab.strings[m]), m, s, e) for m, s, e in self._rest(doc, allow_missing=True, as_spans=False)]
        found.sort()
        return found

    def _matches_at(self, rows: list[list[int]], start: int, pattern: Indexed, first: int = 0) -> bool:
        if start + len(pattern.tokens) > len(rows):
            return False
        return all(self._holds(rows[start + n][column], op, value)
                   for n in range(first, len(pattern.tokens)) for column, op, value in pattern.tokens[n])

    def _holds(self, cell: int, op: str, value) -> bool:
        if op == "==":
            return cell == value
        if op == "REGEX":
            return self._regex(value, cell)
        return (cell in value) == (op == "IN")

    def _mask(self, column: numpy.ndarray, op: str, value) -> numpy.ndarray:
        if op == "==":
            return column == numpy.uint64(value)
        if op == "REGEX":
            # each word tried once per pattern, the column then read through the dict at C speed
            hits = self._regex_hits.setdefault(value.pattern, {})
            cells = column.tolist()
            for cell in set(cells).difference(hits):
                hits[cell] = bool(value.search(self.vocab.strings[cell]))
            return numpy.fromiter(map(hits.__getitem__, cells), dtype=bool, count=len(cells))
        # a handful of values: one comparison each beats numpy.isin's sort on a paragraph-sized column
        inside = (column[:, None] == numpy.array(sorted(value), dtype=numpy.uint64)[None, :]).any(axis=1)
        return inside if op == "IN" else ~inside

    def _regex(self, pattern: re.Pattern, cell: int) -> bool:
        hits = self._regex_hits.setdefault(pattern.pattern, {})
        hit = hits.get(cell)
        if hit is None:
            hit = hits[cell] = bool(pattern.search(self.vocab.strings[cell]))
        return hit


def _tests(vocab, token: dict) -> list[Test] | None:
    """A pattern token as (column, op, value) tests, or None when only the Matcher can read it."""
    tests: list[Test] = []
    for attr, value in token.items():
        column = COLUMNS.get(attr)
        if column is None:
            return None
        if attr == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            tests.append((column, "==", int(value)))
        elif isinstance(value, str):
            tests.append((column, "==", vocab.strings.add(value)))
        elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN"):
            op, values = next(iter(value.items()))
            tests.append((column, op, frozenset(vocab.strings.add(v) for v in values)))
        elif isinstance(value, dict) and set(value) == {"REGEX"} and attr == "LOWER":
            tests.append((column, "REGEX", re.compile(value["REGEX"])))
        else:
            return None
    return tests


@Language.factory(NAME)
def make_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name)


def index_attribute_ruler(nlp: Language, ruler_name: str = "attribute_ruler") -> None:
    """Replace the model's attribute ruler by an indexed one holding the same patterns."""
    patterns = list(nlp.get_pipe(ruler_name).patterns)
    ruler: IndexedAttributeRuler = nlp.replace_pipe(ruler_name, NAME)
    ruler.add_patterns(patterns)
