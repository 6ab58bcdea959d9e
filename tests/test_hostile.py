"""Hostile names, files and terminals (issue 15): each shape is made at test time, run through the
real `conduct` command, and must give a clear message in bounded time and memory, never a
traceback, and nothing raw on the terminal.

Memory-hungry shapes run in a child process under resource.setrlimit (see `limited`), so a
regression fails the test instead of exhausting the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

try:
    from tests.test_added import write_txt
except ImportError:  # tests/ is not a package: pytest puts it on sys.path instead
    from test_added import write_txt  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
ESC_NAME = "Evil\x1b]0;pwned\x07\x1b[2J Council"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "[2J", "]0;")


MEMORY_LIMIT = 3 * 1024 ** 3
"""Address space for each `conduct` run: far above a normal run, far below what a regression would take."""


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def conduct(home: Path, *args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    """The real command in a child process, under a memory limit and a time-out."""
    environment = {**os.environ, "CONDUCT_HOME": str(home), **(env or {})}
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, env=environment, input=data,
                          capture_output=True, timeout=timeout, preexec_fn=_limit_memory)


def copy_home(home: Path, tmp_path: Path) -> Path:
    import shutil

    copy = tmp_path / "home"
    shutil.copytree(home, copy, symlinks=True)
    return copy


def text_of(result: subprocess.CompletedProcess) -> str:
    return result.stdout.decode("utf-8", "replace") + result.stderr.decode("utf-8", "replace")


def assert_clean(result: subprocess.CompletedProcess) -> None:
    shown = text_of(result)
    assert "Traceback" not in shown, shown[-2000:]
    for raw in RAW:
        assert raw not in shown, (raw, shown[-2000:])


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """One added council whose text carries escapes, their remains and a bidi override."""
    home = tmp_path_factory.mktemp("hostile-home")
    source = write_txt(tmp_path_factory.mktemp("src"))
    text = source.read_text(encoding="utf-8")
    text = text.replace("1.1 ", "1.1 \x1b[2J\x1b[HEmployees \u202eetirw\u202c and ESC-less [2J[H remains ", 1)
    source.write_text(text, encoding="utf-8")
    result = conduct(home, "add", str(source), "--name", "Anytown Borough Council")
    assert result.returncode == 0, text_of(result)
    return home


# --------------------------------------------------------------------------- 3: escapes never reach the terminal


def test_a_name_with_escapes_is_refused(home: Path, tmp_path: Path) -> None:
    result = conduct(home, "add", str(write_txt(tmp_path)), "--name", ESC_NAME, "--slug", "evil")
    assert result.returncode == 2
    assert "control character" in result.stderr.decode()
    assert_clean(result)
    assert not (home / "councils" / "evil").exists()


def test_clause_text_keeps_no_escape_remains_nor_bidi_overrides(home: Path) -> None:
    result = conduct(home, "show", "anytown:1.1")
    assert result.returncode == 0
    assert_clean(result)
    assert "Employees" in result.stdout.decode() and "remains" in result.stdout.decode()


def test_a_hand_edited_record_with_escapes_is_shown_clean(home: Path, tmp_path: Path) -> None:
    import shutil

    edited = tmp_path / "home"
    shutil.copytree(home, edited)
    record = edited / "councils" / "anytown" / "council.toml"
    text = record.read_text(encoding="utf-8")
    text = text.replace('name = "Anytown Borough Council"', 'name = "Any\\u001b]0;pwned\\u0007\\u001b[2Jtown \\u202eCouncil"')
    record.write_text(text, encoding="utf-8")
    for args in (["councils"], ["show", "anytown:1.1"], ["clauses", "anytown"], ["profile", "anytown"],
                 ["ask", "--council", "anytown", "can I accept a gift?"]):
        result = conduct(edited, *args)
        assert result.returncode == 0, (args, text_of(result))
        assert_clean(result)
    assert "Anytown Council" in conduct(edited, "councils").stdout.decode()


def test_a_file_name_with_escapes_is_echoed_clean(home: Path, tmp_path: Path) -> None:
    source = write_txt(tmp_path, name="ev\x1b]0;x\x07il\x1b[2J.txt")
    result = conduct(home, "add", str(source), "--name", "Eviltown Council")
    assert result.returncode == 0, text_of(result)
    assert_clean(result)
    assert_clean(conduct(home, "remove", "eviltown"))


def test_an_unknown_command_with_escapes_is_echoed_clean_and_clipped(home: Path) -> None:
    result = conduct(home, "ask", stdin="/\x1b]0;pwned\x07\x1b[2Jfoo\n/council " + "x\x1b[2J" * 200_000 + "\n")
    assert result.returncode == 1  # a line got an error reply (documented exit status)
    assert_clean(result)
    assert "unknown command /foo" in result.stdout.decode()
    assert len(result.stdout) < 5_000  # a 1 MB line does not get a 1 MB reply


def test_the_chat_header_and_markdown_export_are_clean(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The chat's header shows Council.name; the export shows it, the question and the cited clause text."""
    monkeypatch.setenv("CONDUCT_HOME", str(home))  # its index cache is this home's, not the session's
    from datetime import datetime

    from assistant.engine import Assistant
    from assistant.session import Session
    from corpus.library import load_library
    from corpus.safe_text import has_control
    from tui.backend import Turn
    from tui.export import transcript_markdown

    library = load_library(home)
    document = library.document("anytown")
    council = document.council
    assert not has_control(council.name + council.title + council.source)
    assert not any(has_control(c.text.replace("\n", "").replace("\t", "")) for c in document.clauses)
    session = Session(Assistant(library), "anytown")
    question = "What must employees \u202edo\u202c about [2J gifts\x1b[2J?"
    markdown = transcript_markdown([Turn(question, session.handle(question))], lambda slug: council.name,
                                   datetime(2026, 1, 1))
    for raw in ("\x1b", "\x07", "\u202e", "\u202c"):
        assert raw not in markdown, raw
    assert "\u241b[2J" in markdown  # the typed ESC is shown as its picture, as the chat echoes it


