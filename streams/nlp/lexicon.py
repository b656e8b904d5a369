"""The extractor's word lists (data/lexicon.json, data/dates.json, data/places.json), loaded once."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from types import SimpleNamespace

import orjson


@cache
def data_file(name: str) -> dict:
    """A JSON data file of the package, without its '_doc' keys."""
    raw = orjson.loads((files("streams.nlp") / "data" / name).read_bytes())
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def _words(raw: dict) -> SimpleNamespace:
    return SimpleNamespace(**{k: (set(v) if isinstance(v, list) else v) for k, v in raw.items()})


@cache
def lexicon() -> SimpleNamespace:
    raw = data_file("lexicon.json")
    lex = _words(raw)
    lex.type_precedence = raw["type_precedence"]
    # weapon phrase (lower-case words) -> canonical weapon name
    lex.weapon_phrases = {tuple(phrase.split()): name for name, phrases in raw["weapons"].items() for phrase in phrases}
    lex.weapon_phrase_max = max(len(p) for p in lex.weapon_phrases)
    return lex


@cache
def place_words() -> SimpleNamespace:
    """What the place finder and resolver read: region keywords, settlement words, metonymy cues."""
    words = _words(data_file("places.json"))
    words.dateline_tail = re.compile(words.dateline_tail)
    return words
