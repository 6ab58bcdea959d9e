"""Tests for index.normalise: the plain form both clauses and questions share."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.normalise import normalise
try:
    from tests.profiles import examples
except ImportError:  # tests/ is not a package: pytest puts it on sys.path instead
    from profiles import examples  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("officer\u2019s", "officer's"),
        ("\u2018token\u2019 gifts", "'token' gifts"),
        ("\u201cVoice of concern\u201d", '"Voice of concern"'),
        ("\u201elow\u201c \u201ahigh\u2018 \u201breversed\u201f", "\"low\" 'high' 'reversed\""),
        ("6\u2032 tall, 6\u2033 wide", "6' tall, 6\" wide"),
        ("don\u02bct", "don't"),
        ("don\u00b4t", "don't"),
    ],
)
def test_quotes_fold_to_ascii(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize("dash", ["\u2013", "\u2014", "\u2012", "\u2212", "\u2010", "\u2011", "\u2015", "\ufe58"])
def test_dashes_fold_to_hyphen(dash: str) -> None:
    assert normalise(f"Part 4 {dash} Officers") == "Part 4 - Officers"


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_zero_width_characters_are_removed(char: str) -> None:
    assert normalise(f"gi{char}ft") == "gift"
    assert normalise(f"{char}gift{char}") == "gift"


@pytest.mark.parametrize(
    "char",
    ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
     "\u2066", "\u2067", "\u2068", "\u2069", "\u061c"],
)
def test_bidi_controls_are_removed(char: str) -> None:
    assert normalise(f"hos{char}pitality") == "hospitality"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\x1b[31mred\x1b[0m alert", "red alert"),
        ("\x1b[1;32;40mbold\x1b[m", "bold"),
        ("\x1b[2J\x1b[Hclear", "clear"),
        ("\x1b]0;window title\x07question", "question"),
        ("\x1b]8;;http://example.com\x1b\\link\x1b]8;;\x1b\\ text", "link text"),
        ("lone \x1b escape", "lone escape"),
        ("\x1b(Bcharset", "charset"),
        ("\x9b31mc1 csi", "c1 csi"),
        ("trailing\x1b", "trailing"),
    ],
)
def test_ansi_escape_sequences_are_removed(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_control_characters_are_removed_but_tab_and_newline_separate_words() -> None:
    assert normalise("a\x00b") == "ab"
    assert normalise("bell\x07 and\x7f del") == "bell and del"
    assert normalise("c1\x80\x9f chars") == "c1 chars"
    assert normalise("gift\thospitality\nbribe\r\nloan") == "gift hospitality bribe loan"
    assert normalise("form\x0cfeed\x0bvt") == "form feed vt"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\ufb01le", "file"),  # ligature fi
        ("\uff11\uff12\uff13", "123"),  # fullwidth digits
        ("\uffe130", "£30"),  # fullwidth pound sign
        ("\uff27\uff49\uff46\uff54", "Gift"),  # fullwidth letters
        ("\u2460", "1"),  # circled digit
        ("caf\u0065\u0301", "caf\u00e9"),  # composed
    ],
)
def test_nfkc(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_whitespace_is_collapsed_and_stripped() -> None:
    assert normalise("   lots   of\u00a0\u00a0space\u2003here \u2028 ") == "lots of space here"
    assert normalise("") == ""
    assert normalise(" \t\n ") == ""
    assert normalise("\u200b\u200b") == ""


def test_plain_text_is_unchanged() -> None:
    text = "Employees must not solicit or accept personal gifts (see 14.5)."
    assert normalise(text) == text


def test_combination_from_a_pasted_question() -> None:
    raw = "\x1b[1m Can I accept a \u201cthank\u2011you\u201d gift\u200b worth \uffe1\uff13\uff10?\x1b[0m\r\n"
    assert normalise(raw) == 'Can I accept a "thank-you" gift worth £30?'


_FORBIDDEN = {chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]} | set(
    "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u061c\u2018\u2019\u201c\u201d\u2013\u2014"
)


@settings(max_examples=examples(300), deadline=None)
@given(st.text())
def test_output_is_clean_and_normalisation_is_idempotent(text: str) -> None:
    out = normalise(text)
    assert normalise(out) == out
    assert not (_FORBIDDEN & set(out))
    assert out == out.strip()
    assert "  " not in out
    assert unicodedata.is_normalized("NFKC", out)
