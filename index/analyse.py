"""The one text analyser used for clauses and questions alike.

Provides :class:`Analyser` (``tokens``, ``query_tokens``, ``tokens_many``),
:func:`get_analyser` (the process-wide instance), ``ANALYSER_VERSION`` and
:func:`lexicon_fingerprint` (both belong in any cache key for analysed text).

Clause text and questions must go through exactly the same steps, or BM25
compares different vocabularies. The steps are:

1. :func:`index.normalise.normalise` (quotes, dashes, invisible characters,
   escapes, whitespace);
2. "IT" in capitals becomes "ict" (the codes say both, and lowercased "it" is
   a pronoun), then everything is lowercased, because the lemma tables are
   case-sensitive;
3. compounds written several ways are joined or split ("e-mail", "smokefree"),
   and money is rewritten to one form ("£1,000.00", "1000 pounds" -> "£1000");
4. spaCy's tokenizer splits the text; each word is folded to British spelling,
   lemmatised with spaCy's lookup table (spacy-lookups-data, no model
   download), and folded again;
5. stop words, punctuation and list markers are dropped; money and numbers
   are kept.

Questions then get the domain lexicon's expansions appended (``query_tokens``).
spaCy is imported lazily: importing this module costs nothing.
"""
from __future__ import annotations

import hashlib
import re
import sys
import threading
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .normalise import normalise

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["ANALYSER_VERSION", "Analyser", "get_analyser", "lexicon_fingerprint"]

# Bump whenever a change here alters the tokens produced for any text: cached
# analysed tokens and BM25 indexes are keyed on it (with lexicon_fingerprint).
ANALYSER_VERSION = "1"

_DATA_FILES = ("lexicon.toml", "spelling.toml")

# spaCy's English stop list is tuned for general prose. These words are on it
# but carry topic in the codes, so they are kept:
#   give, take     - "give interviews to the media", "take part", "accept or give gifts"
#   call           - "private telephone calls"
#   serious        - "serious breach", "serious misconduct"
#   part           - "take part", "part-time", "part of your duties"
#   show           - "show favour", "special favour shown"
#   name           - "the good name of the council" (disrepute)
#   amount         - money questions ("what amount can I accept")
#   former(ly)     - "former officers", "formerly unrestricted post"
#   third          - "third party"
#   together       - "work together", "evening meals together" (relationships)
#   used, using    - so that every form of "use" gives the same token
# Deliberately NOT kept: must, not, no, never, nobody, none, without, will,
# should-type modals and negations. They occur in nearly every clause, so they
# cannot help BM25 choose between clauses; obligation and polarity are read
# from the clause text itself by the assistant, not from tokens. Also dropped:
# see (lexicon handles "seeing someone"), move, become, off, out, up (the
# lexicon matches phrases such as "off sick" before stop words are removed).
_KEEP_STOP_WORDS = frozenset(
    {"give", "take", "call", "serious", "part", "show", "name", "amount",
     "former", "formerly", "third", "together", "used", "using"}
)
# Abbreviations, list furniture and chat filler that are not on spaCy's list.
_EXTRA_STOP_WORDS = frozenset(
    {"eg", "e.g.", "ie", "i.e.", "etc", "etc.", "nb", "viz", "ok", "okay", "hi",
     "hello", "hey", "yes", "yeah", "gon", "na", "wanna", "gotta", "pls", "plz"}
)

_MONEY_RE = re.compile(
    r"""
    (?:£\s?|\bgbp\s?)
    (?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d{1,2}))?(?!\d)
    (?:(?P<mult>k|m|bn)(?![a-z])|\s(?P<word>thousand|million)\b)?
  | (?<![\w.,£])
    (?P<whole2>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac2>\d{1,2}))?
    \s?(?:pounds?|quid|gbp)\b
    """,
    re.VERBOSE,
)
_MULTIPLIERS = {"k": 1000, "thousand": 1000, "m": 10**6, "million": 10**6, "bn": 10**9}
_NUMBER_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_IT_RE = re.compile(r"(?<![\w'.])(?:IT|I\.T\.?)(?![\w'])")
_ROMAN_RE = re.compile(r"x{0,3}(?:ix|iv|v?i{0,3})")
_HAS_ALNUM_RE = re.compile(r"[^\W_]")

_MEMO_LIMIT = 200_000


def _data_bytes(name: str) -> bytes:
    """Read a data file shipped with the package (works from a wheel or a zip)."""
    return resources.files("index").joinpath("data").joinpath(name).read_bytes()


