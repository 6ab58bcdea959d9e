"""Read a council's own code of conduct file into plain text lines, or refuse.

Provides `extract(path)` -> `Extracted`, `ExtractError` and `SUPPORTED`.

`conduct add` hands the text to the clause parser, which expects the shape of
the bundled documents: one paragraph per line, blank lines between
paragraphs, list items as lines starting "- ", numbered paragraphs such as
"14.5 Employees must...", and table rows as tab-separated cells. This module
produces that shape from .txt, .md, .docx and .pdf files. It prefers refusing
to guessing: a clause citation is only worth something if the words behind it
are the document's, so a file that cannot be read faithfully (scanned,
encrypted, damaged) raises `ExtractError` with a message the user can act on.

Each format has its module (text.py for .txt and .md, docx.py, pdf.py; clean.py
holds what they share), imported only when a file of its kind is read, and
python-docx and pypdf only inside the functions that need them, so importing
this package stays cheap for the CLI.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

__all__ = ["SUPPORTED", "MAX_BYTES", "ExtractError", "Extracted", "extract"]

SUPPORTED = (".txt", ".md", ".docx", ".pdf")
MAX_BYTES = 50 * 1024 * 1024
"""Larger files are refused: no code of conduct is that big, and reading one
would stall the CLI."""


class ExtractError(Exception):
    """A document we cannot read faithfully; its message is shown to the user as is (one or two plain sentences, saying what to do)."""


@dataclass(frozen=True)
class Extracted:
    """The plain text of one source file, ready for the clause parser."""

    text: str
    """Plain text, "\\n" line endings, paragraphs separated by blank lines."""
    kind: str
    """"txt" | "md" | "docx" | "pdf"."""
    sha256: str
    """Of the source file's bytes, so a re-added file can be recognised."""
    warnings: tuple[str, ...]
    """Things the user should know about the reading, e.g. tracked changes."""


def extract(path: Path | str) -> Extracted:
    """Read ``path`` into plain text lines, or raise `ExtractError`."""
    from corpus.extract.clean import tidy

    path = Path(path)
    data = _read_bytes(path)
    kind = _kind_of(path)
    reader = _reader(kind)
    text, notes = reader(data, str(path))
    text = tidy(text)
    if not text.strip():
        raise ExtractError(f"{path} contains no text to read. Check it is the right file.")
    return Extracted(text=text, kind=kind, sha256=sha256(data).hexdigest(),
                     warnings=tuple(dict.fromkeys(notes)))


# --------------------------------------------------------------------------- the file


def _read_bytes(path: Path) -> bytes:
    """Check the path before reading so each failure gets its own plain message
    rather than an OSError the user would have to decode."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ExtractError(f"{path} was not found. Check the path and try again.") from None
    except PermissionError:
        raise ExtractError(f"{path} cannot be opened: permission denied. "
                           "Copy it somewhere you can read, then add the copy.") from None
    except OSError as exc:
        raise ExtractError(f"{path} cannot be opened ({exc.strerror or exc}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise ExtractError(f"{path} is a folder, not a document. Give the path of one file.")
    if not stat.S_ISREG(info.st_mode):
        raise ExtractError(f"{path} is not an ordinary file. Give the path of a saved document.")
    _kind_of(path)  # refuse an unsupported type before reading it
    if info.st_size > MAX_BYTES:
        raise ExtractError(f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB, too big for a "
                           "code of conduct. Save the code on its own as a smaller file.")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise ExtractError(f"{path} cannot be read: permission denied. "
                           "Copy it somewhere you can read, then add the copy.") from None
    except OSError as exc:
        raise ExtractError(f"{path} cannot be read ({exc.strerror or exc}).") from None
    if not data.strip():
        raise ExtractError(f"{path} is empty. Check it is the right file.")
    return data


def _kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in SUPPORTED:
        return suffix[1:]
    supported = ", ".join(SUPPORTED[:-1]) + " or " + SUPPORTED[-1]
    what = f"a {suffix} file" if suffix else "a file without an extension"
    raise ExtractError(f"{path} is {what}, which Conduct cannot read. "
                       f"Save it as {supported} and add that instead.")


def _reader(kind: str) -> Callable[[bytes, str], tuple[str, list[str]]]:
    """Each format's reader is its own module, imported only when a file of that kind is read."""
    if kind in ("txt", "md"):
        from corpus.extract import text

        return text.read_txt if kind == "txt" else text.read_md
    if kind == "docx":
        from corpus.extract.docx import read_docx

        return read_docx
    from corpus.extract.pdf import read_pdf

    return read_pdf
