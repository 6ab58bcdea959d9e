"""Deciding from a clause's own rule when no template does.

The retriever finds clauses that share a question's words; that is not the same as
the clause that decides it. Here each candidate clause is read into its rules
(assistant/decide/clause_rules.py) and each rule's governing sentence is matched
against the question, weighting words by how rare they are in the council's code.
One rule plainly governs when its sentence carries enough of the question's rare
words; then its modality and what the question asks give the verdict:

    must not / never / no officer shall ...         -> not_allowed (an exception that fits -> allowed)
    must tell / declare / report / inform ...       -> required
    only with the consent of X / X's alone          -> refer, naming X
    should tell X before ...                        -> allowed_with_conditions
    must (anything else), asked "can I skip it?"    -> not_allowed; asked "do I have to?" -> required
    may (with conditions) / encouraged              -> allowed_with_conditions / allowed

When no rule clearly governs the caller stays at guidance and lists the closest.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.decide.clause_rules import ENCOURAGED, MAY, MUST, MUST_NOT, ONLY_WITH, SHOULD, Rule, rules_of

if TYPE_CHECKING:
    from corpus.clause import Clause
    from corpus.library import Library
    from index.retriever import Hit, Retriever

MIN_SCORE = 5.0
"""Summed idf of the question's words a rule's sentence must share to govern it."""
MIN_COVER = 0.25
"""And the share of the question's own (idf-weighted) words it must carry."""
MIN_WORDS = 2
"""And how many of the question's distinct words (its own or the lexicon's) it must share: one word in
common ('wear' in 'can I wear shorts?' and a rule on wearing political badges) is not a situation."""
MARGIN = 1.0
"""The best rule must beat the best rule of another verdict by this much, or it is not plain."""
EXPANSION_WEIGHT = 1.0
CLAUSE_WEIGHT = 0.0
"""How much the clause's own retrieval score counts beside its sentence's match."""

_PERMISSION = re.compile(
    r"\b(?:can|could|may)\s+(?:i|we|he|she|they|my|our|you|staff|someone|a\s+\w+)\b|\bis\s+(?:it|that|this|there)\s+"
    r"(?:(?:actually|really|even)\s+)?(?:ok|okay|alright|allowed|fine|acceptable|a\s+problem|an\s+issue|permitted|legit)\b|"
    r"\bam\s+i\s+(?:allowed|ok|okay|alright|permitted|able|in\s+trouble)\b|\bare\s+we\s+(?:allowed|ok|okay)\b|"
    r"\b(?:ok|okay|alright|fine)\s+(?:to|if)\b|\bthat'?s\s+(?:alright|ok|okay|fine)\b|\bany\s+problem|\ballowed\s+to\b|"
    r"\bwould\s+it\s+be\s+(?:ok|okay|alright|wrong|a\s+problem)\b|\bam\s+i\s+ok\b|\bgood\s+to\s+go\b",
    re.I,
)
_DUTY_ASK = re.compile(
    r"\b(?:do|does|would|will)\s+(?:i|we|you|they|he|she|work|anyone|my\s+\w+|the\s+council)\s+(?:\w+\s+)?(?:need|have|got)\s+to\b|"
    r"\bmust\s+i\b|\bshould\s+i\b|\bam\s+i\s+(?:required|supposed|meant|obliged|expected)\s+to\b|\bwhat\s+(?:do|should|shall)\s+i\s+do\b|"
    r"\bwhat\s+now\b|\banything\s+i\s+(?:need|have|should|must|ought)\b|\bis\s+it\s+on\s+me\b|\bneeds?\s+to\s+know\b|"
    r"\bdo\s+i\s+(?:really|actually)\s+(?:need|have)\b|\bwho\s+do\s+i\s+(?:tell|notify|report|inform|ask)\b|\bdo\s+i\s+need\b|"
    r"\bshould\s+(?:i|we)\s+(?:do|say|tell)\b|\bhave\s+to\s+do\s+anything\b|\bwhat\s+do\s+i\s+tell\b",
    re.I,
)
_SKIP = re.compile(r"\b(?:just|skip|instead|without|ignore|leave\s+it|not\s+bother|faff|really\s+need|actually\s+have|rather\s+not)\b", re.I)


