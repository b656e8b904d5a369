"""The extraction metrics: one definition, that of ``../shared/eval/score.py``.

The package carries its own copy so that ``strikewatch eval`` scores the bundled sets where
``../shared`` is absent; ``tests/accuracy/test_one_definition.py`` proves that both give the same
figures for the same predictions. Changing a rule here without the script fails that test.

A gold event matches a predicted event of the same article when the admin1 is the gold code or
one of its ``admin1_alternatives`` and the dates are equal (a gold event with a null admin1 or date
matches any). Gold events are taken in order, required ones first, each pairing with the unused
prediction that agrees on the most of killed and wounded (the first one on a tie). Background and
``optional`` gold events are neither hits nor misses, and a predicted background event that pairs with
nothing is not a false alarm.

    precision / recall / F1   over required gold events and the non-background predictions
    admin1 recall             required gold events whose admin1 any prediction of the article has
    killed / wounded exact    over hits whose gold figure is not null, the same figure
    type exact                over hits, the same event_type
    events on no-event articles   non-background false alarms on articles with no required gold event
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Prediction:
    """The fields of an event message that scoring reads (tolerantly, as the script does)."""
    article_id: str | None
    date: str
    admin1: str | None
    country: str | None
    killed: int | None
    wounded: int | None
    event_type: str | None
    background: bool
    place: str | None = None

    @classmethod
    def of(cls, event: dict) -> Prediction:
        location = event.get("location") or {}

        def best(figure: str) -> int | None:
            value = event.get(figure)
            return value.get("best") if isinstance(value, dict) else value

        article = event.get("article")
        return cls(event.get("article_id") or (article.get("id") if isinstance(article, dict) else None),
                   (event.get("occurred_on") or event.get("date") or "")[:10],
                   location.get("admin1_code") or event.get("admin1_code") or event.get("admin1"),
                   location.get("country") or event.get("country"), best("killed"), best("wounded"),
                   event.get("event_type"), bool(event.get("background")), location.get("place"))

    def brief(self) -> str:
        return f"{self.admin1} {self.date} k={self.killed} w={self.wounded}"


def is_optional(gold: dict) -> bool:
    """Background mentions and ambiguous gold events: finding one is fine, missing one too."""
    return bool(gold.get("background") or gold.get("optional"))


def gold_brief(gold: dict) -> str:
    return f"{gold['admin1']} {gold['date']} k={gold['killed']} w={gold['wounded']}"


@dataclass(slots=True)
class ArticleMatch:
    """How one article's predictions met its gold events."""
    article_id: str
    gold: list[dict]
    predictions: list[Prediction]
    hits: list[tuple[dict, Prediction]] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    false_alarms: list[Prediction] = field(default_factory=list)

    @property
    def no_event(self) -> bool:
        return not any(not is_optional(g) for g in self.gold)


def _candidate(gold: dict, predictions: list[Prediction], used: set[int]) -> int | None:
    codes = {gold["admin1"], *gold.get("admin1_alternatives", [])}
    best: tuple[int, int] | None = None
    for i, p in enumerate(predictions):
        if i in used:
            continue
        if gold["admin1"] is not None and p.admin1 not in codes:
            continue
        if gold["date"] is not None and p.date != gold["date"]:
            continue
        agree = (p.killed == gold["killed"]) + (p.wounded == gold["wounded"])
        if best is None or agree > best[0]:
            best = (agree, i)
    return None if best is None else best[1]


def match_article(article_id: str, gold: list[dict], predictions: list[Prediction]) -> ArticleMatch:
    match, used = ArticleMatch(article_id, gold, predictions), set()
    for g in sorted(gold, key=is_optional):
        chosen = _candidate(g, predictions, used)
        if chosen is None:
            if not is_optional(g):
                match.missed.append(g)
            continue
        used.add(chosen)
        if not is_optional(g):
            match.hits.append((g, predictions[chosen]))
    match.false_alarms = [p for i, p in enumerate(predictions) if i not in used and not p.background]
    return match


def match_all(gold_lines: list[dict], events: list[dict]) -> list[ArticleMatch]:
    """Every gold article's match; predictions for articles not in the gold are not scored."""
    by_article: dict[str | None, list[Prediction]] = defaultdict(list)
    for event in events:
        prediction = Prediction.of(event)
        by_article[prediction.article_id].append(prediction)
    return [match_article(g["id"], g["events"], by_article.get(g["id"], [])) for g in gold_lines]


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def metrics(matches: list[ArticleMatch]) -> dict:
    """The figures ``score.py --json`` prints, in its order and with its rounding."""
    tp = sum(len(m.hits) for m in matches)
    fn = sum(len(m.missed) for m in matches)
    fp = sum(len(m.false_alarms) for m in matches)
    killed = [(g, p) for m in matches for g, p in m.hits if g.get("killed") is not None]
    wounded = [(g, p) for m in matches for g, p in m.hits if g.get("wounded") is not None]
    required = [(m, g) for m in matches for g in m.gold if not is_optional(g)]
    admin_hit = sum(any(p.admin1 in {g["admin1"], *g.get("admin1_alternatives", [])} for p in m.predictions)
                    for m, g in required)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "events_gold": tp + fn, "events_pred_unmatched": fp,
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        "admin1_recall": _ratio(admin_hit, len(required)),
        "killed_exact": _ratio(sum(p.killed == g["killed"] for g, p in killed), len(killed)),
        "wounded_exact": _ratio(sum(p.wounded == g["wounded"] for g, p in wounded), len(wounded)),
        "type_exact": _ratio(sum(p.event_type == g.get("event_type") for m in matches for g, p in m.hits), tp),
        "no_event_articles": sum(m.no_event for m in matches),
        "events_on_no_event_articles": sum(len(m.false_alarms) for m in matches if m.no_event),
        "misses": [f"{m.article_id} {gold_brief(g)}" for m in matches for g in m.missed],
        "false_alarms": [f"{m.article_id} {p.brief()}" for m in matches for p in m.false_alarms],
    }


def score(gold_lines: list[dict], events: list[dict]) -> dict:
    """What ``python3 ../shared/eval/score.py GOLD PRED --json`` prints for these lines."""
    return metrics(match_all(gold_lines, events))
