"""Shared fixtures: the bundled library, parsed once per test session."""

from __future__ import annotations

import pytest

from corpus.library import Library, bundled_library


@pytest.fixture(scope="session")
def library() -> Library:
    return bundled_library()
