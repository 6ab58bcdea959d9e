"""BM25 scoring: rank-bm25 builds the model, precomputed weights score queries.

rank-bm25 scores a query by looking every query term up in every clause's
term dictionary (about 2 µs per clause per term here). Its score for a clause
is a sum, over the query's terms, of a weight that depends only on the term and
the clause, so those weights are computed once from the rank-bm25 model and
kept as posting lists; a query then adds a few short arrays. The scores are
rank-bm25's own (tests check them against it to 1e-9), and rank-bm25 is never
imported on the query path.

rank-bm25's quirks on small corpora, which the parameters below allow for:
BM25Okapi gives a term found in more than half the clauses a floored idf
(epsilon × the average idf) that can outweigh rarer words, a term in exactly
half gets zero, a two-clause corpus scores zero everywhere and an empty one
divides by zero. BM25Plus's idf, log((N + 1) / n), is positive for every term
in every corpus, which is one reason the gold set chose it (see
benchmarks/tune_bm25.py for the comparison).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

VARIANTS = ("okapi", "plus", "l")


@dataclass(frozen=True)
class Bm25Params:
    """Which rank-bm25 model and its parameters; part of the cache key."""

    variant: str = "plus"
    k1: float = 1.2
    b: float = 0.5
    epsilon: float = 0.25
    """BM25Okapi only: the idf floor as a fraction of the average idf."""
    delta: float = 1.0
    """BM25Plus / BM25L only: the lower bound added for a term that occurs."""

    def key(self) -> str:
        return f"{self.variant}:k1={self.k1}:b={self.b}:eps={self.epsilon}:delta={self.delta}"


DEFAULT_PARAMS = Bm25Params()


def rank_bm25_model(tokenized: Sequence[Sequence[str]], params: Bm25Params) -> Any:
    """The rank-bm25 model itself: the reference the precomputed weights must equal."""
    import rank_bm25

    if params.variant == "okapi":
        return rank_bm25.BM25Okapi(tokenized, k1=params.k1, b=params.b, epsilon=params.epsilon)
    if params.variant == "plus":
        return rank_bm25.BM25Plus(tokenized, k1=params.k1, b=params.b, delta=params.delta)
    if params.variant == "l":
        return rank_bm25.BM25L(tokenized, k1=params.k1, b=params.b, delta=params.delta)
    raise ValueError(f"unknown BM25 variant {params.variant!r}; choose one of {VARIANTS}")


@dataclass
class SparseBM25:
    """Posting lists of precomputed rank-bm25 weights for one set of clauses."""

    size: int
    postings: dict[str, tuple["np.ndarray", "np.ndarray"]] = field(default_factory=dict)
    """term -> (clause positions, weight of the term in each of those clauses)."""
    base: dict[str, float] = field(default_factory=dict)
    """term -> what BM25Plus adds to a clause that lacks the term (Okapi and L add nothing)."""

    def scores(self, query: Iterable[str], boosts: Sequence[float] | None = None) -> "np.ndarray":
        """rank-bm25's score of every clause; `boosts` scales each query term (1.0 = as rank-bm25)."""
        import numpy as np

        total = np.zeros(self.size)
        for position, term in enumerate(query):
            posting = self.postings.get(term)
            if posting is None:
                continue
            boost = 1.0 if boosts is None else boosts[position]
            base = self.base.get(term, 0.0)
            if base:
                total += base * boost
            positions, weights = posting
            contribution = weights - base if base else weights
            total[positions] += contribution if boost == 1.0 else contribution * boost
        return total

    def to_json(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "postings": {t: [p.tolist(), w.tolist()] for t, (p, w) in sorted(self.postings.items())},
            "base": dict(sorted(self.base.items())),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], check: bool = True) -> "SparseBM25":
        import numpy as np

        postings = {
            t: (np.asarray(p, dtype=np.int32), np.asarray(w, dtype=np.float64))
            for t, (p, w) in data["postings"].items()
        }
        if check and any(len(p) != len(w) or (len(p) and (int(p.max()) >= data["size"] or int(p.min()) < 0))
               for p, w in postings.values()):
            raise ValueError("posting list does not fit the index")
        return cls(size=int(data["size"]), postings=postings, base={t: float(v) for t, v in data["base"].items()})


def build_sparse(tokenized: Sequence[Sequence[str]], params: Bm25Params = DEFAULT_PARAMS) -> SparseBM25:
    """Precompute every (term, clause) weight of the rank-bm25 model for these token lists."""
    import numpy as np

    size = len(tokenized)
    if size == 0 or not any(tokenized):
        return SparseBM25(size=size)  # rank-bm25 divides by zero here; an empty index finds nothing
    model = rank_bm25_model(tokenized, params)
    doc_len = np.asarray(model.doc_len, dtype=np.float64)
    occurrences: dict[str, tuple[list[int], list[int]]] = {}
    for position, freqs in enumerate(model.doc_freqs):
        for term, count in freqs.items():
            docs, counts = occurrences.setdefault(term, ([], []))
            docs.append(position)
            counts.append(count)
    sparse = SparseBM25(size=size)
    for term, (docs, counts) in occurrences.items():
        positions = np.asarray(docs, dtype=np.int32)
        q_freq = np.asarray(counts, dtype=np.float64)
        idf = model.idf.get(term) or 0
        sparse.postings[term] = (positions, _weights(params, model, idf, q_freq, doc_len[positions]))
        if params.variant == "plus":
            sparse.base[term] = float(_weights(params, model, idf, np.zeros(1), doc_len[:1])[0])
    return sparse


def _weights(params: Bm25Params, model: Any, idf: float, q_freq: "np.ndarray", doc_len: "np.ndarray") -> "np.ndarray":
    """The per-clause term weight, written exactly as rank-bm25's get_scores computes it."""
    k1, b, avgdl = model.k1, model.b, model.avgdl
    if params.variant == "okapi":
        return idf * (q_freq * (k1 + 1) / (q_freq + k1 * (1 - b + b * doc_len / avgdl)))
    if params.variant == "plus":
        return idf * (model.delta + (q_freq * (k1 + 1)) / (k1 * (1 - b + b * doc_len / avgdl) + q_freq))
    ctd = q_freq / (1 - b + b * doc_len / avgdl)
    # rank-bm25's BM25L multiplies by the term count as well (unlike the paper); we match it.
    return idf * q_freq * (k1 + 1) * (ctd + model.delta) / (k1 + ctd + model.delta)
