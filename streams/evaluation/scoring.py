"""Scoring extracted events against gold events (the CONTRACT conventions).

A match is the same article, the same admin1 and the same date (a recalled ``background``
event matches only a recalled one). Within an article, events
sharing that key are paired by place, then by numbers. A gold event with no admin1 or date
(a war-wide total, an undated recollection), or marked ``optional``, is neither a miss nor,
when found, a false event.

    admin1 accuracy   gold events paired with an event of the same article and date:
                      the share whose admin1 is right (is the place resolved right?)
    date exact-match  gold events paired with an event of the same article and admin1:
                      the share whose date is right (is the date resolved right?)
    killed / wounded / type   over matched events, exact equality (None == None counts)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import orjson


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    text: str
    published_at: datetime
    gold: list[dict]
    style: str = ""
    war: str = ""

    def article(self):
        """What the extractor reads."""
        from streams.nlp import ArticleInput

        return ArticleInput(id=self.id, text=self.text, published_at=self.published_at)


@dataclass(slots=True)
class Mismatch:
    case: str
    what: str
    gold: dict | None
    found: dict | None


@dataclass(slots=True)
class Score:
    name: str
    articles: int = 0
    gold: int = 0
    found: int = 0
    matched: int = 0
    killed_exact: int = 0
    wounded_exact: int = 0
    type_exact: int = 0
    admin1_pairs: int = 0
    admin1_right: int = 0
    date_pairs: int = 0
    date_right: int = 0
    no_event_articles: int = 0
    false_events_on_no_event: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)

    def metrics(self) -> dict[str, float | int]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else 1.0

        precision, recall = ratio(self.matched, self.found), ratio(self.matched, self.gold)
        f1 = round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0
        return {
            "articles": self.articles, "gold_events": self.gold, "found_events": self.found,
            "precision": precision, "recall": recall, "f1": f1,
            "admin1_accuracy": ratio(self.admin1_right, self.admin1_pairs),
            "killed_exact": ratio(self.killed_exact, self.matched),
            "wounded_exact": ratio(self.wounded_exact, self.matched),
            "date_exact": ratio(self.date_right, self.date_pairs),
            "type_accuracy": ratio(self.type_exact, self.matched),
            "no_event_articles": self.no_event_articles,
            "false_events_on_no_event": self.false_events_on_no_event,
        }


def load_set(path: Path) -> list[Case]:
    """An evaluation set: JSON lines of {id, published_at, text, events: [gold...]}."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = orjson.loads(line)
            cases.append(Case(item["id"], item["text"], datetime.fromisoformat(item["published_at"]),
                              item["events"], item.get("style", ""), item.get("war", "")))
    return cases


def load_seeds(folder: Path, expected: Path, published: dict[str, str]) -> list[Case]:
    """The seed wire reports (``NNN_hash.txt``) with their expected events (``sNNN`` ids).

    A seed opening with a ``date YYYY-MM-DD`` line carries its own date (the extractor reads it);
    the others need one in ``published`` (id -> date).
    """
    cases = []
    for line in expected.read_text(encoding="utf-8").splitlines():
        item = orjson.loads(line)
        path = next(folder.glob(f"{item['id'][1:]}_*.txt"), None)
        if path is None:
            continue
        day = published.get(item["id"], "1970-01-01")
        cases.append(Case(item["id"], path.read_text(encoding="utf-8"), datetime.fromisoformat(f"{day}T12:00:00+00:00"),
                          item["events"], "seed", "ukraine"))
    return cases


def _scored(event: dict) -> bool:
    return bool(event.get("admin1")) and bool(event.get("date")) and not event.get("optional")


def _agreement(gold: dict, found: dict) -> tuple:
    """Higher is a better pairing: same key, admin1, date, place, then the same numbers."""
    place = (found["location"].get("place") or "").casefold()
    return (_key_match(gold, found), gold["admin1"] == found["location"]["admin1_code"], gold["date"] == found["occurred_on"],
            (gold.get("place") or "").casefold() == place,
            gold["killed"] == found["killed"], gold["wounded"] == found["wounded"])


def _pair(golds: list[dict], founds: list[dict], same: Callable[[dict, dict], bool]) -> list[tuple[dict, dict]]:
    """Greedy one-to-one pairing of gold and found events for which ``same`` holds, best agreement first."""
    options = sorted(((g, f) for g in golds for f in founds if same(g, f)), key=lambda gf: _agreement(*gf), reverse=True)
    pairs, used_g, used_f = [], set(), set()
    for g, f in options:
        if id(g) not in used_g and id(f) not in used_f:
            pairs.append((g, f))
            used_g.add(id(g))
            used_f.add(id(f))
    return pairs


def _key_match(g: dict, f: dict) -> bool:
    """Same admin1 and date (and both current, or both recalled: a memory is not today's strike)."""
    return (g["admin1"] == f["location"]["admin1_code"] and g["date"] == f["occurred_on"]
            and bool(g.get("background")) == bool(f["background"]))


def _loose_match(g: dict, f: dict) -> bool:
    """An event that may be what an optional or under-specified gold event describes."""
    loc = f["location"]
    same_region = g.get("admin1") == loc["admin1_code"] if g.get("admin1") else g.get("country") in (loc["country"], None)
    return same_region and (g.get("date") in (None, f["occurred_on"]))


def score(name: str, cases: Iterable[Case], found_by_case: Iterable[list[dict]]) -> Score:
    result = Score(name)
    for case, found in zip(cases, found_by_case, strict=True):
        result.articles += 1
        golds = [g for g in case.gold if _scored(g)]
        optional = [g for g in case.gold if not _scored(g)]
        # Events that match an optional gold event are neither right nor wrong.
        found = [f for f in found
                 if any(_key_match(g, f) for g in golds) or not any(_loose_match(g, f) for g in optional)]
        if not case.gold:
            result.no_event_articles += 1
            result.false_events_on_no_event += len(found)
        result.gold += len(golds)
        result.found += len(found)
        matched = _pair(golds, found, _key_match)
        result.matched += len(matched)
        for g, f in matched:
            result.killed_exact += g["killed"] == f["killed"]
            result.wounded_exact += g["wounded"] == f["wounded"]
            result.type_exact += g["event_type"] == f["event_type"]
            for what in ("killed", "wounded", "event_type"):
                if g[what] != f[what]:
                    result.mismatches.append(Mismatch(case.id, what, g, f))
        paired_g = {id(g) for g, _ in matched}
        paired_f = {id(f) for _, f in matched}
        result.mismatches += [Mismatch(case.id, "missed", g, None) for g in golds if id(g) not in paired_g]
        result.mismatches += [Mismatch(case.id, "extra", None, f) for f in found if id(f) not in paired_f]
        by_date = _pair(golds, found, lambda g, f: g["date"] == f["occurred_on"])
        result.admin1_pairs += len(by_date)
        result.admin1_right += sum(g["admin1"] == f["location"]["admin1_code"] for g, f in by_date)
        by_admin1 = _pair(golds, found, lambda g, f: g["admin1"] == f["location"]["admin1_code"])
        result.date_pairs += len(by_admin1)
        result.date_right += sum(g["date"] == f["occurred_on"] for g, f in by_admin1)
    return result


#: The sets shipped with strikewatch: 'own' (the bar) and 'holdout' (written after tuning, never tuned on).
BUNDLED = ("own", "holdout")


def load_bundled(name: str = "own") -> list[Case]:
    from importlib.resources import as_file, files

    with as_file(files("streams.evaluation") / "sets" / f"{name}.jsonl") as path:
        return load_set(path)