def lexicon_fingerprint() -> str:
    """SHA-256 of the lexicon and spelling data, for cache keys.

    Both files change analysis: spelling.toml changes clause tokens and
    lexicon.toml changes question tokens. Names and lengths are hashed too so
    that bytes moving from one file to the other still change the digest.
    """
    digest = hashlib.sha256()
    for name in _DATA_FILES:
        data = _data_bytes(name)
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


# --------------------------------------------------------------------------
# spaCy pipeline (built once per process)

_PIPELINE: Language | None = None
_PIPELINE_LOCK = threading.Lock()


def _pipeline() -> Language:
    """spaCy ``blank("en")``, built once per process and shared (facts.py matches on it too).

    Only the tokenizer is run on text. The lemma table is read from
    spacy-lookups-data by the Analyser and consulted directly (see
    ``Analyser._word``), because the spelling fold must happen between
    lowercasing and lookup, and a per-word memo is faster than running a
    component on every token.
    """
    global _PIPELINE
    if _PIPELINE is None:
        with _PIPELINE_LOCK:
            if _PIPELINE is None:
                import spacy

                _PIPELINE = spacy.blank("en")
                # spaCy's import leaves a large heap of objects that live for the whole process;
                # without this, the next full garbage collection (set off by loading the lexicon
                # or the index) walks all of it: ~50 ms of every cold start.
                import gc

                gc.freeze()
    return _PIPELINE


def shared_pipeline() -> Language:
    """The process's blank English spaCy pipeline, for other matchers to share (one, not two)."""
    return _pipeline()


# --------------------------------------------------------------------------
# Money and numbers


def _plain_number(text: str) -> str:
    """'1,000' -> '1000', '30.00' -> '30', '14.5' stays: one token per value."""
    text = text.replace(",", "")
    whole, dot, frac = text.partition(".")
    if dot and frac.strip("0") == "":
        return whole
    return text


def _money_text(match: re.Match[str]) -> str:
    """Rewrite one amount as ' £N ' (spaced so the tokenizer isolates it)."""
    whole = match.group("whole") or match.group("whole2")
    frac = match.group("frac") or match.group("frac2") or ""
    scale = match.group("mult") or match.group("word")
    whole = whole.replace(",", "")
    if scale:
        value = Decimal(f"{whole}.{frac or '0'}") * _MULTIPLIERS[scale]
        amount = str(int(value)) if value == value.to_integral_value() else f"{value:.2f}"
    elif frac.strip("0"):
        amount = f"{int(whole)}.{frac.ljust(2, '0')}"
    else:
        amount = str(int(whole))
    return f" £{amount} "


# --------------------------------------------------------------------------
# Spelling


def _suffix_re(suffixes: list[str]) -> re.Pattern[str]:
    """``stem + one of suffixes`` (stem of 2+ letters); matches nothing if none."""
    if not suffixes:
        return re.compile(r"(?!)")
    ordered = sorted(suffixes, key=len, reverse=True)
    return re.compile(r"([a-z]{2,})(" + "|".join(map(re.escape, ordered)) + r")")


@dataclass(frozen=True)
class _Spelling:
    """British-spelling fold and lemma corrections, loaded from spelling.toml."""

    words: dict[str, str]
    lemma_fixes: dict[str, str]
    compounds: dict[str, str]
    ize_re: re.Pattern[str]
    ise_re: re.Pattern[str]
    ize_exceptions: frozenset[str]

    @classmethod
    def load(cls, data: dict[str, Any]) -> _Spelling:
        ize = data.get("ize", {})
        suffixes = list(ize.get("suffixes", []))
        return cls(
            words=dict(data.get("words", {})),
            lemma_fixes=dict(data.get("lemma", {})),
            compounds=dict(data.get("compounds", {})),
            ize_re=_suffix_re(suffixes),
            ise_re=_suffix_re([suffix.replace("iz", "is", 1) for suffix in suffixes]),
            ize_exceptions=frozenset(ize.get("exceptions", [])),
        )

    def fold(self, word: str) -> str:
        """American -> British for one lowercase word; other words unchanged."""
        british = self.words.get(word)
        if british is not None:
            return british
        match = self.ize_re.fullmatch(word)
        if match and match.group(1) + "ize" not in self.ize_exceptions:
            return match.group(1) + match.group(2).replace("iz", "is", 1)
        return word

    def americanise(self, word: str) -> str:
        """Inverse of the -ise rule, used only to find a word in the lemma table.

        No exceptions are needed: the result is only used if the table knows
        it, and then it is a real American spelling.
        """
        match = self.ise_re.fullmatch(word)
        if match:
            return match.group(1) + match.group(2).replace("is", "iz", 1)
        return word

    def compound_re(self) -> re.Pattern[str] | None:
        """One alternation of all compounds, longest first, as whole words."""
        if not self.compounds:
            return None
        keys = sorted(self.compounds, key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, keys)) + r")(?![\w-])")


