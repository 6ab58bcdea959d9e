"""Hostile inputs, measured: pathological Markdown against ordinary Markdown of the same size, and the
cost of a reply at the end of a 20,000-turn conversation against one at its start.

The tests (tests/test_hostile.py) only check that these complete under a memory limit; the figures,
as ratios against a baseline measured in the same run, are here.

    python benchmarks/bench_hostile.py [--quick] [--json PATH]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import Report, arguments, median, ms  # noqa: E402

SHAPES = {"bold": "**a ", "backticks": "`", "strike": "~~a ", "star": "*a ", "underscore": " _a",
          "comment": "<!--", "double underscore": " __a", "link": "[a]("}
SIZE = 100_000


def _read(directory: Path, body: str) -> float:
    from corpus.extract import extract

    path = directory / "code.md"
    path.write_text("# Gifts\n\n1.1 Employees must declare gifts. " + body + "\n", encoding="utf-8")
    started = time.perf_counter()
    extract(path)
    return time.perf_counter() - started


def markdown(report: Report, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        baseline = median([_read(directory, "Employees must declare gifts. " * (SIZE // 30)) for _ in range(runs)])
        report.add("ordinary Markdown, 100 KB paragraph", ms(baseline), headline=False)
        worst = 0.0
        for name, unit in SHAPES.items():
            elapsed = median([_read(directory, unit * (SIZE // len(unit))) for _ in range(runs)])
            worst = max(worst, elapsed / baseline)
            report.add(f"'{unit}' x {SIZE // len(unit):,} (100 KB)", f"{ms(elapsed)} = {elapsed / baseline:.1f}x",
                       "<= 20x ordinary", elapsed / baseline <= 20, headline=False)
        report.add("worst pathological Markdown shape vs ordinary", f"{worst:.1f}x", "<= 20x", worst <= 20)


def conversation(report: Report, turns: int) -> None:
    from assistant.engine import Assistant
    from assistant.session import Session
    from corpus.library import load_library

    with tempfile.TemporaryDirectory() as home:
        import os

        os.environ["CONDUCT_HOME"] = home
        session = Session(Assistant(load_library()), "county")
        session.handle("Can I accept a gift from a supplier?")
        times = []
        for turn in range(turns):
            started = time.perf_counter()
            session.handle(f"it is a bottle of wine worth £{10 + turn % 30}")
            times.append(time.perf_counter() - started)
    window = max(10, turns // 100)
    early, late = median(times[100 : 100 + window]), median(times[-window:])  # past the first turns' warm-up
    report.add(f"reply at turn ~{100 + window // 2} of a same-topic conversation", ms(early), headline=False)
    report.add(f"reply at turn ~{turns - window // 2:,} vs turn ~{100 + window // 2}", f"{ms(late)} = {late / early:.2f}x",
               "<= 1.5x", late / early <= 1.5)


def main() -> None:
    args = arguments(__doc__)
    report = Report("hostile")
    markdown(report, 1 if args.quick else 3)
    conversation(report, 2_000 if args.quick else 20_000)
    report.write(args.json)


if __name__ == "__main__":
    main()
