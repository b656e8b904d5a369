"""`strikewatch watch`: the rolling aggregates as a live table, or one snapshot."""

from __future__ import annotations

import threading
import time
from datetime import date
from typing import Annotated

import orjson
import typer

from streams.aggregates.view import WINDOWS, RollingView, figure_text
from streams.cli import Bootstrap, configure, fail

SPARK = " ▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    top = max(values) or 1
    return "".join(SPARK[round(v / top * (len(SPARK) - 1))] for v in values)


def render(snapshot: dict):
    from rich.table import Table

    table = Table(title=f"strikewatch · {snapshot['window']} ending {snapshot['as_of'] or '–'} · incidents, not reports",
                  caption="killed / wounded: best (low–high) · n/r = not reported · ≥ = at least")
    for column, justify in (("region", "left"), ("name", "left"), ("strikes", "right"), ("Δ prev", "right"),
                            ("killed", "right"), ("wounded", "right"), ("last 14 days", "left")):
        table.add_column(column, justify=justify)
    for row in snapshot["regions"]:
        k, w = (figure_text(row[f], row[f"{f}_unreported"], row[f"{f}_lower_bound"], row["strikes"])
                for f in ("killed", "wounded"))
        change = row["change"]
        table.add_row(row["region"], row["region_name"] or "", str(row["strikes"]),
                      f"[red]+{change}[/]" if change > 0 else f"[green]{change}[/]" if change < 0 else "0",
                      k, w,
                      sparkline(row["spark"]))
    return table


def follow_view(settings, view: RollingView, stop: threading.Event) -> None:
    from streams.kafka import consume

    for key, value in consume(settings, settings.topic_aggregates, from_beginning=True, follow=True, idle_ms=200):
        view.apply_message(key, value)
        if stop.is_set():
            return


def live_table(settings, *, window: str, as_of: date | None = None, stop=lambda: False) -> None:
    """Render a live table until Ctrl-C (or ``stop()``); updates within a second of a new bucket."""
    from rich.console import Console
    from rich.live import Live

    view, halt = RollingView(), threading.Event()
    reader = threading.Thread(target=follow_view, args=(settings, view, halt), daemon=True)
    reader.start()
    console = Console()
    seen = -1
    try:
        with Live(render(view.snapshot(window, as_of)), console=console, refresh_per_second=4,
                  auto_refresh=console.is_terminal) as live:
            while not stop():
                if view.version != seen:
                    seen = view.version
                    live.update(render(view.snapshot(window, as_of)), refresh=True)
                time.sleep(0.25)
    except KeyboardInterrupt:
        pass
    finally:
        halt.set()


def register(cli: typer.Typer) -> None:
    @cli.command()
    def watch(
        window: Annotated[str, typer.Option(help="Rolling window: 1d, 7d or 30d.")] = "7d",
        as_of: Annotated[str | None, typer.Option("--as-of", help="Window end (YYYY-MM-DD). Default: newest event date.")] = None,
        once: Annotated[bool, typer.Option("--once", help="Print one snapshot and exit.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="With --once: the snapshot as JSON (as /api/aggregates).")] = False,
        bootstrap: Bootstrap = None,
    ) -> None:
        """Live table of strikes and casualties per region (incidents counted once), with 14-day sparklines."""
        from streams.kafka import consume

        if window not in WINDOWS:
            raise fail(f"--window must be one of {', '.join(WINDOWS)}", 2)
        try:
            end = date.fromisoformat(as_of) if as_of else None
        except ValueError:
            raise fail("--as-of must be a date, YYYY-MM-DD", 2) from None
        settings = configure(bootstrap)
        if not once:
            live_table(settings, window=window, as_of=end)
            return
        view = RollingView()
        for key, value in consume(settings, settings.topic_aggregates, from_beginning=True, follow=False):
            view.apply_message(key, value)
        snapshot = view.snapshot(window, end)
        if as_json:
            typer.echo(orjson.dumps(snapshot).decode())
        else:
            from rich.console import Console

            Console().print(render(snapshot))
