"""Cold start: `conduct ask` with a warm index cache, measured against `python -c "import spacy, rank_bm25"`.

Run:  python benchmarks/bench_startup.py [--quick] [--json PATH]

Goals: a cold `conduct ask "..." --council thurrock` (new process, index cache already built in
a temporary CONDUCT_HOME) takes at most 1.5x the bare `import spacy, rank_bm25`; `conduct --help`
and `conduct show thurrock:14.5` start without importing spaCy at all.

Every command runs 7 times (3 with --quick), interleaved round by round with the bare imports
and rotated, so that a busy machine slows all of them alike; medians are reported, and the ratio
is of medians from the same run. Two `ask` questions are timed: one a decision template answers
from the council's parameters (the index is never loaded) and one answered from the best-matching
clauses (the index cache is loaded). `python -c pass` is the interpreter's own start, for scale.
Whether a command imports spaCy is checked with `python -X importtime`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, Report, arguments, clean_env, conduct_command, median, secs  # noqa: E402

RUNS = 7
TEMPLATE_QUESTION = "can I accept a £30 gift from a contractor"
INDEX_QUESTION = "what happens if I break the code"
GOAL_RATIO = 1.5


def commands() -> dict[str, list[str]]:
    conduct = conduct_command()
    return {
        "bare": [sys.executable, "-c", "import spacy, rank_bm25"],
        "ask": [*conduct, "ask", TEMPLATE_QUESTION, "--council", "thurrock"],
        "ask-index": [*conduct, "ask", INDEX_QUESTION, "--council", "thurrock"],
        "help": [*conduct, "--help"],
        "show": [*conduct, "show", "thurrock:14.5"],
        "python": [sys.executable, "-c", "pass"],
    }


def run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or result.stderr.strip():
        raise SystemExit(f"{' '.join(command)} failed or warned:\n{result.stderr.decode(errors='replace')}")
    return elapsed


def imported_modules(command: list[str], env: dict[str, str]) -> set[str]:
    """Top-level packages a command imports (python -X importtime)."""
    result = subprocess.run([command[0], "-X", "importtime", *command[1:]], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    found = set()
    for line in result.stderr.decode(errors="replace").splitlines():
        if line.startswith("import time:") and "|" in line:
            found.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return found


def main() -> None:
    args = arguments(__doc__)
    runs = 3 if args.quick else RUNS
    report = Report("startup")
    home = tempfile.mkdtemp(prefix="conduct-bench-startup-")
    env = clean_env(home)
    table = commands()
    warm = subprocess.run([*conduct_command(), "ask", INDEX_QUESTION, "--council", "thurrock"], env=env, cwd=ROOT,
                          capture_output=True)
    assert warm.returncode == 0 and (Path(home) / "cache" / "index.bin").is_file(), warm.stderr.decode()
    for command in table.values():  # page the files in once, so run 1 is not the only one paying for the disk
        run(command, env)
    times: dict[str, list[float]] = {name: [] for name in table}
    names = list(table)
    for round_number in range(runs):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(run(table[name], env))
    med = {name: median(values) for name, values in times.items()}
    print(f"{runs} interleaved runs each, CONDUCT_HOME={home} (index cache warm)")
    for name, command in table.items():
        shown = " ".join(command[1:] if command[0] == sys.executable else command)
        print(f"  {name:<10} median {med[name]:.3f} s  min {min(times[name]):.3f}  max {max(times[name]):.3f}   {shown}")
    bare = med["bare"]
    for name, label in (("ask", "decided by a template"), ("ask-index", "from clauses: loads the index")):
        ratio = med[name] / bare
        print(f"conduct ask ({label}): {ratio:.2f}x the bare imports (goal <= {GOAL_RATIO}x)")
        report.add(f"cold `conduct ask` ({label}) vs `import spacy, rank_bm25`",
                   f"{secs(med[name])} vs {secs(bare)} = {ratio:.2f}x", f"<= {GOAL_RATIO}x", ratio <= GOAL_RATIO)
    for name, label in (("help", "conduct --help"), ("show", "conduct show thurrock:14.5")):
        modules = imported_modules(table[name], env)
        heavy = sorted(modules & {"spacy", "thinc", "rank_bm25", "numpy", "textual", "rapidfuzz"})
        print(f"{label}: median {med[name]:.3f} s; heavy imports: {', '.join(heavy) or 'none'}")
        report.add(f"`{label}`", f"{secs(med[name])}, {'imports ' + ', '.join(heavy) if heavy else 'no spaCy'}",
                   "no spaCy", "spacy" not in modules)
    report.add("`python -c pass` (interpreter alone)", secs(med["python"]), headline=False)
    report.write(args.json)
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
