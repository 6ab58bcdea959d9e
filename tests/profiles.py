"""Hypothesis profiles: derandomised in CI (the same examples every run), longer and random locally.

`python -m pytest` uses the "ci" profile (registered and loaded in conftest.py);
`python -m pytest --hypothesis-profile=long` runs twenty times the examples with a fresh seed.
Tests size their runs with `examples(n)`, so the profile scales every property test.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

BASE = 100
settings.register_profile("ci", max_examples=BASE, derandomize=True, deadline=None, print_blob=True)
settings.register_profile("long", max_examples=BASE * 20, derandomize=False, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])


def examples(n: int) -> int:
    """n examples under the "ci" profile, scaled by the loaded profile's max_examples."""
    return max(1, n * settings.default.max_examples // BASE)
