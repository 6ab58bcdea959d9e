"""Tests for the domain lexicon (index/data/lexicon.toml) as applied to questions."""
from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest

from index.analyse import Analyser, get_analyser

DOCUMENTS = Path(__file__).resolve().parents[1] / "corpus" / "documents"


def _load() -> list[dict]:
    data = tomllib.loads(
        resources.files("index").joinpath("data").joinpath("lexicon.toml").read_text(encoding="utf-8")
    )
    return list(data.get("entry", []))


ENTRIES = _load()
PHRASES = [(entry["name"], phrase, entry["expand"]) for entry in ENTRIES for phrase in entry["phrases"]]


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return get_analyser()


# -- the file itself ---------------------------------------------------------


def test_lexicon_parses_and_has_no_empty_entries() -> None:
    assert len(ENTRIES) >= 30
    for entry in ENTRIES:
        assert set(entry) == {"name", "phrases", "expand"}, entry
        assert isinstance(entry["name"], str) and entry["name"].strip()
        assert isinstance(entry["expand"], str) and entry["expand"].strip(), entry["name"]
        assert isinstance(entry["phrases"], list) and entry["phrases"], entry["name"]
        for phrase in entry["phrases"]:
            assert isinstance(phrase, str) and phrase.strip() == phrase and phrase, (entry["name"], phrase)
            assert phrase == phrase.lower(), (entry["name"], phrase)
            assert "=" not in phrase.replace(" =", " ").lstrip("="), (entry["name"], phrase)


def test_entry_names_are_unique() -> None:
    names = [entry["name"] for entry in ENTRIES]
    assert len(names) == len(set(names))


def test_no_phrase_is_listed_twice() -> None:
    seen: dict[str, str] = {}
    for name, phrase, _ in PHRASES:
        assert phrase not in seen, f"{phrase!r} in both {seen[phrase]!r} and {name!r}"
        seen[phrase] = name


def test_every_expansion_analyses_to_tokens(analyser: Analyser) -> None:
    for entry in ENTRIES:
        assert analyser.tokens(entry["expand"]), entry["name"]


def test_every_expansion_token_occurs_in_some_code(analyser: Analyser) -> None:
    """An expansion word that no code uses can never help retrieval."""
    documents = sorted(DOCUMENTS.glob("*.txt"))
    if not documents:
        pytest.skip("corpus documents not present")
    vocabulary: set[str] = set()
    for tokens in analyser.tokens_many([path.read_text(encoding="utf-8") for path in documents]):
        vocabulary.update(tokens)
    missing = {
        entry["name"]: [t for t in analyser.tokens(entry["expand"]) if t not in vocabulary]
        for entry in ENTRIES
    }
    assert not {name: words for name, words in missing.items() if words}


# -- every phrase expands ----------------------------------------------------


@pytest.mark.parametrize(("name", "phrase", "expand"), PHRASES, ids=[f"{n}: {p}" for n, p, _ in PHRASES])
def test_phrase_expands_to_its_entry(analyser: Analyser, name: str, phrase: str, expand: str) -> None:
    expansion = set(analyser.tokens(expand))
    question = phrase.replace("=", "")  # "=" marks exact-form words in the file
    assert expansion <= set(analyser.query_tokens(question))
    assert name in analyser.matched_entries(question)
    # The same phrase inside a sentence, capitalised, with punctuation around it.
    sentence = f"Quick question: {question.capitalize()}, is that OK?"
    assert expansion <= set(analyser.query_tokens(sentence)), sentence


