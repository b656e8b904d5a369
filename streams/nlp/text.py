"""Turning a raw article into clean text the pipeline can read, and the cheap checks before it."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS

_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t:]*", re.IGNORECASE)
_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]{0,2000}>", re.IGNORECASE | re.DOTALL)
_PARAGRAPH = re.compile(r"\n\s*\n")
_WORD = re.compile(r"[A-Za-z]+")
#: A line break inside a sentence (hard-wrapped copy): not after sentence-final punctuation.
#: A title line longer than this is a sentence that lost its full stop.
HEADLINE_MAX_WORDS = 20
_SOFT_BREAK = re.compile(r"(?<![.!?:;\"\u201d\n])[ \t]*\n[ \t]*(?=\S)")


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    start: int  # character offset in the prepared article text


def split_date_prefix(text: str) -> tuple[str, date | None, int]:
    """Strip a leading 'date YYYY-MM-DD' wire prefix: (rest, the date, chars removed)."""
    match = _DATE_PREFIX.match(text)
    if not match:
        return text, None, 0
    try:
        stated = date.fromisoformat(match.group(1))
    except ValueError:
        return text, None, 0
    return text[match.end() :], stated, match.end()


def strip_html(text: str) -> str:
    """Remove tags and entities when the text looks like HTML; plain text is returned as is."""
    if "<" not in text or not re.search(r"</?[a-zA-Z][^>]*>", text):
        return html.unescape(text) if "&" in text else text
    text = re.sub(r"<\s*(br|/p|/div|/h\d|/li)\s*/?>", "\n\n", text, flags=re.IGNORECASE)
    return html.unescape(_TAG.sub(" ", text))


def paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs split at blank lines; lines wrapped mid-sentence are joined (offsets kept)."""
    # a title line on top ('Flash Floods Kill 200 in KP' then the story) stays a paragraph of its own
    lead = len(text) - len(text.lstrip())
    title_end = text.find("\n", lead)
    if title_end < 0 or not _is_headline(text[lead:title_end]):
        title_end = -1
    text = _SOFT_BREAK.sub(lambda m: m.group() if m.start() <= title_end < m.end() else " " * len(m.group()), text)
    found, position = [], 0
    for match in _PARAGRAPH.finditer(text):
        found.append(Paragraph(text[position : match.start()], position))
        position = match.end()
    found.append(Paragraph(text[position:], position))
    found = [p for p in found if p.text.strip()]
    if title_end >= 0 and found and found[0].start + len(found[0].text) > title_end:
        first, cut = found[0], title_end - found[0].start
        found[0:1] = [Paragraph(first.text[:cut], first.start), Paragraph(first.text[cut:], title_end)]
    return found


def _is_headline(line: str) -> bool:
    """A title-cased line ('Flash Floods Kill 200 in KP'): every word capitalised or a function word."""
    words = _WORD.findall(line)
    capitalised = [w for w in words if w[0].isupper() or w.lower() in STOP_WORDS]
    return 3 <= len(words) <= HEADLINE_MAX_WORDS and sum(w[0].isupper() for w in words) >= len(words) / 2 \
        and len(capitalised) == len(words)


def looks_english(text: str, *, sample_words: int = 400) -> bool:
    """Share of common English function words: news prose in English sits well above 0.25."""
    words = _WORD.findall(text[:5000])[:sample_words]
    if len(words) < 8:
        return len(words) > 0 and sum(w.lower() in STOP_WORDS for w in words) >= max(1, len(words) // 4)
    return sum(w.lower() in STOP_WORDS for w in words) / len(words) >= 0.2
