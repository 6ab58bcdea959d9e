"""The council codes of conduct as clean, citable clauses.

Kept import-light on purpose: `conduct show` and `conduct --help` must start
fast, so nothing heavy is imported here; import from the submodules.
"""
