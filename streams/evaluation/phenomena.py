"""Mismatches by phenomenon: why an event was missed, extra or wrong, for error analysis.

These groups explain the metrics (scoring.py, airwars.py); they are not metrics themselves. A missed
gold event and the false alarm that was meant for it (the same region on another day, or the same day
in another region) are one mismatch, told under the miss.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from streams.evaluation.airwars import IncidentMatch
from streams.evaluation.scoring import ArticleMatch, Prediction, gold_brief, is_optional

WRONG_REGION = "wrong region"
WRONG_COUNTRY = "wrong country"
OFF_BY_ONE = "wrong date (off by one)"
WRONG_DATE = "wrong date (further off)"
MISSING = "missing"
NO_EVENT = "extra on no-event article"
BACKGROUND = "background not marked"
DUPLICATE = "extra: same incident twice"
OTHER_DAY = "extra: same region, another day"
OTHER_REGION = "extra: another region, same day"
LATER_DAY = "extra: a later day (publication, follow-up)"
OTHER_EXTRA = "extra: other"
KILLED = "killed wrong"
WOUNDED = "wounded wrong"
TYPE = "type wrong"
PLACE = "place over 10 km"

#: The order in which groups are shown: misses, extras, then figures.
ORDER = (MISSING, WRONG_REGION, WRONG_COUNTRY, OFF_BY_ONE, WRONG_DATE, NO_EVENT, BACKGROUND, DUPLICATE,
         OTHER_DAY, OTHER_REGION, LATER_DAY, OTHER_EXTRA,
         KILLED, WOUNDED, TYPE, PLACE)


@dataclass(frozen=True, slots=True)
class Mismatch:
    case: str
    phenomenon: str
    gold: str
    found: str


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _date_miss(gold_day: str | None, found_day: str | None) -> str:
    g, f = _day(gold_day), _day(found_day)
    return OFF_BY_ONE if g and f and abs((g - f).days) == 1 else WRONG_DATE


def _explain_miss(gold: dict, pool: list[Prediction]) -> tuple[str, Prediction | None]:
    """The false alarm that was meant for this gold event, and what went wrong with it."""
    codes = {gold["admin1"], *gold.get("admin1_alternatives", [])}
    for p in pool:
        if gold["admin1"] is not None and p.admin1 in codes:
            return _date_miss(gold["date"], p.date), p
    for p in pool:
        if gold["date"] is not None and p.date == gold["date"]:
            return (WRONG_REGION if p.country == gold.get("country") else WRONG_COUNTRY), p
    return MISSING, None


def _explain_extra(p: Prediction, match: ArticleMatch, published: date) -> str:
    if match.no_event:
        return NO_EVENT
    required = [g for g in match.gold if not is_optional(g)]
    day = _day(p.date)
    # a strike days before the article and before anything it reports: recalled, not today's news
    if day and day < published - timedelta(days=2) and all(day < d for g in required if (d := _day(g["date"]))):
        return BACKGROUND
    if any(p.admin1 in {g["admin1"], *g.get("admin1_alternatives", [])} for g in required):
        return OTHER_DAY  # the day of publication or of a follow-up taken for the strike's
    if any(p.date == g["date"] for g in required):
        return OTHER_REGION  # the incident told at another level, a dateline, or a capital speaking
    return OTHER_EXTRA


def of_articles(matches: list[ArticleMatch], published: dict[str, date]) -> list[Mismatch]:
    """The mismatches of a set scored like dev-real (score.py); ``published`` is each article's day."""
    out = []
    for m in matches:
        # a second report of a found incident is not what a missed event became
        found_keys = {(hit.admin1, hit.date) for _, hit in m.hits}
        pool = [p for p in m.false_alarms if (p.admin1, p.date) not in found_keys]
        out += [Mismatch(m.article_id, DUPLICATE, "-", p.brief()) for p in m.false_alarms if p not in pool]
        for g in m.missed:
            why, p = _explain_miss(g, pool)
            if p is not None:
                pool.remove(p)
            out.append(Mismatch(m.article_id, why, gold_brief(g), p.brief() if p else "-"))
        for p in pool:
            out.append(Mismatch(m.article_id, _explain_extra(p, m, published[m.article_id]), "-", p.brief()))
        for g, p in m.hits:
            for figure, what in (("killed", KILLED), ("wounded", WOUNDED)):
                if g.get(figure) is not None and getattr(p, figure) != g[figure]:
                    out.append(Mismatch(m.article_id, what, gold_brief(g), p.brief()))
            if p.event_type != g.get("event_type"):
                out.append(Mismatch(m.article_id, TYPE, g.get("event_type") or "-", p.event_type or "-"))
    return out


def _event_brief(e: dict) -> str:
    location = e.get("location") or {}
    return (f"{location.get('country')} {location.get('place')} {e.get('occurred_on')} "
            f"k={e.get('killed')} w={e.get('wounded')}")


def _incident_brief(g: dict) -> str:
    return f"{g['country']} {g['date']} k={g['killed']} injured={g['injured']}"


def of_incidents(matches: list[IncidentMatch]) -> list[Mismatch]:
    """The mismatches of Airwars incidents (score_airwars.py)."""
    out = []
    for m in matches:
        gold, extra = m.gold, list(m.extra)
        if m.judged is None:
            in_country = [e for e in extra if (e.get("location") or {}).get("country") == gold["country"]]
            on_day = [e for e in extra if e.get("occurred_on") == gold["date"]]
            if in_country:
                meant = min(in_country, key=lambda e: abs(((_day(e.get("occurred_on")) or date.min)
                                                           - date.fromisoformat(gold["date"])).days))
                why = _date_miss(gold["date"], meant.get("occurred_on"))
            elif on_day:
                meant, why = on_day[0], WRONG_COUNTRY
            else:
                meant, why = None, MISSING
            if meant is not None:
                extra.remove(meant)
            out.append(Mismatch(gold["id"], why, _incident_brief(gold), _event_brief(meant) if meant else "-"))
        else:
            for gold_figure, figure, what in (("killed", "killed", KILLED), ("injured", "wounded", WOUNDED)):
                if m.in_range(gold_figure, figure) is False:
                    out.append(Mismatch(gold["id"], what, _incident_brief(gold), _event_brief(m.judged)))
            if m.place_ok is False:
                out.append(Mismatch(gold["id"], PLACE, f"{gold['lat']},{gold['lon']}", _event_brief(m.judged)))
        out += [Mismatch(gold["id"], _explain_incident_extra(e, gold), "-", _event_brief(e)) for e in extra]
    return out


def _explain_incident_extra(event: dict, gold: dict) -> str:
    day, incident_day = _day(event.get("occurred_on")), date.fromisoformat(gold["date"])
    if day is None:
        return OTHER_EXTRA
    if day < incident_day:
        return BACKGROUND
    if day > incident_day:
        return LATER_DAY
    in_country = (event.get("location") or {}).get("country") == gold["country"]
    return DUPLICATE if in_country else OTHER_REGION


def counts(mismatches: list[Mismatch]) -> dict[str, int]:
    """Mismatches per phenomenon, in display order."""
    counted = Counter(m.phenomenon for m in mismatches)
    return {p: counted[p] for p in ORDER if counted[p]}
