"""`conduct search` (and `conduct clauses SLUG --search`): ranked clauses for some words."""

from __future__ import annotations

import argparse

from assistant.cli.output import emit_json, error, wrap
from corpus.library import Library

MAX_QUERY_CHARS = 2000


def load_retriever(library: Library):
    from index.retriever import load_retriever as load
    from index.retriever import stderr_progress

    from assistant.cli.output import detail

    return load(library, progress=stderr_progress(), warn=detail)


def cmd_search(library: Library, args: argparse.Namespace) -> int:
    from assistant.cli.output import resolve_council

    councils = None
    if args.council and not args.all:
        slug = resolve_council(library, args.council)
        if slug is None:
            return 2
        councils = [slug]
    return print_hits(library, args.text, councils, args.k, args.json)


def print_hits(library: Library, text: str, councils: list[str] | None, k: int, as_json: bool) -> int:
    if k < 1:
        error("-k must be at least 1.")
        return 2
    text = text[:MAX_QUERY_CHARS]
    result = load_retriever(library).search(text, councils, k)
    if as_json:
        emit_json(
            [
                {
                    "rank": rank,
                    "id": hit.clause.id,
                    "council": hit.clause.council,
                    "number": hit.clause.number,
                    "section": hit.clause.section,
                    "score": round(hit.score, 6),
                    "text": hit.clause.text,
                }
                for rank, hit in enumerate(result.hits, start=1)
            ]
        )
        return 0
    if not result.hits:
        print(result.note or "Nothing found.")
        return 0
    for rank, hit in enumerate(result.hits, start=1):
        clause = hit.clause
        print(f"{rank}. {clause.id}  ({clause.section})  score {hit.score:.2f}")
        print(wrap(clause.text, "   "))
        print()
    return 0
