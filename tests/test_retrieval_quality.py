"""Retrieval quality on the gold set: questions as staff type them, and the clauses that answer them.

Prints recall@3 and MRR per council and overall (run with -s to see them);
asserts recall@3 >= 0.9 overall. The same figures are in the README.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from corpus.library import Library

GOLD = Path(__file__).parent / "data" / "gold_retrieval.toml"


def gold_rows() -> list[dict]:
    return tomllib.loads(GOLD.read_text(encoding="utf-8"))["q"]


def figures(retriever, rows: list[dict]) -> dict[str, tuple[float, float, int]]:
    ranks: dict[str, list[int | None]] = {}
    for row in rows:
        ids = [hit.clause.id for hit in retriever.search(row["question"], [row["council"]], k=20).hits]
        first = next((n for n, cid in enumerate(ids, 1) if cid in set(row["answers"])), None)
        for key in (row["council"], "overall"):
            ranks.setdefault(key, []).append(first)
    return {
        key: (sum(1 for r in rs if r and r <= 3) / len(rs), sum(1 / r for r in rs if r) / len(rs), len(rs))
        for key, rs in ranks.items()
    }


def test_gold_set_is_well_formed(library: Library) -> None:
    rows = gold_rows()
    assert len(rows) >= 150
    assert len({r["question"] for r in rows}) == len(rows)
    assert {r["council"] for r in rows} == set(library.slugs)
    for row in rows:
        assert row["answers"], row
        for clause_id in row["answers"]:
            assert library.clause(clause_id) is not None, clause_id


def test_recall_at_3_overall_is_at_least_0_9(retriever, capsys: pytest.CaptureFixture[str]) -> None:
    result = figures(retriever, gold_rows())
    with capsys.disabled():
        print("\nretrieval on the gold set:  council     n   recall@3   MRR")
        for key, (recall, mrr, n) in sorted(result.items(), key=lambda kv: (kv[0] == "overall", kv[0])):
            print(f"{'':28}{key:10} {n:3}   {recall:7.3f}  {mrr:6.3f}")
    assert result["overall"][0] >= 0.9
    for council, (recall, _mrr, _n) in result.items():
        assert recall >= 0.8, f"{council}: recall@3 {recall:.3f}"
