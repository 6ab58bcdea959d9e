"""Run every benchmark and print one summary table (Markdown, ready for the README).

Run:  python benchmarks/run_all.py [--quick] [--all] [--no-search]

Runs, each in its own process so that imports and peak memory do not leak between them:
  bench_startup.py   cold start of `conduct ask` against the bare spaCy + rank-bm25 imports
  bench_answers.py   warm cost per question, index build and cache load, memory
  bench_scale.py     500 councils x 150 clauses: build, query, memory; rank-bm25 and bm25s side by side
  bench_hostile.py   pathological Markdown vs ordinary; reply cost at turn 20,000 vs turn 100
  bench_search.py    warm search, cold `conduct search`, index build (its own report, parsed here)
Each script's full report is printed as it runs; the table at the end has the headline rows
(--all: every row). The whole run takes about two to four minutes (--quick: under a minute, for a
smoke test only). benchmarks/tune_bm25.py chooses BM25 parameters on the gold set: it measures
quality, not speed, and is not run here.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _common import Row, markdown_table  # noqa: E402

OURS = ("bench_startup.py", "bench_answers.py", "bench_scale.py", "bench_hostile.py")


def run_ours(name: str, quick: bool) -> tuple[list[Row], float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rows.json"
        command = [sys.executable, str(HERE / name), "--json", str(out)] + (["--quick"] if quick else [])
        started = time.perf_counter()
        code = subprocess.run(command, cwd=HERE.parent).returncode
        elapsed = time.perf_counter() - started
        rows = [Row(**row) for row in json.loads(out.read_text())] if out.is_file() else []
    if code != 0 or not rows:
        rows.append(Row(name.removesuffix(".py").removeprefix("bench_"), "the benchmark itself", f"failed (exit {code})",
                        "runs", False))
    return rows, elapsed, code


SEARCH_PATTERNS = [  # bench_search.py prints text; these lines become rows
    (r"index build from scratch.*?median ([\d.]+) s\s+\(goal <= ([\d.]+) s\)", "index build (bench_search)", "s"),
    (r"warm search, all councils: median [\d.]+ ms, p95 ([\d.]+) ms\s+\(goal p95 <= ([\d.]+) ms\)",
     "warm search across all councils, p95", "ms"),
    (r"cold `conduct search` with a warm cache: median ([\d.]+) s.*?\(goal <= ([\d.]+) s\)",
     "cold `conduct search`, warm cache", "s"),
]


def run_search() -> tuple[list[Row], float, int]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(HERE / "bench_search.py")], cwd=HERE.parent,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    rows = []
    for pattern, measure, unit in SEARCH_PATTERNS:
        found = re.search(pattern, result.stdout)
        if found:
            value, goal = float(found.group(1)), float(found.group(2))
            rows.append(Row("search", measure, f"{value:g} {unit}", f"<= {goal:g} {unit}", value <= goal))
    if result.returncode != 0 or not rows:
        rows.append(Row("search", "bench_search.py", f"exit {result.returncode}; output not recognised", "runs", False))
    return rows, elapsed, result.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and a smaller scale corpus (smoke test)")
    parser.add_argument("--all", action="store_true", help="every row in the summary, not only the headline ones")
    parser.add_argument("--no-search", action="store_true", help="skip bench_search.py")
    args = parser.parse_args()
    started = time.perf_counter()
    rows: list[Row] = []
    timings = []
    failed = False
    for name in OURS:
        print(f"\n===== {name} =====", flush=True)
        got, elapsed, code = run_ours(name, args.quick)
        rows += got
        timings.append(f"{name.removesuffix('.py')} {elapsed:.0f} s")
        failed |= code != 0
    if not args.no_search and (HERE / "bench_search.py").is_file():
        print("\n===== bench_search.py =====", flush=True)
        got, elapsed, code = run_search()
        rows += got
        timings.append(f"bench_search {elapsed:.0f} s")
        failed |= code != 0
    shown = rows if args.all else [r for r in rows if r.headline]
    total = time.perf_counter() - started
    print("\n===== summary =====\n")
    print(f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
          f"{_cpus()} CPUs{' (--quick: not for quoting)' if args.quick else ''}; "
          f"run_all {total:.0f} s ({', '.join(timings)})\n")
    print(markdown_table(shown))
    missed = [r for r in rows if r.met is False]
    if missed:
        print(f"\n{len(missed)} goal(s) not met: " + "; ".join(f"{r.benchmark}: {r.measure}" for r in missed))
    sys.exit(1 if failed else 0)


def _cpus() -> str:
    import os

    return str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count())


if __name__ == "__main__":
    main()
