"""Scale: 500 councils x 150 clauses (75,000 clauses), per-council indexes plus one over all.

Run:  python benchmarks/bench_scale.py [--quick] [--json PATH]
      (--quick: 50 councils, for a smoke test; the figures below are for the full run)

Goals: building every index <= 60 s; a query within one council p95 <= 2 ms; a query across all
councils p95 <= 10 ms; peak memory <= 1 GB.

The corpus is synthetic and deterministic (seeded): clause lengths and words are drawn from the
real clauses' analysed tokens (their frequency distribution), so every synthetic clause looks, to
BM25, like a real one. Its vocabulary is the real one (about 1,500 words), so posting lists are
denser than a real 500-council corpus would have: query times here are pessimistic.

Measured side by side in one run, on the all-councils corpus and the same queries (the gold set's
questions, analysed and expanded exactly as Conduct does):
  * Conduct's scorer (index.bm25.SparseBM25) and ranking (Retriever._rank), as in the code;
  * rank-bm25's BM25Plus.get_scores, the reference the sparse weights are computed from (on a sample
    of queries: it is slow at this size);
  * bm25s (if installed: pip install bm25s), method "bm25+" with the same k1, b and delta. Its idf
    differs from rank-bm25's, so only its speed is comparable, not its scores.
Also: analysis time extrapolated from the real clauses, and the on-disk cache (index/store.py) at this size.
"""

from __future__ import annotations

import gc
import itertools
import random
import sys
import tempfile
import time
import tomllib
from bisect import bisect
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, Report, arguments, median, ms, peak_rss_mb, percentile, secs  # noqa: E402

sys.path.insert(0, str(ROOT))

SEED = 75_000
COUNCILS = 500
PER_COUNCIL = 150
K = 5
RANK_BM25_SAMPLE = 12


def real_vocabulary():
    """(words, cumulative weights, clause lengths, analysis seconds per clause, query token lists)."""
    from corpus.library import bundled_library
    from index.analyse import get_analyser
    from index.retriever import MIN_INDEXED_TOKENS, indexed_text

    library = bundled_library()
    analyser = get_analyser()
    texts = [indexed_text(c) for c in library.all_clauses()]
    started = time.perf_counter()  # the first pass: spaCy's and the analyser's word caches start cold
    tokenized = analyser.tokens_many(texts)
    per_clause = (time.perf_counter() - started) / len(texts)
    counts = Counter(t for tokens in tokenized for t in tokens)
    words = sorted(counts)
    cumulative = list(itertools.accumulate(counts[w] for w in words))
    lengths = [len(t) for t in tokenized if len(t) >= MIN_INDEXED_TOKENS]
    gold = tomllib.loads((ROOT / "tests/data/gold_retrieval.toml").read_text(encoding="utf-8"))["q"]
    queries = [tuple(analyser.query_tokens(row["question"])) for row in gold]
    return words, cumulative, lengths, per_clause, [q for q in queries if q]


def synthetic_corpus(words, cumulative, lengths, councils: int):
    """ids and token lists; every token is one of `words` (the same str objects: no copies)."""
    rng = random.Random(SEED)
    total = cumulative[-1]
    ids: list[str] = []
    tokenized: list[list[str]] = []
    for council in range(councils):
        slug = f"c{council:03d}"
        for number in range(1, PER_COUNCIL + 1):
            ids.append(f"{slug}:{number}")
            n = lengths[int(rng.random() * len(lengths))]
            tokenized.append([words[bisect(cumulative, rng.random() * total)] for _ in range(n)])
    return ids, tokenized


