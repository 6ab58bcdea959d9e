"""Every answer Conduct gives on its own test data, dumped to one file, so a refactor can be diffed.

Usage: python benchmarks/golden_outputs.py OUT.txt

It drives only the command line (`assistant.cli.main`), the one entry point a restructuring must
keep, and writes, in a fixed order:

- `conduct ask --json` (and the plain-text answer) for every row of tests/data/scenarios.toml, the
  earlier turns of a row given as a JSON-lines conversation on standard input;
- `conduct ask --json` for every bundled training dilemma at every council it names;
- `conduct compare --json` (and plain) for every topic and for every compare-like question;
- `conduct search --json -k 10` for every question of the gold and held-out retrieval sets;
- the corpus commands, and the policy file `conduct add` would draft from each bundled code.

Run it before a change and after; the two files must be byte-identical (`cmp before.txt after.txt`).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


class _Stdin:
    """A stand-in for sys.stdin that the JSON-lines conversation reads as bytes."""

    def __init__(self, lines: list[str]):
        self.buffer = io.BytesIO("".join(line + "\n" for line in lines).encode("utf-8"))

    def isatty(self) -> bool:
        return False


def run(argv: list[str], lines: list[str] | None = None) -> str:
    from assistant.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = _Stdin(lines or [])
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
            # Read the text before leaving: the CLI wraps both streams in a Guarded stream, and
            # once redirect_stdout drops that wrapper, collecting it closes the StringIO.
            printed = out.getvalue() + err.getvalue()
    finally:
        sys.stdin = saved
    return f"$ conduct {' '.join(argv)}\n[exit {code}]\n{printed}\n"


def _toml(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def scenario_rows() -> list[str]:
    out = []
    for row in _toml(DATA / "scenarios.toml")["row"]:
        council = ["--council", row["council"]]
        if row.get("turns"):
            out.append(run(["ask", *council, "--json"], [*row["turns"], row["question"]]))
        else:
            out.append(run(["ask", *council, "--json", row["question"]]))
            out.append(run(["ask", *council, row["question"]]))
    return out


def training() -> list[str]:
    text = (ROOT / "assistant" / "data" / "training.toml").read_text(encoding="utf-8")
    out = []
    for scenario in tomllib.loads(text)["scenario"]:
        for council in scenario["expected"]:
            out.append(run(["ask", "--council", council, "--json", scenario["question"]]))
    return out


def compares() -> list[str]:
    topics = ["gifts", "hospitality", "bequests", "outside_work", "interests", "relationships", "recruitment", "media",
              "social_media", "political", "convictions", "confidentiality", "equipment", "purchases", "whistleblowing",
              "alcohol_drugs", "appearance", "intent", "out_of_scope", "lexicon"]  # fixed: not read from the tree
    asks = ["gifts", "hospitality", "a £30 gift from a supplier", "second job", "nonsense words here",
            "compare gifts at thurrock and essex", "a £200 dinner with a bidder"]
    out = []
    for topic in [*topics, *asks]:
        out.append(run(["compare", "--json", topic]))
        out.append(run(["compare", topic]))
    return out


def searches() -> list[str]:
    out = []
    for name in ("gold_retrieval.toml", "heldout_retrieval.toml"):
        for q in _toml(DATA / name)["q"]:
            out.append(run(["search", "--council", q["council"], "--json", "-k", "10", q["question"]]))
        for q in _toml(DATA / name)["q"][:20]:
            out.append(run(["search", "--all", "--json", "-k", "10", q["question"]]))
    return out


def reading() -> list[str]:
    """The corpus commands: what a restructuring of the command line could also change."""
    return [run(["councils", "--json"]), run(["councils"]), run(["clauses", "town"]), run(["clauses", "county", "--json"]),
            run(["show", "thurrock:14.5"]), run(["show", "essex:gifts-and-hospitality", "--json"]),
            run(["show", "thurock:14.5"]), run(["clauses", "essex", "--search", "second job", "--json"]),
            run(["ask", "--council", "thurock", "--json", "can I accept a gift?"]),
            run(["ask", "--json"], ["/council glouc", "/councils", "a £20 gift?", "/why", "/compare", "/reset", "/help", "/nope", ""])]


def drafted() -> list[str]:
    """The parameters `conduct add` would draft from each bundled code, as the policy file it writes."""
    try:
        from assistant.decide.drafting import draft_policy, policy_toml
    except ImportError:  # the layout before assistant/decide/
        from assistant.drafting import draft_policy, policy_toml
    from corpus.library import bundled_library

    library = bundled_library()
    return [f"# drafted from {slug}\n" + policy_toml(library.document(slug), draft_policy(library.document(slug)))
            for slug in library.slugs]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    os.environ.setdefault("CONDUCT_HOME", tempfile.mkdtemp(prefix="conduct-golden-"))
    os.environ["COLUMNS"] = "100"
    sys.path.insert(0, str(ROOT))
    parts = [*scenario_rows(), *training(), *compares(), *searches(), *reading(), *drafted()]
    Path(argv[0]).write_text("".join(parts), encoding="utf-8")
    print(f"{len(parts)} outputs written to {argv[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
