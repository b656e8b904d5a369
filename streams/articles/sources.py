"""Reading articles from files, folders and stdin for `publish` and `extract`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import orjson

from streams.articles.models import article_id
from streams.errors import InputError
from streams.nlp.text import split_date_prefix

SUFFIXES = (".txt", ".json", ".jsonl")


def expand(paths: list[str]) -> list[Path | None]:
    """Files to read, in order; None stands for stdin ('-')."""
    found: list[Path | None] = []
    for raw in paths:
        if raw == "-":
            found.append(None)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
            if not files:
                raise InputError(f"{path}: no .txt, .json or .jsonl files in this folder")
            found.extend(files)
        elif path.is_file():
            if path.suffix not in SUFFIXES:
                raise InputError(f"{path}: expected a .txt, .json or .jsonl file")
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return found


def text_article(text: str, *, name: str | None = None) -> dict:
    """A plain-text article; a leading 'date YYYY-MM-DD' sets published_at."""
    _, stated, _ = split_date_prefix(text)
    record: dict = {"text": text}
    if stated:
        record["published_at"] = datetime(stated.year, stated.month, stated.day, 12, tzinfo=UTC).isoformat()
    if name:
        record["source"] = name
    return record


def read_records(source: Path | None) -> Iterator[dict | bytes]:
    """Article records; a line that is not JSON comes through as raw bytes (it will be dead-lettered)."""
    try:
        raw = sys.stdin.buffer.read() if source is None else source.read_bytes()
    except OSError as exc:
        raise InputError(f"{source}: {exc.strerror}") from exc
    suffix = source.suffix if source else _sniff(raw)
    name = source.name if source else None
    if suffix == ".txt":
        text = raw.decode("utf-8", errors="replace")
        if text.strip():
            yield text_article(text, name=name)
        return
    if suffix == ".json":
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise InputError(f"{name or 'stdin'}: not valid JSON ({exc})") from exc
        yield from (data if isinstance(data, list) else [data])
        return
    for line in raw.splitlines():
        if not line.strip():
            continue
        try:
            yield orjson.loads(line)
        except orjson.JSONDecodeError:
            yield line


def _sniff(raw: bytes) -> str:
    head = raw.lstrip()[:1]
    if head == b"{":
        return ".jsonl"
    if head == b"[":
        return ".json"
    return ".txt"


def message_key(record: dict | bytes) -> bytes | None:
    if isinstance(record, dict) and isinstance(record.get("text"), str) and record["text"]:
        return article_id(record).encode()
    return None
