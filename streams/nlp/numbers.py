"""Reading counts of people from tokens: '49', '1,200', 'five', 'twenty-three', 'a dozen'."""

from __future__ import annotations

import re

from word2number import w2n

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")
_WORDS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million",
}
_SPECIAL = {"dozen": 12, "a dozen": 12, "half a dozen": 6, "both": 2, "single": 1}
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
