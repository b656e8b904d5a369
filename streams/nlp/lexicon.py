"""The extractor's word lists (data/lexicon.json), loaded once."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from types import SimpleNamespace

import orjson


@cache
def lexicon() -> SimpleNamespace:
    raw = orjson.loads((files("streams.nlp") / "data" / "lexicon.json").read_bytes())
    lex = SimpleNamespace(**{k: (set(v) if isinstance(v, list) else v) for k, v in raw.items() if not k.startswith("_")})
    lex.type_precedence = raw["type_precedence"]
    # weapon phrase (lower-case words) -> canonical weapon name
    lex.weapon_phrases = {tuple(phrase.split()): name for name, phrases in raw["weapons"].items() for phrase in phrases}
    lex.weapon_phrase_max = max(len(p) for p in lex.weapon_phrases)
    return lex
