"""Weapons, munition counts and the side that struck.

Sets ``doc._.weapons`` (token index, canonical weapon name), ``doc._.actors`` (token
index, ISO country, strength) and ``doc._.munitions`` (kind launched|intercepted, count).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LOWER, ORTH, POS
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import PROPN
from spacy.tokens import Doc, Token

import streams.nlp.docdata  # noqa: F401  (the Doc extensions this component fills)
from streams.nlp.gazetteer import Gazetteer, fold, load_gazetteer
from streams.nlp.lexicon import lexicon
from streams.nlp.numbers import read_number

#: Words whose side or country is kept (a worker's vocabulary only grows): past this the cache starts over.
_COUNTRIES_CACHE = 1 << 17
_ATTACK_VERBS = {"launch", "fire", "strike", "attack", "pound", "hit", "bomb", "shell", "target", "bombard", "unleash"}


@dataclass(slots=True)
class ActorCue:
    anchor: int
    country: str
    strong: bool  # 'Ukrainian strikes', 'Russia launched' (vs a mere mention)


@dataclass(slots=True)
class Munitions:
    kind: str  # launched | intercepted
    count: int
    anchor: int


class WeaponFinder:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.lex = lexicon()
        self.gazetteer = gazetteer
        # the lexicon's words as spaCy's string hashes, to be read off the token arrays (issue 15 speed: the
        # per-token Python of this component, a Token object per word and lookup, cost three times its findings)
        self._phrases = {tuple(map(get_string_id, phrase)): name for phrase, name in self.lex.weapon_phrases.items()}
        self._phrase_starts = {words[0] for words in self._phrases}
        self._munition_nouns = set(map(get_string_id, self.lex.munition_nouns))
        self._countries: dict[int, tuple[str | None, str | None]] = {}  # ORTH -> (side word's, country name's)

    def __call__(self, doc: Doc) -> Doc:
        array = doc.to_array([LOWER, ORTH, POS]).tolist()
        words = [lower for lower, _, _ in array]
        weapons: list[tuple[int, str]] = []
        for i, word in enumerate(words):
            if word not in self._phrase_starts or weapons and i < weapons[-1][0] + weapons[-1][2]:
                continue
            for n in range(self.lex.weapon_phrase_max, 0, -1):
                name = self._phrases.get(tuple(words[i : i + n]))
                if name:
                    weapons.append((i, name, n))
                    break
        doc._.weapons = [(i, name) for i, name, _ in weapons]
        doc._.actors = [self._actor(doc[i], country) for i, (_, orth, pos) in enumerate(array)
                        if (country := self._country(doc, i, orth, pos))]
        doc._.munitions = [m for i, word in enumerate(words) if word in self._munition_nouns
                           and (m := self._munitions(doc[i])) is not None]
        if len(self._countries) > _COUNTRIES_CACHE:
            self._countries.clear()
        return doc

    def _country(self, doc: Doc, i: int, orth: int, pos: int) -> str | None:
        """The side a word names ('Russian', 'Houthis'), or the country a proper noun names ('Russia')."""
        known = self._countries.get(orth)
        if known is None:
            key = fold(doc[i].text)
            known = self._countries[orth] = (self.gazetteer.actor_words.get(key), self.gazetteer.country(key))
        return known[0] or (known[1] if pos == PROPN else None)

    def _actor(self, token: Token, country: str) -> ActorCue:
        head = token.head
        is_attack = head.lemma_.lower() in self.lex.attack_lemmas or head.lower_ in self.lex.munition_nouns
        strong = (token.dep_ in ("amod", "compound", "poss") and is_attack) or (
            token.dep_ == "nsubj" and head.lemma_.lower() in _ATTACK_VERBS) or (
            token.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_.lower() in self.lex.attack_lemmas | _ATTACK_VERBS)
        return ActorCue(token.i, country, strong)

    def _munitions(self, token: Token) -> Munitions | None:
        numbers = [c for c in token.children if c.dep_ == "nummod"]
        if not numbers:
            return None
        count = read_number(numbers[0].text)
        if count is None:
            return None
        verb = token.head
        lemma = verb.lemma_.lower()
        kind = "intercepted" if lemma in self.lex.intercept_lemmas or any(
            c.lower_ == "down" for c in verb.children) else "launched"
        return Munitions(kind, count, token.i)


@Language.factory("strikewatch_weapons_v1")
def make_weapon_finder(nlp: Language, name: str) -> WeaponFinder:
    return WeaponFinder(load_gazetteer())

