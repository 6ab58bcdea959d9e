"""The layers' import boundaries: tui -> assistant -> index -> corpus, heavy libraries only where used.

Each module is imported in a fresh interpreter and `sys.modules` is checked, so
an import that sneaks in through a package `__init__` is caught too.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "corpus": {"spacy", "textual", "rank_bm25", "index", "assistant", "tui", "web"},
    "index": {"textual", "assistant", "tui", "web"},
    "assistant": {"textual", "tui", "web", "starlette", "jinja2", "uvicorn"},
    "tui": {"web", "starlette", "jinja2"},
    "web": {"textual", "tui"},
}
"""Nothing imports web/ (a front end, like tui/); web/ imports the assistant, never the chat."""


def modules_of(package: str) -> list[str]:
    names = [package]
    for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
        if not info.name.endswith("__main__"):
            names.append(info.name)
    return sorted(names)


def loaded_after_import(module: str) -> set[str]:
    code = f"import sys, json, {module}; print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(json.loads(result.stdout))


CASES = [(m, pkg) for pkg in FORBIDDEN for m in modules_of(pkg)]


@pytest.mark.parametrize(("module", "package"), CASES, ids=[c[0] for c in CASES])
def test_module_does_not_import_upwards_or_heavy(module: str, package: str) -> None:
    leaked = loaded_after_import(module) & FORBIDDEN[package]
    assert not leaked, f"importing {module} loaded {sorted(leaked)}"


def test_cli_start_up_stays_light() -> None:
    loaded = loaded_after_import("assistant.cli")
    assert not loaded & {"spacy", "textual", "rank_bm25", "rapidfuzz", "numpy"}