# --------------------------------------------------------------------------- 15: terminals that are not UTF-8


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp850"])
def test_a_terminal_that_is_not_utf8_gets_what_it_can_show(home: Path, encoding: str) -> None:
    env = {"PYTHONIOENCODING": encoding}
    commands = [["councils"], ["show", "thurrock:14.5"], ["profile", "thurrock"], ["clauses", "town"],
                ["compare", "a £30 gift"]]
    for args in commands if encoding == "ascii" else commands[:2]:
        result = conduct(home, *args, env=env)
        assert result.returncode == 0, (args, result.stderr)
        assert b"Traceback" not in result.stderr
        result.stdout.decode(encoding)  # strictly what the terminal can show
    ask = conduct(home, "ask", "--council", "thurrock", "Can I accept this £30 gift from a contractor?", env=env)
    assert "30" in ask.stdout.decode(encoding) and "NO" in ask.stdout.decode(encoding)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_json_lines_stay_ascii_safe_and_lossless(home: Path, encoding: str) -> None:
    result = conduct(home, "ask", "--council", "thurrock", "--json",
                     stdin="Can I accept a £30 gift?\n/councils\n", env={"PYTHONIOENCODING": encoding})
    lines = result.stdout.decode("ascii").splitlines()  # strictly ASCII
    assert len(lines) == 2
    replies = [json.loads(line) for line in lines]
    assert all("internal error" not in json.dumps(r) for r in replies)
    assert "£30" in json.dumps(replies[0], ensure_ascii=False)


# --------------------------------------------------------------------------- 4, 5: policy.toml as people edit it