@dataclass(frozen=True)
class Governing:
    """The rule that decides a question, how well it matched, and what it decides."""

    rule: Rule
    verdict: str
    score: float
    cover: float
    exception_fits: bool
    rarest: float = 0.0
    """The weight of the rarest of the question's own words the rule shares."""


def ask_kind(question: str) -> str:
    """'duty' (do I have to / what do I do), 'permission' (can I / is it ok) or 'statement'."""
    duty, permission = _DUTY_ASK.search(question), _PERMISSION.search(question)
    if duty and permission:
        return "duty" if duty.start() < permission.start() else "permission"
    return "duty" if duty else "permission" if permission else "statement"


def verdict_for(rule: Rule, kind: str, question: str, exception_fits: bool) -> str:
    if rule.modality == MUST_NOT:
        return "allowed" if exception_fits else "not_allowed"
    if rule.modality == ONLY_WITH:
        return "refer"
    if rule.modality == ENCOURAGED:
        return "allowed"
    if rule.modality == MAY:
        return "allowed_with_conditions" if (rule.condition or rule.exception) else "allowed"
    # MUST or SHOULD
    if exception_fits:
        return "not_required" if kind == "duty" else "allowed"
    if rule.duty:
        if rule.modality == SHOULD and re.search(r"\b(?:before|prior\s+to|in\s+advance)\b", rule.act, re.I) and kind != "duty":
            return "allowed_with_conditions"
        if rule.modality == SHOULD and re.search(r"\b(?:before|prior\s+to|in\s+advance)\b", rule.act, re.I) and not _SKIP.search(question):
            return "allowed_with_conditions"
        return "required"
    if kind == "permission":
        return "not_allowed"
    return "required"


REFERENCE_IDF = math.log(1 + (150 - 0.5) / 1.5)
"""The idf of a word found once in a code of 150 clauses: weights are scaled so that such a word
weighs the same in every code, and the thresholds above mean the same for a short added code."""


ASK_BONUS = 2.0
"""A rule of the kind the question asks about (a duty to tell, for 'do I have to tell?') is
preferred among sentences matching about as well."""


def _fits_ask(rule: Rule, kind: str) -> float:
    if kind in {"duty", "statement"} and rule.duty:
        return ASK_BONUS
    if kind == "permission" and rule.modality in {MUST_NOT, ONLY_WITH, MAY}:
        return ASK_BONUS / 2
    return 0.0


class _Weights:
    """Idf of each analysed word in one council's code, from its BM25 postings, scaled to REFERENCE_IDF."""

    def __init__(self, retriever: "Retriever", council: str):
        index = retriever.indexes.get(council)
        self.size = index.sparse.size if index is not None else 0
        self.postings = index.sparse.postings if index is not None else {}
        rarest = math.log(1 + (self.size - 0.5) / 1.5) if self.size > 1 else 1.0
        self.scale = REFERENCE_IDF / rarest
        self._memo: dict[str, float] = {}

    def __call__(self, token: str) -> float:
        got = self._memo.get(token)
        if got is None:
            posting = self.postings.get(token)
            df = len(posting[0]) if posting is not None else 0
            got = 0.0 if df == 0 else self.scale * math.log(1 + (self.size - df + 0.5) / (df + 0.5))
            self._memo[token] = got
        return got


_WEIGHTS: dict[tuple[int, str], _Weights] = {}
_SENTENCE_TOKENS: dict[str, frozenset[str]] = {}


def _weights(retriever: "Retriever", council: str) -> _Weights:
    key = (id(retriever), council)
    if key not in _WEIGHTS:
        if len(_WEIGHTS) > 256:
            _WEIGHTS.clear()
        _WEIGHTS[key] = _Weights(retriever, council)
    return _WEIGHTS[key]


def _tokens(text: str) -> frozenset[str]:
    got = _SENTENCE_TOKENS.get(text)
    if got is None:
        from index.analyse import get_analyser

        if len(_SENTENCE_TOKENS) > 50_000:
            _SENTENCE_TOKENS.clear()
        got = _SENTENCE_TOKENS[text] = frozenset(get_analyser().tokens(text))
    return got


