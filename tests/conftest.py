"""Shared fixtures: the bundled library, and a private CONDUCT_HOME for the whole test session."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest

from corpus.library import Library, bundled_library

_SESSION_HOME = tempfile.mkdtemp(prefix="conduct-test-home-")
os.environ["CONDUCT_HOME"] = _SESSION_HOME  # set before any test imports read it: never the user's own home

import profiles  # noqa: E402  (registers the Hypothesis profiles; --hypothesis-profile=long overrides)
from hypothesis import settings  # noqa: E402

settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def library() -> Library:
    return bundled_library()


@pytest.fixture(scope="session")
def retriever(library: Library):
    """One retriever for the session, built into the session's CONDUCT_HOME."""
    from index.retriever import load_retriever

    return load_retriever(library, warn=lambda message: None)


@pytest.fixture(scope="session")
def assistant(library: Library, retriever):
    from assistant.engine import Assistant

    return Assistant(library, retriever)


@pytest.fixture(scope="session", autouse=True)
def _session_home() -> Iterator[str]:
    yield _SESSION_HOME
    import shutil

    shutil.rmtree(_SESSION_HOME, ignore_errors=True)
