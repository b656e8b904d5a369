"""Printing an evaluation: the scripts' figures per set, then the mismatches by phenomenon."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from streams.evaluation.phenomena import ORDER, counts
from streams.evaluation.runs import SetResult

#: The lists score.py prints line by line; the tables show their lengths instead.
LISTS = ("misses", "false_alarms")


def _table(title: str, results: list[SetResult]) -> Table:
    table = Table(title=title)
    table.add_column("metric")
    for r in results:
        table.add_column(r.name, justify="right")
    for metric in results[0].metrics:
        if metric not in LISTS:
            table.add_row(metric.replace("_", " "), *("n/a" if r.metrics[metric] is None else str(r.metrics[metric])
                                                       for r in results))
    return table


def print_results(results: list[SetResult], *, mismatches: bool, console: Console | None = None) -> None:
    console = console or Console()
    events = [r for r in results if r.kind == "events"]
    incidents = [r for r in results if r.kind == "airwars"]
    if events:
        console.print(_table("events (as ../shared/eval/score.py)", events))
    if incidents:
        console.print(_table("Airwars incidents (as ../shared/eval/score_airwars.py)", incidents))
    by_set = {r.name: counts(r.mismatches) for r in results}
    table = Table(title="mismatches by phenomenon")
    table.add_column("phenomenon")
    for r in results:
        table.add_column(r.name, justify="right")
    for phenomenon in ORDER:
        if any(phenomenon in c for c in by_set.values()):
            table.add_row(phenomenon, *(str(by_set[r.name].get(phenomenon, 0)) for r in results))
    console.print(table)
    if mismatches:
        for r in results:
            for phenomenon in ORDER:
                listed = [m for m in r.mismatches if m.phenomenon == phenomenon]
                if listed:
                    console.print(f"[bold]{r.name}: {phenomenon}[/] ({len(listed)})")
                    for m in listed:
                        console.print(f"  {m.case:14} gold: {m.gold:38} found: {m.found}", highlight=False,
                                      soft_wrap=True)
    else:
        console.print("(--mismatches lists each one under its phenomenon)", style="dim")
