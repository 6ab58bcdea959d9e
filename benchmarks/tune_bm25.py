"""Choose the BM25 variant and parameters on the gold retrieval set (tests/data/gold_retrieval.toml).

Run: python benchmarks/tune_bm25.py
Builds the indexes exactly as Conduct does (index.retriever.build_indexes) for
each variant and parameter set, queries each council's own index with the same
analyser and typo correction, and prints recall@3 and MRR. The winner is
DEFAULT_PARAMS in index/bm25.py.
"""

from __future__ import annotations

import itertools
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.library import bundled_library  # noqa: E402
from index.bm25 import Bm25Params  # noqa: E402
from index.retriever import Retriever, build_indexes  # noqa: E402


def gold_rows() -> list[dict]:
    return tomllib.loads((ROOT / "tests/data/gold_retrieval.toml").read_text(encoding="utf-8"))["q"]


def evaluate(retriever: Retriever, gold: list[dict], k: int = 20) -> dict[str, tuple[float, float, int]]:
    """recall@3 and MRR per council and overall ('all')."""
    per: dict[str, list[int | None]] = {}
    for row in gold:
        result = retriever.search(row["question"], [row["council"]], k=k)
        ids = [hit.clause.id for hit in result.hits]
        first = next((n for n, cid in enumerate(ids, 1) if cid in set(row["answers"])), None)
        per.setdefault(row["council"], []).append(first)
        per.setdefault("all", []).append(first)
    return {
        name: (sum(1 for f in firsts if f and f <= 3) / len(firsts), sum(1 / f for f in firsts if f) / len(firsts), len(firsts))
        for name, firsts in per.items()
    }


def main() -> None:
    gold = gold_rows()
    library = bundled_library()
    rows = []
    for variant, k1, b in itertools.product(("okapi", "plus", "l"), (0.9, 1.2, 1.5, 2.0), (0.3, 0.5, 0.75, 0.9)):
        params = Bm25Params(variant=variant, k1=k1, b=b)
        figures = evaluate(Retriever(library, build_indexes(library, params), params), gold)["all"]
        rows.append((figures[0], figures[1], variant, k1, b))
    rows.sort(key=lambda r: (-r[0], -r[1], r[2], r[3], r[4]))
    print(f"{len(gold)} gold questions")
    print(f"{'variant':8} {'k1':>4} {'b':>5} {'recall@3':>9} {'MRR':>6}")
    for recall, mrr, variant, k1, b in rows[:12]:
        print(f"{variant:8} {k1:4} {b:5} {recall:9.3f} {mrr:6.3f}")
    print("... worst:")
    for recall, mrr, variant, k1, b in rows[-3:]:
        print(f"{variant:8} {k1:4} {b:5} {recall:9.3f} {mrr:6.3f}")


if __name__ == "__main__":
    main()
