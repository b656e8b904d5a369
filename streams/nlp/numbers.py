"""Reading counts of people from tokens: '49', '1,200', 'five', 'twenty-three', 'a dozen', and what stands
around a count in the parse: 'at least', an age in brackets, a date it belongs to."""

from __future__ import annotations

import re

from spacy.tokens import Token
from word2number import w2n

import streams.nlp.docdata  # noqa: F401  (doc._.dates, read by in_date)

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")
_WORDS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million",
}
_SPECIAL = {"dozen": 12, "a dozen": 12, "half a dozen": 6, "both": 2, "single": 1}
_LOWER_BOUND = {("at", "least"), ("more", "than"), ("over",), ("upwards", "of"), ("no", "fewer", "than"), ("at", "minimum"),
                ("between",)}
#: Words joining the two ends of a range ('seven to eight', '7-8', 'three or four'): never a compound number.
_RANGE_JOINERS = {"to", "or", "-", "\u2013"}
#: Casualty counts above this are war-wide totals, not one strike.
MAX_INCIDENT_COUNT = 5_000


def read_number(text: str) -> int | None:
    """The integer a number phrase states, or None when it is not an exact count."""
    phrase = text.strip().lower().replace("-", " ")
    phrase = " ".join(phrase.split())
    if not phrase:
        return None
    if phrase in _SPECIAL:
        return _SPECIAL[phrase]
    if _DIGITS.match(phrase):
        return int(phrase.replace(",", ""))
    words = phrase.replace(" and ", " ").split()
    if not words or any(w not in _WORDS for w in words):
        return None
    try:
        return int(w2n.word_to_num(" ".join(words)))
    except ValueError:
        return None


def is_number_word(text: str) -> bool:
    lowered = text.lower()
    return bool(_DIGITS.match(lowered)) or lowered in _WORDS or lowered == "dozen"


def number_at(token: Token) -> int | None:
    """The count a number token states with its compounds ('1 200', 'twenty three'), None inside a date."""
    if in_date(token):
        return None  # the year or day of a date
    parts = sorted([c for c in token.children if c.dep_ in ("compound", "quantmod") and is_number_word(c.text) and c.i < token.i
                    and not in_date(c)], key=lambda t: t.i)
    joiner = _range_joiner(parts, token)
    # 'between seven to eight civilians': a range is its lower end (a minimum, see is_lower_bound), not 'seven eight'
    kept = [t for t in [*parts, token] if joiner is None or t.i < joiner.i]
    text = " ".join(t.text for t in kept)
    value = read_number(text)
    if value is None and token.i > 0 and token.doc[token.i - 1].lower_ in ("a",) and token.lower_ == "dozen":
        return 12
    return value


def _range_joiner(parts: list[Token], token: Token) -> Token | None:
    """The 'to' of 'seven to eight' among the tokens from a number's first part to the number itself."""
    if not parts:
        return None
    return next((t for t in token.doc[parts[0].i : token.i] if t.lower_ in _RANGE_JOINERS), None)


def upper_end(token: Token) -> bool:
    """'at least 72, and up to 175': the number that closes a range opened by another count."""
    doc = token.doc
    start = token.left_edge.i if token.left_edge.i < token.i else token.i
    words = [t.lower_ for t in doc[max(0, start - 2) : token.i]]
    return words[-2:] == ["up", "to"] or bool(words) and words[-1] == "to"


def is_lower_bound(token: Token) -> bool:
    """'at least 5', 'more than 50', 'six to nine' (its lower end): the count is a minimum."""
    doc = token.doc
    parts = sorted([c for c in token.children if c.dep_ in ("compound", "quantmod") and c.i < token.i], key=lambda t: t.i)
    if _range_joiner([p for p in parts if is_number_word(p.text)], token) is not None:
        return True
    for phrase in _LOWER_BOUND:
        n = len(phrase)
        start = token.left_edge.i if token.left_edge.i < token.i else token.i
        for j in range(max(0, start - n), token.i - n + 1):
            if tuple(t.lower_ for t in doc[j : j + n]) == phrase:
                return True
    return False


def bracketed(token: Token) -> bool:
    """'Yahya (16)': an age after a name, not a count."""
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")"


def before_than(token: Token) -> bool:
    """'more than 70': the 'more' of a minimum, not of 'two more'."""
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "than"


def in_date(token: Token) -> bool:
    """Inside a time expression the date resolver found ('October 7, 2023 six members': not 2023)."""
    at = token.idx
    return any(m.start <= at < m.end for m in token.doc._.dates or ())