def test_a_name_toml_would_choke_on_is_stored_by_a_toml_writer(home: Path, tmp_path: Path) -> None:
    import tomllib

    edited = copy_home(home, tmp_path)
    name = 'Any "Quoted" \\ Back\\slash Town Council'
    result = conduct(edited, "add", str(write_txt(tmp_path)), "--name", name, "--slug", "quoted")
    assert result.returncode == 0, text_of(result)
    record = tomllib.loads((edited / "councils" / "quoted" / "council.toml").read_text(encoding="utf-8"))
    assert record["name"] == name
    tomllib.loads((edited / "councils" / "quoted" / "policy.toml").read_text(encoding="utf-8"))
    assert name in conduct(edited, "councils").stdout.decode()


def _policy(home: Path) -> Path:
    return home / "councils" / "anytown" / "policy.toml"


def test_one_broken_policy_is_left_out_of_a_comparison(home: Path, tmp_path: Path) -> None:
    edited = copy_home(home, tmp_path)
    _policy(edited).write_text("[gifts.limit\nvalue = = 3\n", encoding="utf-8")
    result = conduct(edited, "compare", "a £30 gift from a supplier")
    assert result.returncode == 0, text_of(result)
    out = result.stdout.decode()
    assert "Thurrock: No" in out and "Essex: No" in out
    assert "anytown was left out" in out and "not valid TOML" in out
    assert_clean(result)


@pytest.mark.parametrize("shape", ["cp1252", "bom", "deep"])
def test_policy_files_as_editors_save_them(home: Path, tmp_path: Path, shape: str) -> None:
    edited = copy_home(home, tmp_path)
    path = _policy(edited)
    good = path.read_bytes()
    if shape == "cp1252":
        path.write_bytes(good.replace(b"\n[", "\n# the officer\u2019s edit\n[".encode("cp1252"), 1))
    elif shape == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + good)
    else:
        path.write_bytes(good + b"\nx = " + b"[" * 5000 + b"\n")
    line = path.read_bytes().split(b"\n").index(next(l for l in path.read_bytes().split(b"\n")
                                                    if b"\x92" in l or b"[[[" in l), 0) + 1 if shape != "bom" else 0
    for args in (["profile", "anytown"],):
        result = conduct(edited, *args)
        err = result.stderr.decode()
        assert "Traceback" not in err and "Error" not in err.replace("PolicyError", ""), err
        if shape == "bom":
            assert result.returncode == 0, err
        else:
            assert result.returncode == 2 and str(path) in err and f"line {line}:" in err, err
            assert ("not UTF-8" if shape == "cp1252" else "nested") in err
    if shape == "cp1252":
        assert conduct(edited, "compare", "gifts").returncode == 0


# --------------------------------------------------------------------------- 12: regular files only


@pytest.mark.parametrize("where", ["councils/anytown/council.toml", "councils/anytown/text.txt",
                                   "councils/anytown/policy.toml", "cache/index.bin"])
@pytest.mark.parametrize("what", ["fifo", "dev-zero"])
def test_a_fifo_or_device_in_place_of_a_file_never_hangs(home: Path, tmp_path: Path, where: str, what: str) -> None:
    edited = copy_home(home, tmp_path)
    target = edited / where
    target.unlink()  # the add built the index cache, so every file named here exists
    if what == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    command = {"council.toml": ["councils"], "text.txt": ["councils"], "policy.toml": ["profile", "anytown"],
               "index.bin": ["--verbose", "search", "gift", "--council", "anytown"]}[target.name]
    result = conduct(edited, *command, timeout=60)
    assert_clean(result)
    assert result.returncode == (2 if target.name == "policy.toml" else 0), text_of(result)
    err = result.stderr.decode()
    if target.name in {"council.toml", "text.txt"}:
        assert "skipped the added council" in err and "anytown" not in result.stdout.decode()
    elif target.name == "policy.toml":
        assert "not an ordinary file" in err
    else:
        assert "index cache" in err and "rebuilding" in err




