"""`conduct add`, `conduct remove` and `conduct profile`: the handlers, their output, their refusals,
and the answers an added council then gives."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from assistant.cli import add as add_command
from corpus.library import load_library

try:
    from tests.test_added import WRITERS, write_docx, write_md, write_txt
    from tests.fixtures_docs import build_scanned_pdf
except ImportError:  # tests/ is not a package: pytest puts it on sys.path instead
    from test_added import WRITERS, write_docx, write_md, write_txt  # type: ignore[no-redef]
    from fixtures_docs import build_scanned_pdf  # type: ignore[no-redef]

NAME = "Anytown Borough Council"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("CONDUCT_HOME", str(path))
    return path


@pytest.fixture
def no_index(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Skip building the search index after an add (one test builds it for real)."""
    calls: list[int] = []
    monkeypatch.setattr(add_command, "_index", lambda: calls.append(1))
    return calls


def run(handler, capsys: pytest.CaptureFixture[str], home: Path, **options) -> tuple[int, str, str]:
    options.setdefault("json", False)
    code = handler(load_library(home), argparse.Namespace(**options))
    out, err = capsys.readouterr()
    return code, out, err


def add(capsys, home: Path, path: Path, name: str = NAME, slug: str | None = None, as_json: bool = False):
    return run(add_command.cmd_add, capsys, home, path=str(path), name=name, slug=slug, json=as_json)


def listing(home: Path) -> list[str]:
    root = home / "councils"
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


# --------------------------------------------------------------------------- the parser


def test_register_adds_the_three_commands() -> None:
    parser = argparse.ArgumentParser(prog="conduct")
    handlers = add_command.register(parser.add_subparsers(dest="command"))
    assert handlers == {"add": add_command.cmd_add, "remove": add_command.cmd_remove, "profile": add_command.cmd_profile}
    args = parser.parse_args(["add", "code.docx", "--name", NAME, "--slug", "anytown", "--json"])
    assert (args.command, args.path, args.name, args.slug, args.json) == ("add", "code.docx", NAME, "anytown", True)
    args = parser.parse_args(["add", "code.docx", "--name", NAME])
    assert args.slug is None and args.json is False
    assert parser.parse_args(["remove", "anytown"]).slug == "anytown"
    args = parser.parse_args(["profile", "county", "--json"])
    assert (args.council, args.json) == ("county", True)
    with pytest.raises(SystemExit):
        parser.parse_args(["add", "code.docx"])  # --name is required


# --------------------------------------------------------------------------- a whole session


def test_add_a_docx_then_profile_ask_and_remove(home: Path, tmp_path: Path, capsys) -> None:
    from assistant.engine import Assistant
    from assistant.decide.policy import policy_for

    code, out, err = add(capsys, home, write_docx(tmp_path))
    assert code == 0
    assert err.splitlines()[:4] == ["Reading anytown.docx…", "Finding clauses…", "Drafting rules…", "Indexing…"]
    assert out.startswith(f"Added {NAME} as 'anytown' (made from the name; choose your own with --slug).\n")
    assert "Clauses:   20 in 7 sections" in out
    assert "anytown:1                Gifts and hospitality (7)" in out
    assert "Rules:     19 drafted automatically" in out and "gifts 5" in out
    assert out.rstrip().endswith('conduct ask --council anytown "Can I accept a £30 gift from a supplier?"')
    assert (home / "cache" / "index.bin").is_file()  # indexed now, so the first question is quick
    assert listing(home) == ["anytown"]
    assert sorted(p.name for p in (home / "councils" / "anytown").iterdir()) == [
        "council.toml", "policy.toml", "source.docx", "text.txt"]
    assert policy_for("anytown").get("gifts.limit").value == 5000

    code, out, err = run(add_command.cmd_profile, capsys, home, council="anytown")
    assert code == 0 and err == ""
    assert out.startswith(f"{NAME} (anytown) — 19 decision parameters\nDrafted automatically")
    assert f"\n  {home / 'councils' / 'anytown' / 'policy.toml'}\n" in out
    assert "  gifts.limit = £50 (5000 pence)\n      Gifts worth £50 or more may not be kept.\n" \
           "      anytown:1.1: “Gifts worth £50 or more must be declined”" in out

    answer = Assistant(load_library(home)).ask("Can I accept a £30 gift from a supplier?", "anytown")
    assert (answer.verdict, answer.trace.rule, answer.citations[0].id) == ("allowed_with_conditions", "under_limit", "anytown:1.1")
    answer = Assistant(load_library(home)).ask("Can I accept a £60 gift from a supplier?", "anytown")
    assert (answer.verdict, answer.trace.rule, answer.citations[0].id) == ("not_allowed", "over_limit", "anytown:1.1")
    assert "Even though you decline it, you must record every offer" in answer.actions[0].text

    code, out, err = run(add_command.cmd_remove, capsys, home, slug="anytown")
    assert code == 0 and out.startswith(f"Removed {NAME} (anytown)")
    assert listing(home) == []
    assert "anytown" not in load_library(home).slugs


