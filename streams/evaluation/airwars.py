"""Scoring against Airwars' incidents: one definition, that of ``../shared/eval/score_airwars.py``.

One incident per narrative. Found: a non-background event of the narrative with country PS on the
incident's date; of those, the one with the highest (killed, wounded) is judged. Place: within 10 km
of Airwars' point. Killed and injured: inside Airwars' low-high range of civilians. Extra: every
further non-background event (another day, outside PS, or a second one on the day), mostly recalled
incidents that should be ``background``. ``tests/accuracy/test_one_definition.py`` proves the same
figures as the script.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

#: The script's figure for the Earth's radius; the 10 km test must fall exactly where it does.
EARTH_RADIUS_KM = 6371.0
PLACE_KM = 10


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance, the script's haversine (a library's radius would move the 10 km line)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@dataclass(slots=True)
class IncidentMatch:
    """One Airwars incident and the events extracted from its narrative."""
    gold: dict
    events: list[dict]
    judged: dict | None = None
    extra: list[dict] = field(default_factory=list)

    @property
    def place_ok(self) -> bool | None:
        location = (self.judged or {}).get("location") or {}
        if self.gold["lat"] is None or location.get("lat") is None:
            return None
        return km(self.gold["lat"], self.gold["lon"], location["lat"], location["lon"]) <= PLACE_KM

    def in_range(self, gold_figure: str, figure: str) -> bool | None:
        if self.judged is None or not self.gold[gold_figure]:
            return None
        value = self.judged.get(figure)
        low, high = self.gold[gold_figure]
        return value is not None and low <= value <= high


def match_incident(gold: dict, events: list[dict]) -> IncidentMatch:
    current = [e for e in events if not e.get("background")]
    match = IncidentMatch(gold, current)
    hits = [e for e in current if (e.get("location") or {}).get("country") == "PS" and e.get("occurred_on") == gold["date"]]
    if hits:
        match.judged = max(hits, key=lambda e: (e.get("killed") or 0, e.get("wounded") or 0))
    match.extra = [e for e in current if e is not match.judged]
    return match


def match_all(gold_lines: list[dict], events: list[dict]) -> list[IncidentMatch]:
    by_article: dict[str | None, list[dict]] = defaultdict(list)
    for event in events:
        by_article[event.get("article_id")].append(event)
    return [match_incident(g, by_article.get(g["id"], [])) for g in gold_lines]


def _share(flags: list[bool | None]) -> float | None:
    judged = [f for f in flags if f is not None]
    return round(sum(judged) / len(judged), 3) if judged else None


def metrics(matches: list[IncidentMatch]) -> dict:
    """The figures ``score_airwars.py --json`` prints, in its order and with its rounding."""
    n = len(matches)
    return {
        "incidents": n,
        "with_any_event": round(sum(bool(m.events) for m in matches) / n, 3),
        "found": round(sum(m.judged is not None for m in matches) / n, 3),
        "place_within_10km": _share([m.place_ok for m in matches]),
        "killed_in_range": _share([m.in_range("killed", "killed") for m in matches]),
        "injured_in_range": _share([m.in_range("injured", "wounded") for m in matches]),
        "extra_events_per_incident": round(sum(len(m.extra) for m in matches) / n, 3),
    }


def score(gold_lines: list[dict], events: list[dict]) -> dict:
    """What ``python3 ../shared/eval/score_airwars.py GOLD PRED --json`` prints for these lines."""
    return metrics(match_all(gold_lines, events))
