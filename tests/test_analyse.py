"""Tests for index.analyse: one analyser for clauses and questions."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.analyse import ANALYSER_VERSION, Analyser, get_analyser, lexicon_fingerprint
from index.normalise import normalise
try:
    from tests.profiles import examples
except ImportError:  # tests/ is not a package: pytest puts it on sys.path instead
    from profiles import examples  # type: ignore[no-redef]

DOCUMENTS = Path(__file__).resolve().parents[1] / "corpus" / "documents"


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return get_analyser()


def test_importing_the_module_does_not_import_spacy() -> None:
    code = "import sys, index.analyse; sys.exit('spacy' in sys.modules)"
    root = Path(__file__).resolve().parents[1]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0


def test_public_constants() -> None:
    assert isinstance(ANALYSER_VERSION, str) and ANALYSER_VERSION
    fingerprint = lexicon_fingerprint()
    assert re.fullmatch(r"[0-9a-f]{64}", fingerprint)
    assert lexicon_fingerprint() == fingerprint


def test_get_analyser_is_cached(analyser: Analyser) -> None:
    assert get_analyser() is analyser


# -- stop words, punctuation, empties ------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "the and of it", "You must not.", "?!,;:()", "\u200b"])
def test_empty_or_stop_only_text_gives_no_tokens(analyser: Analyser, text: str) -> None:
    assert analyser.tokens(text) == []
    assert analyser.query_tokens(text) == []


def test_stop_words_and_punctuation_are_dropped(analyser: Analyser) -> None:
    assert analyser.tokens("Gifts, hospitality; (and) \u2014 bribes!") == ["gift", "hospitality", "bribe"]
    assert analyser.tokens("You must not accept it.") == ["accept"]


def test_domain_words_on_spacys_stop_list_are_kept(analyser: Analyser) -> None:
    assert analyser.tokens("give interviews") == ["give", "interview"]
    assert analyser.tokens("take part") == ["take", "part"]
    assert analyser.tokens("a serious breach") == ["serious", "breach"]
    assert analyser.tokens("private calls") == ["private", "call"]
    assert analyser.tokens("offered by a third party") == ["offer", "third", "party"]
    assert analyser.tokens("the good name of the council") == ["good", "name", "council"]


def test_list_markers_and_abbreviations_are_dropped(analyser: Analyser) -> None:
    assert analyser.tokens("xiv. serious acts of dishonesty") == ["serious", "act", "dishonesty"]
    assert analyser.tokens("a) gifts b) loans c) fees") == ["gift", "loan", "fee"]
    assert analyser.tokens("eg. diaries, e.g. pens, etc.") == ["diary", "pen"]


# -- lemmas and spelling ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gifts", ["gift"]),
        ("accepted", ["accept"]),
        ("councillors", ["councillor"]),
        ("contractors", ["contractor"]),
        ("declared interests", ["declare", "interest"]),
        ("relatives", ["relative"]),
        ("took bribes", ["take", "bribe"]),
    ],
)
def test_lemmas(analyser: Analyser, text: str, expected: list[str]) -> None:
    assert analyser.tokens(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("media", ["media"]),  # not "medium"
        ("goods and services", ["goods", "service"]),  # not "good"
        ("second job", ["second", "job"]),  # not "2"
        ("drunk", ["drunk"]),  # not "drink"
        ("freebies", ["freebie"]),
    ],
)
def test_lemma_table_corrections(analyser: Analyser, text: str, expected: list[str]) -> None:
    assert analyser.tokens(text) == expected


@pytest.mark.parametrize(
    ("american", "british"),
    [
        ("organizations", "organisations"),
        ("organization", "organisation"),
        ("authorized", "authorised"),
        ("authorize", "authorise"),
        ("criticizing", "criticising"),
        ("familiarize", "familiarise"),
        ("prioritized", "prioritised"),
        ("behavior", "behaviour"),
        ("behaviors", "behaviours"),
        ("favor", "favour"),
        ("favored", "favoured"),
        ("favoritism", "favouritism"),
        ("license", "licence"),
        ("licensed", "licensed"),
        ("licenses", "licences"),
        ("defense", "defence"),
        ("offense", "offence"),
        ("judgment", "judgement"),
        ("program", "programme"),
        ("programs", "programmes"),
        ("color", "colour"),
        ("center", "centre"),
        ("analyzed", "analysed"),
        ("jewelry", "jewellery"),
        ("traveling", "travelling"),
        ("willful", "wilful"),
        ("councilor", "councillor"),
        ("practise", "practice"),
    ],
)
def test_american_and_british_spellings_give_the_same_tokens(
    analyser: Analyser, american: str, british: str
) -> None:
    assert analyser.tokens(american) == analyser.tokens(british)
    assert analyser.tokens(american) != []


def test_british_form_is_the_canonical_token(analyser: Analyser) -> None:
    assert analyser.tokens("organizations authorized behavior") == ["organisation", "authorise", "behaviour"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [("size", "size"), ("prize", "prize"), ("seized", "seize"), ("capsized", "capsize"), ("citizens", "citizen")],
)
def test_ize_rule_leaves_words_spelt_ize_in_british_english(analyser: Analyser, word: str, expected: str) -> None:
    assert analyser.tokens(word) == [expected]


def test_compounds_are_written_one_way(analyser: Analyser) -> None:
    assert analyser.tokens("e-mail") == analyser.tokens("email") == ["email"]
    assert analyser.tokens("Smokefree") == analyser.tokens("smoke-free") == analyser.tokens("smoke free")
    assert analyser.tokens("well-being") == analyser.tokens("wellbeing")
    assert analyser.tokens("whistle-blowing") == analyser.tokens("Whistleblowing")
    assert "contractor" in analyser.tokens("sub-contractors")


# -- money and numbers -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£30", ["£30"]),
        ("£30.00", ["£30"]),
        ("£25.00 or more", ["£25"]),
        ("£1,000", ["£1000"]),
        ("£1,000.00", ["£1000"]),
        ("£25.50", ["£25.50"]),
        ("£25.5", ["£25.50"]),
        ("£ 30", ["£30"]),
        ("(£25)", ["£25"]),
        ("30 pounds", ["£30"]),
        ("30 quid", ["£30"]),
        ("GBP 30", ["£30"]),
        ("£2.5k", ["£2500"]),
        ("£30-£40", ["£30", "£40"]),
        ("\uffe1\uff13\uff10", ["£30"]),
        ("a £30 bottle", ["£30", "bottle"]),
    ],
)
def test_money_is_one_token(analyser: Analyser, text: str, expected: list[str]) -> None:
    assert analyser.tokens(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("within 28 days", ["28", "day"]),
        ("25", ["25"]),
        ("1,000 staff", ["1000", "staff"]),
        ("Bribery Act 2010", ["bribery", "act", "2010"]),
        ("paragraph 14.5", ["paragraph", "14.5"]),
        ("10.0 Gifts", ["10", "gift"]),
    ],
)
def test_numbers_are_kept(analyser: Analyser, text: str, expected: list[str]) -> None:
    assert analyser.tokens(text) == expected


# -- IT, quotes, invisible characters --------------------------------------


def test_it_in_capitals_means_ict(analyser: Analyser) -> None:
    assert analyser.tokens("IT equipment") == ["ict", "equipment"]
    assert analyser.tokens("ICT Users Policy") == ["ict", "user", "policy"]
    assert analyser.tokens("Is it allowed?") == ["allow"]
    assert analyser.tokens("ask the I.T. team") == ["ask", "ict", "team"]
    assert "ict" not in analyser.tokens("CAN I KEEP IT?")


def test_normalisation_happens_first(analyser: Analyser) -> None:
    assert analyser.tokens("officer\u2019s gi\u200bft") == analyser.tokens("officer's gift")
    assert analyser.tokens("\x1b[31mgifts\x1b[0m") == ["gift"]


# -- determinism, batching, interning --------------------------------------


def test_same_input_same_output(analyser: Analyser) -> None:
    text = "Can I accept a £30 bottle of whisky from a contractor?"
    assert analyser.tokens(text) == analyser.tokens(text)
    assert analyser.query_tokens(text) == analyser.query_tokens(text)
    fresh = Analyser()
    assert fresh.tokens(text) == analyser.tokens(text)
    assert fresh.query_tokens(text) == analyser.query_tokens(text)


def _corpus_paragraphs() -> list[str]:
    paragraphs: list[str] = []
    for path in sorted(DOCUMENTS.glob("*.txt")):
        paragraphs += [p for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]
    return paragraphs


def test_tokens_many_equals_tokens(analyser: Analyser) -> None:
    texts = ["", "Gifts and hospitality", "£1,000.00 from a supplier", "  ", "IT laptops", *_corpus_paragraphs()]
    assert analyser.tokens_many(texts) == [analyser.tokens(text) for text in texts]
    assert analyser.tokens_many([]) == []


def test_tokens_are_interned(analyser: Analyser) -> None:
    first = analyser.tokens("hospitality offered £30")
    second = analyser.tokens_many(["hospitality offered £30"])[0]
    for a, b in zip(first, second, strict=True):
        assert a is b
        assert sys.intern(a) is a


# -- questions -------------------------------------------------------------


def test_query_tokens_start_with_the_question_tokens(analyser: Analyser) -> None:
    question = "I'm seeing one of the councillors"
    tokens = analyser.tokens(question)
    query = analyser.query_tokens(question)
    assert query[: len(tokens)] == tokens
    assert {"close", "personal", "relationship", "elect", "member"} <= set(query[len(tokens):])


def test_expansions_do_not_repeat_tokens(analyser: Analyser) -> None:
    query = analyser.query_tokens("a gift card from a contractor")
    expansion = query[len(analyser.tokens("a gift card from a contractor")):]
    assert query.count("gift") == 1
    assert len(expansion) == len(set(expansion))


def test_question_without_lexicon_words_is_not_expanded(analyser: Analyser) -> None:
    question = "What does the code say about equality and diversity?"
    assert analyser.query_tokens(question) == analyser.tokens(question)


# -- properties --------------------------------------------------------------

_words = st.sampled_from(
    ["gift", "Gifts", "£30", "£1,000.00", "IT", "it", "the", "councillors", "organization",
     "e-mail", "xiv.", "\u2019", "\u200b", "--", "28", "will", "second job", "\x1b[1m", "(c)"]
)


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.one_of(_words, st.text(max_size=8)), max_size=12))
def test_tokens_are_clean_and_stable(words: list[str]) -> None:
    analyser = get_analyser()
    text = " ".join(words)
    tokens = analyser.tokens(text)
    assert all(token and token == token.strip() and " " not in token for token in tokens)
    assert analyser.tokens(normalise(text)) == tokens
    assert analyser.tokens_many([text, text]) == [tokens, tokens]
    assert analyser.query_tokens(text)[: len(tokens)] == tokens