# -- realistic questions -------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Can I accept a £30 bottle of whisky from a contractor?", {"gift"}),
        ("I'm seeing one of the councillors", {"romantic relationship", "councillor"}),
        ("A journalist rang me about the bin strike", {"media"}),
        ("Can I do some freelance work at weekends?", {"secondary employment"}),
        ("I'm a Freemason, do I need to declare it?", {"secret society"}),
        ("A supplier offered me tickets to the football", {"hospitality event or ticket"}),
        ("I got arrested last night", {"arrest or charge"}),
        ("Can I post about the council on Facebook?", {"social media"}),
        ("My wife works for a company bidding for a contract", {"partner or spouse", "contractor or supplier"}),
        ("An elderly resident left me money in her will", {"service user", "bequest"}),
        ("Can I vape in the council van?", {"smoking", "council vehicle"}),
        ("I want to stand for election to the parish council", {"standing for election"}),
        ("I want to stand as a councillor", {"standing for election"}),
        ("Can I look up my neighbour's address on the system?", {"snooping on records"}),
        ("I'm off sick but want to do some bar work", {"sickness absence", "secondary employment"}),
        ("Can I wear jeans on Fridays?", {"appearance and dress"}),
        ("I think my colleague is fiddling his expenses", {"whistleblowing"}),
        ("Can I get mates' rates from a supplier?", {"discount"}),
        ("My nephew applied for a job in my team", {"relative or friend applying", "recruitment"}),
        ("My niece works in my team", {"family member"}),
        ("My brother's company wants to tender", {"family or friend's business", "contractor or supplier"}),
        ("I got 3 points on my licence for speeding", {"traffic offence"}),
        ("Can I use my work phone for a personal call?", {"council devices", "phone calls"}),
        ("I'm going out with a Cllr", {"romantic relationship", "councillor"}),
        ("Someone gave me a \u00a350 Amazon voucher", {"voucher or money"}),
        ("Is GDPR relevant if I leak data?", {"confidential information"}),
        ("My IT laptop", {"information technology", "council devices"}),
    ],
)
def test_questions_match_the_expected_entries(analyser: Analyser, question: str, expected: set[str]) -> None:
    assert expected <= set(analyser.matched_entries(question))


# -- precision: everyday words that must not expand ----------------------------


@pytest.mark.parametrize(
    ("question", "not_expected"),
    [
        ("Will I get in trouble?", "bequest"),
        ("I was done for drink driving", "hospitality meal or drink"),
        ("Staff must not present themselves for work drunk", "gift"),
        ("Can I share information with a colleague?", "financial interest"),
        ("Please date the form", "romantic relationship"),
        ("I sat on the interview panel", "media"),
        ("Can I lodge a complaint?", "secret society"),
        ("I'll get an Uber home after the conference", "secondary employment"),
        ("I got a speeding ticket", "hospitality event or ticket"),
        ("A member of the public complained", "councillor"),
        ("Can I use my own laptop?", "council devices"),
        ("Who holds the petty cash?", "voucher or money"),
        ("Can I hire an ex-employee as a contractor?", "partner or spouse"),
        ("My ex-colleague set up a business", "partner or spouse"),
        ("Does the code apply to agency staff?", "recruitment"),
        ("Is it ok to report to my manager?", "line management of relatives"),
        ("I need to take-home pay details", "theft"),
        ("The police asked me about a service user", "arrest or charge"),
        ("Someone I work with is taking tablets", "service user"),
        ("Someone I work with is taking tablets", "council devices"),
        ("Is there an Amazon gift card limit?", "personal internet use"),
        ("Can I raise a ticket with IT?", "hospitality event or ticket"),
        ("We sent an invitation to tender", "hospitality event or ticket"),
        ("Can I promote my business on LinkedIn?", "line management of relatives"),
        ("Does this tool give the right answer?", "council devices"),
    ],
)
def test_everyday_words_do_not_trigger_the_wrong_entry(
    analyser: Analyser, question: str, not_expected: str
) -> None:
    assert not_expected not in analyser.matched_entries(question)


def test_longer_phrase_wins_over_a_phrase_inside_it(analyser: Analyser) -> None:
    assert analyser.matched_entries("the BBC asked for an interview") == ["media"]
    assert analyser.matched_entries("I'm on a job interview panel") == ["recruitment"]
    assert analyser.matched_entries("drink driving") == ["traffic offence"]


def test_plural_and_inflected_forms_match(analyser: Analyser) -> None:
    assert "appearance and dress" in analyser.matched_entries("my tattoos")
    assert "arrest or charge" in analyser.matched_entries("I was arrested")
    assert "gift" in analyser.matched_entries("two hampers")
    assert "voucher or money" in analyser.matched_entries("gift cards")
    assert "partner or spouse" in analyser.matched_entries("My husband\u2019s job")


def test_words_marked_exact_do_not_match_other_forms(analyser: Analyser) -> None:
    assert "council devices" in analyser.matched_entries("Can I take the phone home?")
    assert "council devices" not in analyser.matched_entries("A journalist phoned me")
    assert "media" not in analyser.matched_entries("I pressed the fire alarm")


def test_american_spelling_in_a_question_still_matches(analyser: Analyser) -> None:
    assert "traffic offence" in analyser.matched_entries("points on my license")
