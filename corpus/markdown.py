"""Reading an unnumbered Markdown code (Essex) into sections of numbered items.

With no clause numbers to cite, a clause is addressed by its section heading's
slug and its place in that section (``essex:gifts-and-hospitality/2``). A
bullet under "You must:" or "You must not:" becomes a sentence of its own
("You must not accept personal gifts…"), which is how staff quote it.
"""

from __future__ import annotations

import re

from corpus.builder import Block, SectionDraft
from corpus.text import lower_first, slugify, strip_markup, tidy

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_LEAD_IN = re.compile(r"^(You must(?: not)?)\s*:?\s*$", re.I)
_NUMBERED = re.compile(r"^(\d{1,2})\.\s+(.*)$")
_METADATA = re.compile(r"^(?:\*\*[^*]+:\*\*|Date:\s)")
_CONTENTS = {"contents", "table of contents"}


def read_markdown(lines: list[str]) -> list[SectionDraft]:
    sections: list[SectionDraft] = []
    slugs: set[str] = set()
    lead_in: str | None = None
    skipping = False
    block: Block | None = None
    for raw in lines:
        if not raw.strip():
            continue
        heading = _HEADING.match(raw.strip())
        if heading:
            title = tidy(strip_markup(heading.group(2)))
            skipping = title.lower() in _CONTENTS
            if not skipping:
                slug = _unique(slugify(title), slugs)
                sections.append(SectionDraft(slug, title))
            lead_in, block = None, None
            continue
        if skipping or _METADATA.match(raw.strip()) or not sections:
            continue
        indent = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        bullet = stripped.startswith("- ") or stripped == "-"
        text = tidy(strip_markup(stripped[1:] if bullet else stripped))
        if not text:
            continue
        section = sections[-1]
        lead = _LEAD_IN.match(text)
        if lead and not bullet:
            lead_in = lead.group(1)
            continue
        if bullet and indent > 0 and block is not None and block.parts and str(block.parts[-1]).endswith(":"):
            block.parts[-1] = f"{block.parts[-1]} {text}"  # nested list continues its parent item
            continue
        if bullet and indent > 0 and block is not None and block.parts and ":" in str(block.parts[-1]):
            block.parts[-1] = f"{block.parts[-1]}; {text}"
            continue
        numbered = _NUMBERED.match(text)
        if numbered and not bullet:
            text = numbered.group(2)
        elif not bullet:
            lead_in = None
        if bullet and lead_in:
            text = _after_lead_in(lead_in, lower_first(text))
        block = Block(f"{section.number}/{len(section.blocks) + 1}", [text])
        section.blocks.append(block)
    return [s for s in sections if s.blocks]


def _after_lead_in(lead_in: str, text: str) -> str:
    """``You must`` + ``if you suspect fraud, contact…`` reads as ``You must, if you suspect fraud, contact…``."""
    if text.split(" ", 1)[0] in {"if", "when", "where", "whenever", "unless"}:
        return f"{lead_in}, {text}"
    return f"{lead_in} {text}"


def _unique(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate
