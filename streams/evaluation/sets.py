"""Evaluation sets: articles with the gold events a careful reader finds in them.

Three shapes are read:

- a set file (our bundled ``own``/``holdout``, or ``../shared/dev-real/set.jsonl``): JSON lines of
  {id, published_at, text, events: [gold...]} in the CONTRACT conventions (../shared/eval/LABELING.md);
- the seed wire reports: ``seeds/NNN_hash.txt`` with ``seeds_expected.jsonl`` ({id: sNNN, events});
- an Airwars folder: ``articles.jsonl`` and ``gold.jsonl`` joined by id, one incident per narrative
  (gold: date, country, killed/injured ranges, lat/lon).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import orjson

from streams.errors import InputError

#: The sets shipped with strikewatch: 'own' (the bar) and 'holdout' (written after tuning, never tuned on).
BUNDLED = ("own", "holdout")


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

    def gold_line(self) -> dict:
        """The case as a line of a gold file (what ../shared/eval/score.py reads)."""
        return {"id": self.id, "events": self.gold}


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _lines(path: Path) -> list[dict]:
    try:
        return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]
    except orjson.JSONDecodeError as error:
        raise InputError(f"{path}: not JSON lines ({error})") from error


def load_set(path: Path) -> list[Case]:
    """An evaluation set: JSON lines of {id, published_at, text, events: [gold...]}."""
    cases = []
    for n, item in enumerate(_lines(path), 1):
        try:
            cases.append(Case(item["id"], item["text"], _when(item["published_at"]), item["events"],
                              item.get("style", ""), item.get("war", "")))
        except (KeyError, TypeError, ValueError) as error:
            raise InputError(f"{path}:{n}: an evaluation case needs id, text, published_at and events "
                             f"({type(error).__name__}: {error})") from error
    return cases


def load_seeds(folder: Path, published: dict[str, str]) -> list[Case]:
    """The seed wire reports of ``folder`` (``seeds/NNN_hash.txt`` and ``seeds_expected.jsonl``).

    A seed opening with a ``date YYYY-MM-DD`` line carries its own date (the extractor reads it);
    the others need one in ``published`` (id -> date).
    """
    if not (folder / "seeds_expected.jsonl").is_file() or not (folder / "seeds").is_dir():
        raise InputError(f"{folder}: expected seeds/ and seeds_expected.jsonl there")
    cases = []
    for item in _lines(folder / "seeds_expected.jsonl"):
        path = next((folder / "seeds").glob(f"{item['id'][1:]}_*.txt"), None)
        if path is None:
            continue
        day = published.get(item["id"], "1970-01-01")
        cases.append(Case(item["id"], path.read_text(encoding="utf-8"), _when(f"{day}T12:00:00+00:00"),
                          item["events"], "seed", "ukraine"))
    return cases


def load_airwars(folder: Path) -> list[Case]:
    """Airwars' narratives with their incident (``gold`` holds the one gold.jsonl line)."""
    if not (folder / "articles.jsonl").is_file() or not (folder / "gold.jsonl").is_file():
        raise InputError(f"{folder}: expected articles.jsonl and gold.jsonl there (an Airwars folder)")
    articles = {item["id"]: item for item in _lines(folder / "articles.jsonl")}
    # one case per incident, as the script counts them (an incident without its narrative is simply not found)
    return [Case(g["id"], articles.get(g["id"], {}).get("text", ""),
                 _when(articles.get(g["id"], {}).get("published_at") or f"{g['date']}T12:00:00+00:00"), [g],
                 "airwars", "gaza")
            for g in _lines(folder / "gold.jsonl")]


def load_bundled(name: str = "own") -> list[Case]:
    from importlib.resources import as_file, files

    with as_file(files("streams.evaluation") / "sets" / f"{name}.jsonl") as path:
        return load_set(path)
