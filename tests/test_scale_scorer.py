"""The sparse scorer at scale: rank-bm25's own scores on a synthetic corpus of a few thousand
clauses, for every variant, and rankings that are deterministic with ties ordered by clause id.

The corpus is drawn (seeded) from the real clauses' analysed vocabulary, with some clauses
repeated word for word so that exact ties are common, and numbered so that string order of
ids differs from numeric order ("c01:10" sorts before "c01:9").
"""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest

from index.bm25 import VARIANTS, Bm25Params, build_sparse, rank_bm25_model
from index.retriever import ALL, CouncilIndex, Retriever, indexed_text

COUNCILS = 20
PER_COUNCIL = 150  # 3,000 clauses
SEED = 20240611


@pytest.fixture(scope="module")
def vocabulary(library) -> tuple[list[str], list[int], list[int]]:
    """The real clauses' tokens with their counts, and the real clause lengths."""
    from index.analyse import get_analyser

    tokenized = get_analyser().tokens_many([indexed_text(c) for c in library.all_clauses()])
    counts = Counter(t for tokens in tokenized for t in tokens)
    words = sorted(counts)
    return words, [counts[w] for w in words], [len(t) for t in tokenized if t]


@pytest.fixture(scope="module")
def corpus(vocabulary) -> tuple[list[str], list[list[str]]]:
    words, weights, lengths = vocabulary
    rng = random.Random(SEED)
    ids: list[str] = []
    tokenized: list[list[str]] = []
    for council in range(COUNCILS):
        for number in range(1, PER_COUNCIL + 1):
            ids.append(f"c{council:02d}:{number}")
            if tokenized and rng.random() < 0.1:  # a clause repeated word for word: an exact tie
                tokenized.append(list(rng.choice(tokenized)))
            else:
                tokenized.append(rng.choices(words, weights, k=rng.choice(lengths)))
    order = list(range(len(ids)))
    rng.shuffle(order)  # positions in the index must not decide ties
    return [ids[i] for i in order], [tokenized[i] for i in order]


@pytest.fixture(scope="module")
def queries(vocabulary, corpus) -> list[list[str]]:
    words, weights, _ = vocabulary
    rng = random.Random(SEED + 1)
    common = [w for _, w in sorted(zip((-n for n in weights), words))][:5]
    found = [
        common[:1],  # in a large share of the clauses
        common[:3],
        [common[0], common[0], common[1]],  # a repeated query term counts twice, as in rank-bm25
        ["not-a-word-in-any-clause"],
        ["not-a-word-in-any-clause", common[2]],
        [],
        list(corpus[1][0][:4]),  # a clause's own opening words
    ]
    found += [rng.choices(words, weights, k=rng.randint(1, 8)) for _ in range(25)]
    found += [rng.sample(words, rng.randint(1, 6)) for _ in range(10)]  # rare words, uniformly
    return found


@pytest.mark.parametrize("variant", VARIANTS)
def test_sparse_scores_equal_rank_bm25_on_thousands_of_clauses(corpus, queries, variant: str) -> None:
    _, tokenized = corpus
    params = Bm25Params(variant=variant)
    sparse, model = build_sparse(tokenized, params), rank_bm25_model(tokenized, params)
    for query in queries:
        expected = model.get_scores(query)
        got = sparse.scores(query)
        assert got.shape == expected.shape
        assert np.allclose(got, expected, rtol=0, atol=1e-9), (variant, query, float(np.abs(got - expected).max()))


@pytest.mark.parametrize("variant", VARIANTS)
def test_scores_survive_the_cache_round_trip_exactly(corpus, queries, variant: str) -> None:
    from index.bm25 import SparseBM25

    sparse = build_sparse(corpus[1], Bm25Params(variant=variant))
    loaded = SparseBM25.from_json(sparse.to_json())
    for query in queries[:10]:
        assert sparse.scores(query).tolist() == loaded.scores(query).tolist()


