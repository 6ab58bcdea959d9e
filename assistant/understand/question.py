"""A question, read once: every later step (deciding, comparing, searching) reads this, never the raw text.

Reading a question means, in order: normalise it (index.normalise: escapes, odd
spaces, control characters), cut it to MAX_QUESTION_CHARS, break unbroken runs
that would make spaCy's tokenizer slow (`analysable`), then find the councils it
names, its facts, its lexicon entries and query tokens (one analyser pass), and
its topic scores. The chat, the compare screen, `conduct ask`, `conduct compare`
and training all build a `Question` with `read_question` and hand it on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.understand.councils import Mention
from assistant.understand.facts import Facts
from assistant.understand.topics import Reading

MAX_QUESTION_CHARS = 2000
_UNBROKEN = re.compile(r"\S{60}")

Choices = Sequence[tuple[str, Sequence[str]]]
"""The councils a question may name: (slug, [name, aliases...]) each."""


@dataclass(frozen=True)
class Question:
    """One immutable reading of what was typed."""

    typed: str
    """As it came in."""
    text: str
    """Normalised and cut to MAX_QUESTION_CHARS: what an answer quotes back."""
    notice: str | None
    """Said to the user when the text was cut."""
    plain: str
    """`text` with unbroken runs broken (`analysable`): what facts, topics and search read."""
    mentions: tuple[Mention, ...]
    """The councils named, in text order."""
    facts: Facts
    entries: tuple[str, ...]
    """The retrieval lexicon's entries the question matches."""
    query_tokens: tuple[str, ...]
    """Analysed tokens and lexicon expansions, ready for the retriever."""
    reading: Reading
    """Topic scores, the best topic and the intent."""

    @property
    def named(self) -> list[str]:
        """The slugs of the councils named, each once, in text order."""
        return list(dict.fromkeys(m.slug for m in self.mentions))

    @property
    def empty(self) -> bool:
        return not self.text


def read_question(typed: str, councils: Choices = ()) -> Question:
    """Read a question once: normalised, cut, made analysable, then understood."""
    from index.normalise import normalise

    text, notice = clip(normalise(typed))
    return read_plain(analysable(text), councils, typed=typed, text=text, notice=notice)


def read_plain(plain: str, councils: Choices = (), typed: str | None = None, text: str | None = None,
               notice: str | None = None) -> Question:
    """Understand text that is already normalised and analysable (a conversation's words so far)."""
    from assistant.understand.councils import find_mentions
    from assistant.understand.facts import extract_facts
    from assistant.understand.topics import read_question as read_topic
    from index.analyse import get_analyser

    text = plain if text is None else text
    if not text:
        tokens: list[str] = []
        entries: list[str] = []
        mentions: list[Mention] = []
        facts = Facts()
        reading = Reading(None, "ask", ())
    else:
        tokens, entries = get_analyser().analyse_query(plain)
        mentions = find_mentions(plain, councils) if councils else []
        facts = extract_facts(plain)
        reading = read_topic(plain, facts, entries)
    return Question(typed if typed is not None else plain, text, notice, plain, tuple(mentions), facts,
                    tuple(entries), tuple(tokens), reading)


def clip(text: str) -> tuple[str, str | None]:
    if len(text) <= MAX_QUESTION_CHARS:
        return text, None
    return text[:MAX_QUESTION_CHARS], f"Your question was cut to its first {MAX_QUESTION_CHARS:,} characters."


def analysable(text: str) -> str:
    """The text handed to spaCy: unbroken runs of 60+ characters (no word is that long) are split,
    because spaCy's tokenizer is quadratic in a run of punctuation with no spaces."""
    return _UNBROKEN.sub(lambda m: m.group(0) + " ", text)
