"""Time expressions resolved against the article's publication date.

Sets ``doc._.dates``: DateMention per expression. Needs ``doc.user_data['published']``
(a ``datetime.date``). 'on Tuesday', 'last Friday', 'December 29', 'Jan 2', 'yesterday',
'overnight' resolve to a day; 'the day before' / 'the next day' are relative to the
previous dated sentence and are resolved by the event assembler; 'recently', 'last
month' give no day but mark what they describe as background.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from streams.nlp.lexicon import lexicon

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
MONTHS |= {m[:3]: n for m, n in list(MONTHS.items())} | {"sept": 9}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WEEKDAY = re.compile(r"\b(last|this|on|since|early|late)?\s*(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_RELATIVE = {
    "yesterday": -1, "the day before": "before", "the previous day": "before", "a day earlier": "before",
    "the next day": "after", "the following day": "after", "a day later": "after", "the day after": "after",
}


@dataclass(slots=True)
class DateMention:
    start: int  # character offset in the doc
    end: int
    day: date | None
    precision: str = "day"
    background: bool = False  # 'recently', 'last month': an earlier incident recalled
    relative: str | None = None  # 'before' | 'after': one day from the previous dated sentence


def resolve_weekday(weekday: int, published: date, *, last: bool) -> date:
    """The most recent such weekday on or before publication ('last Friday' is strictly before)."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and last:
        back = 7
    return published - timedelta(days=back)


def resolve_month_day(month: int, day: int, year: int | None, published: date) -> date | None:
    try:
        resolved = date(year or published.year, month, day)
    except ValueError:
        return None
    if year is None and resolved > published + timedelta(days=1):
        try:
            resolved = date(published.year - 1, month, day)
        except ValueError:
            return None
    return resolved


class DateResolver:
    def __init__(self) -> None:
        self.lex = lexicon()

    def __call__(self, doc: Doc) -> Doc:
        published: date | None = doc.user_data.get("published")
        doc._.dates = self.find(doc.text, published) if published else []
        return doc

    def find(self, text: str, published: date) -> list[DateMention]:
        found: list[DateMention] = []
        taken: list[tuple[int, int]] = []

        def add(mention: DateMention) -> None:
            if not any(s < mention.end and mention.start < e for s, e in taken):
                taken.append((mention.start, mention.end))
                found.append(mention)

        for m in _ISO.finditer(text):
            try:
                add(DateMention(m.start(), m.end(), date(int(m[1]), int(m[2]), int(m[3]))))
            except ValueError:
                continue
        for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
            for m in pattern.finditer(text):
                month = MONTHS.get(m.group(month_group).lower().rstrip("."))
                if month is None or m.group(month_group).lower() == "may" and not m.group(day_group):
                    continue
                day = resolve_month_day(month, int(m.group(day_group)), int(m.group(3)) if m.group(3) else None, published)
                if day is not None:
                    add(DateMention(m.start(), m.end(), day))
        lowered = text.lower()
        for m in _WEEKDAY.finditer(text):
            qualifier = (m.group(1) or "").lower()
            day = resolve_weekday(WEEKDAYS.index(m.group(2).lower()), published, last=qualifier == "last")
            add(DateMention(m.start(), m.end(), day))
        for phrase, shift in _RELATIVE.items():
            for m in re.finditer(rf"\b{re.escape(phrase)}\b", lowered):
                if isinstance(shift, int):
                    add(DateMention(m.start(), m.end(), published + timedelta(days=shift)))
                else:
                    add(DateMention(m.start(), m.end(), None, relative=shift))
        for phrase in self.lex.overnight_cues:
            for m in re.finditer(rf"\b{re.escape(phrase)}\b", lowered):
                add(DateMention(m.start(), m.end(), published))
        for phrase in self.lex.background_cues:
            for m in re.finditer(rf"\b{re.escape(phrase)}\b", lowered):
                precision = "month" if ("month" in phrase or "year" in phrase) else "week"
                add(DateMention(m.start(), m.end(), None, precision=precision, background=True))
        return sorted(found, key=lambda d: d.start)


@Language.factory("strikewatch_dates_v1")
def make_date_resolver(nlp: Language, name: str) -> DateResolver:
    return DateResolver()


if not Doc.has_extension("dates"):
    Doc.set_extension("dates", default=None)