def test_add_json_summary(home: Path, tmp_path: Path, capsys, no_index) -> None:
    code, out, err = add(capsys, home, write_docx(tmp_path, tracked=True), slug="any", as_json=True)
    assert code == 0 and no_index == [1]
    data = json.loads(out)
    assert data["slug"] == "any" and data["slug_derived"] is False
    assert data["name"] == NAME and data["title"] == "Employee Code of Conduct"
    assert data["kind"] == "docx" and data["source"] == "anytown.docx"
    assert data["clauses"] == 20
    assert data["sections"][1] == {"id": "any:1", "heading": "Gifts and hospitality", "clauses": 7}
    assert data["parameters"] == {"contact": 1, "gifts": 5, "hospitality": 1, "outside_work": 2, "interests": 2,
                                  "media": 3, "convictions": 3, "whistleblowing": 2}
    assert data["parameter_count"] == 19
    assert "relationships" in data["not_drafted"] and "gifts" not in data["not_drafted"]
    assert any("tracked changes" in w for w in data["warnings"])
    assert data["next"] == ["conduct clauses any", "conduct profile any",
                            'conduct ask --council any "Can I accept a £30 gift from a supplier?"']
    assert "Reading anytown.docx…" in err  # progress stays on stderr, out of the JSON


def test_an_index_that_cannot_be_built_does_not_undo_the_add(home: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    def broken() -> None:
        raise OSError("disk full")

    monkeypatch.setattr(add_command, "_index", broken)
    code, out, err = add(capsys, home, write_txt(tmp_path))
    assert code == 0 and out.startswith("Added ")
    assert "conduct: the search index could not be built now (OSError: disk full)" in err
    assert listing(home) == ["anytown"]


def test_warnings_are_in_the_text_summary(home: Path, tmp_path: Path, capsys, no_index) -> None:
    code, out, _ = add(capsys, home, write_docx(tmp_path, tracked=True))
    assert code == 0
    assert "Warning:   This document has tracked changes; the revised text" in out


# --------------------------------------------------------------------------- answers


@pytest.mark.parametrize(("kind", "verdict", "rule", "citation"), [
    ("txt", "not_allowed", "barred_giver", "anytown:1.3"),          # suppliers are barred outright
    ("md", "allowed_with_conditions", "under_limit", "anytown:1.1"),   # up to £50
    ("docx", "allowed_with_conditions", "under_limit", "anytown:1.1"), # £50 or more declined
    ("pdf", "not_allowed", "over_limit", "anytown:1.1"),             # over £20 refused
])
def test_a_gift_question_is_answered_from_the_added_code(home: Path, tmp_path: Path, capsys, no_index,
                                                         kind: str, verdict: str, rule: str, citation: str) -> None:
    from assistant.engine import Assistant

    assert add(capsys, home, WRITERS[kind](tmp_path))[0] == 0
    answer = Assistant(load_library(home)).ask("Can I accept a £30 gift from a supplier?", "anytown")
    assert (answer.verdict, answer.trace.rule) == (verdict, rule)
    assert answer.citations[0].id == citation
    assert answer.citations[0].highlight  # the drafted quote is highlighted in its clause


def test_other_topics_are_decided_from_drafted_rules(home: Path, tmp_path: Path, capsys, no_index) -> None:
    from assistant.engine import Assistant

    assert add(capsys, home, write_txt(tmp_path))[0] == 0
    assistant = Assistant(load_library(home))
    cases = {
        "A customer offered me a £10 voucher": ("not_allowed", "cash_banned", "anytown:1.2"),
        "Can I take a second job?": ("allowed_with_conditions", "permission", "anytown:2.1"),
        "A journalist rang me, can I talk to them?": ("not_allowed", "not_authorised", "anytown:4.1"),
        "I was arrested last night, do I need to tell anyone?": ("required", "report", "anytown:5.1"),
        "Do I need to declare shares in a company bidding for a contract?": ("required", "declare", "anytown:3.1"),
        "I suspect a colleague is fiddling expenses": ("required", "concern", "anytown:6.1"),
    }
    for question, expected in cases.items():
        answer = assistant.ask(question, "anytown")
        assert (answer.verdict, answer.trace.rule, answer.citations[0].id) == expected, question
    answer = assistant.ask("I was arrested last night, do I need to tell anyone?", "anytown")
    assert "6 months' imprisonment" in answer.summary
    answer = assistant.ask("Do I need to declare shares in a company bidding for a contract?", "anytown")
    assert "within 14 days" in answer.summary


def test_a_topic_with_no_drafted_rule_quotes_the_clauses(home: Path, tmp_path: Path, capsys, no_index) -> None:
    from assistant.engine import Assistant

    assert add(capsys, home, write_txt(tmp_path))[0] == 0
    answer = Assistant(load_library(home)).ask("Can I wear jeans and trainers to the office?", "anytown")
    assert answer.verdict in {"guidance", "not_covered"}
    if answer.verdict == "guidance":
        assert "was found when" in answer.summary and "code was added" in answer.summary
        assert all(c.id.startswith("anytown:") for c in answer.citations)


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize("case", ["unsupported", "scanned", "missing", "folder", "empty", "no structure",
                                  "existing slug", "colliding name", "bundled slug", "invalid slug"])
def test_every_refusal_is_one_message_and_changes_nothing(home: Path, tmp_path: Path, capsys, no_index, case: str) -> None:
    add(capsys, home, write_md(tmp_path), name="Bee Town Council", slug="bee")
    before = listing(home)
    path, name, slug, message = write_txt(tmp_path), NAME, None, ""
    if case == "unsupported":
        path = tmp_path / "code.odt"
        path.write_bytes(b"PK\x03\x04 not really")
        message = "is a .odt file, which Conduct cannot read"
    elif case == "scanned":
        path = build_scanned_pdf(tmp_path / "scan.pdf")
        message = "scan"
    elif case == "missing":
        path = tmp_path / "nope.docx"
        message = "was not found"
    elif case == "folder":
        path = tmp_path
        message = "is a folder"
    elif case == "empty":
        path = tmp_path / "empty.md"
        path.write_text("\n\n", encoding="utf-8")
        message = "empty"
    elif case == "no structure":
        path = tmp_path / "prose.txt"
        path.write_text("Our values\n\nBe kind. Be honest. Work hard and do your best every day.\n", encoding="utf-8")
        message = "no numbered paragraphs (1, 1.1, (a)) or headings were found in prose.txt"
    elif case == "existing slug":
        slug, message = "bee", "a council with slug 'bee' has already been added"
    elif case == "colliding name":
        name, slug, message = "bee town council", "other", "the name 'bee town council' is already used by the council 'bee'"
    elif case == "bundled slug":
        slug, message = "gloucester", "'gloucester' is the slug of a council that ships with Conduct (Gloucester City Council)"
    elif case == "invalid slug":
        slug, message = "Any Town!", "is not a valid slug"
    code, out, err = add(capsys, home, path, name=name, slug=slug)
    assert code == 2
    assert out == ""
    last = err.rstrip("\n").split("\n")[-1]  # after any progress lines
    assert last.startswith("conduct: ") and message.lower() in last.lower()
    assert "Traceback" not in err and "Indexing" not in err
    assert listing(home) == before == ["bee"]


def test_an_interrupted_add_leaves_councils_unchanged(home: Path, tmp_path: Path, capsys, monkeypatch, no_index) -> None:
    import assistant.decide.drafting as drafting

    add(capsys, home, write_md(tmp_path), name="Bee Town Council", slug="bee")
    before = listing(home)

    def interrupted(document):
        raise KeyboardInterrupt

    monkeypatch.setattr(drafting, "policy_toml", lambda document, params: interrupted(document))
    with pytest.raises(KeyboardInterrupt):
        add(capsys, home, write_txt(tmp_path))
    assert listing(home) == before
    assert not any(p.name.startswith(".") for p in (home / "councils").iterdir())


@pytest.mark.parametrize(("slug", "message"), [
    ("county", "'county' is a council that ships with Conduct (A county council (unnamed)); it cannot be removed"),
    ("nowhere", "there is no added council 'nowhere' (added councils: anytown)"),
])
def test_remove_refusals(home: Path, tmp_path: Path, capsys, no_index, slug: str, message: str) -> None:
    add(capsys, home, write_txt(tmp_path))
    code, out, err = run(add_command.cmd_remove, capsys, home, slug=slug)
    assert code == 2 and out == "" and message in err
    assert listing(home) == ["anytown"]


def test_remove_json(home: Path, tmp_path: Path, capsys, no_index) -> None:
    add(capsys, home, write_txt(tmp_path))
    code, out, _ = run(add_command.cmd_remove, capsys, home, slug="anytown", json=True)
    assert code == 0
    assert json.loads(out) == {"removed": "anytown", "name": NAME, "directory": str(home / "councils" / "anytown")}


# --------------------------------------------------------------------------- profile


def test_profile_of_a_bundled_council(home: Path, capsys) -> None:
    code, out, err = run(add_command.cmd_profile, capsys, home, council="county")
    assert code == 0
    assert out.startswith("A county council (unnamed) (county) — ")
    assert "Written by hand for Conduct" in out
    assert "  gifts.limit = £25 (2500 pence)\n      Gifts worth £25 or more may not be kept.\n      county:10.2:" in out
    code, out, _ = run(add_command.cmd_profile, capsys, home, council="Glocester", json=True)  # typos forgiven
    data = json.loads(out)
    assert data["council"] == "gloucester" and data["bundled"] is True and data["drafted"] is False
    gifts = next(t for t in data["topics"] if t["topic"] == "gifts")
    limit = next(p for p in gifts["parameters"] if p["name"] == "gifts.limit")
    assert limit == {"name": "gifts.limit", "value": 2500, "sentence": "Gifts worth £25 or more may not be kept.",
                     "citation": "gloucester:10.2", "quote": "low cost (less than twenty five pounds (£25))", "note": None}
    assert "appearance" in data["not_covered"]


def test_profile_json_of_an_added_council(home: Path, tmp_path: Path, capsys, no_index) -> None:
    add(capsys, home, write_txt(tmp_path))
    code, out, _ = run(add_command.cmd_profile, capsys, home, council="anytown", json=True)
    assert code == 0
    data = json.loads(out)
    assert data["bundled"] is False and data["drafted"] is True
    assert data["file"] == str(home / "councils" / "anytown" / "policy.toml")
    assert data["parameter_count"] == 19
    assert [t["topic"] for t in data["topics"]] == ["contact", "gifts", "hospitality", "outside_work", "interests",
                                                   "media", "convictions", "whistleblowing"]
    barred = next(p for t in data["topics"] for p in t["parameters"] if p["name"] == "gifts.barred_givers")
    assert barred["value"] == ["contractor", "potential_contractor", "supplier", "service_user"]
    assert barred["citation"] == "anytown:1.3"
    contact = data["topics"][0]["parameters"][0]
    assert contact["sentence"] == "Ask your line manager about anything the code leaves unclear."


def test_profile_of_an_unknown_council(home: Path, capsys) -> None:
    code, out, err = run(add_command.cmd_profile, capsys, home, council="narnia")
    assert code == 2 and out == "" and "no council called 'narnia'" in err


EDITS = [
    ("invalid toml", lambda t: t.replace("[gifts.limit]", "[gifts.limit"), "not valid TOML"),
    ("unknown parameter", lambda t: t.replace("[gifts.limit]", "[gifts.limmit]"), "parameter 'gifts.limmit' is not one the decision templates know"),
    ("wrong kind", lambda t: t.replace("value = 2500", 'value = "£25"'), "parameter 'gifts.limit': value must be a positive whole number"),
    ("missing quote", lambda t: t.replace('quote = "Gifts worth less than £25, such as pens and diaries, may be accepted"\n', ""), "parameter 'gifts.limit': missing ['quote']"),
    ("no such clause", lambda t: t.replace('citation = "anytown:1.1"', 'citation = "anytown:9.9"'), "parameter 'gifts.limit': citation 'anytown:9.9' is not a clause of anytown's code"),
    ("quote not in clause", lambda t: t.replace("such as pens and diaries", "such as cars"), "parameter 'gifts.limit': the quote is not in anytown:1.1"),
]


@pytest.mark.parametrize(("case", "edit", "message"), EDITS, ids=[e[0] for e in EDITS])
def test_a_hand_edited_policy_with_an_error(home: Path, tmp_path: Path, capsys, no_index, case, edit, message) -> None:
    add(capsys, home, write_txt(tmp_path))
    path = home / "councils" / "anytown" / "policy.toml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, err = run(add_command.cmd_profile, capsys, home, council="anytown")
    assert code == 2 and out == ""
    assert str(path) in err and message in err
    assert "Traceback" not in err
    assert f"Correct {path}, or delete it" in err


def test_a_hand_edit_that_is_valid_is_used(home: Path, tmp_path: Path, capsys, no_index) -> None:
    from assistant.engine import Assistant

    add(capsys, home, write_txt(tmp_path))
    path = home / "councils" / "anytown" / "policy.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[gifts.barred_givers]")
    path.write_text(text[:start] + text[text.index("[gifts.record]"):], encoding="utf-8")  # delete one rule
    code, out, _ = run(add_command.cmd_profile, capsys, home, council="anytown")
    assert code == 0 and "gifts.barred_givers" not in out and "18 decision parameters" in out
    answer = Assistant(load_library(home)).ask("Can I accept a £30 gift from a supplier?", "anytown")
    assert (answer.verdict, answer.trace.rule) == ("not_allowed", "over_limit")