# --------------------------------------------------------------------------
# Lexicon


@dataclass(frozen=True)
class _Entry:
    name: str
    expansion: tuple[str, ...]


# A pattern element is (exact, key): exact elements compare the question
# word's surface form, the others its lemma (so every inflection matches).
_Element = tuple[bool, str]
_Pattern = tuple[_Element, ...]


@dataclass(frozen=True)
class _Lexicon:
    entries: tuple[_Entry, ...]
    # first element -> [(pattern, entry index)]
    by_first: dict[_Element, list[tuple[_Pattern, int]]]


class Analyser:
    """Turns clause text and questions into BM25 tokens, deterministically.

    Use the shared instance from :func:`get_analyser`: construction imports
    spaCy and builds its pipeline (about a second, once per process) and
    compiles the lexicon (about 50 ms). After that a question takes well under
    a millisecond. The only state that changes after construction is a memo
    of analysed words, so an instance can be shared between threads.
    """

    def __init__(self) -> None:
        self._nlp = _pipeline()
        self._tokenizer = self._nlp.tokenizer
        import spacy_lookups_data
        from spacy.util import load_language_data

        # spacy-lookups-data's English lemma table as a plain dict: loading it into a spaCy lookups
        # Table (the lemmatizer pipe) re-hashes its 41,582 keys, about 0.1 s of every start.
        self._table: dict[str, str] = load_language_data(spacy_lookups_data.en["lemma_lookup"])
        self._spelling = _Spelling.load(tomllib.loads(_data_bytes("spelling.toml").decode("utf-8")))
        self._compound_re = self._spelling.compound_re()
        from spacy.lang.en.stop_words import STOP_WORDS

        self._stop = frozenset((set(STOP_WORDS) - _KEEP_STOP_WORDS) | _EXTRA_STOP_WORDS)
        # surface token -> (folded surface, lemma, kept) or None for non-words
        self._memo: dict[str, tuple[str, str, bool] | None] = {}
        self._known: frozenset[str] | None = None
        self._lexicon = self._cached_lexicon()

    # -- public API --------------------------------------------------------

    def is_known_word(self, word: str) -> bool:
        """Whether spaCy's English lookup table knows the word (as a form or a lemma).

        Retrieval corrects only unknown words, so a real word is never 'corrected'
        into another ('stick' into 'sick', 'tenner' into 'tender').
        """
        if self._known is None:
            self._known = frozenset(str(v) for v in self._table.values())
        return word in self._known or self._table.get(word) is not None

    def tokens(self, text: str) -> list[str]:
        """Analysed tokens of clause text (or a question without expansion)."""
        return self._kept(self._words(self._tokenizer(self._prepare(text))))

    def query_tokens(self, text: str) -> list[str]:
        """Tokens of a question, followed by its lexicon expansions (see :meth:`analyse_query`)."""
        return self.analyse_query(text)[0]

    def analyse_query(self, text: str) -> tuple[list[str], list[str]]:
        """A question's query tokens and the names of the lexicon entries it matches, from one pass.

        Query tokens are the question's tokens followed by its lexicon expansions.

        The question's own tokens come first, exactly as :meth:`tokens` gives
        them; each matched entry's expansion tokens follow, in order of where
        the entry matched, skipping tokens already present so that an
        expansion widens the query without doubling the weight of a word the
        question already used.
        """
        words = self._words(self._tokenizer(self._prepare(text)))
        out = self._kept(words)
        seen = set(out)
        matched = self._matched(words)
        for index in matched:
            for token in self._lexicon.entries[index].expansion:
                if token not in seen:
                    seen.add(token)
                    out.append(token)
        return out, [self._lexicon.entries[i].name for i in matched]

    def tokens_many(self, texts: list[str]) -> list[list[str]]:
        """:meth:`tokens` for many texts at once (tokenizer run as a stream)."""
        prepared = (self._prepare(text) for text in texts)
        return [self._kept(self._words(doc)) for doc in self._tokenizer.pipe(prepared, batch_size=256)]

    def matched_entries(self, text: str) -> list[str]:
        """Names of the lexicon entries a question matches (see :meth:`analyse_query`)."""
        return self.analyse_query(text)[1]

    # -- text to words -----------------------------------------------------

    def _prepare(self, text: str) -> str:
        """Everything that must happen to the raw string before tokenising."""
        text = normalise(text)
        if not text:
            return ""
        if ("IT" in text or "I.T" in text) and not text.isupper():
            text = _IT_RE.sub("ict", text)
        text = text.lower()
        if self._compound_re is not None:
            text = self._compound_re.sub(lambda m: self._spelling.compounds[m.group(0)], text)
        if "£" in text or "gbp" in text or "pound" in text or "quid" in text:
            text = _MONEY_RE.sub(_money_text, text)
        return text

    def _words(self, doc: Iterable[Any]) -> list[tuple[str, str, bool]]:
        """(surface, lemma, kept) for every word-like token; money merged."""
        texts = [token.text for token in doc]
        out: list[tuple[str, str, bool]] = []
        i, n = 0, len(texts)
        while i < n:
            text = texts[i]
            i += 1
            if text == "£" and i < n and _NUMBER_RE.fullmatch(texts[i]):
                money = sys.intern("£" + _plain_number(texts[i]))
                out.append((money, money, True))
                i += 1
                continue
            word = self._memo.get(text, False)
            if word is False:
                word = self._word(text)
                if len(self._memo) >= _MEMO_LIMIT:
                    self._memo.clear()
                self._memo[text] = word
            if word is not None:
                out.append(word)
        return out

    def _word(self, text: str) -> tuple[str, str, bool] | None:
        """Analyse one lowercase token; None if it is not a word or number."""
        if not _HAS_ALNUM_RE.search(text):
            return None
        if _NUMBER_RE.fullmatch(text):
            number = sys.intern(_plain_number(text))
            return (number, number, True)
        surface = self._spelling.fold(text)
        lemma = self._lemma(surface, text)
        kept = not (
            lemma in self._stop
            or (len(lemma) == 1 and lemma.isalpha())
            or _ROMAN_RE.fullmatch(lemma) is not None
        )
        return (sys.intern(surface), sys.intern(lemma), kept)

    def _lemma(self, folded: str, original: str) -> str:
        """Lookup lemma of a folded word, folded again to British spelling.

        Tries the British form, then the original, then the American form of
        an -ise word, so that a British inflection missing from the table
        still meets the lemma of its American twin.
        """
        fixed = self._spelling.lemma_fixes.get(folded)
        if fixed is not None:
            return fixed
        lemma = self._table.get(folded)
        if lemma is None and original != folded:
            lemma = self._table.get(original)
        if lemma is None:
            american = self._spelling.americanise(folded)
            if american != folded:
                lemma = self._table.get(american)
        if lemma is None or (lemma.isdigit() and not folded.isdigit()):
            # The table maps ordinals to digits ("second" -> "2"), which
            # would merge "second job" with the number 2: keep the word.
            return folded
        return self._spelling.fold(lemma)

    def _kept(self, words: list[tuple[str, str, bool]]) -> list[str]:
        return [lemma for _, lemma, kept in words if kept]

    # -- lexicon -----------------------------------------------------------

    def _cached_lexicon(self) -> _Lexicon:
        """The compiled lexicon from CONDUCT_HOME's cache, or compiled now and cached.

        Compiling tokenises every phrase with spaCy (about 0.1 s of every cold
        start); the result depends only on the lexicon, the spelling file, this
        analyser and spaCy's version, which key the cache. A missing, stale or
        damaged cache is simply recompiled: it holds nothing a user made.
        """
        from index import store

        path = _lexicon_cache_path()
        key = _lexicon_cache_key()
        try:
            return _lexicon_from_json(store.load(path, key)) if path is not None else self._compile_fresh()
        except (store.CacheProblem, KeyError, TypeError, ValueError, IndexError):
            pass
        lexicon = self._compile_fresh()
        try:
            store.save(path, key, _lexicon_to_json(lexicon))
        except OSError:
            pass  # read-only home: compile each time, as before
        return lexicon

    def _compile_fresh(self) -> _Lexicon:
        return self._compile_lexicon(tomllib.loads(_data_bytes("lexicon.toml").decode("utf-8")))

    def _compile_lexicon(self, data: dict[str, Any]) -> _Lexicon:
        """Analyse every phrase and expansion once; index patterns by first word."""
        entries: list[_Entry] = []
        by_first: dict[_Element, list[tuple[_Pattern, int]]] = {}
        for position, raw in enumerate(data.get("entry", [])):
            name = str(raw.get("name") or f"entry {position + 1}")
            phrases = raw.get("phrases") or []
            expansion = tuple(dict.fromkeys(self.tokens(str(raw.get("expand", "")))))
            if not phrases or not expansion:
                raise ValueError(f"lexicon entry {name!r} needs phrases and an expansion")
            index = len(entries)
            entries.append(_Entry(name, expansion))
            for phrase in phrases:
                pattern = self._pattern(str(phrase))
                if not pattern:
                    raise ValueError(f"lexicon phrase {phrase!r} in {name!r} has no words")
                by_first.setdefault(pattern[0], []).append((pattern, index))
        for candidates in by_first.values():
            candidates.sort(key=lambda item: (-len(item[0]), item[1]))
        return _Lexicon(tuple(entries), by_first)

    def _pattern(self, phrase: str) -> _Pattern:
        """A phrase word in dictionary form matches any inflection; others exactly.

        A word written with a leading "=" ("=phone") matches exactly even in
        dictionary form, so "phoned" is not taken for the device. Phrases
        using "=" are analysed word by word; others whole, so that compounds
        and money spanning words ("whistle blowing") analyse as in questions.
        """
        if "=" not in phrase:
            chunks = [(False, phrase)]
        else:
            chunks = [(word.startswith("="), word.lstrip("=")) for word in phrase.split()]
        pattern: list[_Element] = []
        for exact, chunk in chunks:
            for surface, lemma, _ in self._words(self._tokenizer(self._prepare(chunk))):
                pattern.append((True, surface) if exact or surface != lemma else (False, lemma))
        return tuple(pattern)

    def _matched(self, words: list[tuple[str, str, bool]]) -> list[int]:
        """Entry indexes matched in the question, in order of first match.

        A match lying strictly inside a longer match is ignored: the longer
        phrase is the more specific reading ("interview panel" over
        "interview", "drink driving" over "drinks").
        """
        by_first = self._lexicon.by_first
        spans: list[tuple[int, int, int]] = []  # (start, end, entry)
        n = len(words)
        for start, (surface, lemma, _) in enumerate(words):
            for first in ((False, lemma), (True, surface)):
                for pattern, entry in by_first.get(first, ()):
                    end = start + len(pattern)
                    if end <= n and all(
                        (words[start + k][0] if exact else words[start + k][1]) == key
                        for k, (exact, key) in enumerate(pattern)
                    ):
                        spans.append((start, end, entry))
        if not spans:
            return []
        kept = [
            span for span in spans
            if not any(
                other[0] <= span[0] and span[1] <= other[1]
                and other[1] - other[0] > span[1] - span[0]
                for other in spans
            )
        ]
        kept.sort()
        return list(dict.fromkeys(entry for _, _, entry in kept))


