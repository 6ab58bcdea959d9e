"""Whatever staff type or paste, Conduct answers: property tests over any Unicode question, money
written inside arbitrary text, console markup and terminal escapes; and a damaged index cache
is rebuilt by the next `conduct ask` with one warning line and a normal answer.

tests/test_money.py already covers each written form of money on its own and in four fixed
frames; this file adds amounts inside random surrounding text (any script, emoji, punctuation),
numbers that must never become money, and the money a whole answer reports (Answer.facts).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assistant.answer import VERDICTS, Answer
from assistant.understand.question import MAX_QUESTION_CHARS
from assistant.understand.money import find_amounts
from index.normalise import normalise
try:
    from tests.profiles import examples
except ImportError:  # tests/ is not a package: pytest puts it on sys.path instead
    from profiles import examples  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
PROPERTY = settings(max_examples=examples(150), deadline=None, suppress_health_check=list(HealthCheck))
LONG = settings(max_examples=examples(25), deadline=None, suppress_health_check=list(HealthCheck))
TIME_LIMIT = 2.0  # seconds of CPU time per answer (see timed_ask)

RTL = "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd \u202e\u202b\u200f\u061c"
EMOJI = "\U0001F381\U0001F377\U0001F44D\U0001F3FD\u200d\u2642\ufe0f\U0001F1EC\U0001F1E7"
CONTROLS = "".join(map(chr, [*range(0, 32), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, 0xFEFF, 0x200B]))
MARKUP = ["[bold]", "[/bold]", "[/", "[", "]", "[link=x]", "[/link]", "[red on white]", "[/]", "[@click=quit]",
          "[#ff0000]", "\\[bold]", "[i]", "[/i]", "[[", "]]"]
ANSI = ["\x1b[31m", "\x1b[0m", "\x1b[1;4;38;5;196m", "\x1b]8;;https://x.org\x1b\\", "\x1b]0;title\x07", "\x1b(B",
        "\x1b7", "\x1b8", "\x1b", "\x9b31m", "\x1b[2J", "\x1b[?25l"]
QUESTIONS = [
    "Can I accept a £30 gift from a contractor?",
    "a supplier offered me a bottle of wine worth 40 quid",
    "can I do a second job at the weekend",
    "a journalist rang me about the budget",
    "is it ok to post about work on facebook",
    "compare gifts",
]


def unicode_text(max_size: int = 200) -> st.SearchStrategy[str]:
    """Any Unicode except lone surrogates (which no terminal, file or UTF-8 stream can carry)."""
    return st.text(st.characters(blacklist_categories=("Cs",)), max_size=max_size)


def spiced(base: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A question with RTL text, emoji, controls, markup or escapes inserted between its characters."""
    extras = st.sampled_from([*RTL, *EMOJI, *CONTROLS, *MARKUP, *ANSI])

    @st.composite
    def build(draw) -> str:
        text = list(draw(base))
        for _ in range(draw(st.integers(0, 12))):
            text.insert(draw(st.integers(0, len(text))), draw(extras))
        return "".join(text)

    return build()


def timed_ask(assistant, question: str, council: str = "thurrock") -> tuple[Answer, float]:
    """The answer and the CPU time it took: a hang guard that a busy machine cannot trip
    (wall-clock time here failed a healthy run at load 18; speed itself is benchmarks/' job)."""
    started = time.process_time()
    answer = assistant.ask(question, council)
    return answer, time.process_time() - started


def check_answer(answer: Answer, question: str, elapsed: float) -> None:
    assert isinstance(answer, Answer)
    assert answer.verdict in VERDICTS
    data = answer.to_json()
    encoded = json.dumps(data, ensure_ascii=False).encode("utf-8")  # strict UTF-8: what the JSON lines write
    assert json.loads(encoded) == json.loads(json.dumps(data))
    assert answer.markdown()
    assert len(answer.question) <= MAX_QUESTION_CHARS, (
        f"the question echoed in the answer is {len(answer.question)} characters: it must be cut to "
        f"{MAX_QUESTION_CHARS} (engine._clip: cut again after breaking unbroken runs with spaces)")
    assert elapsed < TIME_LIMIT, f"{elapsed:.2f} s of CPU time for {question[:80]!r}"
    if len(normalise(question)) > MAX_QUESTION_CHARS:
        assert answer.notice and "2,000 characters" in answer.notice
    else:
        assert answer.notice is None