def timed(function, *args) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def main() -> None:
    args = arguments(__doc__)
    councils = 50 if args.quick else COUNCILS
    report = Report("scale")
    import numpy as np

    from index.bm25 import DEFAULT_PARAMS, SparseBM25, build_sparse, rank_bm25_model
    from index.retriever import ALL, CouncilIndex, Retriever

    words, cumulative, lengths, per_clause, queries = real_vocabulary()
    clauses = councils * PER_COUNCIL
    started = time.perf_counter()
    ids, tokenized = synthetic_corpus(words, cumulative, lengths, councils)
    generated = time.perf_counter() - started
    tokens_total = sum(map(len, tokenized))
    print(f"synthetic corpus: {councils} councils x {PER_COUNCIL} = {clauses:,} clauses, {tokens_total:,} tokens, "
          f"{len(words):,}-word vocabulary (generated in {generated:.1f} s)")
    print(f"queries: {len(queries)} gold questions, analysed and expanded ({median([len(q) for q in queries]):.0f} tokens median)")
    rss_before = peak_rss_mb()

    # -- build, as build_indexes does after analysis: one index per council, then one over all
    gc.collect()
    started = time.perf_counter()
    indexes = {}
    for council in range(councils):
        lo, hi = council * PER_COUNCIL, (council + 1) * PER_COUNCIL
        indexes[f"c{council:03d}"] = CouncilIndex(ids[lo:hi], build_sparse(tokenized[lo:hi], DEFAULT_PARAMS))
    per_council_build = time.perf_counter() - started
    all_build, sparse_all = timed(build_sparse, tokenized, DEFAULT_PARAMS)
    indexes[ALL] = CouncilIndex(ids, sparse_all)
    build = per_council_build + all_build
    analysis = per_clause * clauses
    postings = sum(len(p) for p, _ in sparse_all.postings.values())
    print(f"build: per-council indexes {per_council_build:.1f} s + all-councils index {all_build:.1f} s = {build:.1f} s "
          f"({postings:,} postings in the all-councils index)")
    print(f"analysis (spaCy + lemmas), first pass over the real clauses: {per_clause * 1e6:.0f} µs/clause "
          f"-> {analysis:.1f} s for {clauses:,} clauses")
    goal_scale = "" if clauses == 75_000 else f" (at {clauses:,} clauses)"
    report.add(f"build {clauses:,}-clause indexes (BM25 only){goal_scale}", secs(build), "<= 60 s", build <= 60)
    report.add("build + analysis (extrapolated)", f"{secs(build + analysis)} ({secs(analysis)} analysis)", "<= 60 s",
               build + analysis <= 60)

    # -- queries
    retriever = Retriever(None, indexes)  # type: ignore[arg-type]  # _rank needs no library
    rng = random.Random(SEED + 1)
    slugs = [f"c{c:03d}" for c in range(councils)]
    own = [rng.choice(slugs) for _ in queries]
    three = [set(rng.sample(slugs, 3)) for _ in queries]
    for query in queries[:20]:  # warm-up
        retriever._rank(ALL, query, None, K)

    def time_all(function) -> list[float]:
        out = []
        for query in queries:
            started = time.perf_counter()
            function(query)
            out.append(time.perf_counter() - started)
        return out

    within = [0.0] * len(queries)
    for n, query in enumerate(queries):
        started = time.perf_counter()
        retriever._rank(own[n], query, None, K)
        within[n] = time.perf_counter() - started
    across = time_all(lambda q: retriever._rank(ALL, q, None, K))
    subset_times = []
    for n, query in enumerate(queries):
        started = time.perf_counter()
        retriever._rank(ALL, query, three[n], K)
        subset_times.append(time.perf_counter() - started)
    scores_only = time_all(lambda q: sparse_all.scores(q))
    candidates = []
    for query in queries:
        mask = np.zeros(sparse_all.size, dtype=bool)
        for term in query:
            if term in sparse_all.postings:
                mask[sparse_all.postings[term][0]] = True
        candidates.append(int(mask.sum()))
    print(f"candidates per all-councils query: median {median(candidates):,.0f}, max {max(candidates):,} of {clauses:,}")
    print(f"within one council:   median {ms(median(within))}, p95 {ms(percentile(within, 95))}")
    print(f"across all councils:  median {ms(median(across))}, p95 {ms(percentile(across, 95))}, max {ms(max(across))}")
    print(f"  of which scoring (SparseBM25.scores): median {ms(median(scores_only))}, p95 {ms(percentile(scores_only, 95))}")
    print(f"three named councils (all-councils index, filtered): p95 {ms(percentile(subset_times, 95))}")
    report.add("query within one council, p95", ms(percentile(within, 95)), "<= 2 ms", percentile(within, 95) <= 0.002)
    report.add("query across all councils, p95 (as in the code)", ms(percentile(across, 95)), "<= 10 ms",
               percentile(across, 95) <= 0.010)
    report.add("query across 3 named councils, p95 (as in the code)", ms(percentile(subset_times, 95)), "<= 10 ms",
               percentile(subset_times, 95) <= 0.010, headline=False)

    gc.collect()
    rss = peak_rss_mb()
    print(f"peak memory after building and querying: {rss:.0f} MB (before building: {rss_before:.0f} MB, "
          f"spaCy and the real library loaded)")
    report.add("peak memory (process: spaCy + all indexes)", f"{rss:.0f} MB", "<= 1 GB", rss <= 1024)

    # -- the on-disk cache at this size (what a cold `conduct ask` needing the index would load)
    from index import store

    body = {name: (ix.ids, ix.sparse) for name, ix in indexes.items()}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.bin"
        save_time, _ = timed(store.save_indexes, path, "key", body)
        del body
        size = path.stat().st_size
        load_times = []
        for _ in range(1 if args.quick else 2):
            started = time.perf_counter()
            loaded = store.load_indexes(path, "key")
            loaded[ALL][1].postings.get(queries[0][0])  # the first use: its parts' checksums
            load_times.append(time.perf_counter() - started)
            del loaded
    print(f"cache file: {size / 1e6:.0f} MB, saved in {save_time:.1f} s, loaded (JSON + arrays) in {min(load_times):.1f} s")
    report.add("index cache (mapped arrays) at this size: load", f"{secs(min(load_times))} ({size / 1e6:.0f} MB file)",
               "(adds to a cold start that needs the index)")

    # -- side by side on the all-councils corpus: rank-bm25 (the reference), Conduct, bm25s
    sample = queries[:: max(1, len(queries) // RANK_BM25_SAMPLE)][:RANK_BM25_SAMPLE]
    model_build, model = timed(rank_bm25_model, tokenized, DEFAULT_PARAMS)
    reference, reference_ranked, worst = [], [], 0.0
    for query in sample:
        started = time.perf_counter()
        scores = model.get_scores(list(query))
        reference.append(time.perf_counter() - started)
        np.argsort(-scores, kind="stable")[:K]  # a top-5 from them (ties by position, not id)
        reference_ranked.append(time.perf_counter() - started)
        worst = max(worst, float(np.abs(scores - sparse_all.scores(query)).max()))
    del model
    gc.collect()
    print(f"rank-bm25 BM25Plus model over all councils built in {model_build:.1f} s; "
          f"largest difference from the sparse scores {worst:.1e} ({len(sample)} queries)")
    report.add("rank-bm25 vs sparse scores, largest difference", f"{worst:.1e}", "<= 1e-9", worst <= 1e-9)

    scorers: list[tuple[str, list[float], list[float]]] = [  # (name, scoring times, top-5 ranking times)
        (f"rank-bm25 BM25Plus.get_scores ({len(sample)}-query sample)", reference, reference_ranked),
        ("Conduct SparseBM25.scores + Retriever._rank (code)", scores_only, across),
    ]
    builds = [("rank-bm25 model", model_build), ("Conduct sparse (rank-bm25 model + weights)", all_build)]
    try:
        import bm25s
    except ImportError:
        print("bm25s: not installed (pip install bm25s) - skipped")
    else:
        import logging

        logging.getLogger("bm25s").setLevel(logging.ERROR)
        engine = bm25s.BM25(k1=DEFAULT_PARAMS.k1, b=DEFAULT_PARAMS.b, delta=DEFAULT_PARAMS.delta, method="bm25+")
        started = time.perf_counter()
        engine.index(tokenized, show_progress=False)
        builds.append((f"bm25s {bm25s.__version__} index (bm25+)", time.perf_counter() - started))
        known = [[t for t in q if t in engine.vocab_dict] for q in queries]
        known = [q for q in known if q]
        bm25s_scores = [timed(engine.get_scores, q)[0] for q in known]
        bm25s_retrieve = [timed(lambda q: engine.retrieve([q], k=K, show_progress=False, n_threads=1), q)[0] for q in known]
        scorers.append((f"bm25s {bm25s.__version__} get_scores / retrieve(k={K}) (own top-k)", bm25s_scores, bm25s_retrieve))

    base_score, base_rank = median(scores_only), median(across)
    print("\nall councils, per query (median):        scoring      ratio   top-5 ranked   ratio  (ratios: to Conduct's code)")
    for name, scoring, ranked in scorers:
        print(f"  {name:<62} {ms(median(scoring)):>10} {median(scoring) / base_score:7.1f}x "
              f"{ms(median(ranked)):>12} {median(ranked) / base_rank:7.2f}x")
        report.add(f"top-5 across all: {name}", f"{ms(median(ranked))} median, p95 {ms(percentile(ranked, 95))}",
                   f"{median(ranked) / base_rank:.2f}x Conduct's code", headline=False)
        report.add(f"scoring across all: {name.split(' (')[0].split(' + ')[0]}", f"{ms(median(scoring))} median",
                   f"{median(scoring) / base_score:.1f}x SparseBM25", headline=False)
    names = ["rank-bm25", "code", "bm25s"][: len(scorers)]
    report.add(f"top-5 across all, median: {' / '.join(names)}",
               " / ".join(f"{median(r) * 1000:.2f}" for _, _, r in scorers) + " ms",
               "ratio " + " : ".join(f"{median(r) / base_rank:.2g}" for _, _, r in scorers))
    scoring_rows = scorers
    report.add(f"scoring only across all, median: {' / '.join(n if n != 'code' else 'sparse' for n in names)}",
               " / ".join(f"{median(sc) * 1000:.2f}" for _, sc, _ in scoring_rows) + " ms",
               "ratio " + " : ".join(f"{median(sc) / base_score:.3g}" for _, sc, _ in scoring_rows))
    print("index build over all councils:")
    for name, seconds in builds:
        print(f"  {name:<50} {seconds:6.2f} s")
        report.add(f"build all-councils index: {name}", secs(seconds), headline=False)
    report.write(args.json)


if __name__ == "__main__":
    main()
