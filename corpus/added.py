"""Councils the user adds from their own code of conduct ("bring your own council").

Each added council lives in its own folder, ``conduct_home()/councils/<slug>/``:

- ``source.<ext>``  an exact copy of the file that was added;
- ``text.txt``      the text read from it (what the clause parser reads);
- ``council.toml``  who it is: slug, name, title, date added, the original file
  name, the SHA-256 of the source and of the text, the kind of file, the
  dialect, and any warnings from reading it;
- anything else the caller asks for (the assistant adds a drafted ``policy.toml``).

An add is atomic as a whole: everything is written into a hidden folder
(``.adding-…``) beside the others and renamed into place at the end, so an add
that fails or is interrupted leaves nothing behind. A removal renames the folder
to a hidden name first, then deletes it. `load_added` ignores hidden folders and
skips a damaged council with one warning line, so one bad folder never stops
Conduct answering for the others.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
import secrets
import shutil
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.clause import Council, Document
from corpus.files import MiB, read_regular, sha256_regular
from corpus.safe_text import clean_text, has_control, shown

__all__ = [
    "AddError", "AddResult", "RemoveResult", "add_council", "remove_council", "load_added",
    "added_dir", "council_dir", "default_slug", "check_slug", "structure_problem", "read_record",
    "Added", "scan_added", "added_document",
]

COUNCILS = "councils"
RECORD = "council.toml"
TEXT = "text.txt"
SOURCE = "source"
FORMAT = 1
DIALECT = "numbered"
MIN_NUMBERED = 3
"""Fewer numbered clauses than this and the document is not read as structured."""
MAX_NAME = 80
RESERVED_SLUGS = frozenset({"all", "none", "council", "councils", "cache"})
"""``all`` names the retriever's index over every council; the others would read badly in commands."""
_SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_GENERIC_WORDS = frozenset(
    "council borough city district county town parish metropolitan unitary royal "
    "the of and authority london".split()
)
_TEMP_PREFIXES = (".adding-", ".removing-")
_STALE_SECONDS = 24 * 3600
RECORD_LIMIT = 1 * 1024 * 1024
"""council.toml is a few hundred bytes; a bigger one is not Conduct's."""
STORED_LIMIT = 64 * 1024 * 1024
"""The stored source and text: the 50 MB source limit, with room for the text's UTF-8."""

Progress = Callable[[str], None]
Warn = Callable[[str], None]
ExtraFiles = Callable[[Document], dict[str, str]]


class AddError(ValueError):
    """Adding or removing a council was refused; the message is shown to the user as is."""


@dataclass(frozen=True)
class AddResult:
    slug: str
    name: str
    document: Document
    directory: Path
    kind: str
    source_name: str
    warnings: tuple[str, ...]
    slug_was_derived: bool
    files: tuple[str, ...]


@dataclass(frozen=True)
class RemoveResult:
    slug: str
    name: str
    directory: Path


# --------------------------------------------------------------------------- paths and names


def added_dir(home: Path | None = None) -> Path:
    from corpus.home import conduct_home

    return (home or conduct_home()) / COUNCILS


def council_dir(slug: str, home: Path | None = None) -> Path:
    return added_dir(home) / slug


def _bundled() -> tuple[Council, ...]:
    from corpus.manifest import bundled_councils

    return bundled_councils()


def default_slug(name: str) -> str:
    """A short slug from a display name: ``Anytown Borough Council`` -> ``anytown``."""
    words = re.findall(r"[a-z0-9]+", name.lower().replace("'", "").replace("’", ""))
    kept = [w for w in words if w not in _GENERIC_WORDS] or words
    slug = ""
    for word in kept:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > 30:
            break
        slug = candidate
    if slug and not slug[0].isalpha():
        slug = f"c-{slug}"[:30].rstrip("-")
    return slug


def check_slug(slug: str) -> str | None:
    """Why a slug cannot be used, or None if it is fine."""
    if not 2 <= len(slug) <= 30 or not _SLUG.match(slug):
        return (f"{slug!r} is not a valid slug: use 2 to 30 lowercase letters, digits and single hyphens, "
                "starting with a letter (e.g. anytown or north-anytown)")
    if slug in RESERVED_SLUGS:
        return f"{slug!r} is reserved by Conduct; choose another slug with --slug"
    return None


