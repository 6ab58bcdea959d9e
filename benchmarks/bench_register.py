"""Time to record an entry in the register, on SQLite and (where its binaries exist) PostgreSQL.

Run:  python benchmarks/bench_register.py [--quick] [--json PATH]

Each figure is set beside a baseline measured in the same run on the same
database: one bare INSERT and COMMIT of a row of the same size through the
driver itself (sqlite3 with the register's own pragmas; psycopg). The ratio is
what checking the entry, chaining its event under a lock, and writing the entry
row and event together costs over the least any durable write could.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from _common import Report, arguments, median, ms, percentile  # noqa: E402

DRAFT = dict(giver="Acme Ltd", description="A bottle of wine", value="£30", offered_on="yesterday",
             outcome="declined", approver="dana", council="thurrock", circumstances="At the site meeting",
             citations=("thurrock:14.3", "thurrock:14.5"), verdict="not_allowed")


def time_calls(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def sqlite_figures(report: Report, n: int, folder: Path) -> None:
    import sqlite3

    from assistant.register.model import Draft
    from assistant.register.store import Store

    url = f"sqlite:///{folder / 'register.db'}"
    start = time.perf_counter()
    store = Store(url, user="alice")
    first_open = time.perf_counter() - start
    draft = Draft(**DRAFT)
    store.record(draft)  # warm
    ours = time_calls(lambda: store.record(draft), n)
    start = time.perf_counter()
    Store(url, user="alice").close()
    reopen = time.perf_counter() - start

    raw = sqlite3.connect(folder / "baseline.db", isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = FULL")
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
    body = "x" * 600

    def bare() -> None:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO t (body) VALUES (?)", (body,))
        raw.execute("COMMIT")

    base = time_calls(bare, n)
    ratio = median(ours) / median(base)
    report.add("SQLite: record one entry, median / p95", f"{ms(median(ours))} / {ms(percentile(ours, 95))}")
    report.add("SQLite: bare INSERT+COMMIT baseline, median", ms(median(base)))
    report.add("SQLite: record vs baseline", f"{ratio:.1f}×", "≤ 10×", ratio <= 10)
    report.add("SQLite: open a new register (migrations) / reopen", f"{ms(first_open)} / {ms(reopen)}", headline=False)


def postgres_figures(report: Report, n: int) -> None:
    sys.path.insert(0, str(HERE.parent / "tests" / "register"))
    import register_pg as pg

    if pg.binaries() is None:
        report.add("PostgreSQL", "skipped: no PostgreSQL binaries")
        return
    import psycopg

    from assistant.register.database import make_engine
    from assistant.register.migrate import upgrade
    from assistant.register.model import Draft
    from assistant.register.store import Store

    cluster = pg.start_cluster()
    try:
        pg.prepare_roles(cluster)
        cluster.sql(f"CREATE DATABASE bench OWNER {pg.OWNER}")
        upgrade(make_engine(cluster.url(pg.OWNER, "bench")))
        store = Store(cluster.url("alice", "bench"))
        draft = Draft(**DRAFT)
        store.record(draft)
        ours = time_calls(lambda: store.record(draft), n)
        cluster.sql("CREATE TABLE t (id serial PRIMARY KEY, body text)", database="bench")
        conn = psycopg.connect(cluster.url("postgres", "bench"))
        body = "x" * 600

        def bare() -> None:
            conn.execute("INSERT INTO t (body) VALUES (%s)", (body,))
            conn.commit()

        base = time_calls(bare, n)
        conn.close()
        store.close()
    finally:
        cluster.stop()
    ratio = median(ours) / median(base)
    report.add("PostgreSQL (row-level security on): record one entry, median / p95",
               f"{ms(median(ours))} / {ms(percentile(ours, 95))}")
    report.add("PostgreSQL: bare INSERT+COMMIT baseline, median", ms(median(base)))
    report.add("PostgreSQL: record vs baseline", f"{ratio:.1f}×", "≤ 10×", ratio <= 10)


def main() -> None:
    args = arguments(__doc__ or "")
    n = 30 if args.quick else 200
    report = Report("register")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CONDUCT_HOME"] = tmp
        sqlite_figures(report, n, Path(tmp))
        postgres_figures(report, n)
    report.write(args.json)


if __name__ == "__main__":
    main()
