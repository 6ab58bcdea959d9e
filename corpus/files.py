"""Reading Conduct's own files under CONDUCT_HOME: regular files only, never more than a cap.

A FIFO, a device or a symlink to /dev/zero put where a file belongs would otherwise make every
command wait forever or read without end. The file is opened without blocking, checked to be a
regular file on the open descriptor (no race with a swap after a check by name), and read up
to its cap.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MiB = 1024 * 1024


class NotRegular(OSError):
    """Not an ordinary file, or larger than Conduct will read; the message says which."""


def _open_regular(path: Path) -> tuple[int, os.stat_result]:
    """Open without blocking and check, on the descriptor itself, that it is a regular file."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(f"{path} is not an ordinary file")
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; FileNotFoundError, NotRegular or OSError otherwise."""
    path = Path(path)
    fd, info = _open_regular(path)
    try:
        if info.st_size > limit:
            raise NotRegular(f"{path} is {info.st_size:,} bytes, more than the {limit:,} Conduct reads")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(MiB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise NotRegular(f"{path} grew past the {limit:,} bytes Conduct reads")
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular(path: Path | str) -> bool:
    """Whether the path (following a symlink) is a regular file, without opening it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def sha256_regular(path: Path | str, limit: int) -> str:
    """The SHA-256 of a regular file of at most ``limit`` bytes, read in chunks (same refusals as read_regular)."""
    import hashlib

    path = Path(path)
    fd, info = _open_regular(path)
    try:
        digest, total = hashlib.sha256(), 0
        while chunk := os.read(fd, MiB):
            total += len(chunk)
            if total > limit:
                raise NotRegular(f"{path} is more than the {limit:,} bytes Conduct reads")
            digest.update(chunk)
        return digest.hexdigest()
    finally:
        os.close(fd)
