"""assistant.understand.councils: the council a question names, typos and all, and no false alarms."""

from __future__ import annotations


import pytest

from tests.bounded import cpu_limit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.understand.councils import detect_council, detect_councils, find_mentions
try:
    from tests.profiles import examples
except ImportError:  # tests/ is not a package: pytest puts it on sys.path instead
    from profiles import examples  # type: ignore[no-redef]

COUNCILS = [
    ("thurrock", ["Thurrock", "Thurrock Council"]),
    ("county", ["county council", "the county"]),
    ("town", ["town council", "the town"]),
    ("gloucester", ["Gloucester", "Gloucester City Council"]),
    ("essex", ["Essex", "Essex County Council", "ECC"]),
]

ONE = [
    # exact names and aliases
    ("Can I accept a gift at Thurrock?", "thurrock"),
    ("THURROCK gifts", "thurrock"),
    ("thurrock council rules on hospitality", "thurrock"),
    ("Thurrock's gift rules", "thurrock"),
    ("Essex County Council gifts", "essex"),
    ("essex county council", "essex"),
    ("ECC rules", "essex"),
    ("what does ecc say", "essex"),
    ("I'm at Essex.", "essex"),
    ("Gloucester City Council", "gloucester"),
    ("gloucester's code", "gloucester"),
    ("what does the county council say", "county"),
    ("County council rules", "county"),
    ("Does County Council allow it", "county"),
    ("I work for the Town Council. Can I", "town"),
    ("town council", "town"),
    # typos
    ("in Glocester can I", "gloucester"),
    ("Glouster rules", "gloucester"),
    ("Gloucster", "gloucester"),
    ("Gloucestor", "gloucester"),
    ("thurrok gifts", "thurrock"),
    ("Thurock policy", "thurrock"),
    ("thurrocks rules", "thurrock"),
    ("Esex", "essex"),
    ("essx hospitality", "essex"),
    ("Esssex", "essex"),
    ("esex county council", "essex"),
    # one named exactly beats another only guessed from a typo
    ("Thurrock and essx", "thurrock"),
    # other bodies that share a name are not the council
    ("Essex Police arrested me, I work for Thurrock", "thurrock"),
    ("Gloucester Rugby tickets from a supplier at Thurrock", "thurrock"),
]


@pytest.mark.parametrize(("text", "slug"), ONE, ids=[t for t, _ in ONE])
def test_detects_the_council(text: str, slug: str) -> None:
    assert detect_council(text, COUNCILS) == slug


NONE = [
    "the council says",
    "can I accept a gift",
    "count the gifts",
    "county lines gangs",
    "I live out of town",
    "the town centre",
    "the county",
    "the city council",
    "Kent County Council",
    "Basildon Town Council rules",
    "Gloucestershire County Council",
    "Gloster rules",  # too far from Gloucester to guess
    "Wessex Water offered me tickets",
    "Sussex",
    "Middlesex",
    "through the council",
    "thorough",
    "excess baggage",
    "essays",
    "Essex Police",
    "Leicester",
    "Worcester",
    "",
    "   ",
]


@pytest.mark.parametrize("text", NONE, ids=[t or "empty" for t in NONE])
def test_no_council(text: str) -> None:
    assert detect_council(text, COUNCILS) is None
    assert detect_councils(text, COUNCILS) == []


MANY = [
    ("How do Essex and Thurrock differ on gifts?", ["essex", "thurrock"]),
    ("Essx and Thurrok", ["essex", "thurrock"]),
    ("compare gloucester, the county council and ECC", ["gloucester", "county", "essex"]),
    ("Essex. County Council rules", ["essex", "county"]),
    ("Thurrock vs thurrock council", ["thurrock"]),
]


@pytest.mark.parametrize(("text", "slugs"), MANY, ids=[t for t, _ in MANY])
def test_several_councils_are_listed_in_order_and_ambiguous_alone(text: str, slugs: list[str]) -> None:
    assert detect_councils(text, COUNCILS) == slugs
    assert detect_council(text, COUNCILS) == (slugs[0] if len(slugs) == 1 else None)


def test_mentions_carry_offsets_and_strength() -> None:
    text = "Is Thurock stricter than Essex County Council?"
    mentions = find_mentions(text, COUNCILS)
    assert [(m.slug, m.text, m.exact) for m in mentions] == [
        ("thurrock", "Thurock", False),
        ("essex", "Essex County Council", True),
    ]
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_no_english_word_is_taken_for_a_council() -> None:
    from spacy.lookups import load_lookups

    table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    words = sorted({w for kv in table.items() for w in kv if isinstance(w, str) and w.isalpha()})
    assert [w for w in words if detect_councils(w, COUNCILS)] == []


def test_other_council_lists_work() -> None:
    councils = [("bristol", ["Bristol", "Bristol City Council"]), ("bath", ["Bath and North East Somerset", "BANES"])]
    assert detect_council("gifts at Bristl", councils) == "bristol"
    assert detect_council("Bath and North East Somerset rules", councils) == "bath"
    assert detect_council("the county council", councils) is None
    assert detect_councils("anything", []) == []


def test_long_input_is_fast() -> None:
    text = "Thurock Esex glocester. The county council, the town " * 2000
    with cpu_limit(30, "detect_councils on 100 KB"):
        assert detect_councils(text, COUNCILS) == ["thurrock", "essex", "gloucester", "county"]


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=500))
def test_any_text_never_raises(text: str) -> None:
    for m in find_mentions(text, COUNCILS):
        assert text[m.start:m.end] == m.text
    detect_council(text, COUNCILS)
