"""Answers, clauses and traces as Textual `Content`: styled, and never parsed as markup.

Every piece of text that came from a user or a document goes through
`literal()` and into `Content` as plain text, so `[bold]` in a question is
shown as typed and cannot break layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.content import Content
from textual.style import Style

from tui.literal import literal

if TYPE_CHECKING:
    from assistant.answer import Answer, Citation, Point
    from corpus.clause import Clause

VERDICT_SIGNS = {
    "allowed": "✔",
    "allowed_with_conditions": "✔",
    "not_allowed": "✘",
    "required": "!",
    "not_required": "–",
    "refer": "→",
    "needs_info": "?",
    "guidance": "i",
    "not_covered": "∅",
}
"""A sign beside each verdict's words, so the badge never relies on colour alone."""

ICON = "§"
"""The header's icon (it opens the command palette). Textual's "⭘" is missing from many browser fonts
and showed as an empty box under `conduct serve`; the section sign is in every font, and fits a code."""
ID_STYLE = "bold $text-accent"
HIGHLIGHT_STYLE = "bold underline $text-warning on $warning-muted"
MUTED = "$text-muted"


def badge_text(verdict: str, label: str) -> str:
    """The words of a verdict badge, e.g. '✘ No' or '? Need more information'."""
    return f"{VERDICT_SIGNS.get(verdict, '•')} {label}"


def text(value: str, style: str = "") -> Content:
    """Untrusted text as content, control characters made visible."""
    return Content.styled(literal(value), style) if style else Content(literal(value))


def clause_link(clause_id: str) -> Content:
    """`[thurrock:14.5]`, styled, and clickable: a click opens the clause in context."""
    content = Content.styled(f"[{clause_id}]", ID_STYLE)
    return content.stylize(Style.from_meta({"@click": f"app.open_clause({clause_id!r})"}))


def point(item: "Point") -> Content:
    """A reason or action followed by its (clickable) clause id."""
    if not item.citation:
        return text(item.text)
    return Content.assemble(text(item.text), " ", clause_link(item.citation))


def follow_up(answer: "Answer") -> Content:
    lines = [Content.assemble(("? ", "bold"), text(answer.follow_up or "", "bold"))]
    if answer.follow_up_why:
        lines.append(text(answer.follow_up_why, f"italic {MUTED}"))
    return Content("\n").join(lines)


def council_rows(answer: "Answer") -> list[Content]:
    """A comparison's councils, one row each: name, verdict in words, summary."""
    return [
        Content.assemble(text(str(row["name"]), "bold"), ": ",
                         (badge_text(str(row["verdict"]), str(row["label"])), "bold"), " — ", text(str(row["summary"])))
        for row in (answer.councils or {}).values()
    ]


def find_span(haystack: str, needle: str | None) -> tuple[int, int] | None:
    """Where `needle` occurs in `haystack`, ignoring case and runs of white space."""
    if not needle or not needle.strip():
        return None
    words = [re.escape(word) for word in needle.split()]
    match = re.search(r"\s+".join(words), haystack, flags=re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def highlighted(body: str, *phrases: str | None, limit: int | None = None) -> Content:
    """The text with each phrase that occurs in it highlighted (bold and underlined, not colour alone)."""
    shown = literal(body)
    cut = limit is not None and len(shown) > limit
    if cut:
        shown = shown[:limit]
    content = Content(shown)
    for phrase in phrases:
        span = find_span(shown, literal(phrase) if phrase else None)
        if span:
            content = content.stylize(HIGHLIGHT_STYLE, *span)
    if cut:
        content = content + Content.styled(" … (open it to read the rest)", f"italic {MUTED}")
    return content


def citation_title(citation: "Citation") -> Content:
    return Content.assemble((citation.id, ID_STYLE), "  ", text(citation.section, "italic"))


def clause_title(clause: "Clause") -> Content:
    return Content.assemble((clause.id, ID_STYLE), "  ", text(clause.section, "italic"))


def opening(value: str, words: int = 10) -> str:
    """The first words of a clause, for outlines and lists."""
    first = literal(value).split("\n", 1)[0].split()
    more = len(first) > words or "\n" in value
    return " ".join(first[:words]) + (" …" if more else "")


def lines(parts: Iterable[Content]) -> Content:
    return Content("\n").join(list(parts))
