"""Stage 7: the extractor against spaCy's full pipeline on real text (issue 15).

The texts are ../shared's dev-real articles and Airwars narratives, read at run time (they belong to
their publishers and are never copied here), repeated under fresh ids to about 2,000 articles. Real
news differs from our generated stream where it matters for speed: Airwars' narratives are long and
nearly every paragraph holds a trigger word, so the extractor parses most of the text.

    python -m bench.run --stage real-text            # 3 runs, writes bench/real_text_results.json
"""

from __future__ import annotations

import statistics
from pathlib import Path

import orjson

from bench.generate import words

#: Where ../shared is, relative to the repository root.
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SOURCES = ("dev-real/articles.jsonl", "airwars/articles.jsonl")


def real_texts(count: int, shared: Path = SHARED) -> list[dict]:
    """dev-real's articles and Airwars' narratives, in turn, repeated under new ids to `count` articles."""
    missing = [name for name in SOURCES if not (shared / name).is_file()]
    if missing:
        raise SystemExit(f"bench: error: {', '.join(str(shared / m) for m in missing)} not found "
                         "(the real-text stage reads ../shared at run time)")
    texts = [orjson.loads(line) for name in SOURCES for line in (shared / name).read_bytes().splitlines() if line.strip()]
    return [{"id": f"r{n}-{texts[n % len(texts)]['id']}", "text": texts[n % len(texts)]["text"],
             "published_at": texts[n % len(texts)]["published_at"].replace("Z", "+00:00")} for n in range(count)]


def stage(articles: list[dict], extractor, model: str) -> dict:
    """The extractor alone before and after spaCy's full pipeline over the same texts, in one run.

    The ratio compares the pipeline with the mean of the extractor just before and just after it,
    as stage 3 does: this machine's speed drifts from minute to minute.
    """
    from bench.run import extractor_alone, reference

    before = extractor_alone(articles, extractor)
    full = reference(articles, model)
    after = extractor_alone(articles, extractor)
    alone = {k: statistics.mean((before[k], after[k])) for k in before}
    return {"reference": full, "extractor": alone,
            "extractor_vs_reference": alone["words_per_s"] / full["words_per_s"]}


def summary(runs: list[dict], articles: list[dict]) -> dict:
    def median(stage_name: str, figure: str) -> float:
        return statistics.median(r[stage_name][figure] for r in runs)

    return {
        "articles": len(articles), "words": words(articles), "runs": len(runs),
        "reference_words_per_s": median("reference", "words_per_s"),
        "reference_articles_per_s": median("reference", "articles_per_s"),
        "extractor_words_per_s": median("extractor", "words_per_s"),
        "extractor_articles_per_s": median("extractor", "articles_per_s"),
        "events": runs[0]["extractor"]["events"],
        "extractor_vs_reference": statistics.median(r["extractor_vs_reference"] for r in runs),
        "extractor_vs_reference_runs": [r["extractor_vs_reference"] for r in runs],
    }
