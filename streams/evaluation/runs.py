"""One evaluation run: extract every case of each set (one progress bar), score, explain mismatches."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import orjson

from streams.evaluation import airwars, phenomena, scoring
from streams.evaluation.sets import Case


@dataclass(slots=True)
class SetResult:
    name: str
    kind: str  # "events" (score.py) or "airwars" (score_airwars.py)
    cases: list[Case]
    events: list[dict] = field(default_factory=list)
    metrics: dict = field(default_factory=dict)
    mismatches: list[phenomena.Mismatch] = field(default_factory=list)

    def score(self) -> SetResult:
        if self.kind == "airwars":
            matches = airwars.match_all([c.gold[0] for c in self.cases], self.events)
            self.metrics, self.mismatches = airwars.metrics(matches), phenomena.of_incidents(matches)
        else:
            matches = scoring.match_all([c.gold_line() for c in self.cases], self.events)
            published = {c.id: c.published_at.date() for c in self.cases}
            self.metrics, self.mismatches = scoring.metrics(matches), phenomena.of_articles(matches, published)
        return self

    def as_json(self, *, mismatches: bool) -> dict:
        """The script's figures, then the mismatch counts (and, on request, the mismatches)."""
        out = self.metrics | {"phenomena": phenomena.counts(self.mismatches)}
        if mismatches:
            out["mismatches"] = [{"case": m.case, "phenomenon": m.phenomenon, "gold": m.gold, "found": m.found}
                                 for m in self.mismatches]
        return out

    def write_predictions(self, folder: Path) -> Path:
        """The extracted events as JSON lines, the PRED file the shared scripts read."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.name}.jsonl"
        path.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in self.events))
        return path


def extract(results: list[SetResult], extractor, *, progress: bool) -> list[SetResult]:
    """Run the extractor over every set, with one rich progress bar (on stderr) across them."""
    from rich import progress as rp
    from rich.console import Console

    columns = (rp.TextColumn("{task.description}"), rp.BarColumn(), rp.MofNCompleteColumn(), rp.TimeElapsedColumn(),
               rp.TimeRemainingColumn())
    with rp.Progress(*columns, console=Console(stderr=True), transient=True, disable=not progress) as bar:
        for result in results:
            task = bar.add_task(f"extracting {result.name}", total=len(result.cases))
            for found in extractor.extract_many(case.article() for case in result.cases):
                result.events += found
                bar.advance(task)
    return [result.score() for result in results]
