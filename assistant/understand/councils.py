"""Which council a question names: "does Thurrock allow...", "in Glocester...".

Provides `detect_councils(text, councils)` (every council mentioned, in order
of first mention, for comparison questions) and `detect_council(text, councils)`
(the one council meant, or None when none or several are named).

`councils` is a sequence of (slug, aliases), e.g. ("essex", ["Essex", "Essex
County Council", "ECC"]). Matching, strongest first:

1. Exact alias matches on whole words, case-insensitive, longest first, so
   "Essex County Council" is Essex and not the generic "county council".
2. Generic aliases (made only of words such as "county", "town", "council")
   need a council word: "county council" and "town council" count, "the county"
   and "the town" alone do not ("out of town", "county lines"). A generic alias
   right after another place name ("Kent County Council", "Basildon Town
   Council") is that other council, not ours.
3. Typos of distinctive names (thurrock, gloucester, essex) with rapidfuzz:
   tokens of 5+ letters scoring at least 85, or 4+ letters one edit away from a
   name of 5-6 letters ("Esex", "essx"). Known neighbours ("Wessex",
   "Sussex") and ordinary words never match.

A name followed by a word that makes it some other body ("Essex Police",
"Gloucester Rugby") is not the council.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

__all__ = ["detect_council", "detect_councils", "Mention", "find_mentions"]

_WORD_RE = re.compile(r"[^\W\d_]+|\d+")

# Words that do not identify one council on their own.
_GENERIC = frozenset(
    "the a an of council councils county town city borough district parish metropolitan "
    "unitary authority local my our".split()
)
_COUNCIL_WORDS = frozenset({"council", "councils", "authority"})
# After a place name these make it another body, not the council.
_OTHER_BODIES = frozenset(
    "police constabulary fire university uni college hospital hospitals nhs fc afc rfc "
    "cricket rugby wildlife water airport trust chronicle echo gazette news live museum "
    "cathedral docks port ccg icb ambulance prison school academy library libraries "
    "railway station services rovers united city's".split()
)
# Real places and words close to a council name that are not it.
_NOT_TYPOS = frozenset(
    "wessex sussex middlesex essen esses excess exes thorough thoroughly through "
    "throck gloucestershire glos worcester leicester lancaster doncaster chester "
    "colchester manchester rochester dorchester silchester cirencester cheltenham "
    "rochford exeter esher".split()
)
# Capitalised words that start a sentence rather than name a place ("Does County
# Council allow...?"); any other capitalised word before "County Council" is a
# place name ("Kent County Council").
_NOT_A_PLACE = frozenset(
    "a an your their his her its does do did what how why when where which who whose is "
    "are was were can could should would will shall may might must under at in on for "
    "from with per by as and or if so but this that these those new whole entire same "
    "says said say tell ask asked ok okay hi hello dear please thanks thank i im me we us "
    "you they it current whats hows".split()
)
_FUZZY_CUTOFF = 85.0
_MIN_FUZZY_LEN = 5
_MIN_EDIT_LEN = 4


@dataclass(frozen=True)
class Mention:
    """One council named in a text: where, and whether exactly or by a fuzzy match."""

    slug: str
    start: int
    end: int
    text: str
    exact: bool


@dataclass(frozen=True)
class _Index:
    aliases: dict[tuple[str, ...], str]  # lower-case word tuple -> slug
    longest: int
    distinctive: dict[str, str]  # distinctive word -> slug (ambiguous words dropped)
    generic_aliases: frozenset[tuple[str, ...]]


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


@lru_cache(maxsize=32)
def _index(councils: tuple[tuple[str, tuple[str, ...]], ...]) -> _Index:
    aliases: dict[tuple[str, ...], str] = {}
    generic: set[tuple[str, ...]] = set()
    word_slugs: dict[str, set[str]] = {}
    for slug, names in councils:
        for name in (slug, *names):
            key = tuple(w for w, _, _ in _words(name))
            if not key:
                continue
            if all(w in _GENERIC for w in key):
                # "the county" alone is too vague; "county council" is usable
                key = tuple(w for w in key if w not in ("the", "a", "an", "my", "our"))
                if len(key) < 2 or not (_COUNCIL_WORDS & set(key)):
                    continue
                generic.add(key)
            aliases.setdefault(key, slug)
            for w in key:
                if w not in _GENERIC and not w.isdigit():
                    word_slugs.setdefault(w, set()).add(slug)
    distinctive = {w: next(iter(s)) for w, s in word_slugs.items() if len(s) == 1}
    return _Index(
        aliases=aliases,
        longest=max((len(k) for k in aliases), default=0),
        distinctive=distinctive,
        generic_aliases=frozenset(generic),
    )


def _freeze(councils: Sequence[tuple[str, Sequence[str]]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((str(slug), tuple(str(a) for a in aliases)) for slug, aliases in councils)


@lru_cache(maxsize=4096)
def _fuzzy_slug(word: str, distinctive: tuple[tuple[str, str], ...]) -> str | None:
    """The council whose distinctive name `word` misspells, or None."""
    if word in _NOT_TYPOS or len(word) < _MIN_EDIT_LEN or word.isdigit():
        return None
    from rapidfuzz import fuzz
    from rapidfuzz.distance import DamerauLevenshtein

    best: tuple[float, str] | None = None
    for name, slug in distinctive:
        if len(name) < _MIN_FUZZY_LEN or name[0] != word[0]:
            continue
        if len(word) >= _MIN_FUZZY_LEN:
            score = fuzz.ratio(word, name)
            if score < _FUZZY_CUTOFF and not (
                len(name) <= 6 and DamerauLevenshtein.distance(word, name) <= 1
            ):
                continue
        else:
            # 4-letter tokens: only one edit from a short name ("esex", "essx")
            if len(name) > 6 or DamerauLevenshtein.distance(word, name) > 1:
                continue
            score = fuzz.ratio(word, name)
        if best is None or score > best[0]:
            best = (score, slug)
    return best[1] if best else None


def find_mentions(text: str, councils: Sequence[tuple[str, Sequence[str]]]) -> list[Mention]:
    """Every council mention in `text`, in order. Never raises on any string."""
    if not isinstance(text, str) or not text or not councils:
        return []
    index = _index(_freeze(councils))
    words = _words(text)
    distinctive = tuple(sorted(index.distinctive.items()))
    mentions: list[Mention] = []
    i = 0
    n = len(words)
    while i < n:
        found = None
        for size in range(min(index.longest, n - i), 0, -1):
            key = tuple(w for w, _, _ in words[i:i + size])
            slug = index.aliases.get(key)
            if slug is None or not _one_phrase(text, words, i, size):
                continue
            if key in index.generic_aliases and _claimed_by_other_place(text, words, i, index, distinctive):
                break
            if key not in index.generic_aliases and _other_body_follows(words, i + size):
                break
            found = (slug, size, True)
            break
        if found is None and _fuzzy_candidate(words[i][0], index):
            slug = _fuzzy_slug(words[i][0], distinctive)
            if slug is not None and not _other_body_follows(words, i + 1):
                found = (slug, 1, False)
        if found is None:
            i += 1
            continue
        slug, size, exact = found
        start, end = words[i][1], words[i + size - 1][2]
        mentions.append(Mention(slug, start, end, text[start:end], exact))
        i += size
    return mentions


def _one_phrase(text: str, words: list[tuple[str, int, int]], i: int, size: int) -> bool:
    """Words i..i+size-1 are separated by spaces only ("Essex. County" is two phrases)."""
    return all(
        not text[words[k][2]:words[k + 1][1]].strip(" \t\u00a0-")
        for k in range(i, i + size - 1)
    )


def _fuzzy_candidate(word: str, index: _Index) -> bool:
    return (
        len(word) >= _MIN_EDIT_LEN
        and word not in _GENERIC
        and word not in index.distinctive
        and not word.isdigit()
    )


def _other_body_follows(words: list[tuple[str, int, int]], j: int) -> bool:
    """"Essex Police", "Gloucester Rugby": the name belongs to another body."""
    return j < len(words) and words[j][0] in _OTHER_BODIES


def _claimed_by_other_place(text: str, words: list[tuple[str, int, int]], i: int,
                            index: _Index, distinctive: tuple[tuple[str, str], ...]) -> bool:
    """Is the generic alias at word i ("county council") part of a longer name?

    True after a capitalised word that is not an ordinary sentence opener
    ("Kent County Council", but not "Does County Council..."), or after a word
    that names or misspells one of our councils ("esex county council" is
    Essex, not the county council). A lower-case unknown place ("kent county
    council") is not caught.
    """
    if i == 0:
        return False
    prev, start, end = words[i - 1]
    if text[end:words[i][1]].strip():  # punctuation between: not one name
        return False
    if prev in _GENERIC:
        return False
    if prev in index.distinctive or _fuzzy_slug(prev, distinctive) is not None:
        return True
    if prev in _NOT_A_PLACE:
        return False
    return text[start:start + 1].isupper()


def detect_councils(text: str, councils: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    """Distinct councils named in `text`, in order of first mention."""
    out: list[str] = []
    for m in find_mentions(text, councils):
        if m.slug not in out:
            out.append(m.slug)
    return out


def detect_council(text: str, councils: Sequence[tuple[str, Sequence[str]]]) -> str | None:
    """The one council `text` names, or None if it names none or several.

    An exact mention outranks a fuzzy one ("Thurrock, not Thurok" aside, a
    typo is weaker evidence), so one exactly named council plus a different
    fuzzy guess still gives the exact one; two councils named equally strongly
    are ambiguous and give None (use `detect_councils` to compare them).
    """
    mentions = find_mentions(text, councils)
    if not mentions:
        return None
    exact = {m.slug for m in mentions if m.exact}
    pool = exact or {m.slug for m in mentions}
    return next(iter(pool)) if len(pool) == 1 else None
