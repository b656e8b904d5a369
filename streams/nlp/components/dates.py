"""Time expressions resolved against the article's publication date, by news conventions.

Sets ``doc._.dates``: DateMention per expression. Needs ``doc.user_data['published']``
(a ``datetime.date``; see ``streams.nlp.docdata``). 'on Tuesday', 'last Friday',
'December 29', 'Jan 2', 'yesterday' resolve to a day; 'overnight', 'this morning' to the
publication day (the night ending on it); 'over the past day' in a morning round-up to
the day before. 'The day before' / 'the next day' are relative to the previous dated
sentence and are resolved by the event assembler; 'recently', 'last month' give no day
but mark what they describe as background. A page's own time stamp ('March 3, 2024
2:48 am', 'Updated: ...') and days after publication are never when a strike happened.
The phrases live in data/dates.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from streams.nlp.docdata import published_of
from streams.nlp.lexicon import data_file

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
MONTHS |= {m[:3]: n for m, n in list(MONTHS.items())} | {"sept": 9}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WEEKDAY = re.compile(r"\b(last|this|on|since|early|late)?\s*(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
#: A clock time right after a dated expression: the page's stamp ('Nov 25, 2022 2:48 am', '12:20 IST').
_CLOCK_AFTER = re.compile(r"^\s*[,|-]?\s*\d{1,2}:\d{2}\b")
#: The sentence start before a capitalised cue ('Today, ...'); mid-sentence 'Today' names a paper or a show.
_SENTENCE_START = re.compile(r"(^|[.!?:;\"\u201c\u201d(]\s*|\n\s*)$")


#: Within one date phrase, the part that says the day best comes first.
_SPECIFICITY = ("calendar", "weekday", "relative", "past_day", "same_day", "time_of_day")


@dataclass(slots=True)
class DateMention:
    start: int  # character offset in the doc
    end: int
    day: date | None
    precision: str = "day"
    background: bool = False  # 'recently', 'last month': an earlier incident recalled
    relative: str | None = None  # 'before' | 'after': one day from the previous dated sentence
    kind: str = "calendar"  # calendar | weekday | relative | same_day | time_of_day | past_day | background


def resolve_weekday(weekday: int, published: date, *, last: bool) -> date:
    """The most recent such weekday on or before publication ('last Friday' is strictly before)."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and last:
        back = 7
    return published - timedelta(days=back)


