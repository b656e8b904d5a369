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
    text = _SOFT_BREAK.sub(lambda m: " " * len(m.group()), text)
    found, position = [], 0
    for match in _PARAGRAPH.finditer(text):
        found.append(Paragraph(text[position : match.start()], position))
        position = match.end()
    found.append(Paragraph(text[position:], position))
    return [p for p in found if p.text.strip()]


def looks_english(text: str, *, sample_words: int = 400) -> bool:
    """Share of common English function words: news prose in English sits well above 0.25."""
    words = _WORD.findall(text[:5000])[:sample_words]
    if len(words) < 8:
        return len(words) > 0 and sum(w.lower() in STOP_WORDS for w in words) >= max(1, len(words) // 4)
    return sum(w.lower() in STOP_WORDS for w in words) / len(words) >= 0.2
