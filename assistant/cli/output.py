"""Printing for the command line: wrapped plain text for people, stable JSON for scripts.

Everything the CLI prints goes through `guard_streams`: text reaches the terminal with no escape
sequence, control character or bidi override in it (whatever a name, file or clause held), and a
terminal that is not UTF-8 gets what it can show instead of a UnicodeEncodeError.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import re
import shutil
import sys
import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corpus.library import Library

from corpus.safe_text import clean_text, shown

# What a terminal that cannot show a character gets instead of '?' (cp850, latin-1, ascii).
_PLAIN = {"\u2014": "-", "\u2013": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
          "\u2026": "...", "\u2022": "*", "\u00a3": "GBP ", "\u20ac": "EUR ", "\u2718": "x", "\u2714": "ok",
          "\u2192": "->", "\u00a0": " ", "\u00d7": "x", "\u2264": "<=", "\u2265": ">="}


def _plain_or_question(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    chunk = exc.object[exc.start:exc.end]
    return "".join(_PLAIN.get(ch, "?") for ch in chunk), exc.end


codecs.register_error("conduct-plain", _plain_or_question)

# JSON keeps every character (data must round-trip) but escapes the ones a terminal could act on
# or show misleadingly: C1 controls and bidi overrides (json.dumps already escapes C0).
_JSON_UNSAFE = re.compile("[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u2028\u2029]")


def _json_text(data: Any, **kw: Any) -> str:
    stream = _unguarded(sys.stdout)
    utf8 = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-") in {"utf-8", "utf8"}
    text = json.dumps(data, ensure_ascii=not utf8, **kw)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


PRETTY = False
"""--pretty: JSON indented over several lines; by default every JSON document is one line."""
VERBOSE = False
"""--verbose: internal details (an index cache rebuilt) are printed on stderr too."""


def configure(pretty: bool = False, verbose: bool = False) -> None:
    global PRETTY, VERBOSE
    PRETTY, VERBOSE = pretty, verbose


def emit_json(data: Any) -> None:
    """One JSON document on stdout, on one line unless --pretty; keys keep their insertion order so
    output is byte-stable.

    ASCII-only (\\u escapes) when the terminal is not UTF-8, so nothing is lost or replaced."""
    if PRETTY:
        _unguarded(sys.stdout).write(_json_text(data, indent=2) + "\n")
    else:
        emit_json_line(data)


def emit_json_line(data: Any) -> None:
    stream = _unguarded(sys.stdout)
    stream.write(_json_text(data, separators=(",", ":")) + "\n")
    stream.flush()


class Guarded(io.TextIOBase):
    """A text stream that cleans what is written to it before the real stream sees it."""

    def __init__(self, stream: Any) -> None:
        self.unguarded = stream
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="conduct-plain")
            except (ValueError, io.UnsupportedOperation):
                pass

    def write(self, text: str) -> int:
        self.unguarded.write(clean_text(text))
        return len(text)

    def flush(self) -> None:
        self.unguarded.flush()

    def close(self) -> None:
        self.unguarded.close()
        super().close()

    def isatty(self) -> bool:
        return self.unguarded.isatty()

    def fileno(self) -> int:
        return self.unguarded.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.unguarded, "encoding", "utf-8")

    @property
    def buffer(self) -> Any:
        return self.unguarded.buffer


def _unguarded(stream: Any) -> Any:
    return getattr(stream, "unguarded", stream)


def guard_streams() -> None:
    """Route the CLI's stdout and stderr through `Guarded` (once)."""
    if not isinstance(sys.stdout, Guarded):
        sys.stdout = Guarded(sys.stdout)
    if not isinstance(sys.stderr, Guarded):
        sys.stderr = Guarded(sys.stderr)


@contextlib.contextmanager
def unguarded_stdout() -> Iterator[None]:
    """The real stdout for input()'s prompt, so an interactive terminal keeps line editing."""
    guarded = sys.stdout
    sys.stdout = _unguarded(guarded)
    try:
        yield
    finally:
        sys.stdout = guarded


def width() -> int:
    """Text width: the terminal's (at most 100), less room for the conversation's indent."""
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 100) - 4)


def wrap(text: str, indent: str = "", hanging: str | None = None, lead: str = "") -> str:
    """Wrap each paragraph of a clause on its own, keeping the clause's line structure.

    `lead` goes before the first line and counts towards its width (the plain conversation's
    "Conduct: "). Words, clause ids and hyphenated slugs are never split: a longer one overflows.
    """
    hanging = indent if hanging is None else hanging
    lines = []
    for number, paragraph in enumerate(text.split("\n")):
        first = (lead if number == 0 else "") + indent
        lines.append(
            textwrap.fill(paragraph, width=width(), initial_indent=first, subsequent_indent=hanging,
                          break_long_words=False, break_on_hyphens=False)
            or first.rstrip()
        )
    return "\n".join(lines)


def error(message: str) -> None:
    """One line on stderr; callers clip what they echo (corpus.safe_text.shown), this cleans the rest."""
    sys.stderr.write(f"conduct: {shown(message, None)}\n")


def detail(message: str) -> None:
    """An internal note (a cache rebuilt): on stderr only with --verbose."""
    if VERBOSE:
        error(message)


def resolve_council(library: "Library", wanted: str) -> str | None:
    """A slug from what the user typed, forgiving typos; None (with a message) if there is no match."""
    match = library.find_council(wanted)
    if match.slug is None:
        hint = f" Did you mean {' or '.join(match.suggestions)}?" if match.suggestions else ""
        error(f"no council called {shown(wanted)!r}.{hint} Councils: {', '.join(library.slugs)}.")
    elif not match.exact:
        error(f"taking {shown(wanted)!r} to mean {match.slug} ({library.document(match.slug).council.name}).")
    return match.slug


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
