"""Every council in the country: whole-process costs with N added councils, as ratios to the bundled 5.

Run:  python benchmarks/bench_councils.py [--councils N] [--runs R] [--quick] [--json PATH]
      (default N = 10,000, about 300,000 clauses; --quick: N = 200 and 3 runs, a smoke test)

Two throw-away CONDUCT_HOMEs are made: one with only the 5 bundled councils, one with N added
councils of realistic size written straight into its councils/ folder (as `conduct add` stores
them: source, text, council.toml with both SHA-256s, a drafted policy.toml). 96% are parish codes
made from the bundled town council's text (23 clauses), 4% principal codes made from Thurrock's
(157) or the county council's (96), as the UK has about 400 principal councils to some 10,000
town and parish councils. Each gets its own name (put into its text wherever the original names
itself) and a sentence of its own, so no two texts are alike. Generation is deterministic.

Then, in each home and measured the same way (whole processes, interleaved round by round so a
busy machine slows both alike; medians; peak RSS of each process from wait4):
  * the first command that needs the index (builds and saves it): time and peak memory;
  * `conduct show thurrock:14.5`, `conduct show <an added clause>`, `conduct councils`;
  * a cold `conduct ask` decided by a template, and one answered from clauses (loads the index);
  * `conduct add` of one more council (with its index update);
  * in this process: search across all councils, warm, p50/p95; a comparison of three councils,
    warm, p95; the index's size on disk against the clauses' own text.
Every figure at N is also given as a ratio to the 5-council figure of the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, Report, clean_env, conduct_command, median, percentile  # noqa: E402

sys.path.insert(0, str(ROOT))

SEED = 10_000
PRINCIPAL_SHARE = 0.04
TEMPLATE_QUESTION = "can I accept a £30 gift from a contractor"
INDEX_QUESTION = "what happens if I break the code"
SEARCHES = ("gifts from suppliers", "second job outside work", "conflict of interest with a relative",
            "using social media", "whistleblowing concerns", "political activity", "confidential information",
            "hospitality from a contractor", "declaring an interest", "alcohol at work")
SLUG_MARK = "zzslugzz"
NAME_MARK = "Zzname"
SYLLABLES = ("ash", "bar", "bel", "bram", "brook", "burn", "by", "cal", "carl", "chester", "comb", "dale", "den",
             "don", "el", "fen", "field", "ford", "gate", "glen", "ham", "har", "hay", "hurst", "ing", "kel",
             "ley", "lin", "low", "mar", "mere", "mil", "moor", "nor", "ock", "pen", "pool", "ridge", "ross",
             "sand", "shaw", "stan", "stead", "stoke", "thorn", "ton", "wald", "well", "wick", "win", "worth")
WORDS = ("allotments", "bridleway", "churchyard", "common", "footpath", "green", "hall", "library", "market",
         "meadow", "orchard", "playing field", "pond", "recreation ground", "riverside", "village", "war memorial")


# --------------------------------------------------------------------------- generating councils


def templates() -> list[tuple[str, str, str]]:
    """(kind, text with the name marked, policy.toml drafted for it with slug and name marked)."""
    from assistant.decide.drafting import draft_policy, policy_toml
    from corpus.clause import Council
    from corpus.manifest import bundled_councils, documents_dir, parse_text

    found = []
    by_slug = {c.slug: c for c in bundled_councils()}
    for kind, slug, names in (("parish", "town", ("Town Council",)), ("principal", "thurrock", ("Thurrock",)),
                              ("principal", "county", ("County Council",))):
        text = (documents_dir() / by_slug[slug].source).read_text(encoding="utf-8")
        for name in names:
            text = text.replace(name, NAME_MARK)
        council = Council(slug=SLUG_MARK, name=NAME_MARK, title="Code of conduct", date="added", source="source.txt",
                          dialect="numbered", bundled=False)
        document = parse_text(council, text)
        found.append((kind, text, policy_toml(document, draft_policy(document))))
    return found


def council_names(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(slug, short name) pairs, distinct, deterministic."""
    seen: set[str] = set()
    out = []
    while len(out) < count:
        short = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))).capitalize()
        slug = short.lower()
        if slug in seen or slug in {"thurrock", "county", "town", "gloucester", "essex"} or len(slug) > 28:
            continue
        seen.add(slug)
        out.append((slug, short))
    return out


