"""The register of gifts, hospitality and interests: the verdict becomes the entry.

A headless core with no front end in it: `model` (what an entry is), `validate`
(typed input to checked values), `store` (SQLite by default, PostgreSQL for a
council, every change an appended, hash-chained event), `reports` and `export`
(the Monitoring Officer's report and the published register), `prefill` (a form
filled from an Answer) and `outbox` (drafts kept locally when the database is out
of reach). Kept light: SQLAlchemy is imported only when a store is opened.
"""
