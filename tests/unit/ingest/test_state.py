"""The ingest state survives a restart: what was published, and each feed's validators."""

from __future__ import annotations

from streams.ingest.state import State


def test_published_ids_and_validators_survive_reopening(tmp_path):
    path = tmp_path / "data" / "ingest.sqlite3"
    state = State(path)
    state.mark({"a1", "b2"}, "http://x.test/a")
    state.mark({"c3"}, "http://x.test/c.pdf", "not an HTML page (content type application/pdf)")
    state.save_validators("http://x.test/rss", '"v1"', None)
    state.save_validators("http://x.test/rss", '"v2"', "Tue, 10 Mar 2026 08:15:00 GMT")
    state.close()
    reopened = State(path)
    assert reopened.outcome("a1") == reopened.outcome("b2") == "published"
    assert reopened.outcome("c3") == "not an HTML page (content type application/pdf)"
    assert reopened.outcome("d4") is None
    assert reopened.validators("http://x.test/rss") == ('"v2"', "Tue, 10 Mar 2026 08:15:00 GMT")
    assert reopened.validators("http://x.test/other") == (None, None)


def test_two_processes_may_share_the_file(tmp_path):
    first, second = State(tmp_path / "s.sqlite3"), State(tmp_path / "s.sqlite3")
    first.mark({"a1"}, "http://x.test/a")
    assert second.outcome("a1") == "published"
