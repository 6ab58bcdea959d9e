"""Re-joining a two-column table that text extraction flattened into tab-separated lines.

A PDF or Word table comes out one *visual* line at a time: each line holds the
piece of every cell that sat at that height, so a cell's words are spread over
several lines. Rows are recovered from the left column: a row's label usually
ends before its (longer) right-hand text, so a left cell that starts again after
an empty one begins a new row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.text import ends_sentence, starts_lowercase, tidy

_FUNCTION_WORDS = {"the", "a", "an", "of", "to", "with", "and", "or", "that", "for", "in", "on", "by", "your"}


@dataclass
class FlatTable:
    """Lines of one flattened table, gathered until the table ends."""

    header: list[str] = field(default_factory=list)
    rows: list[list[list[str]]] = field(default_factory=list)
    _left_was_empty: bool = True

    def add_line(self, line: str) -> None:
        cells = [c.strip() for c in line.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        if not self.header:
            self.header = [c for c in cells if c]
            return
        if not cells:
            return
        left = cells[0]
        if left and (self._left_was_empty or not self.rows):
            self.rows.append([[] for _ in range(max(2, len(self.header)))])
        self._left_was_empty = not left
        if not self.rows:
            self.rows.append([[] for _ in range(max(2, len(self.header)))])
        row = self.rows[-1]
        for index, cell in enumerate(cells[: len(row)]):
            if cell:
                row[index].append(cell)

    def continue_last_cell(self, text: str) -> None:
        """A page break split the last cell: its words carry on after the table."""
        if self.rows:
            row = self.rows[-1]
            column = max((i for i, cell in enumerate(row) if cell), default=0)
            row[column].append(text.strip())

    def sentences(self, header: tuple[str, ...] = ()) -> list[str]:
        """Each row as a sentence a person can follow: ``Situation: …. Action required: ….``"""
        names = list(header) or self.header or ["Column 1", "Column 2"]
        out = []
        for row in self.rows:
            parts = []
            for index, cell in enumerate(row):
                if not cell:
                    continue
                text = _join_label(cell) if index == 0 else _join_prose(cell)
                name = names[index] if index < len(names) else f"Column {index + 1}"
                parts.append(f"{name}: {text if ends_sentence(text) else text + '.'}")
            if parts:
                out.append(" ".join(parts))
        return out


def _join_prose(lines: list[str]) -> str:
    return tidy(" ".join(lines))


def _join_label(lines: list[str]) -> str:
    """Join a label cell whose lines may be separate phrases (a heading, then examples)."""
    text = lines[0]
    for line in lines[1:]:
        previous_word = text.rsplit(" ", 1)[-1].lower()
        if text.lower().endswith("example"):
            text += ": " + line
        elif starts_lowercase(line) or line.startswith("(") or previous_word in _FUNCTION_WORDS or ends_sentence(text):
            text += " " + line
        else:
            text += "; " + line
    return tidy(text)