# --------------------------------------------------------------------------- 1, 7: Word files that inflate

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbered_docx(path: Path, fmt: str, start: int) -> Path:
    """A short code whose Word list numbering starts at `start` (a 36 KB file once took 7.5 GB)."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    document.add_paragraph("Officers' Code of Conduct", style="Title")
    for text in ("Employees must declare every gift.", "Employees must refuse cash.", "Employees must record it."):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    document.save(path)
    return path


def _spanning_docx(path: Path, span: int) -> Path:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("1.1 Employees must declare every gift.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Gift"
    table.rows[0].cells[0]._tc.get_or_add_tcPr().append(parse_xml(f'<w:gridSpan xmlns:w="{W_NS}" w:val="{span}"/>'))
    document.save(path)
    return path


def _bomb_docx(path: Path, megabytes: int) -> Path:
    """A real .docx with one more part of `megabytes` MB of zeros (about 1 MB compressed per GB)."""
    import zipfile

    try:
        from tests.fixtures_docs import build_policy_docx
    except ImportError:
        from fixtures_docs import build_policy_docx  # type: ignore[no-redef]
    build_policy_docx(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/media/filler.bin", "w", force_zip64=True) as part:
            block = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                part.write(block)
    return path


@pytest.mark.parametrize("fmt, start", [("lowerLetter", 10 ** 11), ("lowerRoman", 10 ** 13), ("decimal", 10 ** 30)])
def test_list_numbering_from_the_file_is_bounded(home: Path, tmp_path: Path, fmt: str, start: int) -> None:
    result = conduct(copy_home(home, tmp_path), "add", str(_numbered_docx(tmp_path / "code.docx", fmt, start)),
                     "--name", "Numbered Council", timeout=60)
    assert result.returncode == 2, text_of(result)
    assert "automatic list numbering reaches" in result.stderr.decode()
    assert_clean(result)


def test_ordinary_list_numbering_still_reads(tmp_path: Path) -> None:
    from corpus.extract import extract

    text = extract(_numbered_docx(tmp_path / "code.docx", "lowerRoman", 3)).text
    assert "iii. Employees must declare every gift." in text and "v. Employees must record it." in text


def test_a_cell_spanning_a_billion_columns_is_refused(home: Path, tmp_path: Path) -> None:
    result = conduct(copy_home(home, tmp_path), "add", str(_spanning_docx(tmp_path / "code.docx", 10 ** 9)),
                     "--name", "Spanning Council", timeout=60)
    assert result.returncode == 2, text_of(result)
    assert "spans 1,000,000,000 columns" in result.stderr.decode()
    assert_clean(result)


def test_a_zip_bomb_is_refused_before_it_inflates(home: Path, tmp_path: Path) -> None:
    bomb = _bomb_docx(tmp_path / "bomb.docx", 1024)  # 1 GB of zeros in about 1 MB
    assert bomb.stat().st_size < 3 * 1024 * 1024
    result = conduct(copy_home(home, tmp_path), "add", str(bomb), "--name", "Bomb Council", timeout=60)
    assert result.returncode == 2, text_of(result)
    err = result.stderr.decode()
    assert "would inflate to 1,024 MB" in err and "zip bomb" in err and "damaged" not in err
    assert_clean(result)


# --------------------------------------------------------------------------- 6: Markdown in linear time

MARKDOWN_SHAPES = {
    "bold": "**a ", "backticks": "`", "strike": "~~a ", "star": "*a ", "underscore": " _a", "comment": "<!--",
    "double-underscore": " __a", "link": "[a](",
}


@pytest.mark.parametrize("shape", list(MARKDOWN_SHAPES))
def test_pathological_markdown_completes(tmp_path: Path, shape: str) -> None:
    """Each shape at 100 KB in one paragraph, read in a child process under the memory limit. The
    time each takes against an ordinary document of the same size is benchmarks/bench_hostile.py's."""
    unit = MARKDOWN_SHAPES[shape]
    path = tmp_path / "code.md"
    path.write_text("# Gifts\n\n1.1 Employees must declare gifts. " + unit * (100_000 // len(unit)) + "\n",
                    encoding="utf-8")
    code = "import sys; from corpus.extract import extract; print(len(extract(sys.argv[1]).text))"
    result = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, preexec_fn=_limit_memory)
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout) > 50_000  # the text is kept, not dropped


