"""`conduct councils`, `clauses` and `show` as a user and a script see them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_councils_lists_all_five_with_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "councils")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["slug", "clauses", "date", "name", "title"]
    assert [line.split()[0] for line in lines[2:]] == ["thurrock", "county", "town", "gloucester", "essex"]
    assert "Gloucester City Council" in out


def test_councils_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "councils", "--json")
    data = json.loads(out)
    assert code == 0
    assert {row["slug"]: row["clauses"] for row in data}["essex"] == 146
    assert set(data[0]) >= {"slug", "name", "title", "date", "clauses", "source"}


def test_clauses_outline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "clauses", "thurrock")
    assert code == 0
    assert "thurrock:14  Hospitality" in out
    assert "thurrock:14.5" in out and "Employees must not solicit or accept personal gifts" in out
    assert "thurrock:27.1(xxi)" not in out  # items are listed with their clause, not in the outline


def test_clauses_outline_shows_an_emptied_section(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "clauses", "gloucester")
    assert "gloucester:5  Alcohol and Drugs" in out and "deleted in this draft" in out


def test_clauses_with_a_misspelt_council(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "clauses", "Glocester", "--json")
    assert code == 0 and json.loads(out)[0]["id"].startswith("gloucester:")
    code, _, err = run(capsys, "clauses", "atlantis")
    assert code == 2 and "no council called 'atlantis'" in err


def test_show_clause(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "gloucester:10.2")
    assert code == 0
    assert out.startswith("gloucester:10.2 — Gloucester City Council, section: Gifts, Hospitality and Inducements")
    assert "less than twenty five pounds (£25)" in out.replace("\n  ", " ")


def test_show_item_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "county:24.2(c)", "--json")
    data = json.loads(out)
    assert code == 0 and data["parent"] == "county:24.2" and data["section"] == "Conduct and performance"


@pytest.mark.parametrize(("section_id", "first"), [("thurrock:14", "thurrock:14.1"), ("essex:gifts-and-hospitality", "essex:gifts-and-hospitality/1")])
def test_show_section_shows_every_clause(capsys: pytest.CaptureFixture[str], section_id: str, first: str) -> None:
    code, out, _ = run(capsys, "show", section_id, "--json")
    data = json.loads(out)
    assert code == 0 and data["clauses"][0]["id"] == first
    assert len(data["clauses"]) == (10 if section_id == "thurrock:14" else 5)


@pytest.mark.parametrize(
    ("wanted", "message", "closest"),
    [
        ("thurrock:14.55", "there is no clause 'thurrock:14.55'", "thurrock:14.5"),
        ("glocester:10.2", "no council 'glocester'", "gloucester:10.2"),
        ("14.5", "is not a clause id", None),
    ],
)
def test_show_unknown_id_exits_non_zero_with_suggestions(
    capsys: pytest.CaptureFixture[str], wanted: str, message: str, closest: str | None
) -> None:
    code, out, err = run(capsys, "show", wanted)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err
    if closest:
        assert f"closest ids: {closest}" in err


def test_show_unknown_id_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "essex:gifts/9", "--json")
    data = json.loads(out)
    assert code == 2 and "error" in data and data["suggestions"]


def test_console_script_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "show", "town:12"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "You must declare any gifts and hospitality" in result.stdout


def test_clauses_without_a_slug_outlines_every_council(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "clauses", "--json")
    data = json.loads(out)
    assert code == 0 and list(data) == ["thurrock", "county", "town", "gloucester", "essex"]
    assert data["county"][-1]["id"] == "county:notes"
    _, text, _ = run(capsys, "clauses")
    assert "Thurrock Council — Part 4" in text and "Essex County Council — Code of Conduct" in text
