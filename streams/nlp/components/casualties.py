"""Casualty figures read from the dependency parse.

Sets ``doc._.casualties``: one Casualty per killed/wounded statement, anchored on its
trigger word so that it can be attached to the nearest place *in the tree*, not the
nearest number in the string. Ages, munitions and troop counts are never victims.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import streams.nlp.docdata  # noqa: F401  (the Doc extensions this component fills)
from streams.nlp.components.victims import combine, lost_victims, shared_vague_victims
from streams.nlp.lexicon import lexicon
from streams.nlp.numbers import (
    MAX_INCIDENT_COUNT,
    before_than,
    bracketed,
    in_date,
    is_lower_bound,
    is_number_word,
    number_at,
    upper_end,
)

_SUBJECTS = ("nsubj", "nsubjpass")


@dataclass(slots=True)
class Casualty:
    kind: str  # killed | wounded
    value: int
    lower_bound: bool
    anchor: int  # token index of the trigger
    increment: bool = False  # 'another', 'two more': adds to what was already reported
    update: bool = False  # 'the toll rose to 7': supersedes earlier figures
    vague: bool = False  # 'others were hurt': no stated count, stands only when nothing else is said
    persons: tuple[frozenset[str], ...] = ()  # the named people it counts (components/victims.py)
    listed: bool = False  # counted by who the victims are (names, relatives, 'others'), not by a stated number
    attributed: bool = False  # a source's figure ('a relative wrote that ten were killed'), not the writer's own


class CasualtyReader:
    def __init__(self) -> None:
        self.lex = lexicon()

    def __call__(self, doc: Doc) -> Doc:
        found: list[Casualty] = []
        victims = doc._.victims or {}
        for token in doc:
            kind = self._kind(token)
            if kind is None:
                continue
            for head in self._victims(token, kind):
                listed = victims.get(head.i)
                parts = [head, *self._conjuncts(head, kind)]
                if listed is not None and (self._mixes_kinds(head, kind) or self._broken_down(parts)
                                           or any(upper_end(self._number_of(p)) for p in parts[1:])):
                    # '12 civilians and more than 30 injured people' lists the dead and the hurt; 'six members,
                    # four children and two women' lists six; 'at least 11 members and up to 30 civilians' is a range
                    listed = None
                # the reader's own count, or the victims component's where it knows better ('Ali, his wife and son')
                counted, weak = combine(self._count(head, kind), listed)
                if counted is None:
                    continue
                value, lower, increment = counted
                if not weak.get("vague") and self._both_kinds(token, kind):
                    continue  # 'more than 50 were killed and injured': the dead and the hurt together, neither's count
                if 0 <= value <= MAX_INCIDENT_COUNT and not self._cumulative(token):
                    increment = increment or self._more(token) and not weak.get("vague")
                    if increment and (self._one_of_the_listed(head, kind, found) or self._named_in_turn(token, head, value, kind, found)):
                        increment = False
                    # 'two more bodies were found, raising the toll to ten': the two add, the ten updates
                    found.append(Casualty(kind, value, lower, token.i, increment, not increment and self._is_update(token),
                                          attributed=self._attributed(token), **weak))
        found = self._drop_counted_increments(doc, found)
        if found:
            other_cause = self._other_cause(doc) and not doc._.weapons  # the paragraph's, read once
            found = [c for c in found if not (other_cause or self._other_cause(doc[c.anchor].sent))]
        found.extend(self._no_casualties(doc, found))
        doc._.casualties = found
        return doc

    def _drop_counted_increments(self, doc: Doc, found: list[Casualty]) -> list[Casualty]:
        """'the toll rose to nine after rescuers pulled two more bodies': the toll already counts them."""
        updated = {(doc[c.anchor].sent.start, c.kind) for c in found if c.update and self._is_toll(doc[c.anchor])}
        return [c for c in found if (doc[c.anchor].sent.start, c.kind) not in updated or c.update and self._is_toll(doc[c.anchor])]

    @staticmethod
    def _one_of_the_listed(head: Token, kind: str, found: list[Casualty]) -> bool:
        """'Another woman was killed alongside her daughter', told after '19 were killed': one of the victims
        the toll already counts, named in turn. After 'one injured person', 'another man was hurt' is a second."""
        another = head.tag_ in ("NN", "NNP") and any(c.dep_ == "det" and c.lower_ == "another" for c in head.children)
        return another and max((c.value for c in found if c.kind == kind), default=0) >= 2

    @staticmethod
    def _named_in_turn(trigger: Token, head: Token, value: int, kind: str, found: list[Casualty]) -> bool:
        """'Two further relatives, A and B, were also killed', 'another two boys were killed and were named as
        A and B', told after a larger toll: victims the toll counts, named one by one, not more of them."""
        named = any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children) or any(
            c.dep_ == "conj" and c.lemma_ in ("name", "identify") for c in trigger.children)
        return named and max((c.value for c in found if c.kind == kind and not c.vague), default=0) > value

    def _kind(self, token: Token) -> str | None:
        lemma, lower = token.lemma_.lower(), token.lower_
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
            if lemma in self.lex.kill_verbs_passive or lemma in self.lex.kill_intransitive:
                return "killed"
            if lemma in self.lex.life_taking_verbs and any(c.lemma_ == "life" and c.dep_ == "dobj" for c in token.children):
                return "killed"  # 'claimed the lives of 43 people', 'took 12 lives'
            if lemma in self.lex.wound_verbs or lower in self.lex.wound_adjectives:
                return "wounded"
            if lemma in self.lex.body_recovery_verbs and any(c.lemma_ in ("body", "corpse") for c in token.children):
                return "killed"
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if lemma in self.lex.life_loss_verbs and any(c.lemma_.lower() == "life" for c in objects):
                return "killed"  # 'lost their lives'
            if lemma in self.lex.injury_verbs and any(c.lemma_.lower() in self.lex.injury_nouns for c in objects):
                return "wounded"  # 'sustained injuries', 'suffered wounds'
            if lemma in self.lex.hospital_verbs and self._to_hospital(token):
                return "wounded"  # 'taken to hospital', 'rushed to hospital'
            if lemma in self.lex.hospital_stay_verbs and self._in_hospital(token):
                return "wounded"  # '64 people are in hospital', 'remain in hospital'
            if lemma in self.lex.treatment_verbs and any(self._medical_care(c) for c in objects):
                return "wounded"  # '91 people sought medical treatment'
        if token.pos_ in ("ADJ", "NOUN") and lower in self.lex.kill_adjectives:
            return "killed"
        if token.pos_ in ("ADJ",) and lower in self.lex.wound_adjectives:
            return "wounded"
        if token.pos_ == "NOUN" and lemma == "loss" and self._of_lives(token):
            return "killed"  # 'the loss of at least 13 lives'
        if token.pos_ == "NOUN" and lemma in self.lex.counted_outcome_nouns and any(
                c.dep_ == "nummod" and is_number_word(c.text) for c in token.children):
            return self.lex.counted_outcome_nouns[lemma]  # 'three injuries', '14 deaths'
        outcome = (token.doc._.victims or {}).get(token.i)
        if outcome is not None and outcome.kind:
            return outcome.kind  # 'resulted in injuries': a plural outcome with no number (components/victims.py)
        if token.pos_ == "NOUN" and lemma == "death" and token.dep_ != "compound":
            return "killed"
        if token.pos_ == "NOUN" and lemma == "toll":
            return "wounded" if any(c.lemma_ in ("injury", "wounded") for c in token.children) else "killed"
        if token.pos_ == "NOUN" and lemma in self.lex.tally_nouns and (
                token.dep_ in ("nsubj", "nsubjpass") or token.dep_ == "dobj" and token.head.lemma_ in self.lex.update_verbs):
            # 'the number of people killed rose to 12', 'increasing the number of victims to ten': a toll
            words = {t.lemma_.lower() for t in token.subtree if t.i > token.i}
            kinds = {self._kind(t) for t in token.subtree if t.i > token.i}
            if "killed" in kinds or words & self.lex.tally_killed_words:
                return "killed"
            return "wounded" if "wounded" in kinds or words & self.lex.tally_wounded_words else None
        return None

    def _both_kinds(self, trigger: Token, kind: str) -> bool:
        """'50 were killed and injured', '64 people killed or wounded': a word of the other kind right after
        the trigger, joined by 'and'/'or' and with no victims of its own, shares the trigger's victims: a
        count of both together ('killed two and injured five', 'killing 11 and injuring others' are two)."""
        doc = trigger.doc
        if trigger.i + 2 >= len(doc) or doc[trigger.i + 1].lower_ not in ("and", "or"):
            return False
        other = doc[trigger.i + 2]
        return (other.head == trigger and other.dep_ == "conj" and self._kind(other) not in (None, kind)
                and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "nummod") for c in other.children))

    def _attributed(self, trigger: Token) -> bool:
        """'A relative wrote that ten people were killed', 'five died, the ministry said', 'according to X',
        'sources reporting that ten were killed': the figure is a source's. 'Four were reported injured' has
        no source of its own: the writer's."""
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in trigger.children):
            return True  # a clause someone reported, whatever the parser made of the verb of saying
        for verb in trigger.ancestors:
            if verb.lemma_.lower() in self.lex.source_verbs | self.lex.speech_lemmas and any(c.dep_ in ("nsubj", "agent") for c in verb.children):
                return True
        sentence = trigger.sent
        return any(t.lower_ == "according" and t.i + 1 < sentence.end and t.nbor().lower_ == "to" for t in sentence)

    def _is_toll(self, token: Token) -> bool:
        return token.lemma_ == "toll" or token.lemma_ in self.lex.tally_nouns and token.pos_ == "NOUN"

    def _victims(self, trigger: Token, kind: str) -> list[Token]:
        lemma = trigger.lemma_.lower()
        # 'His sister Huda was also wounded' is sometimes parsed with the subject under 'was'
        children = [*trigger.children, *(g for c in trigger.children if c.dep_ in ("aux", "auxpass") for g in c.children
                                         if g.dep_ in ("nsubj", "nsubjpass"))]
        if self._is_toll(trigger):
            verb = trigger.head
            if verb.lemma_ in self.lex.update_verbs or verb.lemma_ in ("stand", "be"):
                return [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "at") for g in c.children
                        if g.dep_ == "pobj"] + [c for c in verb.children if c.dep_ in ("attr", "dobj") and c.like_num]
            return []
        if lemma == "death" and not any(c.dep_ == "nummod" for c in children):  # 'seven deaths' counts itself, below
            # 'the deaths of three men'; 'an unknown number of deaths' (components/victims.py)
            return [g for c in children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"] or lost_victims(trigger, [])
        if lemma in self.lex.body_recovery_verbs and any(c.lemma_ in ("body", "corpse") for c in children):
            return [c for c in children if c.lemma_ in ("body", "corpse")]
        if trigger.pos_ == "NOUN" and lemma == "loss":
            return self._of_lives(trigger)
        if trigger.pos_ == "NOUN" and lemma in self.lex.counted_outcome_nouns:
            return [trigger]  # 'three injuries': the noun counts itself
        lives = [c for c in children if c.dep_ == "dobj" and c.lemma_ == "life"]
        if lemma in self.lex.life_taking_verbs and lives:
            # 'claimed the lives of 43 people' counts the people; 'claimed 12 lives' the lives
            return [g for life in lives for c in life.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"] or lives
        if lemma in self.lex.life_loss_verbs or lemma in self.lex.injury_verbs:
            return [c for c in children if c.dep_ == "nsubj"]
        if lemma in self.lex.hospital_stay_verbs or lemma in self.lex.treatment_verbs:
            return [c for c in children if c.dep_ == "nsubj"]
        if lemma in self.lex.hospital_verbs and self._to_hospital(trigger):
            # 'five were taken to hospital' (not the bodies taken there)
            return [c for c in children if c.dep_ in ("nsubjpass", "dobj")
                    and not any(t.lemma_ in ("body", "corpse") or self._kind(t) == "killed" for t in c.subtree)]
        adjacent = self._number_before(trigger)
        if adjacent is not None:
            return [adjacent]  # 'nine dead and 15 wounded', 'raised the toll to 11 killed and 22 wounded'
        if trigger.dep_ == "conj" and trigger.head.lemma_ in self.lex.update_verbs:
            # 'the number of dead rose to 14, and injured to 61': the verb is left out of the second toll
            raised = [g for c in children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
            if raised:
                return raised
        heads = [c for c in children if c.dep_ in ("nsubjpass",)]
        if lemma in self.lex.kill_intransitive or trigger.pos_ == "ADJ" or trigger.lower_ in self.lex.wound_adjectives:
            heads += [c for c in children if c.dep_ in ("nsubj",)]
        if trigger.pos_ != "ADJ" and not any(c.dep_ == "auxpass" for c in children):
            heads += [c for c in children if c.dep_ == "dobj"]
        heads += [c for c in children if c.dep_ in ("nummod",) and is_number_word(c.text)]
        if trigger.dep_ == "oprd" or trigger.dep_ == "xcomp" and trigger.head.lemma_ in self.lex.result_verbs:
            heads += [c for c in trigger.head.children if c.dep_ == "dobj"]  # 'left 25 dead', 'left 57 people injured'
        if not heads and trigger.dep_ in ("acl", "amod") and trigger.head.pos_ in ("NOUN", "NUM", "PROPN"):
            heads = [trigger.head]  # '49 people hurt', 'the five wounded civilians'
        if not heads and trigger.dep_ in ("xcomp", "oprd", "acomp") and trigger.head.lemma_.lower() in self.lex.hearsay_verbs:
            # 'twelve people were reported injured', 'three are feared dead'
            heads = [c for c in trigger.head.children if c.dep_ in ("nsubjpass", "nsubj")]
        if not heads and trigger.dep_ == "conj":
            # 'two people were killed and 49 injured': the number may hang anywhere left of the verb
            left = trigger.doc[trigger.i - 1] if trigger.i > 0 else None
            if left is not None and left.like_num:
                heads = [left]
            else:
                heads = shared_vague_victims(trigger)  # 'a number of civilians were killed and injured'
        # one list: the first subject counts the others with it (_conjuncts)
        heads = [h for h in heads if not any(_joined_subject(h, o) for o in heads)]
        return lost_victims(trigger, heads)  # 'On Monday, between 5 and 13 civilians were killed' (components/stated.py)

    def _count(self, head: Token, kind: str) -> tuple[int, bool, bool] | None:
        """(value, lower_bound, increment) of a victim phrase, or None when it counts no people."""
        lemma, lower = head.lemma_.lower(), head.lower_
        if lower in self.lex.munition_nouns or lemma in self.lex.troop_nouns or lower in self.lex.troop_nouns:
            return None
        if lower in self.lex.non_casualty_heads:
            return None
        total, lower_bound, increment, found = 0, False, False, False
        parts = [head, *self._conjuncts(head, kind)]
        if self._broken_down(parts):
            parts = [head]
        for part in parts:
            counted = self._count_one(part)
            if counted is None:
                continue
            if found and upper_end(self._number_of(part)):
                lower_bound = True  # 'at least 72, and up to 175, people': the range's other end, not 72 more
                continue
            value, lower_part, increment_part = counted
            total, found = total + value, True
            lower_bound |= lower_part
            increment |= increment_part
        return (total, lower_bound, increment) if found else None

    def _broken_down(self, parts: list[Token]) -> bool:
        """'six members of the family, four children and two women': the list after a count of people of any
        kind, set off by a comma and adding up to it, says who they were ('two men, two women' still adds)."""
        head, rest = parts[0], parts[1:]
        if len(rest) < 2 or head.lemma_.lower() not in self.lex.collective_victim_nouns:
            return False
        if rest[0].left_edge.i == 0 or head.doc[rest[0].left_edge.i - 1].text != ",":
            return False
        counts = [self._count_one(p) for p in parts]
        return None not in counts and sum(c[0] for c in counts[1:]) == counts[0][0]

    @staticmethod
    def _number_of(part: Token) -> Token:
        """The number token that counts a victim phrase ('30' in 'up to 30 civilians'), or the phrase itself."""
        return next((c for c in part.children if c.dep_ == "nummod"), part)

    def _conjuncts(self, head: Token, kind: str) -> list[Token]:
        """'two men, a woman and a child': the people listed with the head. Further subjects of its verb
        are a list the parser did not join ('two children from the family and a man were injured')."""
        found = [s for s in head.head.children if _joined_subject(s, head)] if self._kind(head.head) == kind else []
        todo = [head, *found]
        while todo:
            for c in todo.pop().children:
                if c.dep_ == "conj" and (c.lower_ in self.lex.person_nouns or c.lemma_ in self.lex.person_nouns
                                         or c.like_num) and not self._counted_as_other(c, kind):
                    found.append(c)
                    todo.append(c)
        return found

    def _count_one(self, head: Token) -> tuple[int, bool, bool] | None:
        lower = head.lower_
        left = [c for c in head.children if c.i < head.i]
        # 'two more people' adds to what was reported; 'more than 70' is a lower bound
        increment = any(c.lower_ in ("another", "more", "further", "additional") and not before_than(c) for c in head.children)
        if lower in ("one",) and any(c.lower_ == "no" for c in left) or lower in self.lex.nobody_words:
            return 0, False, False
        if head.like_num or is_number_word(lower):
            if bracketed(head):
                return None  # 'Yahya (16)': an age after a name
            value = number_at(head)
            return None if value is None else (value, is_lower_bound(head), increment)
        if lower in self.lex.pair_nouns or head.lemma_ in self.lex.pair_nouns:
            return self.lex.pair_nouns.get(lower, self.lex.pair_nouns.get(head.lemma_)), False, increment
        numbers = [c for c in head.children if c.dep_ in ("nummod", "quantmod") and is_number_word(c.text) and not in_date(c)]
        if lower not in self.lex.person_nouns and head.lemma_ not in self.lex.person_nouns and head.lemma_ not in self.lex.counted_outcome_nouns:
            # '60 detainees', '17 students': a counted plural that was killed or hurt is people
            # (munitions, troops, buildings and units were ruled out by the caller)
            if not (numbers and head.tag_ == "NNS"):
                return None
        if numbers:
            value = number_at(numbers[0])
            return None if value is None else (value, is_lower_bound(numbers[0]) or is_lower_bound(head), increment)
        if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
            return 0, False, False
        dets = {c.lower_ for c in head.children if c.dep_ in ("det", "poss")}
        singular = {"a", "an", "one", "another", "the", "his", "her", "their", "its"}
        if head.tag_ in ("NN", "NNP") and (dets & singular or head.lower_ == "one"):
            return 1, False, increment or "another" in dets
        if lower in ("one", "someone"):
            return 1, False, increment
        return None

    @staticmethod
    def _of_lives(loss: Token) -> list[Token]:
        return [g for c in loss.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                if g.dep_ == "pobj" and g.lemma_.lower() == "life"]

    def _number_before(self, trigger: Token) -> Token | None:
        """'nine dead', '22 wounded': a count written right before a participle or adjective is its count,
        whatever the parser hung it on (in 'nine dead and 15 wounded' it makes 15 a conjunct of nine)."""
        if trigger.i == 0 or not (trigger.tag_ == "VBN" or trigger.pos_ == "ADJ"):
            return None
        before = trigger.doc[trigger.i - 1]
        if not (before.like_num or is_number_word(before.text)) or in_date(before) or bracketed(before):
            return None
        if before.i > 0 and before.doc[before.i - 1].lemma_.lower() in ("age", "aged"):
            return None
        noun = trigger.head
        if trigger.dep_ in ("amod", "acl") and noun.i > trigger.i and {noun.lower_, noun.lemma_} & (
                self.lex.person_nouns | self.lex.troop_nouns | self.lex.munition_nouns):
            return None  # 'two injured children and a man', '2 wounded soldiers': the noun the tree gives counts
        return before

    def _mixes_kinds(self, head: Token, kind: str) -> bool:
        return any(t.dep_ == "conj" and self._counted_as_other(t, kind) for t in head.subtree)

    def _counted_as_other(self, part: Token, kind: str) -> bool:
        """'nine dead and 15 wounded', '27 martyrs and more than 80 injured civilians', '20 injured, and seven
        who had been killed, were taken to hospital': the second is counted by its own word of another kind."""
        if any(c.dep_ in ("amod", "acl", "relcl") and self._kind(c) not in (None, kind) for c in part.children):
            return True
        after = part.doc[part.i + 1] if part.i + 1 < len(part.doc) else None
        if after is None or self._kind(after) in (None, kind):
            return False
        before = self._number_before(after)
        return before is not None and before.i == part.i

    def _in_hospital(self, verb: Token) -> bool:
        return any(c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ in self.lex.hospital_nouns for g in c.children)
                   for c in verb.children)

    def _medical_care(self, noun: Token) -> bool:
        """'medical treatment', 'medical help', or plain 'treatment': care for the hurt."""
        lemma = noun.lemma_.lower()
        return lemma in self.lex.treatment_nouns and (lemma == "treatment" or any(c.lower_ == "medical" for c in noun.children))

    def _to_hospital(self, verb: Token) -> bool:
        return any(c.dep_ == "prep" and c.lower_ in ("to", "into") and any(g.lower_ in self.lex.hospital_nouns for g in c.children)
                   for c in verb.children)

    def _other_cause(self, tokens: Doc | Span) -> bool:
        """Floods, landslides, accidents: deaths that no strike caused (the sentence names such a cause,
        or its paragraph does and speaks of no attack at all, nor of weapons)."""
        causes = self.lex.non_strike_causes
        if not any(t.lower_ in causes or t.lemma_.lower() in causes for t in tokens):
            return False
        return not any(t.lemma_.lower() in self.lex.attack_lemmas and t.lemma_.lower() not in self.lex.impact_only_lemmas
                       for t in tokens)

    def _cumulative(self, trigger: Token) -> bool:
        """'killed in total during the campaign', 'since the start of the war': a running total, no incident."""
        clause = trigger.doc[trigger.left_edge.i : trigger.right_edge.i + 1].text.lower()
        # 'a week in which Russia renewed its attacks, killing 23': the toll of the days the clause describes
        period = any(t.dep_ == "relcl" and t.head.lemma_.lower() in self.lex.period_nouns for t in [trigger, *trigger.ancestors])
        return period or any(cue in clause for cue in self.lex.cumulative_cues) or self._of_the_war(trigger)

    def _of_the_war(self, trigger: Token) -> bool:
        """'the violence has killed 20 civilians', 'a conflict that has killed thousands', '12 of the family had
        been killed in the war': the war's toll, not a strike's."""
        war = self.lex.war_nouns
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in war for c in trigger.children):
            return True
        if trigger.dep_ == "relcl" and trigger.head.lemma_.lower() in war and any(c.dep_ == "nsubj" and c.tag_ == "WDT" for c in trigger.children):
            return True
        return any(c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pobj" and g.lemma_.lower() in war
                                                                  and any(d.lower_ == "the" for d in g.children) for g in c.children)
                   for c in trigger.children)

    @staticmethod
    def _more(trigger: Token) -> bool:
        return any(c.lower_ in ("another",) for c in trigger.children)

    def _is_update(self, trigger: Token) -> bool:
        if self._is_toll(trigger):
            return trigger.head.lemma_ in self.lex.update_verbs
        if trigger.dep_ == "conj" and trigger.head.lemma_ in self.lex.update_verbs:
            return any(c.dep_ == "prep" and c.lower_ == "to" for c in trigger.children)  # '..., and injured to 61'
        return any(t.lemma_ in self.lex.update_verbs and t.head == trigger for t in trigger.children)

    def _no_casualties(self, doc: Doc, found: list[Casualty]) -> list[Casualty]:
        text = doc.text.lower()
        extra: list[Casualty] = []
        for phrase in self.lex.no_casualty_phrases:
            at = text.find(phrase)
            if at < 0:
                continue
            span = doc.char_span(at, at + len(phrase), alignment_mode="expand")
            anchor = span.root.i if span is not None else 0
            # 'no one was hurt' and 'no casualties' mean neither; 'no one was injured' only the wounded
            hurt = any(w in phrase for w in ("injur", "wound"))
            dead = any(w in phrase for w in ("killed", "death"))
            kinds = ({"killed"} if dead else set()) | ({"wounded"} if hurt else set()) or {"killed", "wounded"}
            for kind in kinds:
                if not any(c.kind == kind and c.anchor == anchor for c in found):
                    extra.append(Casualty(kind, 0, False, anchor))
        return extra


def _joined_subject(later: Token, first: Token) -> bool:
    """'two children from the family and a man were injured': a later subject of the same verb, joined by 'and'
    (not 'the matriarch, Halima, was killed', where the second names the first)."""
    return (first.dep_ in _SUBJECTS and later.dep_ == first.dep_ and later.i > first.i and later.left_edge.i > 0
            and later.doc[later.left_edge.i - 1].lower_ == "and")


@Language.factory("strikewatch_casualties_v1")
def make_casualty_reader(nlp: Language, name: str) -> CasualtyReader:
    return CasualtyReader()

