"""Printing for the command line: wrapped plain text for people, stable JSON for scripts."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corpus.library import Library


def emit_json(data: Any) -> None:
    """One JSON document on stdout; keys keep their insertion order so output is byte-stable."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def emit_json_line(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def width() -> int:
    """Text width: the terminal's (at most 100), less room for the conversation's indent."""
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 100) - 4)


def wrap(text: str, indent: str = "", hanging: str | None = None) -> str:
    """Wrap each paragraph of a clause on its own, keeping the clause's line structure."""
    hanging = indent if hanging is None else hanging
    lines = []
    for paragraph in text.split("\n"):
        lines.append(
            textwrap.fill(paragraph, width=width(), initial_indent=indent, subsequent_indent=hanging)
            or indent.rstrip()
        )
    return "\n".join(lines)


def error(message: str) -> None:
    sys.stderr.write(f"conduct: {message}\n")


def resolve_council(library: "Library", wanted: str) -> str | None:
    """A slug from what the user typed, forgiving typos; None (with a message) if there is no match."""
    slug = library.match_council(wanted)
    if slug is None:
        error(f"no council called {wanted!r}. Councils: {', '.join(library.slugs)}.")
    return slug


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain, left-aligned table; the last column takes what width is left and is cut with '…'."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    fixed = sum(widths[:-1]) + 2 * (len(headers) - 1)
    last = max(20, width() - fixed)
    out = []
    for row in [headers, ["-" * w for w in widths[:-1]] + ["-" * min(widths[-1], last)], *rows]:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        tail = row[-1] if len(row[-1]) <= last else row[-1][: last - 1] + "…"
        out.append("  ".join([*cells, tail]).rstrip())
    return "\n".join(out)
