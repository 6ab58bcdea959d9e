"""Reading a numbered code (sections ``1.`` / ``1.0`` / ``1``, clauses ``1.1``) into an outline.

One reader serves every numbered document, bundled or added: it walks the
lines once, deciding for each whether it opens a section, a clause, a list
item or a table, or carries on the text before it (a sentence split by a page
break). Front matter (title, contents table, document metadata) is dropped;
unnumbered preamble paragraphs are kept under their own headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.builder import Block, Item, SectionDraft
from corpus.tables import FlatTable
from corpus.text import ends_sentence, is_roman, is_title_like, slugify, starts_lowercase, tidy

_SECTION = re.compile(r"^(\d{1,2})(?:\.0)?\.?\s+(\S.*)$")
_CLAUSE = re.compile(r"^(\d{1,2})\.(\d{1,3})\.?\s+(\S.*)$")
_NOTE = re.compile(r"^Note\s+(\d+)\s*:?\s*$", re.I)
_ROMAN_ITEM = re.compile(r"^\(?([ivxlc]{1,7})[.)]\s+(\S.*)$")
_LETTER_ITEM = re.compile(r"^\(?([a-z])\)\s+(\S.*)$")
_NUMBER_ITEM = re.compile(r"^\(?(\d{1,2})[.)]\s+(\S.*)$")
_PAGE_NUMBER_END = re.compile(r"\s\d{1,3}$")
_MAX_HEADING_WORDS = 14


@dataclass
class _Reader:
    sections: list[SectionDraft] = field(default_factory=list)
    section_number: int = 0
    block: Block | None = None
    table: FlatTable | None = None
    table_header: tuple[str, ...] = ()
    seen_title: bool = False
    in_contents: bool = False
    blank_before: bool = False

    # -- structure -------------------------------------------------------
    @property
    def in_preamble(self) -> bool:
        return self.section_number == 0

    @property
    def section(self) -> SectionDraft:
        if not self.sections:
            self.sections.append(SectionDraft("introduction", "Introduction"))
        return self.sections[-1]

    def open_section(self, number: str, heading: str) -> None:
        self.close_table()
        self.sections.append(SectionDraft(number, heading))
        self.block = None

    def open_block(self, number: str) -> Block:
        self.close_table()
        self.block = Block(number)
        self.section.blocks.append(self.block)
        return self.block

    def current_block(self) -> Block:
        """The block text belongs to; a numbered section without sub-numbers is one clause."""
        if self.block is None:
            if self.in_preamble:
                return self.open_block(f"{self.section.number}/{len(self.section.blocks) + 1}")
            return self.open_block(self.section.number)
        return self.block

    def close_table(self) -> None:
        if self.table is not None and self.block is not None:
            for sentence in self.table.sentences(self.table_header):
                self.block.parts.append(Item(label=str(len(self.block.items) + 1), text=sentence, marker=""))
        self.table = None

    # -- lines -----------------------------------------------------------
    def feed(self, raw: str) -> None:
        if not raw.strip():
            self.blank_before = True
            return
        indent = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        bullet = stripped == "-" or stripped.startswith("- ")
        content = tidy(stripped[1:]) if bullet else tidy(stripped)
        if not content:
            return
        if self.in_preamble and self._is_front_matter(raw, content):
            return
        handled = (
            self._section(content, bullet)
            or self._note(content)
            or self._clause(content)
            or self._table(raw)
            or self._labelled_item(content)
            or self._continuation(content, bullet, indent)
            or self._bullet(content, bullet, indent)
        )
        if not handled:
            self._paragraph(content)
        self.blank_before = False

    def _is_front_matter(self, raw: str, content: str) -> bool:
        """Title, contents table and metadata table come before the first section."""
        if not self.seen_title:
            self.seen_title = True
            return True
        if "\t" in raw:
            self.in_contents = True
            return True
        if self.in_contents and _PAGE_NUMBER_END.search(content):
            return True
        self.in_contents = False
        letters = [c for c in content if c.isalpha()]
        return len(letters) > 3 and content.isupper()

    def _section(self, content: str, bullet: bool) -> bool:
        match = _SECTION.match(content)
        if bullet or match is None or int(match.group(1)) != self.section_number + 1:
            return False
        if not is_title_like(match.group(2), _MAX_HEADING_WORDS):
            return False
        self.section_number += 1
        self.open_section(str(self.section_number), match.group(2))
        return True

    def _note(self, content: str) -> bool:
        match = _NOTE.match(content)
        if match is None or self.in_preamble:
            return False
        if self.section.number != "notes":
            self.open_section("notes", "Notes")
        self.open_block(f"note-{match.group(1)}")
        return True

    def _clause(self, content: str) -> bool:
        match = _CLAUSE.match(content)
        if match is None or self.in_preamble or int(match.group(1)) != self.section_number:
            return False
        if self.section.number != str(self.section_number):
            return False
        self.open_block(f"{self.section_number}.{int(match.group(2))}").parts.append(match.group(3))
        return True

    def _table(self, raw: str) -> bool:
        if "\t" not in raw:
            return False
        if self.table is None:
            self.current_block()
            self.table = FlatTable()
        self.table.add_line(raw.rstrip("\n"))
        return True

    def _continuation(self, content: str, bullet: bool, indent: int) -> bool:
        """Words carried over a line or page break join the text they continue."""
        if bullet or not starts_lowercase(content):
            return False
        if self.table is not None:
            self.table.continue_last_cell(content)
            return True
        block = self.block
        if block is None or block.last is None:
            return False
        last = block.last
        if isinstance(last, Item):
            if self.blank_before and indent == 0:
                block.parts.append(content)  # words after a list apply to the whole list
                return True
            target = last.sub if last.sub else None
            if target is not None:
                target[-1] = f"{target[-1]} {content}"
            else:
                last.text = f"{last.text} {content}"
            return True
        if ends_sentence(last) and self.blank_before:
            return False
        block.parts[-1] = f"{last} {content}"
        return True

    def _previous_item(self) -> Item | None:
        items = self.block.items if self.block else []
        return items[-1] if items else None

    def _labelled_item(self, content: str) -> bool:
        previous = self._previous_item()
        for pattern, kind in ((_ROMAN_ITEM, "roman"), (_LETTER_ITEM, "letter"), (_NUMBER_ITEM, "number")):
            match = pattern.match(content)
            if match and self._label_fits(kind, match.group(1), previous):
                self.current_block().parts.append(Item(match.group(1), match.group(2), f"({match.group(1)})"))
                return True
        return False

    def _bullet(self, content: str, bullet: bool, indent: int) -> bool:
        if not bullet:
            return False
        block = self.block
        previous = self._previous_item()
        if previous is not None and block is not None and block.last is previous and (
            previous.render().endswith(":") or (previous.sub and indent > 0)
        ):
            previous.sub.append(content)
            return True
        target = self.current_block()
        if not [p for p in target.parts if isinstance(p, str)] and not target.items:
            target.parts.append(content)  # a bulleted opening paragraph is the clause's own text
            return True
        target.parts.append(Item(str(len(target.items) + 1), content, "•"))
        return True

    @staticmethod
    def _label_fits(kind: str, label: str, previous: Item | None) -> bool:
        """Tell ``i)`` after ``h)`` (a letter) from ``i.`` opening a roman list."""
        prev = previous.label if previous else None
        if kind == "roman":
            if not is_roman(label):
                return False
            if prev is not None and len(prev) == 1 and prev.isalpha() and ord(label[0]) == ord(prev) + 1 and len(label) == 1:
                return False
            return prev is None and label == "i" or (prev is not None and is_roman(prev))
        return True  # letters and numbers carry no such ambiguity

    def _paragraph(self, content: str) -> None:
        if self.in_preamble:
            if is_title_like(content) and not content.endswith(":"):
                self.open_section(slugify(content), content)
                return
            self.open_block(f"{self.section.number}/{len(self.section.blocks) + 1}").parts.append(content)
            return
        self.current_block().parts.append(content)

    def finish(self) -> list[SectionDraft]:
        self.close_table()
        return [s for s in self.sections if s.blocks or s.number.isdigit()]


def read_numbered(lines: list[str], table_header: tuple[str, ...] = ()) -> list[SectionDraft]:
    reader = _Reader(table_header=table_header)
    for line in lines:
        reader.feed(line)
    return reader.finish()
