"""The bundled training scenarios, loaded lazily (and once) so that the app starts without them."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def load() -> tuple[Any, ...]:
    """Every scenario in assistant/data/training.toml, or none if the training module is absent.

    A scenario file that cannot be read raises: the training screen shows why.
    """
    try:
        from assistant.training import load_scenarios
    except ImportError:
        return ()
    return tuple(load_scenarios())
