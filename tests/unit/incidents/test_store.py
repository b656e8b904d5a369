"""The SQLite incident history: filters, newest-first pages, deletions, and a restart that keeps it all."""

from __future__ import annotations

import orjson
import pytest

from streams.errors import InvalidQuery
from streams.incidents.store import IncidentStore, Query


def incident(n: int, day: str, country: str = "UA", region: str = "UA-63", kind: str = "missile_strike") -> tuple:
    key = f"{n:016x}".encode()
    body = {"incident_id": key.decode(), "date": day, "country": country, "region": region, "event_type": kind}
    return key, orjson.dumps(body), n


@pytest.fixture
def store(tmp_path):
    store = IncidentStore(tmp_path / "incidents.sqlite3")
    yield store
    store.close()


def test_filters_and_newest_first(store):
    store.apply(0, [incident(1, "2024-03-01"), incident(2, "2024-03-15", region="UA-30"), incident(3, "2024-04-02"),
                    incident(4, "2024-03-20", country="RU", region="RU-BEL", kind="drone_strike")])
    days = lambda rows: [r["date"] for r in rows]  # noqa: E731
    assert days(store.page(Query(), limit=10)[0]) == ["2024-04-02", "2024-03-20", "2024-03-15", "2024-03-01"]
    assert days(store.page(Query(start="2024-03-01", end="2024-03-31"), limit=10)[0]) == ["2024-03-20", "2024-03-15", "2024-03-01"]
    assert days(store.page(Query(country="RU"), limit=10)[0]) == ["2024-03-20"]
    assert days(store.page(Query(region="UA-63", end="2024-03-31"), limit=10)[0]) == ["2024-03-01"]
    assert days(store.page(Query(event_type="drone_strike"), limit=10)[0]) == ["2024-03-20"]


def test_pages_cover_everything_once(store):
    store.apply(1, [incident(n, f"2024-01-{1 + n % 5:02d}") for n in range(23)])
    seen, cursor = [], None
    while True:
        rows, cursor = store.page(Query(), limit=5, cursor=cursor)
        seen += [r["incident_id"] for r in rows]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 23
    assert [r for r in seen] == [r["incident_id"] for r in store.page(Query(), limit=100)[0]]


def test_latest_value_wins_and_a_tombstone_deletes(store):
    key, _, _ = incident(1, "2024-01-01")
    store.apply(0, [incident(1, "2024-01-01"), (key, orjson.dumps({**orjson.loads(incident(1, "2024-01-02")[1])}), 1)])
    assert [r["date"] for r in store.page(Query(), limit=5)[0]] == ["2024-01-02"]
    store.apply(0, [(key, None, 2)])
    assert store.count() == 0


def test_history_and_offsets_survive_a_reopen(tmp_path):
    store = IncidentStore(tmp_path / "h.sqlite3")
    store.apply(2, [incident(n, "2023-05-01") for n in range(10)])
    store.close()
    again = IncidentStore(tmp_path / "h.sqlite3")
    assert again.count() == 10 and again.offsets() == {2: 10}
    again.close()


@pytest.mark.parametrize("cursor", ["x", "!!!", "MjAyNA", "bm90IGEgY3Vyc29y"])
def test_a_cursor_we_did_not_hand_out_is_refused(store, cursor):
    with pytest.raises(InvalidQuery):
        store.page(Query(), limit=5, cursor=cursor)
