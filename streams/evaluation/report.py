"""Printing evaluation scores: a rich table of metrics, and the list of mismatches."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from streams.evaluation.scoring import Score

COLUMNS = ("articles", "gold_events", "found_events", "precision", "recall", "f1", "admin1_accuracy",
           "killed_exact", "wounded_exact", "date_exact", "type_accuracy", "false_events_on_no_event")


def print_table(scores: list[Score]) -> None:
    table = Table(title="strikewatch extraction quality")
    table.add_column("metric")
    for s in scores:
        table.add_column(s.name, justify="right")
    metrics = [s.metrics() for s in scores]
    for column in COLUMNS:
        table.add_row(column.replace("_", " "), *(str(m[column]) for m in metrics))
    Console().print(table)


def _brief(event: dict | None) -> str:
    if event is None:
        return "-"
    if "location" in event:
        loc = event["location"]
        return (f"{loc['admin1_code']} {loc['place']} {event['occurred_on']} k={event['killed']} "
                f"w={event['wounded']} {event['event_type']}{' bg' if event['background'] else ''}")
    return (f"{event['admin1']} {event.get('place')} {event['date']} k={event['killed']} w={event['wounded']} "
            f"{event['event_type']}{' bg' if event.get('background') else ''}")


def print_mismatches(score: Score) -> None:
    console = Console()
    console.print(f"[bold]{score.name}[/]: {len(score.mismatches)} mismatches")
    for m in score.mismatches:
        console.print(f"  {m.case:6} {m.what:10} gold: {_brief(m.gold)}  |  found: {_brief(m.found)}", highlight=False)
