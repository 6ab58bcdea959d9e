"""The index cache on disk: plain JSON behind a header line holding its own checksum.

Nothing is unpickled: the file is JSON, and its body is trusted only if its
SHA-256 matches the header we wrote and its key matches the documents,
lexicon and analyser of this run. Anything else (missing, stale, truncated,
corrupt, unreadable) is reported in one line and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from corpus.atomic import write_atomic
from corpus.files import NotRegular, read_regular

MAGIC = "CONDUCT-INDEX"
FORMAT = 1
CACHE_LIMIT = 4 * 1024 * 1024 * 1024
"""Far above any real index: the cap is there so a symlink to /dev/zero is refused, not read forever."""


class CacheProblem(Exception):
    """Why a cache file cannot be used; the message is the user-facing warning."""


def save(path: Path, key: str, body: dict[str, Any]) -> None:
    payload = json.dumps({"key": key, **body}, separators=(",", ":"), sort_keys=True).encode("utf-8")
    header = f"{MAGIC} {FORMAT} {hashlib.sha256(payload).hexdigest()}\n".encode("ascii")
    write_atomic(path, header + payload)
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


def load(path: Path, key: str) -> dict[str, Any]:
    """The cached body for this key, or CacheProblem saying why not."""
    try:
        raw = read_regular(path, CACHE_LIMIT)
    except FileNotFoundError:
        raise CacheProblem("") from None  # no cache yet: nothing to warn about
    except NotRegular:
        raise CacheProblem(f"index cache {path} is unreadable (not an ordinary file, or too big); rebuilding") from None
    except OSError as exc:
        raise CacheProblem(f"index cache {path} is unreadable ({exc.strerror}); rebuilding") from None
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
