"""Turning a reader's blocks into immutable Clause and Section records.

Every reader (numbered, tracked, markdown) produces the same mutable outline of
sections, blocks, paragraphs and items; this module gives them ids and text in
one place, so that the id scheme cannot drift between formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.clause import Clause, Council, Document, Section


@dataclass
class Item:
    """A list item or table row inside a block."""

    label: str
    """Id suffix without brackets: ``xxi``, ``c``, ``1``."""
    text: str
    marker: str
    """How the item opens in its parent's text: ``(c)``, ``•``, or ``""`` for table rows."""
    sub: list[str] = field(default_factory=list)

    def render(self) -> str:
        text = self.text
        for sub in self.sub:
            joined_by_source = text.endswith((":", ";", ",", ".")) or text.endswith((" or", " and"))
            text = f"{text}{' ' if joined_by_source else '; '}{sub}"
        return text


@dataclass
class Block:
    """One clause being assembled: its paragraphs and items in document order."""

    number: str
    parts: list[str | Item] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return [p for p in self.parts if isinstance(p, Item)]

    @property
    def last(self) -> str | Item | None:
        return self.parts[-1] if self.parts else None

    def is_empty(self) -> bool:
        return not self.parts


@dataclass
class SectionDraft:
    number: str
    heading: str
    blocks: list[Block] = field(default_factory=list)


class DuplicateClause(ValueError):
    """Two paragraphs of one document carry the same number: a citation would not say which is meant."""

    def __init__(self, clause_id: str):
        super().__init__(f"duplicate clause id {clause_id}")
        self.clause_id = clause_id
        self.number = clause_id.partition(":")[2]


def build_document(council: Council, sections: list[SectionDraft]) -> Document:
    clauses: list[Clause] = []
    built_sections: list[Section] = []
    seen: set[str] = set()
    for draft in sections:
        section_id = f"{council.slug}:{draft.number}"
        ids: list[str] = []
        for block in draft.blocks:
            if block.is_empty():
                continue
            for clause in _clauses_of(council.slug, draft, section_id, block, len(clauses)):
                if clause.id in seen:
                    raise DuplicateClause(clause.id)
                seen.add(clause.id)
                clauses.append(clause)
                ids.append(clause.id)
        built_sections.append(Section(section_id, council.slug, draft.number, draft.heading, tuple(ids)))
    return Document(council=council, sections=tuple(built_sections), clauses=tuple(clauses))


def _clauses_of(slug: str, draft: SectionDraft, section_id: str, block: Block, position: int) -> list[Clause]:
    clause_id = f"{slug}:{block.number}"
    items = block.items
    item_ids = tuple(f"{clause_id}({item.label})" for item in items)
    lines = []
    for part in block.parts:
        if isinstance(part, Item):
            rendered = part.render()
            lines.append(f"{part.marker} {rendered}" if part.marker else rendered)
        else:
            lines.append(part)
    body = "\n".join(p for p in block.parts if isinstance(p, str))
    parent = Clause(
        id=clause_id,
        council=slug,
        number=block.number,
        section_id=section_id,
        section=draft.heading,
        text="\n".join(lines),
        body=body,
        parent=None,
        position=position,
        children=item_ids,
    )
    out = [parent]
    for offset, (item, item_id) in enumerate(zip(items, item_ids), start=1):
        text = item.render()
        out.append(
            Clause(
                id=item_id,
                council=slug,
                number=f"{block.number}({item.label})",
                section_id=section_id,
                section=draft.heading,
                text=text,
                body=text,
                parent=clause_id,
                position=position + offset,
            )
        )
    return out
