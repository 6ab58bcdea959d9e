"""The layers' import boundaries: tui -> assistant -> index -> corpus, heavy libraries only where used.

Checked three ways. Each module is imported in a fresh interpreter and `sys.modules` is
checked, so an import that sneaks in through a package `__init__` is caught; every import
statement in the source, including those inside functions (which run only later), is read
and checked against the same boundaries; and the import-linter contracts in pyproject.toml
(which also order the rooms inside assistant/) are run with `lint-imports`.
"""

from __future__ import annotations

import ast
import json
import shutil
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


CORE_NOT_CLI = {"assistant.cli", "tui", "textual"}
"""The headless core (assistant/ but its command line) imports neither the command line nor the chat."""


def imports_in(path: Path) -> list[tuple[int, str]]:
    """Every module an import statement in the file names, at any depth (functions included)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [(node.lineno, node.module)] + [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return found


LAZY_OK = {"tui": {"jinja2"}}
"""Heavy libraries a module may import inside a function, on first use (the sys.modules check above
keeps them out of start-up): spaCy and rank-bm25 anywhere, and Jinja in the chat, for the gated
`conduct serve` page textual-serve renders."""

SOURCES = sorted(p for pkg in FORBIDDEN for p in (ROOT / pkg).rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(ROOT)) for p in SOURCES])
def test_no_import_statement_points_upwards(path: Path) -> None:
    """Imports made inside functions run only when called: the sys.modules check cannot see them."""
    relative = path.relative_to(ROOT)
    package = relative.parts[0]
    in_core = package == "assistant" and relative.parts[1] not in {"cli", "__main__.py"}  # `python -m assistant` is the CLI
    bad = []
    for line, name in imports_in(path):
        top = name.split(".")[0]
        if top in FORBIDDEN[package] - LAZY_OK.get(package, set()) - {"spacy", "rank_bm25"}:
            bad.append(f"{relative}:{line} imports {name}")
        if in_core and any(name == m or name.startswith(m + ".") for m in CORE_NOT_CLI):
            bad.append(f"{relative}:{line} imports {name} (the core never imports the command line or the chat)")
    assert not bad, "\n".join(bad)


def test_the_scan_sees_imports_inside_functions(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("def later():\n    from tui.app import make_app\n    import assistant.cli.output\n")
    assert [name for _, name in imports_in(probe)] == ["tui.app", "tui.app.make_app", "assistant.cli.output"]


def test_import_linter_contracts_are_kept() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint is not None, "import-linter is part of the test extra: pip install -e '.[test]'"
    result = subprocess.run([lint, "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout
