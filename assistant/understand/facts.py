"""Facts from a staff question: how much, who offered it, what it was, the circumstances.

Provides `Facts` (immutable, JSON-ready, mergeable across a conversation) and
`extract_facts(text)`.

No statistical model: spaCy's blank English tokenizer with a PhraseMatcher
(attr LOWER) and a token Matcher over the vocabulary in `data/facts.toml`,
rapidfuzz for single-word typos ("contracter", "suplier"), and
`assistant.understand.money` for amounts. The vocabulary is data so that adding a phrase
staff use ("mate's rates", "a do") needs no code change. The same text always
gives the same facts.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from .money import GBP, Money, collapse_ranges, find_amounts

__all__ = ["Facts", "extract_facts", "FIELDS"]

FIELDS = ("giver", "item", "context", "relation")

# Control characters and invisible formatting become spaces; curly quotes become
# straight. Each is one character for one character, so money offsets still
# point into the caller's text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u2060\ufeff]")
# Console markup pasted into a question ("[bold]", "[/i]", "[link=...]") is blanked
# out so that "[i]contractor[/i]" still reads as "contractor".
_MARKUP_RE = re.compile(r"\[/?(?:[A-Za-z#@][^\[\]\n]{0,60})?\]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_MAX_FUZZY_TOKENS = 4000  # typo correction stops here: questions are short
_SINK_PRIORITY = 1000


@dataclass(frozen=True)
class Facts:
    """What a question says, in canonical terms (names from data/facts.toml).

    `amount` is the first amount in pounds (for a range such as "£30-£40", the
    upper figure with `low_pence` set). `foreign_amount` is the first amount in
    another currency: it is never converted, so the decision layer can ask.
    """

    amount: Money | None = None
    foreign_amount: Money | None = None
    giver: str | None = None
    item: str | None = None
    context: frozenset[str] = field(default_factory=frozenset)
    relation: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.context, frozenset):
            object.__setattr__(self, "context", frozenset(self.context))

    def is_empty(self) -> bool:
        return (self.amount is None and self.foreign_amount is None and self.giver is None
                and self.item is None and not self.context and self.relation is None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe, with a fixed key order and sorted contexts (same facts, same bytes)."""
        return {
            "amount": _money_dict(self.amount),
            "foreign_amount": _money_dict(self.foreign_amount),
            "giver": self.giver,
            "item": self.item,
            "context": sorted(self.context),
            "relation": self.relation,
        }

    def merge(self, newer: Facts) -> Facts:
        """Facts of a conversation so far, updated by the latest message.

        Newer values override older ones; contexts accumulate, except that a
        newer context replaces its opposite ("accepted" replaces "declined").
        An amount is replaced whole: "what if it were £20?" changes only the
        amount, and a newer foreign amount clears an older pounds amount.
        """
        if newer.amount is not None or newer.foreign_amount is not None:
            amount, foreign = newer.amount, newer.foreign_amount
        else:
            amount, foreign = self.amount, self.foreign_amount
        context = set(self.context)
        for group in _vocab().exclusive:
            if newer.context & group:
                context -= group
        context |= newer.context
        return Facts(
            amount=amount,
            foreign_amount=foreign,
            giver=newer.giver or self.giver,
            item=newer.item or self.item,
            context=frozenset(context),
            relation=newer.relation or self.relation,
        )


def _money_dict(m: Money | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "pence": m.pence,
        "currency": m.currency,
        "approximate": m.approximate,
        "text": m.text,
        "bound": m.bound,
        "low_pence": m.low_pence,
    }


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class _Entry:
    priority: int
    phrases: tuple[str, ...]
    patterns: tuple[Any, ...]
    needs_cue: bool


@dataclass(frozen=True)
class _Vocab:
    fields: dict[str, dict[str, _Entry]]
    exclusive: tuple[frozenset[str], ...]
    cues_before: frozenset[str]
    cues_after: frozenset[str]
    window_before: int
    window_after: int
    give_re: re.Pattern[str]
    min_token_length: int
    score_cutoff: float
    keywords: tuple[str, ...]
    known: frozenset[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    """Read data/facts.toml once per process."""
    raw = tomllib.loads(
        resources.files("assistant").joinpath("data/facts.toml").read_text(encoding="utf-8")
    )
    fields: dict[str, dict[str, _Entry]] = {}
    words: set[str] = set()
    for name in FIELDS:
        entries = {}
        for canonical, spec in raw.get(name, {}).items():
            phrases = tuple(p.lower() for p in spec.get("phrases", ()))
            sink = canonical.startswith("_")
            entries[canonical] = _Entry(
                # a sink wins ties of equal length: it exists to veto a match
                priority=int(spec.get("priority", _SINK_PRIORITY if sink else 0)),
                phrases=phrases,
                patterns=tuple(spec.get("patterns", ())),
                needs_cue=bool(spec.get("needs_cue", False)),
            )
            for p in phrases:
                words.update(re.findall(r"[a-z]+", p))
            for pattern in spec.get("patterns", ()):
                for tok in pattern:
                    spec_lower = tok.get("LOWER")
                    if isinstance(spec_lower, dict):
                        words.update(w for w in spec_lower.get("IN", ()) if w.isalpha())
        fields[name] = entries
    fuzzy = raw["fuzzy"]
    cues = raw["cues"]
    give = "|".join(sorted(map(re.escape, cues["give_verbs"]), key=len, reverse=True))
    objects = "|".join(sorted(map(re.escape, cues["give_objects"]), key=len, reverse=True))
    give_re = re.compile(
        rf"(?:^|[^\w])(?:{give})(?:\s+(?:{objects})){{0,2}}\s*(?:a\s+|an\s+)?$", re.IGNORECASE
    )
    return _Vocab(
        fields=fields,
        exclusive=tuple(frozenset(g) for g in raw.get("exclusive", {}).get("groups", ())),
        cues_before=frozenset(cues["before"]),
        cues_after=frozenset(cues["after"]),
        window_before=int(cues["window_before"]),
        window_after=int(cues["window_after"]),
        give_re=give_re,
        min_token_length=int(fuzzy["min_token_length"]),
        score_cutoff=float(fuzzy["score_cutoff"]),
        keywords=tuple(sorted({k.lower() for k in fuzzy["keywords"]})),
        known=frozenset(words | {w.lower() for w in fuzzy.get("not_typos", ())}),
    )


class _Engine:
    """spaCy tokenizer and matchers, built once per process (spaCy imported lazily)."""

    def __init__(self, vocab: _Vocab) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        from index.analyse import shared_pipeline

        self.nlp = shared_pipeline()  # the analyser's blank English pipeline: built once per process
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.patterns = Matcher(self.nlp.vocab)
        self.priorities = {
            name: {c: e.priority for c, e in entries.items()} for name, entries in vocab.fields.items()
        }
        for name, entries in vocab.fields.items():
            for canonical, entry in entries.items():
                label = f"{name}:{canonical}"
                if entry.phrases:
                    self.phrases.add(label, list(self.nlp.tokenizer.pipe(entry.phrases)))
                if entry.patterns:
                    self.patterns.add(label, [list(p) for p in entry.patterns])

    def doc(self, text: str):
        """Tokenise, then replace typos of vocabulary words by the words themselves."""
        from spacy.tokens import Doc

        doc = self.nlp.make_doc(text)
        words = [t.text for t in doc]
        changed = False
        for k, tok in enumerate(doc):
            if k >= _MAX_FUZZY_TOKENS:
                break
            fixed = _correct(tok.lower_) if tok.is_alpha else None
            if fixed is not None:
                words[k] = fixed
                changed = True
        if not changed:
            return doc
        return Doc(self.nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])

    def matches(self, doc) -> dict[str, list[tuple[str, int, int]]]:
        """(canonical, start, end) per field, in text order.

        Within one field the longest match wins each overlap (then the
        earliest, then the name, so ties are deterministic): "potential
        contractor" beats "contractor", and a sink such as "parking ticket"
        beats "ticket".
        """
        strings = self.nlp.vocab.strings
        found = list(self.phrases(doc)) + list(self.patterns(doc))
        by_field: dict[str, list[tuple[str, int, int]]] = {name: [] for name in FIELDS}
        for match_id, s, e in found:
            name, canonical = strings[match_id].split(":", 1)
            by_field[name].append((canonical, s, e))
        return {
            name: _longest_first(spans, self.priorities[name]) for name, spans in by_field.items()
        }


def _longest_first(spans: list[tuple[str, int, int]],
                   priority: dict[str, int]) -> list[tuple[str, int, int]]:
    """Resolve overlaps: longest span, then higher priority, then earliest, then name."""
    spans = sorted(set(spans), key=lambda x: (-(x[2] - x[1]), -priority.get(x[0], 0), x[1], x[0]))
    used: set[int] = set()
    taken = []
    for canonical, s, e in spans:
        if used.isdisjoint(range(s, e)):
            taken.append((canonical, s, e))
            used.update(range(s, e))
    return sorted(taken, key=lambda x: x[1])