def generate(home: Path, count: int) -> dict:
    """N added councils written as `conduct add` stores them; returns counts for the report."""
    import tomli_w

    rng = random.Random(SEED)
    made = templates()
    parish, principals = made[0], made[1:]
    root = home / "councils"
    root.mkdir(parents=True, exist_ok=True)
    kinds = {"parish": 0, "principal": 0}
    text_bytes = 0
    for number, (slug, short) in enumerate(council_names(count, rng)):
        kind, text, policy = principals[number % 2] if rng.random() < PRINCIPAL_SHARE else parish
        kinds[kind] += 1
        name = f"{short} {'Parish Council' if kind == 'parish' else 'Borough Council'}"
        own = (f"\n\n{short} {rng.choice(WORDS)} and {rng.choice(WORDS)}: officers of {name} "
               f"serve {rng.randint(300, 90000):,} residents.\n")
        body = text.replace(NAME_MARK, short if kind == "principal" else f"{short} Council")
        intro = body.find("\n\n", body.find("Introduction") if "Introduction" in body else 0)
        body = body[:intro] + own + body[intro:] if intro > 0 else body + own
        data = body.encode("utf-8")
        text_bytes += len(data)
        digest = hashlib.sha256(data).hexdigest()
        folder = root / slug
        folder.mkdir()
        (folder / "source.txt").write_bytes(data)
        (folder / "text.txt").write_bytes(data)
        (folder / "policy.toml").write_text(
            policy.replace(SLUG_MARK, slug).replace(NAME_MARK, short if kind == "principal" else f"{short} Council"),
            encoding="utf-8")
        record = {"slug": slug, "name": name, "title": "Code of conduct for officers", "added": "2026-12-01",
                  "original_name": f"{slug}-code.txt", "source": "source.txt", "kind": "txt", "dialect": "numbered",
                  "sha256": digest, "text_sha256": digest, "aliases": [short, name], "warnings": []}
        (folder / "council.toml").write_text(tomli_w.dumps(record), encoding="utf-8")
    return {"kinds": kinds, "text_bytes": text_bytes}


# --------------------------------------------------------------------------- measuring processes