_SUFFIX = re.compile(r"(?:atory|ations?|ate|ments?|itions?|ions?|ory|ive|ing|al)$")
_STEMS: dict[str, str] = {}


def stem(token: str) -> str:
    """A word without its derivational ending, so that 'induction' meets 'induct', 'payment' meets 'pay'
    and 'discriminatory' meets 'discriminate': the lemmatizer joins only inflections."""
    got = _STEMS.get(token)
    if got is None:
        cut = _SUFFIX.sub("", token)
        got = cut if len(cut) >= (3 if token.endswith(("ment", "ments")) else 4) else token
        if len(_STEMS) > 50_000:
            _STEMS.clear()
        _STEMS[token] = got
    return got


def governing(question: str, own: Sequence[str], expanded: Sequence[str], council: str, library: "Library",
              retriever: "Retriever", hits: Sequence["Hit"], loose: bool = False
              ) -> tuple[Governing | None, list["Candidate"]]:
    """The rule among these clauses that plainly governs the question, and every rule ranked.

    `own` are the question's analysed words, `expanded` the lexicon's additions to them. `loose`
    counts the lexicon's words towards the share of the question covered too: for a topic the
    question plainly names whose rule an added code words its own way."""
    weight = _weights(retriever, council)
    own_set = {t for t in own if weight(t) > 0}
    own_stems = {stem(t) for t in own}
    extra_stems = {stem(t) for t in expanded} - own_stems
    total = sum(weight(t) for t in own_set) or REFERENCE_IDF
    kind = ask_kind(question)
    ranked: list[tuple[float, float, int, Rule, bool, int, float]] = []
    for rank, hit in enumerate(hits):
        clause = hit.clause
        parent = library.clause(clause.parent) if clause.parent else None
        heading = _tokens(clause.section)
        for rule in rules_of(clause, parent):
            main = rule.sentence if not rule.exception else rule.sentence[: max(1, rule.sentence.find(rule.exception[:12]))]
            words = _tokens(main) | heading
            shared = {w for w in words if stem(w) in own_stems and weight(w) > 0}
            expansion = {w for w in words if stem(w) in extra_stems and weight(w) > 0}
            own_score = sum(weight(t) for t in shared)
            score = own_score + EXPANSION_WEIGHT * sum(weight(t) for t in expansion)
            fits = False
            if rule.exception:
                in_exception = {w for w in _tokens(rule.exception) - words if stem(w) in own_stems}
                fits = sum(weight(t) for t in in_exception) >= 4.0 and len(in_exception) >= 1
            cover = min(1.0, (score if loose else own_score) / total)
            ranked.append((score + CLAUSE_WEIGHT * hit.score + _fits_ask(rule, kind), cover, rank, rule, fits,
                           len({stem(w) for w in shared | expansion}), max((weight(w) for w in shared), default=0.0)))
    ranked.sort(key=lambda r: (-r[0], r[2]))
    listing = [Candidate(s, r, c, f, n) for s, c, _, r, f, n, _ in ranked]
    if not ranked:
        return None, listing
    if kind == "statement":
        # A bare statement asks nothing: only a duty it triggers is decided ('I was overpaid' -> tell).
        ranked = [r for r in ranked if r[3].duty and r[3].modality in {MUST, SHOULD}]
        if not ranked:
            return None, listing
    score, cover, _, rule, fits, sharing, rarest = ranked[0]
    if score < MIN_SCORE or cover < MIN_COVER or sharing < MIN_WORDS:
        return None, listing
    verdict = verdict_for(rule, kind, question, fits)
    for other_score, _, _, other, other_fits, _, _ in ranked[1:]:
        if other.clause_id == rule.clause_id:
            continue
        if verdict_for(other, kind, question, other_fits) != verdict and score - other_score < MARGIN:
            return None, listing
        break
    return Governing(rule, verdict, score, cover, fits, rarest), listing


@dataclass(frozen=True)
class Candidate:
    """One rule of a retrieved clause, scored against the question."""

    score: float
    rule: Rule
    cover: float
    fits: bool
    sharing: int


