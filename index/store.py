"""The index cache on disk: flat arrays, memory-mapped, behind a header holding its own checksums.

The first format was one JSON document that had to be parsed whole: 73 MB and 2.7 s to load
at 500 added councils, ~640 MB of memory. This one is a header line, one line of JSON
metadata (the key, the vocabulary, every index's name and where its parts lie) and then the
arrays themselves: every index's ids (UTF-8, with offsets), its terms (vocabulary ids, in order),
where each term's postings start, BM25Plus's base weight for each term, and the postings
(clause positions and weights) of every index, one after another. Loading maps the file and
reads the metadata; an index's arrays are views into the file, read by the operating system
only as a question touches them.

Nothing is unpickled. The metadata is trusted only if its SHA-256 matches the header we wrote,
its key matches this run's documents, lexicon and analyser, and it was written for this
machine's byte order; each part of each index (ids, terms, postings) carries a CRC-32 checked
when that part is first used, and every part must lie inside the file. Anything else
(missing, stale, truncated, corrupt, another version's or platform's file, unreadable) is
reported in one line and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import sys
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.atomic import write_atomic
from corpus.files import NotRegular, _open_regular

if TYPE_CHECKING:
    import numpy as np

    from index.bm25 import SparseBM25

MAGIC = "CONDUCT-INDEX"
FORMAT = 1
"""Of the JSON files (the lexicon's cache): `save` and `load`."""
ARRAYS_FORMAT = 2
"""Of the index cache: `save_indexes` and `load_indexes` (format 1 was the index as JSON)."""
CACHE_LIMIT = 64 * 1024 * 1024 * 1024
"""Far above any real index: the cap is there so a symlink to /dev/zero is refused, not read forever."""
META_LIMIT = 256 * 1024 * 1024
ALIGN = 8
PARTS = {  # part -> its arrays and their dtypes, as written
    "ids": (("id_offsets", "<i8"), ("id_bytes", "u1")),
    "terms": (("term_ids", "<i4"), ("term_starts", "<i8"), ("term_base", "<f8")),
    "postings": (("positions", "<i4"), ("weights", "<f8")),
}


class CacheProblem(Exception):
    """Why a cache file cannot be used; the message is the user-facing warning."""


# --------------------------------------------------------------------------- writing


def save(path: Path, key: str, body: dict[str, Any]) -> None:
    """A JSON body behind a header holding its checksum (the lexicon's cache)."""
    payload = json.dumps({"key": key, **body}, separators=(",", ":"), sort_keys=True).encode("utf-8")
    header = f"{MAGIC} {FORMAT} {hashlib.sha256(payload).hexdigest()}\n".encode("ascii")
    write_atomic(path, header + payload)
    _clean_temp_files(path.parent)


@contextmanager
def _unreadable_as_problem(path: Path) -> Iterator[None]:
    """Opening either cache file fails the same few ways; each becomes the one CacheProblem the caller rebuilds on."""
    try:
        yield
    except FileNotFoundError:
        raise CacheProblem("") from None  # no cache yet: nothing to warn about
    except NotRegular:
        raise CacheProblem(f"index cache {path} is unreadable (not an ordinary file, or too big); rebuilding") from None
    except OSError as exc:
        raise CacheProblem(f"index cache {path} is unreadable ({exc.strerror}); rebuilding") from None


def load(path: Path, key: str) -> dict[str, Any]:
    """The cached JSON body for this key, or CacheProblem saying why not."""
    from corpus.files import read_regular

    with _unreadable_as_problem(path):
        raw = read_regular(path, CACHE_LIMIT)
    header, _, payload = raw.partition(b"\n")
    parts = header.decode("ascii", "replace").split(" ")
    if len(parts) != 3 or parts[0] != MAGIC or parts[1] != str(FORMAT):
        raise CacheProblem(f"index cache {path} is not a Conduct index; rebuilding")
    if hashlib.sha256(payload).hexdigest() != parts[2]:
        raise CacheProblem(f"index cache {path} is corrupt or truncated; rebuilding")
    try:
        body = json.loads(payload)
    except ValueError:
        raise CacheProblem(f"index cache {path} is corrupt; rebuilding") from None
    if not isinstance(body, dict) or body.get("key") != key:
        raise CacheProblem(f"index cache {path} is out of date (documents, lexicon or analyser changed); rebuilding")
    return body


def save_indexes(path: Path, key: str, indexes: Mapping[str, tuple[Sequence[str], "SparseBM25"]]) -> None:
    """Write every index (name -> (clause ids, sparse weights)) as one file, atomically."""
    import numpy as np

    vocabulary = sorted({term for _, sparse in indexes.values() for term in sparse.postings})
    term_number = {term: n for n, term in enumerate(vocabulary)}
    chunks: list[bytes] = []
    offset = 0
    entries = []

    def put(array: "np.ndarray", dtype: str, crc: list[int]) -> list[int]:
        nonlocal offset
        data = np.ascontiguousarray(array, dtype=dtype).tobytes()
        crc[0] = zlib.crc32(data, crc[0])
        start = offset
        chunks.append(data)
        offset += len(data)
        pad = -offset % ALIGN
        if pad:
            chunks.append(b"\0" * pad)
            offset += pad
        return [start, len(array)]

    for name, (ids, sparse) in indexes.items():
        encoded = [i.encode("utf-8") for i in ids]
        id_offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=id_offsets[1:])
        terms = sorted(sparse.postings, key=term_number.__getitem__)
        lengths = [len(sparse.postings[t][0]) for t in terms]
        starts = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(lengths, out=starts[1:])
        empty_i, empty_f = np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float64)
        positions = np.concatenate([sparse.postings[t][0] for t in terms]) if terms else empty_i
        weights = np.concatenate([sparse.postings[t][1] for t in terms]) if terms else empty_f
        arrays = {
            "id_offsets": id_offsets, "id_bytes": np.frombuffer(b"".join(encoded), dtype=np.uint8),
            "term_ids": np.asarray([term_number[t] for t in terms], dtype=np.int32), "term_starts": starts,
            "term_base": np.asarray([sparse.base.get(t, 0.0) for t in terms], dtype=np.float64),
            "positions": positions, "weights": weights,
        }
        entry: dict[str, Any] = {"name": name, "size": int(sparse.size), "plus": bool(sparse.base)}
        for part, members in PARTS.items():
            crc = [0]
            entry.update({array: put(arrays[array], dtype, crc) for array, dtype in members})
            entry[f"crc_{part}"] = crc[0]
        entries.append(entry)
    meta = json.dumps({"key": key, "byteorder": sys.byteorder, "vocabulary": vocabulary, "indexes": entries,
                       "size": offset}, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    header = f"{MAGIC} {ARRAYS_FORMAT} {hashlib.sha256(meta).hexdigest()} {len(meta)}\n".encode("ascii")
    lead = len(header) + len(meta) + 1
    write_atomic(path, b"".join([header, meta, b"\n", b"\0" * (-lead % ALIGN), *chunks]))
    _clean_temp_files(path.parent)


TEMP_STALE_SECONDS = 3600


def _clean_temp_files(directory: Path) -> None:
    """write_atomic's '.NAME.*.tmp' files left by a killed process, once an hour old (a live write is seconds)."""
    import time

    now = time.time()
    try:
        entries = list(directory.glob(".*.tmp"))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_file() and now - entry.stat().st_mtime > TEMP_STALE_SECONDS:
                entry.unlink()
        except OSError:
            pass


# --------------------------------------------------------------------------- reading


def load_indexes(path: Path, key: str) -> dict[str, tuple["MappedIds", "SparseBM25"]]:
    """Every index in the cache for this key, as views into the mapped file; CacheProblem saying why not."""
    with _unreadable_as_problem(path):
        fd, info = _open_regular(path)
    try:
        if info.st_size > CACHE_LIMIT:
            raise CacheProblem(f"index cache {path} is unreadable (not an ordinary file, or too big); rebuilding")
        if info.st_size == 0:
            raise CacheProblem(f"index cache {path} is not a Conduct index; rebuilding")
        try:
            mapped = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as exc:
            raise CacheProblem(f"index cache {path} is unreadable ({exc}); rebuilding") from None
    finally:
        os.close(fd)
    return _read(path, mapped, key)


def _read(path: Path, mapped: mmap.mmap, key: str) -> dict[str, tuple["MappedIds", "SparseBM25"]]:
    import numpy as np

    from index.bm25 import SparseBM25

    end = mapped.find(b"\n", 0, 200)
    parts = bytes(mapped[: max(end, 0)]).decode("ascii", "replace").split(" ")
    if end < 0 or len(parts) < 2 or parts[0] != MAGIC:
        raise CacheProblem(f"index cache {path} is not a Conduct index; rebuilding")
    if parts[1] != str(ARRAYS_FORMAT):
        raise CacheProblem(f"index cache {path} was written by another version of Conduct; rebuilding")
    if len(parts) != 4 or not parts[3].isdigit() or int(parts[3]) > META_LIMIT:
        raise CacheProblem(f"index cache {path} is corrupt or truncated; rebuilding")
    meta_bytes = bytes(mapped[end + 1 : end + 1 + int(parts[3])])
    if hashlib.sha256(meta_bytes).hexdigest() != parts[2]:
        raise CacheProblem(f"index cache {path} is corrupt or truncated; rebuilding")
    try:
        meta = json.loads(meta_bytes)
    except ValueError:
        raise CacheProblem(f"index cache {path} is corrupt; rebuilding") from None
    if not isinstance(meta, dict) or meta.get("byteorder") != sys.byteorder:
        raise CacheProblem(f"index cache {path} was written on another kind of machine; rebuilding")
    if meta.get("key") != key:
        raise CacheProblem(f"index cache {path} is out of date (documents, lexicon or analyser changed); rebuilding")
    lead = end + 1 + int(parts[3]) + 1
    lead += -lead % ALIGN
    try:
        data_size = int(meta["size"])
        if lead + data_size != len(mapped):
            raise CacheProblem(f"index cache {path} is corrupt or truncated; rebuilding")
        vocabulary = meta["vocabulary"]
        if not isinstance(vocabulary, list) or not all(isinstance(t, str) for t in vocabulary):
            raise ValueError("vocabulary")
        data = np.frombuffer(mapped, dtype=np.uint8, offset=lead)
        out = {}
        for entry in meta["indexes"]:
            arrays = {}
            for part, members in PARTS.items():
                for array, dtype in members:
                    start, count = (int(v) for v in entry[array])
                    width = np.dtype(dtype).itemsize
                    if start < 0 or count < 0 or start % ALIGN or start + count * width > data_size:
                        raise ValueError(f"{array} lies outside the file")
                    arrays[array] = data[start : start + count * width].view(dtype)
            checks = {part: int(entry[f"crc_{part}"]) for part in PARTS}
            size = int(entry["size"])
            ids = MappedIds(arrays, checks["ids"], path)
            postings = MappedPostings(vocabulary, arrays, checks, size, path)
            base = MappedBase(postings) if entry["plus"] else {}
            out[str(entry["name"])] = (ids, SparseBM25(size=size, postings=postings, base=base))  # type: ignore[arg-type]
        return out
    except CacheProblem:
        raise
    except (KeyError, TypeError, ValueError, AttributeError):
        raise CacheProblem(f"index cache {path} is malformed; rebuilding") from None


class DamagedPart(CacheProblem):
    """A part of the mapped cache failed its CRC (or bounds) when first used."""


def _checked(path: Path, arrays: Sequence["np.ndarray"], crc: int, what: str) -> None:
    value = 0
    for array in arrays:
        value = zlib.crc32(memoryview(array).cast("B"), value)
    if value != crc:
        raise DamagedPart(f"index cache {path} is corrupt ({what} fails its checksum); rebuilding")


class MappedIds(Sequence[str]):
    """An index's clause ids, decoded one at a time from the mapped file."""

    def __init__(self, arrays: dict[str, "np.ndarray"], crc: int, path: Path) -> None:
        self._offsets, self._bytes = arrays["id_offsets"], arrays["id_bytes"]
        self._crc, self._path, self._checked = crc, path, False
        if len(self._offsets) == 0:
            raise ValueError("no id offsets")

    def _check(self) -> None:
        if not self._checked:
            _checked(self._path, [self._offsets, self._bytes], self._crc, "clause ids")
            if int(self._offsets[0]) != 0 or int(self._offsets[-1]) != len(self._bytes) or \
                    (len(self._offsets) > 1 and bool((self._offsets[1:] < self._offsets[:-1]).any())):
                raise DamagedPart(f"index cache {self._path} is malformed (clause ids); rebuilding")
            self._checked = True

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, position):  # type: ignore[override]
        self._check()
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        start, stop = int(self._offsets[position]), int(self._offsets[position + 1])
        return bytes(self._bytes[start:stop]).decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        self._check()
        blob = bytes(self._bytes)
        offsets = self._offsets.tolist()
        for start, stop in zip(offsets, offsets[1:]):
            yield blob[start:stop].decode("utf-8")


