"""Real text from ../shared (dev-real, Airwars), extracted once per session for every accuracy test.

The texts belong to their publishers: they are read from ../shared at run time, never copied here.
The tests skip when ../shared is absent locally; CI has it.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tests.conftest import SHARED

FLOOR = Path(__file__).with_name("floor.json")

needs_shared = pytest.mark.skipif(not (SHARED / "dev-real").is_dir() or not (SHARED / "airwars").is_dir(),
                                  reason="../shared (dev-real, airwars) not present")


@pytest.fixture(scope="session")
def real_text():
    """{'dev-real': SetResult, 'airwars': SetResult}: extracted and scored by the package (strikewatch eval's code)."""
    from streams.evaluation.runs import SetResult, extract
    from streams.evaluation.sets import load_airwars, load_set
    from streams.nlp import Extractor

    results = [SetResult("dev-real", "events", load_set(SHARED / "dev-real" / "set.jsonl")),
               SetResult("airwars", "airwars", load_airwars(SHARED / "airwars"))]
    return {r.name: r for r in extract(results, Extractor(), progress=False)}


def pytest_terminal_summary(terminalreporter, config):
    """After the run: each real-text figure against its floor and issue 15's target, when they were measured."""
    measured = config.stash.get(MEASURED, None)
    if not measured:
        return
    terminalreporter.section("real-text accuracy: measured / floor (ratchet) / target (issue 15)")
    for name, figures in orjson.loads(FLOOR.read_bytes()).items():
        if name.startswith("_") or name not in measured:
            continue
        for metric, bounds in figures.items():
            value, target = measured[name][metric], bounds["target"]
            limit = bounds.get("floor", bounds.get("ceiling"))
            if target is None:
                verdict = "(no target)"
            elif value >= target if "floor" in bounds else value <= target:
                verdict = "met"
            else:
                verdict = f"gap {abs(target - value):.3f}"
            terminalreporter.write_line(f"{name:9} {metric:28} {value!s:>6} / {limit!s:>6} / {target!s:>6}  {verdict}")


MEASURED = pytest.StashKey[dict]()
