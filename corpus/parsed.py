"""Added councils parsed once: each one's clauses kept as JSON, and one manifest of them all.

Re-reading every added council's text into clauses at every start cost about 2.7 ms a
council (1.35 s of a 1.4 s `conduct show` at 500 councils). So, under
``CONDUCT_HOME/cache/added/``:

- ``<slug>.json`` holds one council's sections and clauses, keyed by the SHA-256 of
  its text and by the parser's own fingerprint (the source of the corpus readers), so
  a changed text or a changed reader is parsed again, never trusted;
- ``manifest.json`` holds, for every council that passed its integrity checks, what
  ``conduct councils`` shows (its record and clause count), a digest of its parsed
  clauses (the index cache's key) and the size, times and inode of its three files
  when it was checked. A council whose files still have exactly those is not hashed
  or parsed again (as git trusts its index); any change and it is checked in full.

Both are written atomically behind a header line holding their own SHA-256; a file
that is corrupt, truncated, from another format or not an ordinary file is reported
(corrupt) or simply rebuilt (stale), never trusted.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from corpus.clause import Clause, Council, Document, Section

FORMAT = 1
MAGIC = "CONDUCT-PARSED"
FOLDER = "added"
MANIFEST = "manifest.json"
LIMIT = 512 * 1024 * 1024
"""Far above a real manifest (about 300 bytes a council); a symlink to /dev/zero is refused, not read."""


class Unusable(Exception):
    """Why a cached file cannot be used: an empty message for 'not there or out of date', else a warning."""


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """Changes whenever any corpus module changes: a new reader must never reuse an old reader's clauses."""
    digest = hashlib.sha256(f"{FORMAT}\0".encode())
    root = resources.files("corpus")
    for name in sorted(p.name for p in root.iterdir() if p.name.endswith(".py")):
        digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return digest.hexdigest()


def cache_dir(home: Path) -> Path:
    return home / "cache" / FOLDER


# --------------------------------------------------------------------------- one file, checked


def write(path: Path, body: dict[str, Any]) -> None:
    from corpus.atomic import write_atomic

    payload = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    write_atomic(path, f"{MAGIC} {FORMAT} {hashlib.sha256(payload).hexdigest()}\n".encode("ascii") + payload)


def read(path: Path) -> dict[str, Any]:
    from corpus.files import NotRegular, read_regular

    try:
        raw = read_regular(path, LIMIT)
    except FileNotFoundError:
        raise Unusable("") from None
    except NotRegular:
        raise Unusable(f"{path} is not an ordinary file (or too big); rebuilding it") from None
    except OSError as exc:
        raise Unusable(f"{path} is unreadable ({exc.strerror or exc}); rebuilding it") from None
    header, _, payload = raw.partition(b"\n")
    parts = header.decode("ascii", "replace").split(" ")
    if len(parts) != 3 or parts[0] != MAGIC:
        raise Unusable(f"{path} is not a Conduct cache file; rebuilding it")
    if parts[1] != str(FORMAT):
        raise Unusable("")  # another version's cache: simply rebuilt
    if hashlib.sha256(payload).hexdigest() != parts[2]:
        raise Unusable(f"{path} is corrupt or truncated; rebuilding it")
    try:
        body = json.loads(payload)
    except ValueError:
        raise Unusable(f"{path} is corrupt; rebuilding it") from None
    if not isinstance(body, dict):
        raise Unusable(f"{path} is corrupt; rebuilding it")
    return body


# --------------------------------------------------------------------------- a parsed document


def document_body(document: Document) -> dict[str, Any]:
    return {
        "sections": [[s.id, s.number, s.heading, list(s.clause_ids)] for s in document.sections],
        "clauses": [[c.id, c.number, c.section_id, c.section, c.text, c.body, c.parent, c.position, list(c.children)]
                    for c in document.clauses],
    }


def document_digest(document: Document) -> str:
    """What the index depends on: every clause as parsed (a new reader or text changes it)."""
    body = json.dumps(document_body(document), separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def document_from_body(council: Council, body: dict[str, Any]) -> Document:
    slug = council.slug
    sections = tuple(Section(i, slug, n, h, tuple(ids)) for i, n, h, ids in body["sections"])
    clauses = tuple(Clause(i, slug, n, sid, s, t, b, p, pos, tuple(ch)) for i, n, sid, s, t, b, p, pos, ch in body["clauses"])
    if any(not c.id.startswith(slug + ":") for c in clauses):
        raise ValueError("clauses of another council")
    return Document(council, sections, clauses)


def save_document(home: Path, document: Document, text_sha256: str) -> str:
    """Store a council's parsed clauses; returns their digest."""
    body = document_body(document)
    digest = document_digest(document)
    write(cache_dir(home) / f"{document.council.slug}.json",
          {"parser": parser_fingerprint(), "text_sha256": text_sha256, "digest": digest, **body})
    return digest


def load_document(home: Path, council: Council, text_sha256: str) -> tuple[Document, str]:
    """The council's clauses as stored, if stored for this very text and reader; Unusable otherwise."""
    path = cache_dir(home) / f"{council.slug}.json"
    body = read(path)
    if body.get("parser") != parser_fingerprint() or body.get("text_sha256") != text_sha256:
        raise Unusable("")
    try:
        return document_from_body(council, body), str(body["digest"])
    except (KeyError, TypeError, ValueError):
        raise Unusable(f"{path} is malformed; rebuilding it") from None


# --------------------------------------------------------------------------- the manifest


def load_manifest(home: Path) -> tuple[dict[str, Any], str]:
    """(entries by slug, warning or ''); entries from another reader are dropped (checked again)."""
    try:
        body = read(cache_dir(home) / MANIFEST)
    except Unusable as problem:
        return {}, str(problem)
    entries = body.get("councils")
    if body.get("parser") != parser_fingerprint() or not isinstance(entries, dict):
        return {}, ""
    return entries, ""


def save_manifest(home: Path, entries: dict[str, Any]) -> None:
    write(cache_dir(home) / MANIFEST, {"parser": parser_fingerprint(), "councils": dict(sorted(entries.items()))})