class MappedPostings(Mapping[str, tuple["np.ndarray", "np.ndarray"]]):
    """term -> (clause positions, weights): views into the mapped file, found by binary search."""

    def __init__(self, vocabulary: list[str], arrays: dict[str, "np.ndarray"], checks: dict[str, int], size: int,
                 path: Path) -> None:
        self._vocabulary = vocabulary
        self._numbers: dict[str, int] | None = None
        self._ids, self._starts, self._base = arrays["term_ids"], arrays["term_starts"], arrays["term_base"]
        self._positions, self._weights = arrays["positions"], arrays["weights"]
        self._checks, self._size, self._path = checks, size, path
        self._terms_checked = self._postings_checked = False
        if len(self._starts) != len(self._ids) + 1 or len(self._base) != len(self._ids) or \
                len(self._positions) != len(self._weights):
            raise ValueError("term arrays do not fit together")

    def _check_terms(self) -> None:
        if self._terms_checked:
            return
        _checked(self._path, [self._ids, self._starts, self._base], self._checks["terms"], "terms")
        ids, starts = self._ids, self._starts
        if len(ids) and (int(ids.min()) < 0 or int(ids.max()) >= len(self._vocabulary) or bool((ids[1:] <= ids[:-1]).any())):
            raise DamagedPart(f"index cache {self._path} is malformed (terms); rebuilding")
        if int(starts[0]) != 0 or int(starts[-1]) != len(self._positions) or bool((starts[1:] < starts[:-1]).any()):
            raise DamagedPart(f"index cache {self._path} is malformed (postings do not fit); rebuilding")
        self._terms_checked = True

    def _check_postings(self) -> None:
        if self._postings_checked:
            return
        _checked(self._path, [self._positions, self._weights], self._checks["postings"], "postings")
        if len(self._positions) and (int(self._positions.min()) < 0 or int(self._positions.max()) >= self._size):
            raise DamagedPart(f"index cache {self._path} is malformed (postings past the end); rebuilding")
        self._postings_checked = True

    def _slot(self, term: object) -> int | None:
        import numpy as np

        self._check_terms()
        if self._numbers is None:
            self._numbers = {t: n for n, t in enumerate(self._vocabulary)}
        number = self._numbers.get(term)  # type: ignore[arg-type]
        if number is None:
            return None
        slot = int(np.searchsorted(self._ids, number))
        return slot if slot < len(self._ids) and int(self._ids[slot]) == number else None

    def get(self, term: object, default: Any = None) -> Any:
        slot = self._slot(term)
        if slot is None:
            return default
        self._check_postings()
        start, stop = int(self._starts[slot]), int(self._starts[slot + 1])
        return self._positions[start:stop], self._weights[start:stop]

    def __getitem__(self, term: str) -> tuple["np.ndarray", "np.ndarray"]:
        found = self.get(term)
        if found is None:
            raise KeyError(term)
        return found

    def __contains__(self, term: object) -> bool:
        return self._slot(term) is not None

    def __iter__(self) -> Iterator[str]:
        self._check_terms()
        vocabulary = self._vocabulary
        return (vocabulary[n] for n in self._ids.tolist())

    def __len__(self) -> int:
        return len(self._ids)

    def base_of(self, term: object) -> float | None:
        slot = self._slot(term)
        return None if slot is None else float(self._base[slot])

    def check(self) -> None:
        """Every part checked now, not when first used (the bundled councils' indexes, at load)."""
        self._check_terms()
        self._check_postings()


class MappedBase(Mapping[str, float]):
    """term -> BM25Plus's weight for a clause without the term, read from the mapped terms."""

    def __init__(self, postings: MappedPostings) -> None:
        self._postings = postings

    def get(self, term: object, default: Any = None) -> Any:
        value = self._postings.base_of(term)
        return default if value is None else value

    def __getitem__(self, term: str) -> float:
        value = self._postings.base_of(term)
        if value is None:
            raise KeyError(term)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._postings)

    def __len__(self) -> int:
        return len(self._postings)
