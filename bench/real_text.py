"""Stage 7: the extractor against spaCy's full pipeline on real text (issue 15).

The texts are ../shared's dev-real articles and Airwars narratives, read at run time (they belong to
their publishers and are never copied here), repeated under fresh ids to about 2,000 articles. Real
news differs from our generated stream where it matters for speed: Airwars' narratives are long and
nearly every paragraph holds a trigger word, so the extractor parses most of the text.

    python -m bench.run --stage real-text            # 3 runs, writes bench/real_text_results.json
    python -m bench.run --stage real-text --components 300    # and CPU per component over 300 articles
"""

from __future__ import annotations

import statistics
import time
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

    The ratio is words per CPU-second of this one process (``time.process_time``: user + sys of
    every thread; both sides run single-process, no ``n_process``), the extractor's the mean of its
    runs just before and just after the pipeline: on a machine shared with other work, wall time
    measures the neighbours too. The wall-clock ratio is kept beside it.
    """
    from bench.run import extractor_alone, reference

    before = extractor_alone(articles, extractor)
    full = reference(articles, model)
    after = extractor_alone(articles, extractor)
    alone = {k: statistics.mean((before[k], after[k])) for k in before}
    return {"reference": full, "extractor": alone,
            "extractor_vs_reference": alone["words_per_cpu_s"] / full["words_per_cpu_s"],
            "extractor_vs_reference_wall": alone["words_per_s"] / full["words_per_s"]}


def components(articles: list[dict], extractor, model: str) -> dict:
    """CPU seconds of each pipeline component over the same articles, the extractor's and spaCy's.

    Each component runs over every Doc before the next starts (as ``nlp.pipe`` would, batch by batch);
    the extractor's paragraph split and trigger scan and its incident assembly are timed too.
    """
    import spacy

    from bench.run import _input
    from streams.nlp.extractor import TOK2VEC_BATCH

    inputs = [_input(a) for a in articles]
    list(extractor.extract_many(inputs[:20]))  # warm: the lemma table and the folding cache fill on first sight
    ours: dict[str, float] = {}
    prepared, ours["paragraphs and trigger scan"] = _cpu(lambda: [extractor._prepare(a) for a in inputs])
    docs = [doc for _, found in prepared for doc in found]
    _each_component(extractor.nlp, docs, 64, ours, sizes={"tok2vec": TOK2VEC_BATCH})  # as extract_many batches them
    _, ours["assembly"] = _cpu(lambda: [extractor._assemble(a, published, found)
                                        for a, (published, found) in zip(inputs, prepared, strict=True)])
    nlp = spacy.load(model)
    theirs: dict[str, float] = {}
    docs, theirs["tokenizer"] = _cpu(lambda: [nlp.make_doc(a["text"]) for a in articles])
    _each_component(nlp, docs, 32, theirs)
    return {"articles": len(articles), "extractor_cpu_s": ours, "reference_cpu_s": theirs,
            "extractor_total_cpu_s": sum(ours.values()), "reference_total_cpu_s": sum(theirs.values())}


def _each_component(nlp, docs: list, batch_size: int, times: dict[str, float], sizes: dict[str, int] | None = None) -> None:
    for name, pipe in nlp.pipeline:
        started = time.process_time()
        size = (sizes or {}).get(name, batch_size)
        docs = list(pipe.pipe(docs, batch_size=size)) if hasattr(pipe, "pipe") else [pipe(d) for d in docs]
        times[name] = round(time.process_time() - started, 3)


def _cpu(work):
    started = time.process_time()
    result = work()
    return result, round(time.process_time() - started, 3)


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
        "reference_words_per_cpu_s": median("reference", "words_per_cpu_s"),
        "extractor_words_per_cpu_s": median("extractor", "words_per_cpu_s"),
        "extractor_vs_reference": statistics.median(r["extractor_vs_reference"] for r in runs),
        "extractor_vs_reference_runs": [r["extractor_vs_reference"] for r in runs],
        "extractor_vs_reference_wall_runs": [r["extractor_vs_reference_wall"] for r in runs],
    }