def test_profile_without_a_rules_file(home: Path, tmp_path: Path, capsys, no_index) -> None:
    add(capsys, home, write_txt(tmp_path))
    (home / "councils" / "anytown" / "policy.toml").unlink()
    code, out, _ = run(add_command.cmd_profile, capsys, home, council="anytown")
    assert code == 0
    assert "0 decision parameters" in out and "No rules file" in out


# --------------------------------------------------------------------------- the rest of the CLI sees it


def test_councils_lists_the_added_council(home: Path, tmp_path: Path, capsys, no_index) -> None:
    from assistant.cli.codes import cmd_councils

    add(capsys, home, write_txt(tmp_path))
    code, out, _ = run(cmd_councils, capsys, home, json=True)
    rows = json.loads(out)
    assert code == 0 and rows[-1]["slug"] == "anytown" and rows[-1]["bundled"] is False
    assert rows[-1]["clauses"] == 20 and rows[-1]["source"] == "anytown.txt"


def test_cli_main_runs_add_profile_and_remove(home: Path, tmp_path: Path, capsys, no_index) -> None:
    from assistant import cli

    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert {"add", "remove", "profile"} <= set(commands.choices), "`conduct add` is not wired into the parser"
    assert cli.main(["add", str(write_txt(tmp_path)), "--name", NAME]) == 0
    assert cli.main(["profile", "anytown", "--json"]) == 0
    assert cli.main(["remove", "county"]) == 2
    assert cli.main(["remove", "anytown"]) == 0
    assert listing(home) == []