def short_name(name: str) -> str:
    """The name without words like Borough or Council, as staff say it: ``Anytown``."""
    words = name.split()
    kept = [w for w in words if w.lower().strip(",.") not in _GENERIC_WORDS]
    return " ".join(kept) if kept else name


# --------------------------------------------------------------------------- the record


def read_record(directory: Path) -> dict:
    """The council.toml of an added council's folder, checked; AddError says what is wrong."""
    path = directory / RECORD
    try:
        data = tomllib.loads(read_regular(path, RECORD_LIMIT).decode("utf-8"))
    except FileNotFoundError:
        raise AddError(f"{RECORD} is missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AddError(f"{RECORD} cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise AddError(f"{RECORD} is not valid TOML ({exc})") from None
    for key in ("slug", "name", "title", "added", "source", "original_name", "sha256", "text_sha256", "kind"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise AddError(f"{RECORD} has no {key}")
    if data["slug"] != directory.name:
        raise AddError(f"{RECORD} says slug {data['slug']!r} but the folder is {directory.name!r}")
    if data.get("dialect", DIALECT) != DIALECT:
        raise AddError(f"{RECORD} names dialect {data.get('dialect')!r}; added councils use {DIALECT!r}")
    if not isinstance(data.get("warnings", []), list) or not isinstance(data.get("aliases", []), list):
        raise AddError(f"{RECORD} has warnings or aliases that are not lists")
    if "/" in data["source"] or "\\" in data["source"] or data["source"].startswith("."):
        raise AddError(f"{RECORD} names source file {data['source']!r}, which is not in its folder")
    return data


def _council(record: dict) -> Council:
    """Every field shown as the file says it, less anything a terminal would act on (a hand-edited record)."""
    original = shown(record["original_name"], None)
    return Council(
        slug=record["slug"],
        name=shown(record["name"], None),
        title=shown(record["title"], None),
        date=f"added {shown(record['added'], 40)}",
        source=original,
        dialect=DIALECT,
        bundled=False,
        notes=f"Added from {original} on {shown(record['added'], 40)}.",
        aliases=tuple(shown(a, None) for a in record.get("aliases", ())),
    )


def _record_toml(record: dict) -> str:
    """Written by a TOML writer (tomli-w): whatever a name or file name holds, the file stays valid TOML."""
    import tomli_w

    header = ("# A council added with `conduct add`. Conduct checks this file, the source's SHA-256\n"
              "# and the text's SHA-256 on every start; a folder that does not match is skipped.\n")
    keys = ("slug", "name", "title", "added", "original_name", "source", "kind", "dialect", "sha256", "text_sha256")
    body = {"format": FORMAT, **{key: record[key] for key in keys},
            **{key: list(record[key]) for key in ("aliases", "warnings")}}
    return header + tomli_w.dumps(body)


# --------------------------------------------------------------------------- loading


def load_added(home: Path | None = None, warn: Warn | None = None) -> list[Document]:
    """Every added council that can be read, sorted by slug; each damaged one skipped with a warning."""
    warn = warn or _warn_stderr
    documents = []
    for added in scan_added(home, warn):
        try:
            documents.append(added_document(added, home))
        except AddError as exc:
            warn(_skipped(added.directory, exc))
    return documents


@dataclass(frozen=True)
class Added:
    """An added council that passed its checks: who it is and what `conduct councils` shows, its text unread."""

    council: Council
    clauses: int
    digest: str
    """Of its parsed clauses (corpus/parsed.py): what the index cache is keyed by."""
    text_sha256: str
    directory: Path


def scan_added(home: Path | None = None, warn: Warn | None = None) -> list[Added]:
    """Every added council that passes its checks, sorted by slug; each damaged one skipped with a warning.

    The checks are those of `_check_one` (the record, both SHA-256s, a text that reads into clauses),
    made in full for a council seen for the first time or whose files have changed in any way since
    (size, times, inode: corpus/parsed.py's manifest), and not repeated for one whose files have not.
    """
    from corpus import parsed
    from corpus.home import conduct_home

    warn = warn or _warn_stderr
    home = home or conduct_home()
    root = added_dir(home)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except FileNotFoundError:
        return []
    except OSError as exc:
        warn(f"added councils in {root} cannot be read ({exc.strerror or exc}); only the bundled councils are available")
        return []
    manifest, problem = parsed.load_manifest(home)
    if problem:
        warn(problem)
    bundled = {c.slug for c in _bundled()}
    found: list[Added] = []
    fresh: dict[str, Any] = {}
    changed = False
    for entry in entries:
        if entry.name.startswith(".") or not entry.is_dir():
            continue  # an add or removal in progress (or interrupted), or a stray file
        directory = Path(entry.path)
        known = manifest.get(entry.name)
        try:
            if check_slug(entry.name) is not None or entry.name in bundled:
                raise AddError("")  # said in full by _check_one
            signature = _signature(directory, known["record"]["source"]) if isinstance(known, dict) else None
            if signature is not None and known.get("sig") == signature:
                record, count, digest = known["record"], int(known["clauses"]), str(known["digest"])
                council = _council(record)
            else:
                raise KeyError
        except AddError:
            known = None
        except (KeyError, TypeError, ValueError, AttributeError):
            known = None
        if known is None:
            changed = True
            try:
                signature = _signature(directory, read_record(directory)["source"])
            except AddError:
                signature = None  # _check_one says why
            try:
                record, document, digest = _check_one(directory, bundled, home)
            except AddError as exc:
                warn(_skipped(directory, exc))
                continue
            council, count = document.council, len(document.clauses)
        if signature is not None:
            fresh[entry.name] = {"sig": signature, "clauses": count, "digest": digest,
                                 "record": {k: record[k] for k in _KEPT if k in record}}
        found.append(Added(council, count, digest, record["text_sha256"], directory))
    if changed or set(fresh) != set(manifest):
        try:
            parsed.save_manifest(home, fresh)
        except OSError:
            pass  # only a head start for next time
    return found


_KEPT = ("slug", "name", "title", "added", "original_name", "source", "text_sha256", "aliases")
"""What a trusted council needs from its record without reading it: _council's fields and the keys."""


def _signature(directory: Path, source: str) -> list[list[int]] | None:
    """Type, size, times and inode of the council's three files: any change, and it is checked again."""
    out = []
    for name in (RECORD, TEXT, source):
        try:
            info = os.stat(directory / name)
        except (OSError, ValueError):
            return None
        out.append([info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev])
    return out


def _skipped(directory: Path, exc: Exception) -> str:
    return (f"skipped the added council in {directory}: {exc}. Remove it with `conduct remove {directory.name}` "
            "and add the document again.")


def added_document(added: Added, home: Path | None = None) -> Document:
    """An added council's clauses: as stored when its text was last read, else read (and checked) again."""
    from corpus import parsed
    from corpus.home import conduct_home

    home = home or conduct_home()
    try:
        document, _ = parsed.load_document(home, added.council, added.text_sha256)
        return document
    except parsed.Unusable as problem:
        if str(problem):
            _warn_stderr(str(problem))
    _, document, _ = _check_one(added.directory, {c.slug for c in _bundled()}, home)
    return document


def _check_one(directory: Path, bundled: set[str], home: Path) -> tuple[dict, Document, str]:
    """Every check of an added council's folder, then its clauses: from the parsed cache when stored
    for this very text and reader, else read from the text (and stored). Returns the record, them and their digest."""
    from corpus import parsed
    from corpus.manifest import parse_text

    record, text = _verified_text(directory, bundled)
    council = _council(record)
    try:
        return (record, *parsed.load_document(home, council, record["text_sha256"]))
    except parsed.Unusable as problem:
        if str(problem):
            _warn_stderr(str(problem))
    try:
        document = parse_text(council, text)
    except Exception as exc:  # a parser failure on stored text is damage, not a crash
        raise AddError(f"its text could not be read into clauses ({exc.__class__.__name__}: {exc})") from None
    if not document.clauses:
        raise AddError("its text has no clauses")
    try:
        return record, document, parsed.save_document(home, document, record["text_sha256"])
    except OSError:
        return record, document, parsed.document_digest(document)  # not stored: read again next time


def _verified_text(directory: Path, bundled: set[str]) -> tuple[dict, str]:
    """The folder's record and text, once the slug, the record and both SHA-256s are checked."""
    problem = check_slug(directory.name)
    if problem:
        raise AddError(f"the folder name is not a council slug ({problem})")
    if directory.name in bundled:
        raise AddError(f"{directory.name!r} is a bundled council's slug")
    record = read_record(directory)
    try:
        source_digest = sha256_regular(directory / record["source"], STORED_LIMIT)
    except FileNotFoundError:
        raise AddError(f"its source file {record['source']} is missing") from None
    except OSError as exc:
        raise AddError(f"its source file cannot be read ({exc.strerror or exc})") from None
    if source_digest != record["sha256"]:
        raise AddError(f"its source file {record['source']} does not match the SHA-256 in {RECORD} (changed or damaged)")
    try:
        raw = read_regular(directory / TEXT, STORED_LIMIT)
    except FileNotFoundError:
        raise AddError(f"{TEXT} is missing") from None
    except OSError as exc:
        raise AddError(f"{TEXT} cannot be read ({exc.strerror or exc})") from None
    if hashlib.sha256(raw).hexdigest() != record["text_sha256"]:
        raise AddError(f"{TEXT} does not match the SHA-256 in {RECORD} (changed or damaged)")
    try:
        return record, clean_text(raw.decode("utf-8"))  # text stored before escapes were cleaned on reading
    except UnicodeDecodeError as exc:
        raise AddError(f"its text could not be read into clauses ({exc.__class__.__name__}: {exc})") from None


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _warn_stderr(message: str) -> None:
    sys.stderr.write(f"conduct: {message}\n")


# --------------------------------------------------------------------------- adding


def structure_problem(document: Document) -> bool:
    """Whether the parse found too little structure to cite: no numbered clauses and no real headings."""
    top = [c for c in document.clauses if c.parent is None]
    numbered = [c for c in top if c.number[:1].isdigit()]
    if len(numbered) >= MIN_NUMBERED:
        return False
    headed = [s for s in document.sections if s.number != "introduction" and s.clause_ids]
    under_headings = [c for c in top if not c.section_id.endswith(":introduction")]
    return not (len(headed) >= 2 and len(under_headings) >= MIN_NUMBERED)


def existing_names(home: Path | None = None) -> dict[str, str]:
    """Every council name and alias in use (lower-cased) -> the slug using it, added folders included."""
    names: dict[str, str] = {}
    for council in _bundled():
        for name in (council.name, *council.aliases):
            names.setdefault(name.strip().lower(), council.slug)
    root = added_dir(home)
    if root.is_dir():
        for entry in sorted(root.iterdir(), key=lambda p: p.name):
            if entry.name.startswith(".") or not entry.is_dir():
                continue
            try:
                record = read_record(entry)
            except AddError:
                continue
            for name in (record["name"], *record.get("aliases", ())):
                names.setdefault(str(name).strip().lower(), entry.name)
    return names


def add_council(
    path: Path | str,
    name: str,
    slug: str | None = None,
    home: Path | None = None,
    progress: Progress | None = None,
    extra_files: ExtraFiles | None = None,
) -> AddResult:
    """Read a council's own code and store it as an added council, all or nothing.

    Raises ExtractError (file cannot be read faithfully) or AddError (refused: no
    clause structure, slug or name taken, invalid slug). ``extra_files`` is called
    with the parsed document and returns more files (name -> text) to store in the
    same atomic add. Three steps: validate the name and slug, read the file into
    clauses, store it.
    """
    report = progress or (lambda message: None)
    path = Path(path)
    wanted = _validate(name, slug, home)
    root, target = added_dir(home), added_dir(home) / wanted.slug
    report(f"Reading {shown(path.name)}…")
    extracted, record, document = _read(path, wanted, report)
    extra = dict(extra_files(document)) if extra_files else {}
    for extra_name in extra:
        if extra_name in {RECORD, TEXT, record["source"]} or "/" in extra_name or extra_name.startswith("."):
            raise ValueError(f"extra file name {extra_name!r} is not allowed")
    try:
        _store(root, target, path, extracted.sha256, [
            (TEXT, extracted.text), *sorted(extra.items()), (RECORD, _record_toml(record))], record["source"])
    except OSError as exc:
        raise AddError(f"the council could not be saved in {root} ({exc.strerror or exc}); nothing was added") from None
    files = tuple(sorted([record["source"], TEXT, RECORD, *extra]))
    return AddResult(wanted.slug, wanted.name, document, target, extracted.kind, path.name, tuple(extracted.warnings),
                     wanted.derived, files)


@dataclass(frozen=True)
class _Wanted:
    """A checked name and slug for a new council: free to use, and the aliases it will answer to."""

    name: str
    slug: str
    derived: bool
    aliases: list[str]


def _validate(name: str, slug: str | None, home: Path | None) -> _Wanted:
    """Refuse, before anything is read, a name or slug that is empty, too long, malformed or taken."""
    if has_control(str(name)):
        raise AddError("the name holds a control character, an escape sequence or a bidi override; "
                       "type the council's name as plain text")
    name = " ".join(str(name).split())
    if not name:
        raise AddError("the council needs a name: give it with --name, e.g. --name \"Anytown Borough Council\"")
    if len(name) > MAX_NAME:
        raise AddError(f"the name is {len(name)} characters long; keep it to {MAX_NAME} or fewer")
    derived = slug is None
    slug = default_slug(name) if slug is None else slug.strip()
    problem = check_slug(slug)
    if problem:
        if derived:
            raise AddError(f"no usable slug could be made from the name {name!r}; give one with --slug (e.g. --slug anytown)")
        raise AddError(problem)
    bundled = {c.slug: c for c in _bundled()}
    if slug in bundled:
        raise AddError(f"{slug!r} is the slug of a council that ships with Conduct ({bundled[slug].name}), "
                       "which cannot be replaced; choose another slug with --slug")
    target = added_dir(home) / slug
    if target.exists():
        raise AddError(f"a council with slug {slug!r} has already been added ({target}); "
                       f"remove it first with `conduct remove {slug}`, or choose another slug with --slug")
    aliases = _aliases(name)
    taken = existing_names(home)
    for candidate in dict.fromkeys([name, *aliases]):
        owner = taken.get(candidate.lower())
        if owner is not None:
            raise AddError(f"the name {candidate!r} is already used by the council {owner!r}; "
                           "choose a name that tells them apart")
    return _Wanted(name, slug, derived, aliases)


def _read(path: Path, wanted: _Wanted, report: Progress) -> tuple[Any, dict, Document]:
    """The file's text, the record to store beside it, and its clauses; refused if it has no structure."""
    from corpus.builder import DuplicateClause
    from corpus.extract import extract
    from corpus.manifest import parse_text

    extracted = extract(path)
    report("Finding clauses…")
    record = {
        "slug": wanted.slug,
        "name": wanted.name,
        "title": _title(extracted.text, wanted.name, path),
        "added": _dt.date.today().isoformat(),
        "original_name": path.name,
        "source": f"{SOURCE}.{extracted.kind}",
        "kind": extracted.kind,
        "dialect": DIALECT,
        "sha256": extracted.sha256,
        "text_sha256": hashlib.sha256(extracted.text.encode("utf-8")).hexdigest(),
        "aliases": wanted.aliases,
        "warnings": list(extracted.warnings),
    }
    try:
        document = parse_text(_council(record), extracted.text)
    except DuplicateClause as exc:
        raise AddError(f"the paragraph number {exc.number} appears twice in {shown(path.name)}; Conduct cites "
                       "clauses by their numbers, so each must be used once. Correct the numbering (a list "
                       "that starts again, a repeated paragraph) and add the file again") from None
    except Exception as exc:  # the reader's refusal, in the user's words; never a traceback
        raise AddError(f"{shown(path.name)} could not be read into clauses ({exc.__class__.__name__}: {exc})") from None
    if structure_problem(document):
        raise AddError(f"no numbered paragraphs (1, 1.1, (a)) or headings were found in {shown(path.name)}; "
                       "Conduct needs the code's own paragraph numbers to cite it")
    return extracted, record, document


def _store(root: Path, target: Path, source: Path, digest: str, files: list[tuple[str, str]], source_name: str) -> None:
    """Write everything into a hidden folder beside the others, then rename it into place: all or nothing."""
    created_root = not root.exists()
    root.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(root)
    temp = root / f".adding-{target.name}-{os.getpid()}-{secrets.token_hex(6)}"  # the pid: see _clean_leftovers
    done = False
    try:
        temp.mkdir()  # with the user's umask, unlike mkdtemp's owner-only folder
        shutil.copyfile(source, temp / source_name)
        if _sha256_file(temp / source_name) != digest:
            raise AddError(f"{shown(source.name)} changed while it was being added; add it again")
        for name, text in files:
            _write(temp / name, text)
        _fsync_dir(temp)
        try:
            os.rename(temp, target)
        except OSError:
            if target.exists():
                raise AddError(f"a council with slug {target.name!r} was added by someone else meanwhile; "
                               "choose another slug with --slug") from None
            raise
        _fsync_dir(root)
        done = True
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
        if not done and created_root:
            try:
                root.rmdir()  # leave no trace, not even an empty folder
            except OSError:
                pass


def _aliases(name: str) -> list[str]:
    """How a question may name the council: the short name first (used mid-sentence), then the full name."""
    short = short_name(name)
    return list(dict.fromkeys([short, name]))


def _title(text: str, name: str, path: Path) -> str:
    """The document's own title: its first short line that is not just the council's name."""
    from corpus.text import is_title_like

    for line in [l.strip() for l in text.split("\n") if l.strip()][:4]:
        if line.lower() in {name.lower(), short_name(name).lower()} or line.lower().endswith("council"):
            continue
        if is_title_like(line, 14) and len(line) <= 100 and not line[:1].isdigit():
            return line
    return path.stem.replace("_", " ")


def _write(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _clean_leftovers(root: Path) -> None:
    """Hidden folders left by a crash: a removal is always safe to finish; an add once the process
    that made it has gone (its pid is in the name), or once it is stale (an older name with no pid)."""
    now = time.time()
    for entry in root.iterdir():
        if not entry.name.startswith(_TEMP_PREFIXES):
            continue
        if entry.is_symlink():  # a removed council that was a symlink: drop the link, never its target
            entry.unlink(missing_ok=True)
            continue
        if not entry.is_dir():
            continue
        try:
            stale = now - entry.stat().st_mtime > _STALE_SECONDS
        except OSError:
            continue
        if entry.name.startswith(".removing-") or stale or _adder_gone(entry.name):
            shutil.rmtree(entry, ignore_errors=True)


def _adder_gone(name: str) -> bool:
    """Whether the `conduct add` that made `.adding-SLUG-PID-HEX` has exited."""
    match = re.fullmatch(r"\.adding-.+-(\d{1,10})-[0-9a-f]{12}", name)
    if match is None:
        return False
    pid = int(match.group(1))
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False
    return False


# --------------------------------------------------------------------------- removing


def remove_council(slug: str, home: Path | None = None) -> RemoveResult:
    """Delete an added council's folder (atomically: renamed out of sight, then deleted)."""
    slug = slug.strip()
    bundled = {c.slug: c for c in _bundled()}
    if slug.lower() in bundled:
        raise AddError(f"{slug!r} is a council that ships with Conduct ({bundled[slug.lower()].name}); "
                       "it cannot be removed, only councils added with `conduct add` can be")
    root = added_dir(home)
    added = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")) if root.is_dir() else []
    if check_slug(slug) is not None or slug not in added:
        listing = ", ".join(added) if added else "none have been added"
        raise AddError(f"there is no added council {slug!r} (added councils: {listing})")
    directory = root / slug
    try:
        name = read_record(directory)["name"]
    except AddError:
        name = slug  # a damaged folder can still be removed
    temp = root / f".removing-{slug}-{secrets.token_hex(6)}"
    try:
        os.rename(directory, temp)
    except OSError as exc:
        raise AddError(f"{directory} could not be removed ({exc.strerror or exc}); nothing was changed") from None
    _fsync_dir(root)
    if temp.is_symlink():
        temp.unlink()  # a council folder that was a symlink: the link goes, whatever it pointed to stays
    else:
        shutil.rmtree(temp, ignore_errors=True)  # already out of sight: a leftover is cleared by the next add
    return RemoveResult(slug, name, directory)