def resolve_month_day(month: int, day: int, year: int | None, published: date) -> date | None:
    if year is not None and year > published.year:
        year = None  # 'October 29th, 2024' in a story of November 2023: a slip of the year, not a future day
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
    """Finds and resolves the time expressions of a Doc (see the module docstring)."""

    def __init__(self, *, future_slack_days: int = 1, stamp_window: int = 24) -> None:
        #: A day later than publication by more than this is a schedule or a typo, never a strike.
        self.future_slack = timedelta(days=future_slack_days)
        #: How many characters before a date a stamp word ('Updated:') may stand.
        self.stamp_window = stamp_window
        cues = data_file("dates.json")
        self.relative: dict[str, int | str] = cues["relative"]
        self.same_day: list[str] = cues["same_day"]
        self.time_of_day: list[str] = cues["time_of_day"]
        #: What may stand between the parts of one date phrase ('the early morning hours of Friday, October 13').
        self._joiner = re.compile(r"^[\s,]*(?:(?:" + "|".join(map(re.escape, cues["date_joiners"])) + r")\b[\s,]*)*$", re.IGNORECASE)
        self.past_day: list[str] = cues["past_day"]
        self.background: dict[str, str] = cues["background"]
        #: Each phrase's pattern, compiled once; a phrase not in the text is not searched for at all (issue 15 speed:
        #: forty '\\b'-led searches over every paragraph were most of this component).
        self._phrases = {phrase: re.compile(rf"\b{re.escape(phrase)}\b") for phrase in
                         [*self.past_day, *self.relative, *self.same_day, *self.time_of_day, *self.background]}
        self._stamp_words = re.compile(r"\b(" + "|".join(map(re.escape, cues["stamp_words"])) + r")\b\s*:?[^.\n]*$",
                                       re.IGNORECASE)

    def __call__(self, doc: Doc) -> Doc:
        published = published_of(doc)
        doc._.dates = self.find(doc.text, published) if published else []
        return doc

    def find(self, text: str, published: date) -> list[DateMention]:
        found: list[DateMention] = []
        taken: list[tuple[int, int]] = []

        def add(mention: DateMention) -> None:
            if any(s < mention.end and mention.start < e for s, e in taken):
                return
            taken.append((mention.start, mention.end))
            if mention.day is None or mention.day <= published + self.future_slack:
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
                if day is None:
                    continue
                if self._is_stamp(text, m.start(), m.end()):
                    taken.append((m.start(), m.end()))  # the page's own time stamp: no date of anything
                    continue
                add(DateMention(m.start(), m.end(), day))
        lowered = text.lower()
        for phrase in self.past_day:
            for m in self._occurrences(phrase, lowered):
                add(DateMention(m.start(), m.end(), published - timedelta(days=1), kind="past_day"))
        for m in _WEEKDAY.finditer(text):
            qualifier = (m.group(1) or "").lower()
            day = resolve_weekday(WEEKDAYS.index(m.group(2).lower()), published, last=qualifier == "last")
            add(DateMention(m.start(), m.end(), day, kind="weekday"))
        for phrase, shift in self.relative.items():
            for m in self._occurrences(phrase, lowered):
                if isinstance(shift, int):
                    add(DateMention(m.start(), m.end(), published + timedelta(days=shift), kind="relative"))
                else:
                    add(DateMention(m.start(), m.end(), None, relative=shift, kind="relative"))
        for kind, phrases in (("same_day", self.same_day), ("time_of_day", self.time_of_day)):
            for phrase in phrases:
                for m in self._occurrences(phrase, lowered):
                    if text[m.start()].isupper() and not _SENTENCE_START.search(text[: m.start()]):
                        continue
                    add(DateMention(m.start(), m.end(), published, kind=kind))
        for phrase, precision in self.background.items():
            for m in self._occurrences(phrase, lowered):
                add(DateMention(m.start(), m.end(), None, precision=precision, background=True, kind="background"))
        return self._one_per_phrase(text, sorted(found, key=lambda d: d.start))

    def _occurrences(self, phrase: str, lowered: str):
        return self._phrases[phrase].finditer(lowered) if phrase in lowered else ()

    def _one_per_phrase(self, text: str, found: list[DateMention]) -> list[DateMention]:
        """'On the morning of Sunday, October 22nd', 'The following day, on Monday 23rd of October': one date
        phrase, whose calendar date says the day. Its weekday is only a guess against the publication day (and
        narratives get it wrong), a relative day or a time of day counts from somewhere else."""
        kept: list[DateMention] = []
        phrase: list[DateMention] = []
        for mention in [*found, None]:
            if (mention is not None and phrase and mention.kind in _SPECIFICITY and phrase[-1].kind in _SPECIFICITY
                    and self._joiner.match(text[phrase[-1].end:mention.start])):
                phrase.append(mention)
                continue
            if phrase:
                kept.append(min(phrase, key=lambda m: _SPECIFICITY.index(m.kind) if m.kind in _SPECIFICITY else len(_SPECIFICITY)))
            phrase = [mention] if mention is not None else []
        return kept

    def _is_stamp(self, text: str, start: int, end: int) -> bool:
        """'November 25, 2022 2:48 am', 'Updated: 30 Sep 2022': when the page was made, not the news."""
        return bool(_CLOCK_AFTER.match(text[end:end + 12]) or self._stamp_words.search(text[max(0, start - self.stamp_window):start]))


@Language.factory(
    "strikewatch_dates_v1",
    default_config={"future_slack_days": 1, "stamp_window": 24},
)
def make_date_resolver(nlp: Language, name: str, future_slack_days: int, stamp_window: int) -> DateResolver:
    return DateResolver(future_slack_days=future_slack_days, stamp_window=stamp_window)
