"""Where Conduct keeps what it writes: caches and added councils.

`CONDUCT_HOME` overrides the platform's user data directory, so tests, CI and
a shared install can each point Conduct somewhere of their own.
"""

from __future__ import annotations

import os
from pathlib import Path


def conduct_home() -> Path:
    override = os.environ.get("CONDUCT_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("conduct", appauthor=False))