@lru_cache(maxsize=1)
def _engine() -> _Engine:
    return _Engine(_vocab())


@lru_cache(maxsize=8192)
def _correct(word: str) -> str | None:
    """The vocabulary word `word` is a typo of, or None.

    Guards against turning real words into keywords: known words are left
    alone, the first letter must agree, and a word that is a prefix of the
    keyword (or the other way round: "contract"/"contractor") is an
    inflection, not a typo.
    """
    vocab = _vocab()
    if len(word) < vocab.min_token_length or word in vocab.known:
        return None
    from rapidfuzz import fuzz, process

    candidates = [k for k in vocab.keywords if k[0] == word[0]]
    best = process.extractOne(word, candidates, scorer=fuzz.ratio,
                              score_cutoff=vocab.score_cutoff)
    if best is None:
        return None
    keyword = best[0]
    if keyword.startswith(word) or word.startswith(keyword):
        return None
    return keyword


# --------------------------------------------------------------------------- extraction


def _clean(text: str) -> str:
    """Same length as `text`, so offsets found in the result hold for the original."""
    text = _CONTROL_RE.sub(" ", text).translate(_QUOTES)
    return _MARKUP_RE.sub(lambda m: " " * len(m.group()), text)


def _pick(spans: list[tuple[str, int, int]], entries: dict[str, _Entry]) -> str | None:
    """Highest priority, then earliest; sinks ("_...") never win."""
    real = [(c, s) for c, s, _ in spans if not c.startswith("_") and c in entries]
    if not real:
        return None
    return min(real, key=lambda cs: (-entries[cs[0]].priority, cs[1], cs[0]))[0]


def _pick_giver(doc, spans: list[tuple[str, int, int]], vocab: _Vocab) -> str | None:
    """The one offering: a giver near an offer cue ("from a supplier", "a resident
    gave me") beats one merely mentioned; vague givers ("someone", "my manager")
    count only with a cue and only when no definite giver is named."""
    entries = vocab.fields["giver"]
    candidates = []
    for canonical, s, e in spans:
        if canonical.startswith("_") or canonical not in entries:
            continue
        before = {t.lower_ for t in doc[max(0, s - vocab.window_before):s]}
        after = {t.lower_ for t in doc[e:e + vocab.window_after]}
        cued = bool(before & vocab.cues_before or after & vocab.cues_after)
        entry = entries[canonical]
        if entry.needs_cue and not cued:
            continue
        candidates.append((entry.needs_cue, not cued, -entry.priority, s, canonical))
    if not candidates:
        return None
    return min(candidates)[4]


def _amounts(text: str) -> tuple[Money | None, Money | None]:
    amounts = collapse_ranges(find_amounts(text), text)
    gbp = next((m for m in amounts if m.currency == GBP), None)
    foreign = next((m for m in amounts if m.currency != GBP), None)
    return gbp, foreign


def _handed_over(text: str, amount: Money, vocab: _Vocab) -> bool:
    """"a resident gave me £20", "tipped me a tenner": money handed over is cash."""
    return vocab.give_re.search(text[max(0, amount.start - 40):amount.start]) is not None


def extract_facts(text: str) -> Facts:
    """The facts in one message. Never raises on any string; deterministic."""
    if not isinstance(text, str) or not text.strip():
        return Facts()
    clean = _clean(text)
    amount, foreign = _amounts(clean)
    vocab = _vocab()
    engine = _engine()
    doc = engine.doc(clean)
    spans = engine.matches(doc)
    giver = _pick_giver(doc, spans["giver"], vocab)
    item = _pick(spans["item"], vocab.fields["item"])
    handed = amount or foreign
    if item is None and handed is not None and _handed_over(clean, handed, vocab):
        item = "cash"
    context = frozenset(
        c for c, _, _ in spans["context"] if not c.startswith("_")
    )
    relation = _pick(spans["relation"], vocab.fields["relation"])
    return Facts(amount=amount, foreign_amount=foreign, giver=giver, item=item,
                 context=context, relation=relation)


def known_values(name: str) -> tuple[str, ...]:
    """Canonical values of one field ("giver", "item", "context", "relation"), sorted."""
    return tuple(sorted(c for c in _vocab().fields[name] if not c.startswith("_")))


def _iter_phrases(name: str) -> Iterable[tuple[str, str]]:
    """(canonical, phrase) pairs of one field, for tests and tooling."""
    for canonical, entry in sorted(_vocab().fields[name].items()):
        for phrase in entry.phrases:
            yield canonical, phrase
