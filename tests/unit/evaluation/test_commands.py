"""`strikewatch eval` refuses what it cannot score in one line, before loading any model."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run_eval(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """The command from an empty folder, as a user runs it (this checkout's code)."""
    return subprocess.run([sys.executable, "-m", "streams", "eval", *args], capture_output=True, text=True, cwd=tmp_path,
                          timeout=120, env=os.environ | {"PYTHONPATH": str(ROOT)})


@pytest.mark.parametrize(("args", "message"), [
    (["missing.jsonl"], "missing.jsonl: no such evaluation set (a .jsonl file of articles with `events`)"),
    (["--airwars", "."], ".: expected articles.jsonl and gold.jsonl there (an Airwars folder)"),
    (["--seeds", "."], ".: expected seeds/ and seeds_expected.jsonl there"),
    (["notext.jsonl"], "notext.jsonl:1: an evaluation case needs id, text, published_at and events (KeyError: 'text')"),
    (["broken.jsonl"], "broken.jsonl: not JSON lines"),
])
def test_what_cannot_be_scored_is_a_one_line_error(tmp_path, args, message):
    (tmp_path / "notext.jsonl").write_text('{"id": "a1", "published_at": "2025-01-01T00:00:00Z", "events": []}\n')
    (tmp_path / "broken.jsonl").write_text('{"id": "a1",\n')
    result = run_eval(tmp_path, *args)
    assert result.returncode == 1
    assert result.stderr.startswith(f"strikewatch: error: {message}") and len(result.stderr.splitlines()) == 1, result.stderr


def test_help_teaches_the_real_text_commands(tmp_path):
    result = run_eval(tmp_path, "--help")
    assert result.returncode == 0
    for example in ("strikewatch eval ../shared/dev-real/set.jsonl", "--airwars ../shared/airwars", "--mismatches",
                    "../shared/eval/score.py"):
        assert example in result.stdout
