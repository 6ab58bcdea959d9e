"""Packaging and start-up: the .tcss files and every tui module reach the built package; the app imports light."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TUI = ROOT / "tui"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What setuptools puts in a wheel, from pyproject.toml as it stands (build_py on a copy of the tree)."""
    tree = tmp_path_factory.mktemp("build")
    shutil.copy(ROOT / "pyproject.toml", tree)
    shutil.copy(ROOT / "README.md", tree)
    for package in ("corpus", "index", "assistant", "tui"):
        shutil.copytree(ROOT / package, tree / package, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-c", "from setuptools import setup; setup()", "-q", "build_py",
                    "--build-lib", str(tree / "out")], cwd=tree, check=True, capture_output=True)
    return tree / "out"


def test_every_tcss_file_is_packaged(built: Path) -> None:
    from tui.app import ConductApp

    sources = sorted(p.relative_to(ROOT).as_posix() for p in TUI.rglob("*.tcss"))
    assert sources, "no .tcss files found"
    assert {f"tui/{name}" for name in ConductApp.CSS_PATH} <= set(sources)
    missing = [s for s in sources if not (built / s).is_file()]
    assert not missing, f"not in the built package (add them to [tool.setuptools.package-data]): {missing}"


def test_every_tui_module_is_packaged(built: Path) -> None:
    sources = sorted(p.relative_to(ROOT).as_posix() for p in TUI.rglob("*.py") if "__pycache__" not in p.parts)
    missing = [s for s in sources if not (built / s).is_file()]
    assert not missing, ("not in the built package: list tui.screens and tui.widgets in "
                         f"[tool.setuptools] packages (or use packages.find): {missing}")


def test_importing_the_app_stays_light() -> None:
    code = "import sys, json, tui.app; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    loaded = set(json.loads(result.stdout))
    assert not loaded & {"spacy", "rank_bm25", "numpy", "index", "assistant"}


def test_no_inline_css_in_python() -> None:
    offenders = [p.name for p in TUI.rglob("*.py") if "DEFAULT_CSS" in p.read_text() or "\nCSS =" in p.read_text()]
    assert not offenders
