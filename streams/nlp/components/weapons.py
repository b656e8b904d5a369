"""Weapons, munition counts and the side that struck.

Sets ``doc._.weapons`` (token index, canonical weapon name), ``doc._.actors`` (token
index, ISO country, strength) and ``doc._.munitions`` (kind launched|intercepted, count).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

import streams.nlp.docdata  # noqa: F401  (the Doc extensions this component fills)
from streams.nlp.gazetteer import Gazetteer, fold, load_gazetteer
from streams.nlp.lexicon import lexicon
from streams.nlp.numbers import read_number

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

    def __call__(self, doc: Doc) -> Doc:
        words = [t.lower_ for t in doc]
        weapons: list[tuple[int, str]] = []
        i = 0
        while i < len(doc):
            for n in range(self.lex.weapon_phrase_max, 0, -1):
                name = self.lex.weapon_phrases.get(tuple(words[i : i + n]))
                if name:
                    weapons.append((i, name))
                    i += n - 1
                    break
            i += 1
        doc._.weapons = weapons
        doc._.actors = [cue for t in doc if (cue := self._actor(t)) is not None]
        doc._.munitions = [m for t in doc if (m := self._munitions(t)) is not None]
        return doc

    def _actor(self, token: Token) -> ActorCue | None:
        country = self.gazetteer.actor_words.get(fold(token.text)) or (
            self.gazetteer.country(fold(token.text)) if token.pos_ == "PROPN" else None)
        if country is None:
            return None
        head = token.head
        is_attack = head.lemma_.lower() in self.lex.attack_lemmas or head.lower_ in self.lex.munition_nouns
        strong = (token.dep_ in ("amod", "compound", "poss") and is_attack) or (
            token.dep_ == "nsubj" and head.lemma_.lower() in _ATTACK_VERBS) or (
            token.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_.lower() in self.lex.attack_lemmas | _ATTACK_VERBS)
        return ActorCue(token.i, country, strong)

    def _munitions(self, token: Token) -> Munitions | None:
        if token.lower_ not in self.lex.munition_nouns:
            return None
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

