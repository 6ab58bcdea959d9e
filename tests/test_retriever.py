"""BM25 as Conduct uses it: rank-bm25's scores, its small-corpus quirks, deterministic
rankings, typo correction, and an on-disk cache that is never trusted blindly."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from corpus.library import Library
from index.bm25 import Bm25Params, build_sparse, rank_bm25_model
from index.retriever import ALL, CACHE_NAME, Retriever, build_indexes, indexed_text, load_retriever


# -- rank-bm25's quirks on small corpora (why BM25Plus was chosen) ----------------

def test_okapi_floors_the_idf_of_a_term_in_more_than_half_the_clauses() -> None:
    corpus = [["gift", "council"], ["gift", "media"], ["gift", "press"], ["bribe", "x"]]
    model = rank_bm25_model(corpus, Bm25Params(variant="okapi"))
    assert model.idf["gift"] == pytest.approx(model.epsilon * model.average_idf)
    assert model.idf["gift"] > 0 > math.log((4 - 3 + 0.5) / (3 + 0.5))


def test_okapi_gives_zero_to_a_term_in_exactly_half_the_clauses() -> None:
    model = rank_bm25_model([["gift"], ["gift"], ["media"], ["press"]], Bm25Params(variant="okapi"))
    assert model.idf["gift"] == 0.0


def test_a_two_clause_corpus_scores_zero_under_okapi_but_not_plus() -> None:
    corpus = [["gift", "token"], ["media", "press"]]
    okapi = build_sparse(corpus, Bm25Params(variant="okapi"))
    plus = build_sparse(corpus, Bm25Params(variant="plus"))
    assert not okapi.scores(["gift"]).any()
    assert plus.scores(["gift"])[0] > plus.scores(["gift"])[1]


def test_an_empty_corpus_finds_nothing_instead_of_dividing_by_zero() -> None:
    for corpus in ([], [[], []]):
        sparse = build_sparse(corpus)
        assert sparse.scores(["gift"]).tolist() == [0.0] * len(corpus)


@pytest.mark.parametrize("variant", ["okapi", "plus", "l"])
def test_precomputed_weights_equal_rank_bm25_on_the_real_clauses(library: Library, variant: str) -> None:
    from index.analyse import get_analyser

    clauses = library.document("thurrock").clauses
    tokens = get_analyser().tokens_many([indexed_text(c) for c in clauses])
    params = Bm25Params(variant=variant)
    sparse, model = build_sparse(tokens, params), rank_bm25_model(tokens, params)
    for query in (["gift", "token", "contractor"], ["media"], ["sick", "leave", "work", "work"], ["nothing-here"]):
        assert np.allclose(sparse.scores(query), model.get_scores(query), rtol=0, atol=1e-9)


# -- searching ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("council", "question", "expected"),
    [
        ("thurrock", "can I accept a gift from a contractor", "thurrock:14.5"),
        ("thurrock", "can i do a bit of moonlighting", "thurrock:17.2"),
        ("county", "a journalist rang me", "county:8.1"),
        ("gloucester", "is 30 quid ok for a present", "gloucester:10.2"),
        ("essex", "I'm seeing one of the councillors", {"essex:personal-conduct/9", "essex:working-with-elected-members/3"}),
        ("town", "got nicked last night", "town:3"),
    ],
)
def test_staff_questions_find_the_answering_clause_in_the_top_three(retriever, council, question, expected) -> None:
    ids = [hit.clause.id for hit in retriever.search(question, [council], k=3).hits]
    wanted = expected if isinstance(expected, set) else {expected}
    assert wanted & set(ids), ids


def test_a_question_without_meaningful_words_searches_nothing(retriever) -> None:
    for text in ("", "   ", "the and of it", "?!?", "\x1b[31m\u200b"):
        result = retriever.search(text, None, k=5)
        assert result.hits == () and result.note == "The question has no words to search for."


def test_all_councils_search_covers_every_council_and_can_be_restricted(retriever) -> None:
    hits = retriever.search("gifts and hospitality register", None, k=40).hits
    assert {h.clause.council for h in hits} == {"thurrock", "county", "town", "gloucester", "essex"}
    only = retriever.search("gifts and hospitality register", ["town", "essex"], k=10).hits
    assert only and {h.clause.council for h in only} <= {"town", "essex"}


def test_ties_are_ordered_by_clause_id(library: Library) -> None:
    from corpus.clause import Clause

    tokens = {"x:2": ["gift"], "x:10": ["gift"], "x:1": ["gift"], "x:3": ["media", "press"]}
    retriever = Retriever(library, {ALL: _index(tokens)})
    hits = retriever._rank(ALL, ("gift",), None, 10)
    assert [cid for cid, _ in hits] == ["x:1", "x:10", "x:2"]
    assert Clause  # the ids above need no real clauses: ranking is on ids alone


def _index(tokens: dict[str, list[str]]):
    from index.retriever import CouncilIndex

    ids = list(tokens)
    return CouncilIndex(ids, build_sparse([tokens[i] for i in ids]))


def test_rankings_are_identical_across_searches(retriever) -> None:
    first = [(h.clause.id, h.score) for h in retriever.search("second job while off sick", None, k=10).hits]
    assert first == [(h.clause.id, h.score) for h in retriever.search("second job while off sick", None, k=10).hits]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("regester", "register"), ("hospitallity", "hospitality"), ("conferance", "conference"), ("saftey", "safety"), ("pasword", "password")],
)
def test_misspelt_words_are_corrected_to_the_codes_words(retriever, typed: str, meant: str) -> None:
    assert retriever.correct(typed) == meant


@pytest.mark.parametrize("word", ["stick", "tenner", "concert", "homework", "barcelona", "gift"])
def test_real_words_are_never_corrected(retriever, word: str) -> None:
    assert retriever.correct(word) == word


def test_list_items_of_one_or_two_words_are_not_indexed(retriever) -> None:
    assert "essex:associated-documents-available-on-the-intranet/12" not in retriever.indexes["essex"].ids
    assert "thurrock:18.6(1)" not in retriever.indexes["thurrock"].ids
    assert "thurrock:27.1(xxi)" in retriever.indexes["thurrock"].ids


# -- the cache ------------------------------------------------------------------------

@pytest.fixture()
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def _warnings(home: Path, library: Library, **kwargs) -> tuple[Retriever, list[str]]:
    said: list[str] = []
    return load_retriever(library, home=home, warn=said.append, **kwargs), said


def test_second_load_comes_from_the_cache_without_rebuilding(library, home, monkeypatch) -> None:
    _warnings(home, library)
    monkeypatch.setattr("index.retriever.build_indexes", lambda *a, **k: pytest.fail("rebuilt a valid cache"))
    loaded, said = _warnings(home, library)
    assert said == [] and loaded.search("gift token", ["thurrock"], 1).hits[0].clause.id == "thurrock:14.5"


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), "corrupt or truncated"),
        (lambda p: p.write_bytes(b"\x00\xff garbage"), "is not a Conduct index"),
        (lambda p: p.write_bytes(p.read_bytes().replace(b'"size"', b'"sise"', 1)), "corrupt or truncated"),
        (lambda p: p.write_text("CONDUCT-INDEX 2 " + "0" * 64 + " 2\n{}"), "corrupt or truncated"),
        (lambda p: p.write_text("CONDUCT-INDEX 1 " + "0" * 64 + "\n{}"), "written by another version"),
        (lambda p: p.write_bytes(p.read_bytes().replace(b'"byteorder":"little"', b'"byteorder":"big"')), "corrupt"),
        (lambda p: (p.unlink(), p.mkdir()), "unreadable"),
    ],
    ids=["truncated", "garbage", "tampered", "bad-checksum", "json-format-1", "other-byte-order", "unreadable"],
)
def test_a_damaged_cache_is_rebuilt_with_one_warning(library, home, damage, message) -> None:
    _warnings(home, library)
    path = home / "cache" / CACHE_NAME
    damage(path)
    if path.is_dir():  # the cache cannot be written back over a directory: it still answers
        loaded, said = _warnings(home, library)
        assert any(message in s for s in said)
        assert loaded.search("gift", ["essex"], 1).hits
        return
    loaded, said = _warnings(home, library)
    assert len([s for s in said if message in s]) == 1
    assert loaded.search("gift token", ["thurrock"], 1).hits[0].clause.id == "thurrock:14.5"
    _, again = _warnings(home, library)
    assert again == []  # rebuilt and saved: the next run trusts it


def test_a_stale_cache_is_rebuilt_with_a_warning(library, home) -> None:
    _warnings(home, library, params=Bm25Params(variant="okapi"))
    _, said = _warnings(home, library)
    assert said and "out of date" in said[0]


def test_writes_leave_no_temporary_files(library, home) -> None:
    _warnings(home, library)
    assert sorted(p.name for p in (home / "cache").iterdir()) == [CACHE_NAME]


def test_conduct_home_environment_variable_is_honoured(library, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CONDUCT_HOME", str(tmp_path / "elsewhere"))
    load_retriever(library, warn=lambda m: None)
    assert (tmp_path / "elsewhere" / "cache" / CACHE_NAME).is_file()


def test_build_reports_progress(library) -> None:
    seen: list[tuple[str, int, int]] = []
    build_indexes(library, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert seen[0][0] == "Analysing clauses" and seen[-1] == ("Building indexes", 6, 6)
