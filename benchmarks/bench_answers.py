"""Warm cost per question, index build and cache load, and the memory of a process answering hundreds.

Run:  python benchmarks/bench_answers.py [--quick] [--json PATH]

Goals: a warm answer p95 <= 5 ms. The questions: every question of tests/data/gold_retrieval.toml
asked of its own council, plus one variation of each (an amount added, chat filler, shouting, a
giver, "pls") asked of the next council, so all five councils answer: 380 questions. Each is a
fresh conversation (`/council SLUG`, `/reset`, then the question; only the question is timed).

Two measurements, both after three warm-up questions:
  * JSON lines (`conduct ask --json` as a subprocess, stdin fed ahead): the time of a question is
    the gap between the arrival of its output line and of the line before it on the output
    stream, so it includes JSON encoding and the write, as a driving program sees it;
  * in process: Session.handle(line) plus reply.to_json() and json.dumps, timed with perf_counter.
"First pass" is each question's first sight (word memo and typo cache cold for its new words);
"second pass" asks them all again.

Also: building every index from scratch (in process, spaCy already loaded: the first build with
the analyser's word memo cold, then the median of repeats), loading the index cache (median of
5), and the peak resident memory (VmHWM) of the JSON-lines process after the first pass.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, Report, arguments, clean_env, conduct_command, median, ms, peak_rss_mb, percentile, secs  # noqa: E402

sys.path.insert(0, str(ROOT))

COUNCILS = ("thurrock", "county", "town", "gloucester", "essex")
WARM_UP = ["can I accept a gift from a contractor", "what happens if I break the code", "compare gifts"]
GOAL_P95 = 0.005


def variation(question: str, n: int) -> str:
    stripped = question.rstrip("?. ")
    return [
        f"{stripped} - it's worth about £30",
        f"quick q for you: {question}",
        question.upper(),
        f"{stripped}, it came from a supplier",
        f"{stripped} pls",
    ][n % 5]


def questions() -> list[tuple[str, str]]:
    rows = tomllib.loads((ROOT / "tests/data/gold_retrieval.toml").read_text(encoding="utf-8"))["q"]
    asked = [(row["council"], row["question"]) for row in rows]
    asked += [(COUNCILS[(COUNCILS.index(row["council"]) + 1) % len(COUNCILS)], variation(row["question"], n))
              for n, row in enumerate(rows)]
    return asked


def script(asked: list[tuple[str, str]]) -> list[str]:
    lines = []
    for council, question in asked:
        lines += [f"/council {council}", "/reset", question]
    return lines


def json_lines_run(asked: list[tuple[str, str]], env: dict[str, str], passes: int):
    """Per-question seconds for each pass, the replies of the first pass, and VmHWM after it (MB)."""
    process = subprocess.Popen([*conduct_command(), "ask", "--json"], cwd=ROOT, env=env, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=tempfile.TemporaryFile())
    lines = script(asked)
    gates = [threading.Event() for _ in range(passes)]

    def feed() -> None:
        try:
            process.stdin.write("".join(q + "\n" for q in WARM_UP).encode())
            for gate in gates:
                process.stdin.write("".join(line + "\n" for line in lines).encode())
                process.stdin.flush()
                gate.wait()
            process.stdin.close()
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    for _ in WARM_UP:
        process.stdout.readline()
    timings, replies, memory = [], [], None
    for number_of_pass, gate in enumerate(gates):
        arrivals = []
        last = time.perf_counter()
        for number in range(len(lines)):
            line = process.stdout.readline()
            now = time.perf_counter()
            if not line:
                raise SystemExit("conduct ask --json stopped early")
            if number % 3 == 2:  # the question (the two lines before it are its /council and /reset)
                arrivals.append(now - last)
                if number_of_pass == 0:
                    replies.append(json.loads(line))
            last = now
        if number_of_pass == 0:
            memory = peak_rss_mb(process.pid)  # the process now waits for input: its peak so far
        timings.append(arrivals)
        gate.set()
    process.wait(timeout=60)
    writer.join(timeout=5)
    if process.returncode != 0:
        raise SystemExit(f"conduct ask --json exited with {process.returncode}")
    return timings, replies, memory


def in_process_run(asked: list[tuple[str, str]], passes: int):
    from assistant.engine import Assistant
    from assistant.session import Session
    from corpus.library import bundled_library

    session = Session(Assistant(bundled_library()))
    for question in WARM_UP:
        session.handle(question)
    timings = []
    for _ in range(passes):
        seconds = []
        for council, question in asked:
            session.handle(f"/council {council}")
            session.handle("/reset")
            started = time.perf_counter()
            reply = session.handle(question)
            json.dumps(reply.to_json(), ensure_ascii=False, separators=(",", ":"))
            seconds.append(time.perf_counter() - started)
        timings.append(seconds)
    return timings


def build_and_load(quick: bool):
    from corpus.library import bundled_library
    from index.analyse import get_analyser
    from index.retriever import build_indexes, load_retriever

    library = bundled_library()
    started = time.perf_counter()
    get_analyser()
    analyser = time.perf_counter() - started
    started = time.perf_counter()
    build_indexes(library)
    first = time.perf_counter() - started
    repeats = []
    for _ in range(1 if quick else 3):
        started = time.perf_counter()
        build_indexes(library)
        repeats.append(time.perf_counter() - started)
    with tempfile.TemporaryDirectory() as home:
        started = time.perf_counter()
        load_retriever(library, home=Path(home), warn=lambda m: None)
        cold = time.perf_counter() - started
        loads = []
        for _ in range(5):
            said: list[str] = []
            started = time.perf_counter()
            load_retriever(library, home=Path(home), warn=said.append)
            loads.append(time.perf_counter() - started)
            assert not said, said
        size = (Path(home) / "cache" / "index.bin").stat().st_size
    return analyser, first, median(repeats), cold, median(loads), size, len(library.all_clauses())


def summary(label: str, seconds: list[float]) -> str:
    return (f"{label}: median {ms(median(seconds))}, p95 {ms(percentile(seconds, 95))}, "
            f"p99 {ms(percentile(seconds, 99))}, max {ms(max(seconds))}")


def main() -> None:
    args = arguments(__doc__)
    report = Report("answers")
    home = tempfile.mkdtemp(prefix="conduct-bench-answers-")
    os.environ["CONDUCT_HOME"] = home
    env = clean_env(home)
    asked = questions()
    if args.quick:
        asked = asked[::6]
    warm = subprocess.run([*conduct_command(), "ask", "what happens if I break the code", "--council", "thurrock"],
                          env=env, cwd=ROOT, capture_output=True)
    assert warm.returncode == 0, warm.stderr.decode()
    print(f"{len(asked)} questions over {len({c for c, _ in asked})} councils, each a fresh conversation")

    (stream_first, stream_second), replies, memory = json_lines_run(asked, env, passes=2)
    by_path: dict[str, list[float]] = {}
    for reply, seconds in zip(replies, stream_first):
        path = "clauses" if reply.get("trace", {}).get("template") == "clauses" else (
            "compare" if reply.get("councils") else "template" if "verdict" in reply else "other")
        by_path.setdefault(path, []).append(seconds)
    slowest = max(range(len(asked)), key=lambda i: stream_first[i])
    print(summary("JSON lines (subprocess, from the output stream), first pass", stream_first))
    print(summary("JSON lines (subprocess, from the output stream), second pass", stream_second))
    for path, seconds in sorted(by_path.items()):
        print(f"  first pass, answers by {path:<8} ({len(seconds):3} questions): p95 {ms(percentile(seconds, 95))}")
    print(f"  slowest: {ms(stream_first[slowest])} for {asked[slowest][1]!r} ({asked[slowest][0]})")
    report.add(f"warm answer p95, JSON lines subprocess, {len(asked)} new questions", ms(percentile(stream_first, 95)),
               "<= 5 ms", percentile(stream_first, 95) <= GOAL_P95)
    report.add("warm answer p95, JSON lines subprocess, asked again", ms(percentile(stream_second, 95)),
               "<= 5 ms", percentile(stream_second, 95) <= GOAL_P95, headline=False)

    analyser, first, repeat, cold, load, size, clauses = build_and_load(args.quick)
    print(f"spaCy import + analyser construction (pipeline, lemma table, lexicon): {analyser:.3f} s")
    print(f"index build from scratch ({clauses} clauses, analysis + 6 indexes): first {first:.3f} s, then median {repeat:.3f} s")
    print(f"load_retriever with no cache (build + save): {cold:.3f} s; from the cache: median {load * 1000:.0f} ms "
          f"({size / 1e6:.1f} MB file)")
    in_first, in_second = in_process_run(asked, passes=2)
    print(summary("in process (Session.handle + to_json + json.dumps), first pass", in_first))
    print(summary("in process (Session.handle + to_json + json.dumps), second pass", in_second))
    report.add("warm answer p95, in process (Session.handle)", ms(percentile(in_first, 95)), "<= 5 ms",
               percentile(in_first, 95) <= GOAL_P95)
    report.add("warm answer p95, in process, asked again", ms(percentile(in_second, 95)), "<= 5 ms",
               percentile(in_second, 95) <= GOAL_P95, headline=False)

    report.add(f"index build from scratch ({clauses} clauses)", f"{secs(first)} (then {secs(repeat)})", "<= 3 s", first <= 3)
    report.add("index cache load (warm cache)", ms(load))
    if memory is not None:
        print(f"peak memory (VmHWM) of the JSON-lines process after {len(asked) + len(WARM_UP)} questions: {memory:.0f} MB")
        report.add(f"peak memory, process after {len(asked) + len(WARM_UP)} questions", f"{memory:.0f} MB")
    report.write(args.json)
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