_ANALYSER: Analyser | None = None
_ANALYSER_LOCK = threading.Lock()


def _lexicon_cache_path() -> Path | None:
    try:
        from corpus.home import conduct_home

        return conduct_home() / "cache" / "lexicon.json"
    except Exception:  # no usable home directory: compile in memory
        return None


def _lexicon_cache_key() -> str:
    from importlib.metadata import PackageNotFoundError, version

    # This module's own bytes too: a change to how phrases compile must never reuse an old cache.
    parts = [ANALYSER_VERSION, lexicon_fingerprint(), hashlib.sha256(Path(__file__).read_bytes()).hexdigest()]
    for package in ("spacy", "spacy-lookups-data"):
        try:
            parts.append(f"{package}={version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package}=?")
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _lexicon_to_json(lexicon: _Lexicon) -> dict[str, Any]:
    return {
        "entries": [[e.name, list(e.expansion)] for e in lexicon.entries],
        "by_first": [
            [list(first), [[[list(el) for el in pattern], index] for pattern, index in candidates]]
            for first, candidates in lexicon.by_first.items()
        ],
    }


def _lexicon_from_json(data: dict[str, Any]) -> _Lexicon:
    entries = tuple(_Entry(str(name), tuple(sys.intern(t) for t in expansion)) for name, expansion in data["entries"])
    by_first: dict[_Element, list[tuple[_Pattern, int]]] = {}
    for first, candidates in data["by_first"]:
        key = (bool(first[0]), sys.intern(str(first[1])))
        rows = []
        for pattern, index in candidates:
            if not 0 <= int(index) < len(entries):
                raise ValueError("lexicon cache points at a missing entry")
            rows.append((tuple((bool(e), sys.intern(str(w))) for e, w in pattern), int(index)))
        by_first[key] = rows
    return _Lexicon(entries, by_first)


def get_analyser() -> Analyser:
    """The process-wide :class:`Analyser` (built on first use, then shared)."""
    global _ANALYSER
    if _ANALYSER is None:
        with _ANALYSER_LOCK:
            if _ANALYSER is None:
                _ANALYSER = Analyser()
    return _ANALYSER
