"""`conduct search` as people and scripts use it."""

from __future__ import annotations

import json

import pytest

from assistant.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_has_ranked_clauses_with_their_keys(capsys, retriever) -> None:
    code, out, _ = run(capsys, "search", "can i do a bit of moonlighting", "--council", "thurrock", "-k", "3", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 3
    assert set(rows[0]) >= {"id", "council", "section", "score", "text", "rank"}
    assert rows[0]["council"] == "thurrock" and rows[0]["rank"] == 1
    assert "thurrock:17.2" in [r["id"] for r in rows]
    assert rows[0]["score"] >= rows[1]["score"] >= rows[2]["score"]


def test_search_all_councils_is_the_default(capsys, retriever) -> None:
    _, out, _ = run(capsys, "search", "journalist", "-k", "10", "--json")
    assert len({row["council"] for row in json.loads(out)}) >= 3


def test_search_text_output(capsys, retriever) -> None:
    code, out, _ = run(capsys, "search", "journo rang me", "--council", "county", "-k", "1")
    assert code == 0 and out.startswith("1. county:8.1  (Contact with the media)  score ")


def test_search_with_no_meaningful_words_says_so(capsys, retriever) -> None:
    code, out, _ = run(capsys, "search", "the and of", "--json")
    assert code == 0 and json.loads(out) == []
    _, out, _ = run(capsys, "search", "?!", "--council", "essex")
    assert out.strip() == "The question has no words to search for."


@pytest.mark.parametrize(("argv", "message"), [(("search", "gift", "--council", "atlantis"), "no council called"), (("search", "gift", "-k", "0"), "-k must be")])
def test_search_bad_arguments(capsys, retriever, argv, message) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err


def test_clauses_search_uses_the_same_bm25(capsys, retriever) -> None:
    _, out, _ = run(capsys, "clauses", "essex", "--search", "press enquiries", "-k", "1", "--json")
    assert json.loads(out)[0]["id"] == "essex:protecting-confidential-information/5"
