"""Reading a tracked-changes draft as its revised text, with the revised numbering.

The Gloucester draft came out of Word as Markdown-like text: ``~~deleted~~``,
``[inserted](#)`` and ``**bold**``, with the old and new paragraph numbers run
together (``~~109.2~~`` is new 10.2, ``67.2`` is new 7.2, ``1011.4`` is new
11.4). The revised numbering runs section by section in order, so a heading is
the next section number and a paragraph number's last part is its position in
that section; the run-together digits only have to *contain* the new section
number, which this reader checks rather than trusts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from corpus.text import is_title_like, strip_markup, tidy

_DELETED = re.compile(r"~~.*?~~", re.S)
_LEAD = re.compile(r"^\s*(?:-\s+)?")
_EMPTY_BRACKETS = re.compile(r"\[\s*\]")
_NUMBERED_LINE = re.compile(
    r"^(?P<indent>\s*(?:-\s+)?)(?P<open>~~|\[)?(?P<num>\d[\d.\-]*)(?P<close>~~|\]\(#\))?\s+(?P<rest>.*)$"
)


class TrackedChangesError(ValueError):
    """The draft's numbering cannot be resolved; better to stop than mis-number a clause."""


def revise(text: str) -> str:
    """The revised text of a draft line: deletions gone, insertions and emphasis kept as words."""
    text = _DELETED.sub("", text)
    text = strip_markup(text)
    return tidy(_EMPTY_BRACKETS.sub("", text))


def _digits(token: str) -> str:
    return re.sub(r"\D", "", token)


def read_revised(lines: Iterable[str]) -> list[str]:
    """Turn draft lines into plain lines with canonical numbers (``10 Gifts…``, ``10.2 Small gifts…``).

    Lines whose whole text was deleted are dropped, so a deleted clause never appears.
    """
    out: list[str] = []
    section = 0
    for line in lines:
        if not line.strip():
            out.append("")
            continue
        match = _NUMBERED_LINE.match(line)
        if match is None or (match.group("open") == "~~" and match.group("close") is None):
            # Not numbered, or the number sits inside a deletion that runs on:
            # either way the revised words are all that is left.
            lead = _LEAD.match(line).group(0)
            revised = revise(line[len(lead):])
            if revised:
                out.append(lead + revised)
            continue
        rest = revise(match.group("rest"))
        if not rest:
            continue
        token = match.group("num").rstrip(".")
        if "." not in token or token.endswith(".0"):
            if is_title_like(rest):
                section = _next_section(section, token, rest)
                out.append(f"{section} {rest}")
                continue
            out.append(f"{match.group('indent')}{match.group('num')} {rest}")
            continue
        if is_title_like(rest):
            section = _next_section(section, token, rest)
            out.append(f"{section} {rest}")
            continue
        head, _, sub = token.rpartition(".")
        if str(section) not in _digits(head):
            raise TrackedChangesError(
                f"paragraph {token!r} ({rest[:40]!r}) does not belong to section {section}"
            )
        out.append(f"{match.group('indent')}{section}.{int(sub)} {rest}")
    return out


def _next_section(section: int, token: str, heading: str) -> int:
    expected = section + 1
    if str(expected) not in _digits(token):
        raise TrackedChangesError(
            f"heading {token!r} {heading!r} should be section {expected}"
        )
    return expected