SHARPEN_SCORE = 8.0
SHARPEN_COVER = 0.3
SHARPEN_MARGIN = 3.0
"""A template's verdict is re-cited to another clause's rule only when that rule gives the same verdict,
matches plainly (score, cover) and matches this much better than any rule of the clauses cited."""


def sharper(question: str, listing: Sequence[Candidate], verdict: str, own: "Callable[[str], bool]",
            neighbour: "Callable[[str], bool]") -> Governing | None:
    """The neighbouring clause whose rule names the situation a template decided by a more general one.

    'Can I put the council logo on my LinkedIn banner?' is decided not_allowed by the social-media
    template from its first list item (nothing that could damage the council's reputation); the item
    that decides it is the one on the council's logos. Only a neighbour (the same section as the
    template's clauses) is considered: the template chose the part of the code, the rule chooses the
    clause within it. Same verdict, and a plainly better match than the template's own clauses."""
    kind = ask_kind(question)
    own_best = max((c.score for c in listing if own(c.rule.clause_id)), default=0.0)
    for c in listing:
        if own(c.rule.clause_id) or not neighbour(c.rule.clause_id):
            continue
        if c.score < SHARPEN_SCORE or c.cover < SHARPEN_COVER or c.sharing < MIN_WORDS:
            return None
        if c.score - own_best < SHARPEN_MARGIN:
            return None
        if verdict_for(c.rule, kind, question, c.fits) != verdict:
            return None
        return Governing(c.rule, verdict, c.score, c.cover, c.fits)
    return None


def answers_the_ask(found: Governing, question: str) -> bool:
    """Whether the rule is of the kind the question asks about: 'do I have to declare it?' is not
    answered by a prohibition, however many words they share."""
    kind = ask_kind(question)
    if kind == "duty":
        return found.rule.duty or found.rule.modality in {ONLY_WITH, MUST, SHOULD}
    return True


def clause_of(library: "Library", rule: Rule) -> "Clause | None":
    return library.clause(rule.clause_id)


_LEADS = {
    "not_allowed": "No",
    "required": "Yes, you must",
    "refer": "Ask first",
    "allowed_with_conditions": "Yes, with conditions",
    "allowed": "Yes",
    "not_required": "No need",
}


def _quote(sentence: str) -> str:
    text = " ".join(sentence.split()).rstrip(" .;:,")
    return text[:1].upper() + text[1:]


def summary_for(found: Governing, council_name: str, ref: str) -> str:
    """One sentence saying what the clause decides and why, in the clause's own words."""
    text = _summary(found, council_name, ref)
    return text[:1].upper() + text[1:]


def _summary(found: Governing, council_name: str, ref: str) -> str:
    rule, verdict = found.rule, found.verdict
    said = _quote(rule.sentence)
    if found.exception_fits and rule.exception:
        return (f"{council_name}'s code makes an exception that fits here ({ref}): "
                f"\"{_quote(rule.exception)}\".")
    if verdict == "refer":
        whom = f"{rule.person}'s" if rule.person else "someone else's"
        return f"Not on your own say-so: {council_name}'s code makes this {whom} decision ({ref}): \"{said}\"."
    if verdict == "required":
        return f"{council_name}'s code requires it ({ref}): \"{said}\"."
    if verdict == "not_allowed":
        return f"{council_name}'s code does not allow it ({ref}): \"{said}\"."
    if verdict == "allowed_with_conditions":
        return f"Yes, on the terms {council_name}'s code sets ({ref}): \"{said}\"."
    return f"{council_name}'s code allows it ({ref}): \"{said}\"."


def action_for(found: Governing) -> str | None:
    rule = found.rule
    if not rule.person:
        return None
    person = rule.person
    if person.split()[0] in {"Your", "The", "Their", "His", "Her", "An", "A", "Appropriate", "Relevant"}:
        person = person[:1].lower() + person[1:]
    if found.verdict == "refer":
        return f"Ask {person} first: the decision is theirs."
    if found.verdict in {"required", "allowed_with_conditions"} and rule.duty:
        return f"Tell {person}, as the clause says."
    return None