@pytest.mark.parametrize("variant", VARIANTS)
def test_scores_and_rankings_survive_the_mapped_cache_exactly(library, corpus, queries, tmp_path, variant: str) -> None:
    """The index cache's arrays (index/store.py), memory-mapped: the very same scores, bit for bit,
    and the very same rankings, ties included, within all councils and within some."""
    from index import store

    ids, tokenized = corpus
    sparse = build_sparse(tokenized, Bm25Params(variant=variant))
    store.save_indexes(tmp_path / "index.bin", "key", {ALL: (ids, sparse)})
    mapped_ids, mapped = store.load_indexes(tmp_path / "index.bin", "key")[ALL]
    assert list(mapped_ids) == ids and sorted(mapped.postings) == sorted(sparse.postings)
    in_memory = Retriever(library, {ALL: CouncilIndex(ids, sparse)})
    from_disk = Retriever(library, {ALL: CouncilIndex(mapped_ids, mapped)})  # type: ignore[arg-type]
    for query in queries:
        assert sparse.scores(query).tolist() == mapped.scores(query).tolist()
        for only in (None, {"c03"}, {"c00", "c07", "c19"}):
            assert in_memory._rank(ALL, tuple(query), only, 40) == from_disk._rank(ALL, tuple(query), only, 40)


def _reference_ranking(ids: list[str], scores: np.ndarray, matched: np.ndarray, only: set[str] | None,
                       k: int) -> list[tuple[str, float]]:
    """A plain, obviously correct ranking: every matched clause sorted by (-score, id)."""
    rows = [
        (float(scores[i]), ids[i]) for i in range(len(ids))
        if matched[i] and (only is None or ids[i].partition(":")[0] in only)
    ]
    rows.sort(key=lambda row: (-row[0], row[1]))
    return [(cid, score) for score, cid in rows[:k]]


@pytest.fixture(scope="module")
def big_retriever(library, corpus) -> Retriever:
    ids, tokenized = corpus
    return Retriever(library, {ALL: CouncilIndex(ids, build_sparse(tokenized))})


@pytest.mark.parametrize("k", [1, 3, 5, 40, 10_000])
@pytest.mark.parametrize("only", [None, {"c03"}, {"c00", "c07", "c19"}], ids=["all", "one", "three"])
def test_rankings_equal_a_full_sort_with_ties_by_id(big_retriever, queries, k: int, only) -> None:
    index = big_retriever.indexes[ALL]
    for query in queries:
        matched = np.zeros(index.sparse.size, dtype=bool)
        for term in query:
            if term in index.sparse.postings:
                matched[index.sparse.postings[term][0]] = True
        expected = _reference_ranking(index.ids, index.sparse.scores(query), matched, only, k)
        assert big_retriever._rank(ALL, tuple(query), only, k) == expected, query


def test_exact_ties_are_common_in_the_corpus_and_ordered_by_id(big_retriever, queries) -> None:
    tied = 0
    for query in queries:
        hits = big_retriever._rank(ALL, tuple(query), None, 60)
        for (first, a), (second, b) in zip(hits, hits[1:]):
            assert a >= b
            if a == b:
                tied += 1
                assert first < second, (query, first, second)
    assert tied > 20  # the property above was really exercised


def test_rankings_do_not_depend_on_the_order_clauses_were_indexed(library, corpus, queries) -> None:
    ids, tokenized = corpus
    reverse = list(range(len(ids)))[::-1]
    forwards = Retriever(library, {ALL: CouncilIndex(ids, build_sparse(tokenized))})
    backwards = Retriever(library, {ALL: CouncilIndex([ids[i] for i in reverse], build_sparse([tokenized[i] for i in reverse]))})
    for query in queries:
        a = forwards._rank(ALL, tuple(query), None, 10)
        b = backwards._rank(ALL, tuple(query), None, 10)
        assert [cid for cid, _ in a] == [cid for cid, _ in b], query
        assert np.allclose([s for _, s in a], [s for _, s in b], rtol=0, atol=1e-9)


def test_repeated_searches_give_identical_rankings(big_retriever, queries) -> None:
    for query in queries:
        first = big_retriever._rank(ALL, tuple(query), None, 20)
        assert all(big_retriever._rank(ALL, tuple(query), None, 20) == first for _ in range(3))


def test_boosts_of_one_are_rank_bm25_and_other_boosts_scale_each_term(corpus, queries) -> None:
    sparse = build_sparse(corpus[1])
    for query in queries:
        if not query:
            continue
        ones = sparse.scores(query, [1.0] * len(query))
        assert ones.tolist() == sparse.scores(query).tolist()
        halves = sparse.scores(query, [0.5] * len(query))
        assert np.allclose(halves, ones * 0.5, rtol=0, atol=1e-9)
