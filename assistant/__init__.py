"""Understanding questions, deciding with per-council rules, and the command line.

Kept import-light so that `conduct --help` starts fast.
"""