def test_markdown_emphasis_code_and_comments_still_read(tmp_path: Path) -> None:
    from corpus.extract import extract

    path = tmp_path / "code.md"
    path.write_text("# Gifts\n\n1.1 Employees **must** declare _every_ gift, __even__ a *small* one, with "
                    "`the form`<!-- internal note --> and ``double`` ticks. ~~Old rule.~~ New rule.\n",
                    encoding="utf-8")
    text = extract(path).text
    assert "1.1 Employees must declare every gift, even a small one, with the form and double ticks." in text
    assert "Old rule" not in text and "New rule." in text and "internal note" not in text


# --------------------------------------------------------------------------- 8: council names that only resemble one


@pytest.mark.parametrize("wanted, suggestion", [("anytown", "town"), ("gloucestershire", "gloucester"),
                                                ("county durham", "county")])
def test_a_name_that_only_resembles_a_council_is_refused_with_a_suggestion(tmp_path: Path, wanted: str,
                                                                           suggestion: str) -> None:
    """As after `conduct remove anytown`: only the bundled councils are left."""
    result = conduct(tmp_path / "home", "clauses", wanted)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert f"no council called {wanted!r}" in err and f"Did you mean {suggestion}" in err, err


def test_exact_names_and_clear_typos_are_taken_and_a_typo_is_said(library) -> None:
    for wanted, slug in [("thurrock", "thurrock"), ("Thurrock Council", "thurrock"), ("ESSEX", "essex"),
                         ("essex county council", "essex"), ("county", "county")]:
        match = library.find_council(wanted)
        assert (match.slug, match.exact) == (slug, True), wanted
    assert library.find_council("thurock").slug == "thurrock" and not library.find_council("thurock").exact


def test_a_typo_taken_is_said_on_stderr(home: Path) -> None:
    result = conduct(home, "clauses", "thurock")
    assert result.returncode == 0
    assert "taking 'thurock' to mean thurrock (Thurrock Council)" in result.stderr.decode()


# --------------------------------------------------------------------------- 16: housekeeping


def test_leftovers_of_dead_adds_links_and_temp_files_are_cleared(tmp_path: Path) -> None:
    import time

    from corpus.added import add_council, remove_council
    from index import store

    home = tmp_path / "home"
    first = add_council(write_txt(tmp_path), "Anytown Borough Council", home=home)
    root = home / "councils"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    leftover = root / f".adding-other-{int(dead.stdout)}-{'0' * 12}"
    leftover.mkdir()
    (leftover / "text.txt").write_text("half written", encoding="utf-8")
    # a council folder that is a symlink to a folder elsewhere
    elsewhere = tmp_path / "elsewhere"
    first.directory.rename(elsewhere)
    (root / "anytown").symlink_to(elsewhere)
    remove_council("anytown", home=home)
    assert not any(p.name.startswith(".removing-") for p in root.iterdir())
    assert (elsewhere / "council.toml").is_file()  # only the link went
    add_council(write_txt(tmp_path, name="b.txt"), "Bothtown Council", home=home)
    assert not leftover.exists()  # its adder has exited: cleared at once, not after 24 hours

    cache = tmp_path / "cache"
    cache.mkdir()
    stale, fresh = cache / ".index.json.abc.tmp", cache / ".index.json.def.tmp"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    store.save(cache / "index.json", "key", {})
    assert not stale.exists() and fresh.exists()