def run(command: list[str], env: dict[str, str], check_quiet: bool = True) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one whole process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or (check_quiet and err.strip()):
        raise SystemExit(f"{' '.join(command)} failed or warned (exit {process.returncode}):\n{err.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024


def disk_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def in_process(home: Path) -> dict:
    """Warm search across all councils and a three-council comparison, in a fresh interpreter."""
    code = f"""
import json, sys, time
sys.path.insert(0, {str(ROOT)!r})
from corpus.library import load_library
from index.retriever import load_retriever
from assistant.engine import Assistant
library = load_library()
started = time.perf_counter()
retriever = load_retriever(library)
loaded = time.perf_counter() - started
assistant = Assistant(library, retriever=retriever)
searches = {list(SEARCHES)!r}
for q in searches: retriever.search(q, None, 5)
times = []
for _ in range(5):
    for q in searches:
        t = time.perf_counter(); retriever.search(q, None, 5); times.append(time.perf_counter() - t)
slugs = library.slugs
three = [slugs[0], slugs[len(slugs) // 2], slugs[-1]]
for _ in range(2): assistant.compare("a £30 gift from a supplier", "gifts", assistant.read("a £30 gift from a supplier").facts, three)
compare = []
for _ in range(20):
    t = time.perf_counter()
    assistant.compare("a £30 gift from a supplier", "gifts", assistant.read("a £30 gift from a supplier").facts, three)
    compare.append(time.perf_counter() - t)
clauses = sum(len(library.document(s).clauses) for s in (slugs[:5]))
print(json.dumps({{"search": times, "compare": compare, "load": loaded}}))
"""
    result = subprocess.run([sys.executable, "-c", code], env=clean_env(str(home)), cwd=ROOT, capture_output=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr.decode(errors="replace"))
    return json.loads(result.stdout.decode().strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=10_000, help="how many councils to add (default 10,000)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument("--quick", action="store_true", help="200 councils, 3 runs: a smoke test, not figures")
    parser.add_argument("--keep", action="store_true", help="keep the generated homes (their paths are printed)")
    parser.add_argument("--json", metavar="PATH", help="also write the summary rows as JSON (for run_all.py)")
    args = parser.parse_args()
    count, runs = (200, 3) if args.quick else (args.councils, args.runs)
    report = Report("councils")
    base = Path(tempfile.mkdtemp(prefix="conduct-bench-councils-"))
    small, big = base / "five", base / f"n{count}"
    small.mkdir()
    started = time.perf_counter()
    made = generate(big, count)
    print(f"generated {count:,} added councils ({made['kinds']['parish']:,} parish, {made['kinds']['principal']:,} "
          f"principal, {made['text_bytes'] / 1e6:.1f} MB of text) in {time.perf_counter() - started:.1f} s under {big}")
    conduct = conduct_command()
    homes = {"5": small, "N": big}
    envs = {k: clean_env(str(v)) for k, v in homes.items()}

    # -- the first command that needs the index: it is built and saved
    build = {k: run([*conduct, "search", "gift", "--council", "thurrock"], envs[k]) for k in homes}
    added_id = f"{sorted(p.name for p in (big / 'councils').iterdir())[count // 2]}:4"
    table = {
        "show": ["show", "thurrock:14.5"],
        "show-added": ["show", added_id],
        "councils": ["councils"],
        "ask": ["ask", TEMPLATE_QUESTION, "--council", "thurrock"],
        "ask-index": ["ask", INDEX_QUESTION, "--council", "thurrock"],
    }
    times: dict[tuple[str, str], list[float]] = {}
    peaks: dict[tuple[str, str], float] = {}
    jobs = [(name, k) for name in table for k in homes if not (name == "show-added" and k == "5")]
    for name, k in jobs:  # page everything in once
        run([*conduct, *table[name]], envs[k])
    for round_number in range(runs):
        shift = round_number % len(jobs)
        for name, k in jobs[shift:] + jobs[:shift]:
            seconds, peak = run([*conduct, *table[name]], envs[k])
            times.setdefault((name, k), []).append(seconds)
            peaks[(name, k)] = max(peaks.get((name, k), 0.0), peak)

    # -- adding one more council
    extra = base / "one-more.txt"
    extra.write_text((ROOT / "corpus/documents/002_eda86a39591ea151.txt").read_text(encoding="utf-8")
                     .replace("Town Council", "Onemore Council"), encoding="utf-8")
    adds = {}
    for k in homes:
        adds[k] = run([*conduct, "add", str(extra), "--name", "Onemore Parish Council", "--slug", "onemore"], envs[k],
                      check_quiet=False)
        run([*conduct, "remove", "onemore"], envs[k])
    after_add = {k: run([*conduct, *table["ask-index"]], envs[k], check_quiet=False) for k in homes}

    warm = {k: in_process(homes[k]) for k in homes}
    index_bytes = {k: sum(p.stat().st_size for p in (homes[k] / "cache").glob("index.*")) for k in homes}
    bundled_bytes = sum(p.stat().st_size for p in (ROOT / "corpus/documents").glob("*.txt"))
    text_bytes = {"5": bundled_bytes, "N": bundled_bytes + made["text_bytes"]}

    def row(measure: str, five: float, at_n: float, unit: str, goal: str = "", limit: float | None = None,
            fmt: str = "{:.2f}") -> None:
        ratio = at_n / five if five else float("inf")
        result = f"{fmt.format(five)} → {fmt.format(at_n)} {unit} ({ratio:.2f}×)"
        report.add(measure, result, goal, None if limit is None else ratio <= limit)
        print(f"  {measure:<58} {result}")

    print(f"\n{runs} interleaved runs each; 5 councils → {count:,} added (ratio to the 5-council figure)")
    row("first index build + save (time)", build["5"][0], build["N"][0], "s")
    row("first index build + save (peak memory)", build["5"][1], build["N"][1], "MB", "≤ 300 MB", None, "{:.0f}")
    for name, label, limit in (("show", "`conduct show thurrock:14.5`", 1.5), ("councils", "`conduct councils`", 1.5),
                               ("ask", "cold `conduct ask`, template path", 1.2),
                               ("ask-index", "cold `conduct ask` that loads the index", 1.5)):
        row(label, median(times[(name, "5")]), median(times[(name, "N")]), "s", f"≤ {limit}×", limit)
        row(f"{label}, peak memory", peaks[(name, "5")], peaks[(name, "N")], "MB", "≤ 300 MB", None, "{:.0f}")
    seconds = median(times[("show-added", "N")])
    report.add(f"`conduct show {added_id}` at N", f"{seconds:.2f} s ({seconds / median(times[('show', '5')]):.2f}× "
               "show thurrock at 5)", "≤ 1.5×", seconds / median(times[("show", "5")]) <= 1.5)
    print(f"  `conduct show {added_id}` at N: {seconds:.2f} s, peak {peaks[('show-added', 'N')]:.0f} MB")
    row("`conduct add` one more council (incl. index)", adds["5"][0], adds["N"][0], "s", "seconds")
    row("`conduct add` one more, peak memory", adds["5"][1], adds["N"][1], "MB", "≤ 300 MB", None, "{:.0f}")
    row("cold `conduct ask` (index) right after an add", after_add["5"][0], after_add["N"][0], "s")
    row("index cache load, in process", warm["5"]["load"], warm["N"]["load"], "s")
    for key, label in (("search", "warm search across all councils, p95"),
                       ("compare", "warm compare of three councils, p95")):
        five, at_n = percentile(warm["5"][key], 95) * 1000, percentile(warm["N"][key], 95) * 1000
        ratio = at_n / five
        report.add(label, f"{five:.2f} → {at_n:.2f} ms ({ratio:.2f}×)", "≤ 10 ms", at_n <= 10)
        print(f"  {label:<58} {five:.2f} → {at_n:.2f} ms ({ratio:.2f}×)")
    for k in homes:
        ratio = index_bytes[k] / text_bytes[k]
        label = "5 councils" if k == "5" else f"{count:,} added"
        report.add(f"index on disk / clause text, {label}",
                   f"{index_bytes[k] / 1e6:.1f} MB / {text_bytes[k] / 1e6:.1f} MB = {ratio:.2f}×", "≤ 3×", ratio <= 3)
        print(f"  index on disk, {label}: {index_bytes[k] / 1e6:.1f} MB for {text_bytes[k] / 1e6:.1f} MB of text "
              f"({ratio:.2f}×)")
    report.write(args.json)
    if args.keep:
        print(f"kept: {base}")
    else:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
