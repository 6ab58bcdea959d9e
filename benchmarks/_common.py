"""Shared by the benchmark scripts: percentiles, timing, peak memory and the summary rows.

Each benchmark script records rows (benchmark, measure, result, goal, met) and, when run with
``--json PATH``, writes them there for benchmarks/run_all.py to gather into one table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * (len(ordered) - 1)))))]


def median(values: list[float]) -> float:
    return statistics.median(values)


def conduct_command() -> list[str]:
    """The installed `conduct` console script (run with this interpreter), or `python -m assistant`."""
    script = Path(sys.executable).with_name("conduct")
    if script.is_file():
        return [sys.executable, str(script)]
    return [sys.executable, "-m", "assistant"]


def peak_rss_mb(pid: int | None = None) -> float | None:
    """Peak resident memory in MB: /proc's VmHWM for a running process, or this process's ru_maxrss."""
    if pid is not None:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def clean_env(home: str) -> dict[str, str]:
    env = {**os.environ, "CONDUCT_HOME": home, "COLUMNS": "100"}
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


@dataclass
class Row:
    benchmark: str
    measure: str
    result: str
    goal: str = ""
    met: bool | None = None
    headline: bool = True
    """Shown in run_all.py's compact table (the rest with --all)."""

    @property
    def verdict(self) -> str:
        return {True: "yes", False: "**NO**", None: ""}[self.met]


class Report:
    def __init__(self, benchmark: str) -> None:
        self.benchmark = benchmark
        self.rows: list[Row] = []

    def add(self, measure: str, result: str, goal: str = "", met: bool | None = None, headline: bool = True) -> None:
        self.rows.append(Row(self.benchmark, measure, result, goal, met, headline))

    def write(self, path: str | None) -> None:
        print()
        print(markdown_table(self.rows))
        if path:
            Path(path).write_text(json.dumps([asdict(r) for r in self.rows], ensure_ascii=False, indent=1))


def markdown_table(rows: list[Row]) -> str:
    header = ["Benchmark", "Measure", "Result", "Goal", "Met"]
    body = [[r.benchmark, r.measure, r.result, r.goal, r.verdict] for r in rows]
    widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(header)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(b, widths)) + " |" for b in body]
    return "\n".join(lines)


def arguments(doc: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--json", metavar="PATH", help="also write the summary rows as JSON (for run_all.py)")
    parser.add_argument("--quick", action="store_true", help="fewer runs and queries (a smoke test, not figures)")
    return parser.parse_args()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:.2f} s"