# -- any question --------------------------------------------------------------------------

@PROPERTY
@given(unicode_text())
@example("")
@example("\x00")
@example("\ufeff\u200b")
@example("[/")
@example("\x1b[")
@example("£" * 40)
@example(RTL)
@example(EMOJI * 10)
def test_any_unicode_question_gets_an_answer(assistant, question: str) -> None:
    answer, elapsed = timed_ask(assistant, question)
    check_answer(answer, question, elapsed)


@PROPERTY
@given(spiced(st.sampled_from(QUESTIONS)))
def test_questions_with_rtl_emoji_controls_markup_and_escapes_get_an_answer(assistant, question: str) -> None:
    answer, elapsed = timed_ask(assistant, question)
    check_answer(answer, question, elapsed)


@LONG
@given(unicode_text(max_size=10_000).filter(lambda t: len(t) > 1_000))
def test_long_questions_of_any_unicode_get_an_answer(assistant, question: str) -> None:
    answer, elapsed = timed_ask(assistant, question)
    check_answer(answer, question, elapsed)


@LONG
@given(st.integers(2_001, 10_000), st.sampled_from(QUESTIONS))
def test_questions_over_2000_characters_are_cut_with_a_notice(assistant, size: int, question: str) -> None:
    text = (question + " ") * (size // (len(question) + 1) + 1)
    answer, elapsed = timed_ask(assistant, text[:size])
    check_answer(answer, text[:size], elapsed)
    assert answer.notice == "Your question was cut to its first 2,000 characters."
    assert len(answer.question) == MAX_QUESTION_CHARS


@pytest.mark.parametrize("question", ["gift \udcff from a contractor", "\ud800", "\udfff\ud800 £30 \udc80"])
def test_lone_surrogates_are_dropped_not_fatal(assistant, question: str) -> None:
    answer, elapsed = timed_ask(assistant, question)
    check_answer(answer, question, elapsed)


@pytest.mark.parametrize("council", ["thurrock", "county", "town", "gloucester", "essex", None])
def test_every_council_and_none_answers_odd_input(assistant, council) -> None:
    for question in ["", "\x00", "[bold]", "\x1b[31m", RTL, EMOJI, "a" * 3000, "£" * 300]:
        answer, elapsed = timed_ask(assistant, question, council)
        check_answer(answer, question, elapsed)


def test_an_unbroken_run_of_symbols_is_answered_quickly(assistant) -> None:
    """spaCy's tokenizer is quadratic in a run with no spaces: 2,000 '£' (the cut-off length) took
    ~0.6 s per tokenizer, ~1.5 s an answer, until engine._clip broke such runs with spaces."""
    for run in ("£$", "=+", "(£"):
        question = run * 5_000 + "?"  # unique strings: spaCy caches what it has tokenised before
        answer, elapsed = timed_ask(assistant, question)
        check_answer(answer, question, elapsed)
        assert elapsed < 0.5, f"{elapsed:.2f} s of CPU time for {run!r} * 5000"


# -- money ---------------------------------------------------------------------------------

_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _words(n: int) -> str:
    """British number words for 1 <= n < 1000."""
    hundreds, rest = divmod(n, 100)
    parts = [f"{_UNITS[hundreds]} hundred"] if hundreds else []
    if rest:
        tens, unit = divmod(rest, 10)
        small = _UNITS[rest] if rest < 10 else _TEENS[rest - 10] if rest < 20 else _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")
        parts.append(("and " if hundreds else "") + small)
    return " ".join(parts)


@st.composite
def written_amounts(draw) -> tuple[str, int]:
    """An amount in pounds in one of the forms staff write, and its value in pence."""
    pounds = draw(st.integers(0, 999_999))
    pence = draw(st.integers(0, 99))
    small = draw(st.integers(1, 999))
    return draw(st.sampled_from([
        (f"£{pounds}", pounds * 100),
        (f"£{pounds:,}", pounds * 100),
        (f"£{pounds}.{pence:02d}", pounds * 100 + pence),
        (f"£{pounds:,}.{pence:02d}", pounds * 100 + pence),
        (f"£ {pounds}", pounds * 100),
        (f"{pounds}£", pounds * 100),
        (f"{pounds} pounds", pounds * 100),
        (f"{pounds} quid", pounds * 100),
        (f"{pounds} sterling", pounds * 100),
        (f"{pounds} GBP", pounds * 100),
        (f"GBP{pounds}", pounds * 100),
        (f"gbp {pounds:,}", pounds * 100),
        (f"£{small}k", small * 100_000),
        (f"£{small}.{pence % 10}k", small * 100_000 + (pence % 10) * 10_000),
        (f"£{small} million", small * 100_000_000),
        (f"£{small}m", small * 100_000_000),
        (f"{small} grand", small * 100_000),
        (f"{_words(small)} pounds", small * 100),
        (f"{_words(small)} quid", small * 100),
        (f"{_words(small)} thousand pounds", small * 100_000),
        (f"{max(pence, 1)}p", max(pence, 1)),
        (f"{pence} pence", pence),
        ("a fiver", 500),
        ("a tenner", 1000),
        (f"{_UNITS[small % 8 + 2]} tenners", (small % 8 + 2) * 1000),
        (f"{_UNITS[small % 8 + 2]} fivers", (small % 8 + 2) * 500),
    ]))


# Words that can sit next to an amount without changing it: no number words, units,
# currency codes, multipliers, qualifiers, connectors ("to", "or", "and", "a") or dashes.
SAFE_WORDS = ["can", "I", "accept", "gift", "from", "contractor", "supplier", "voucher", "hamper", "is", "that", "ok",
              "Christmas", "for", "my", "team", "resident", "offered", "me", "bottle", "of", "wine", "worth", "value",
              "council", "thanks", "the", "was", "it", "we", "they", "card", "cash", "meal", "tickets", "please",
              "?", "!", ",", ".", ":", ";", "(", ")", '"', "'", "…", "/", "*", "#", "@", "%"]
_FOREIGN = st.characters(whitelist_categories=("Lo", "Lm", "Mn", "So", "Sk", "Zs"), blacklist_characters="元")
SURROUNDING = st.lists(st.one_of(st.sampled_from(SAFE_WORDS), st.text(_FOREIGN, min_size=1, max_size=6)), max_size=12)


@PROPERTY
@given(written_amounts(), SURROUNDING, SURROUNDING)
def test_an_amount_inside_any_surrounding_text_is_read_exactly(amount, before, after) -> None:
    written, pence = amount
    text = " ".join([*before, written, *after])
    assert [(m.pence, m.currency) for m in find_amounts(text)] == [(pence, "GBP")], text


@PROPERTY
@given(written_amounts(), SURROUNDING)
def test_the_written_text_of_an_amount_is_found_where_it_was_written(amount, before) -> None:
    written, _ = amount
    prefix = " ".join(before) + " " if before else ""
    (money,) = find_amounts(prefix + written + " ok")
    assert (prefix + written + " ok")[money.start:money.end] == money.text
    assert money.text == written


NOT_MONEY_WORDS = ["days", "months", "years", "weeks", "hours", "minutes", "people", "staff", "times", "percent",
                   "section", "clause", "page", "item", "year", "age", "aged", "room", "floor", "bus", "route",
                   "I'm", "at", "on", "in", "since", "by", "th", "st", "nd", "rd", "x", "%", "/", ":", ".", ",", "#"]


@PROPERTY
@given(st.lists(st.one_of(st.integers(0, 10**9).map(str), st.integers(0, 10**4).map(lambda n: f"{n:,}"),
                          st.decimals(0, 10**4, places=2).map(str), st.sampled_from(NOT_MONEY_WORDS)), max_size=15))
def test_numbers_without_any_currency_are_never_money(parts) -> None:
    text = " ".join(parts)
    assert find_amounts(text) == [], text


@PROPERTY
@given(written_amounts(), st.sampled_from(["Can I accept {} from a contractor?", "a supplier gave me a hamper worth {}",
                                           "my manager says {} is fine for a gift from a resident"]),
       st.sampled_from(["thurrock", "county", "town", "gloucester", "essex"]))
def test_the_answer_reports_the_amount_that_was_written(assistant, amount, frame, council) -> None:
    written, pence = amount
    answer = assistant.ask(frame.format(written), council)
    assert answer.facts["amount"]["pence"] == pence, (written, answer.facts)
    assert answer.facts["amount"]["text"] == written


# -- markup and escapes --------------------------------------------------------------------

def strings_in(value) -> list[str]:
    """Every string inside a JSON-like value (keys excepted)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in strings_in(v)]
    return []


MARKED_UP = [
    ("[bold]Can I accept[/bold] a [link=https://x.org]£30 gift[/link] from a [red]contractor[/red]?", 3000, "contractor"),
    ("[bold]£30[/bold] hamper from a [i]supplier[/i]", 3000, "supplier"),
    ("can I keep [/][/][ a [@click=app.quit]£45 bottle[/] from a supplier [/", 4500, "supplier"),
    ("\x1b[1mCan I accept\x1b[0m a \x1b[31m£30\x1b[0m gift from a \x1b]8;;https://x.org\x1b\\contractor\x1b]8;;\x1b\\", 3000, "contractor"),
    ("\x1b[1m30\x1b[0m quid gift from a contractor", 3000, "contractor"),
    ("\x9b1m£25\x9b0m voucher from a supplier", 2500, "supplier"),
]


@pytest.mark.parametrize(("question", "pence", "giver"), MARKED_UP)
def test_markup_and_escapes_never_reach_the_facts(assistant, question: str, pence: int, giver: str) -> None:
    answer = assistant.ask(question, "thurrock")
    assert answer.facts["amount"]["pence"] == pence and answer.facts["giver"] == giver
    for marker in ("[", "]", "\x1b", "\x9b", "bold", "link", "click"):
        assert not any(marker in text for text in strings_in(answer.facts)), (marker, answer.facts)


@PROPERTY
@given(spiced(st.sampled_from(QUESTIONS)))
def test_markup_or_escapes_anywhere_never_crash_nor_show_in_the_facts(assistant, question: str) -> None:
    answer = assistant.ask(question, "thurrock")
    for text in strings_in(answer.facts):
        assert "\x1b" not in text and "\x9b" not in text, answer.facts
        assert not any(marker in text for marker in ("[bold", "[link", "[/", "[@", "[#", "[i]", "[red")), answer.facts
    assert "\x1b" not in answer.question


def test_markup_between_a_number_and_its_unit_keeps_the_amount(assistant) -> None:
    for question in ("a [b]30[/b] quid gift from a contractor", "a 30 [b]quid[/b] gift from a contractor"):
        assert assistant.ask(question, "thurrock").facts["amount"]["pence"] == 3000, question


def test_compare_reads_its_argument_like_a_question(assistant) -> None:
    """'/compare' text is normalised and cut like a question: escapes are not read as money
    ('\x1b[1m30\x1b[0m quid' once gave £0) and a long argument is bounded in length and time."""
    from assistant.session import Session

    session = Session(assistant, "thurrock")
    reply = session.handle("/compare gifts worth \x1b[1m30\x1b[0m quid from a contractor")
    assert reply.answer.facts["amount"]["pence"] == 3000
    assert "\x1b" not in reply.answer.question
    started = time.process_time()  # CPU time, as in timed_ask
    long = session.handle("/compare gifts " + "worth a lot " * 1_000 + "£" * 3_000)
    assert len(long.answer.question) <= MAX_QUESTION_CHARS
    assert time.process_time() - started < TIME_LIMIT


def test_a_long_compare_argument_is_cut_with_a_notice(assistant) -> None:
    from assistant.session import Session

    long = Session(assistant, "thurrock").handle("/compare gifts " + "worth a lot " * 1_000)
    assert long.answer.notice == "Your question was cut to its first 2,000 characters."


# -- a damaged cache, through the command line ----------------------------------------------

def _damage_truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:1000])


def _damage_empty(path: Path) -> None:
    path.write_bytes(b"")


def _damage_directory(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "junk").write_text("x")


def _damage_cache_is_a_file(path: Path) -> None:
    shutil.rmtree(path.parent)
    path.parent.write_text("not a directory")


def _damage_leftover_temp(path: Path) -> None:
    (path.parent / f".{path.name}.abc123.tmp").write_bytes(path.read_bytes()[:500])
    _damage_truncate(path)


DAMAGE = {  # name: (damage, first warning, can the rebuilt cache be saved)
    "truncated-with-leftover-temp-file": (_damage_leftover_temp, "is corrupt or truncated; rebuilding", True),
    "empty": (_damage_empty, "is not a Conduct index; rebuilding", True),
    "index-is-a-directory": (_damage_directory, "is unreadable", False),
    "cache-is-a-file": (_damage_cache_is_a_file, "is unreadable", False),
}
SECOND_RUN = "truncated-with-leftover-temp-file"
# A question no decision template takes, so the answer needs the index (a gifts question is
# decided from the council's parameters and never loads it).
ASK = [sys.executable, "-m", "assistant", "--verbose", "ask", "--council", "thurrock", "what happens if I break the code"]
"""--verbose: why the cache was rebuilt is an internal detail, printed only when asked for."""


@pytest.fixture(scope="module")
def damaged_runs(retriever, tmp_path_factory) -> dict[str, tuple[subprocess.CompletedProcess, subprocess.CompletedProcess | None, Path]]:
    """Each kind of damage in its own CONDUCT_HOME, run in parallel; one of them run a second time."""
    source = Path(os.environ["CONDUCT_HOME"]) / "cache" / "index.bin"
    assert source.is_file()
    homes = {}
    for name, (damage, _, _) in DAMAGE.items():
        home = tmp_path_factory.mktemp(f"damaged-{name}")
        (home / "cache").mkdir()
        shutil.copyfile(source, home / "cache" / "index.bin")
        damage(home / "cache" / "index.bin")
        homes[name] = home

    def start(home: Path) -> subprocess.Popen:
        return subprocess.Popen(ASK, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env={**os.environ, "CONDUCT_HOME": str(home), "COLUMNS": "100"})

    def finish(process: subprocess.Popen) -> subprocess.CompletedProcess:
        out, err = process.communicate(timeout=120)
        return subprocess.CompletedProcess(process.args, process.returncode, out, err)

    intact = start(source.parents[1])
    first = {name: finish(p) for name, p in {name: start(home) for name, home in homes.items()}.items()}
    second = {SECOND_RUN: finish(start(homes[SECOND_RUN]))}
    runs = {name: (first[name], second.get(name), homes[name]) for name in DAMAGE}
    runs["intact"] = (finish(intact), None, source.parents[1])
    return runs


def test_the_question_needs_the_index(damaged_runs) -> None:
    intact, _, _ = damaged_runs["intact"]
    assert intact.returncode == 0 and intact.stderr == b""
    assert intact.stdout.decode().startswith("GUIDANCE:")  # quoted from the best-matching clauses


@pytest.mark.parametrize("name", list(DAMAGE))
def test_a_damaged_cache_warns_rebuilds_and_answers(damaged_runs, name: str) -> None:
    first, second, home = damaged_runs[name]
    intact, _, _ = damaged_runs["intact"]
    _, message, saves = DAMAGE[name]
    err = first.stderr.decode()
    assert first.returncode == 0, err
    assert "Traceback" not in err
    warnings = [line for line in err.splitlines() if line.startswith("conduct: ")]
    assert warnings and message in warnings[0] and "index cache" in warnings[0] and "rebuilding" in warnings[0], err
    assert len(warnings) == len(err.splitlines())  # nothing but warning lines on stderr
    assert first.stdout == intact.stdout  # the same answer as from an undamaged cache
    if saves:
        assert len(warnings) == 1, err
        assert (home / "cache" / "index.bin").read_bytes() == (Path(os.environ["CONDUCT_HOME"]) / "cache" / "index.bin").read_bytes()
    else:
        # the cache cannot be written back: one more line says so, and every run still answers
        assert len(warnings) == 2 and "could not save the index cache" in warnings[1], err
    if second is not None:
        assert second.returncode == 0
        assert second.stderr.decode() == "", "the rebuilt cache was not trusted on the next run"
        assert second.stdout == intact.stdout


# -- a cache whose checksum is right but whose body is not an index ----------------------------
# (test_retriever.py covers truncated, garbage, tampered, bad-checksum and unreadable files; a body
# written with a valid checksum by another version or by hand must be refused as well.)

@pytest.fixture(scope="module")
def good_body(retriever) -> str:
    return json.dumps({name: {"ids": list(ix.ids), "sparse": _sparse_json(ix.sparse)}
                       for name, ix in retriever.indexes.items()})


def _sparse_json(sparse) -> dict:
    return {"size": sparse.size, "base": dict(sparse.base),
            "postings": {t: [p.tolist(), w.tolist()] for t, (p, w) in sparse.postings.items()}}


def _body(good_body: str, mutate) -> dict:
    from index.bm25 import SparseBM25

    body = json.loads(good_body)
    mutate(body)
    return {name: (ix["ids"], SparseBM25.from_json(ix["sparse"], check=False)) for name, ix in body.items()}


def _first_posting(indexes: dict) -> list:
    sparse = indexes["thurrock"]["sparse"]
    return sparse["postings"][sorted(sparse["postings"])[0]]


BAD_BODIES = {
    "a-council-missing": (lambda ix: ix.pop("essex"), "does not match the documents"),
    "an-extra-council": (lambda ix: ix.update({"atlantis": ix["town"]}), "does not match the documents"),
    "unknown-clause-id": (lambda ix: ix["town"]["ids"].__setitem__(0, "town:999"), "does not match the documents"),
    "ids-and-size-differ": (lambda ix: ix["town"]["ids"].pop(), "does not match the documents"),
    "posting-past-the-end": (lambda ix: _first_posting(ix)[0].__setitem__(0, 10**6), "malformed"),
    "negative-posting": (lambda ix: _first_posting(ix)[0].__setitem__(0, -1), "malformed"),
}


@pytest.mark.parametrize("name", list(BAD_BODIES))
def test_a_well_formed_file_holding_a_bad_index_is_rebuilt(library, good_body, tmp_path, name: str) -> None:
    from index import store
    from index.bm25 import DEFAULT_PARAMS
    from index.retriever import CACHE_NAME, cache_key, load_retriever

    mutate, message = BAD_BODIES[name]
    path = tmp_path / "cache" / CACHE_NAME
    store.save_indexes(path, cache_key(library, DEFAULT_PARAMS), _body(good_body, mutate))
    said: list[str] = []
    loaded = load_retriever(library, home=tmp_path, warn=said.append)
    assert len(said) == 1 and message in said[0], said
    assert loaded.search("gift token", ["thurrock"], 1).hits[0].clause.id == "thurrock:14.5"
    again: list[str] = []
    load_retriever(library, home=tmp_path, warn=again.append)
    assert again == []


@pytest.mark.parametrize("where", ["indexes", "vocabulary", "an-index-entry", "an-array-offset"])
def test_metadata_with_a_valid_checksum_but_not_an_index_is_refused(library, retriever, tmp_path, where: str) -> None:
    import hashlib

    from index import store
    from index.bm25 import DEFAULT_PARAMS
    from index.retriever import CACHE_NAME, cache_key, load_retriever

    path = tmp_path / "cache" / CACHE_NAME
    store.save_indexes(path, cache_key(library, DEFAULT_PARAMS), {n: (ix.ids, ix.sparse) for n, ix in retriever.indexes.items()})
    raw = path.read_bytes()
    header, rest = raw.split(b"\n", 1)
    length = int(header.split()[3])
    meta = json.loads(rest[:length])
    if where == "indexes":
        meta["indexes"] = {"x": []}
    elif where == "vocabulary":
        meta["vocabulary"] = [1, 2]
    elif where == "an-index-entry":
        del meta["indexes"][0]["positions"]
    else:
        meta["indexes"][0]["weights"] = [8 * 10**9, 3]
    encoded = json.dumps(meta, separators=(",", ":")).encode()
    lead = len(header) + 1 + length + 1
    data = rest[length + 1 + (-lead % 8):]
    new_header = f"{store.MAGIC} {store.ARRAYS_FORMAT} {hashlib.sha256(encoded).hexdigest()} {len(encoded)}\n".encode()
    new_lead = len(new_header) + len(encoded) + 1
    path.write_bytes(new_header + encoded + b"\n" + b"\0" * (-new_lead % 8) + data)
    said: list[str] = []
    loaded = load_retriever(library, home=tmp_path, warn=said.append)
    assert len(said) == 1 and "malformed" in said[0], said
    assert loaded.search("gift token", ["thurrock"], 1).hits[0].clause.id == "thurrock:14.5"