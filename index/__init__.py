"""Text analysis (spaCy) and BM25 retrieval over the clauses, cached on disk.

Kept import-light: spaCy and rank-bm25 are imported inside the modules that use them.
"""
