"""The manifest of bundled councils and reading each document through its dialect's reader."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from corpus.builder import build_document
from corpus.clause import Council, Document

DOCUMENTS = "documents"


def documents_dir() -> Path:
    return Path(str(resources.files("corpus") / DOCUMENTS))


def council_from_mapping(entry: dict, bundled: bool = True) -> Council:
    return Council(
        slug=entry["slug"],
        name=entry["name"],
        title=entry["title"],
        date=str(entry.get("date", "undated")),
        source=entry["source"],
        dialect=entry.get("dialect", "numbered"),
        bundled=bundled,
        notes=entry.get("notes", ""),
        table_header=tuple(entry.get("table_header", ())),
        aliases=tuple(entry.get("aliases", ())),
        raw_repairs=tuple(tuple(pair) for pair in entry.get("raw_repairs", ())),
        repairs=tuple(tuple(pair) for pair in entry.get("repairs", ())),
    )


@lru_cache(maxsize=1)
def bundled_councils() -> tuple[Council, ...]:
    data = tomllib.loads((documents_dir() / "manifest.toml").read_text(encoding="utf-8"))
    return tuple(council_from_mapping(entry) for entry in data["council"])


def parse_text(council: Council, text: str) -> Document:
    """Read a document's text as its council's dialect says; the one entry point for every format."""
    from corpus.markdown import read_markdown
    from corpus.numbered import read_numbered
    from corpus.tracked import read_revised

    for wrong, right in council.raw_repairs:
        text = text.replace(wrong, right)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if council.dialect == "markdown":
        sections = read_markdown(lines)
    else:
        if council.dialect == "tracked":
            lines = read_revised(lines)
        lines = [_repair(line, council.repairs) for line in lines]
        sections = read_numbered(lines, council.table_header)
    return build_document(council, sections)


def _repair(line: str, repairs: tuple[tuple[str, str], ...]) -> str:
    for wrong, right in repairs:
        line = line.replace(wrong, right)
    return line


def read_source(council: Council, directory: Path | None = None) -> str:
    path = (directory or documents_dir()) / council.source
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_bundled(slug: str) -> Document:
    council = next(c for c in bundled_councils() if c.slug == slug)
    return parse_text(council, read_source(council))
