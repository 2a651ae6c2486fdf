"""The layering of ARCHITECTURE.md, enforced: each layer imported alone in a fresh interpreter
must not pull in what it may not depend on."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import app

ROOT = Path(__file__).resolve().parent.parent
#: A module in app/ui holds one thing: past this many lines it is two things (ARCHITECTURE.md).
MAX_UI_LINES = 350

FORBIDDEN = {
    "app.core": (
        "PySide6",
        "sqlalchemy",
        "alembic",
        "vlc",
        "app.store",
        "app.ui",
        "app.player",
        "app.export",
    ),
    "app.store": ("PySide6", "vlc", "app.ui", "app.player"),
    "app.cli": ("PySide6", "vlc", "app.ui", "app.player"),
    "app.media": ("PySide6", "vlc", "sqlalchemy", "app.ui", "app.player", "app.store"),
}


def _modules(package: str) -> list[str]:
    pkg = __import__(package, fromlist=["_"])
    if not hasattr(pkg, "__path__"):
        return [package]
    names = [package]
    for info in pkgutil.walk_packages(pkg.__path__, prefix=package + "."):
        if ".migrations" not in info.name:
            names.append(info.name)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layer_imports_nothing_it_must_not(package: str) -> None:
    code = (
        "import sys, importlib\n"
        f"for name in {_modules(package)!r}: importlib.import_module(name)\n"
        "top = {'PySide6', 'sqlalchemy', 'alembic', 'vlc'}\n"
        "ours = ('app.store', 'app.ui', 'app.player', 'app.export')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in top or m.startswith(ours))\n"
        "print('\\n'.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    forbidden = FORBIDDEN[package]
    leaked = [
        m
        for m in out
        if any(m == f or m.startswith(f + ".") for f in forbidden) and not m.startswith(package)
    ]
    assert leaked == [], f"{package} imports {leaked[:5]}"


def test_package_is_importable() -> None:
    assert app.__version__


def test_no_ui_module_over_the_size_limit() -> None:
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in (ROOT / "app" / "ui").rglob("*.py")
    }
    assert len(sizes) > 60  # the walk found the feature folders' modules
    over = {name: n for name, n in sizes.items() if n > MAX_UI_LINES}
    assert over == {}, f"app/ui modules over {MAX_UI_LINES} lines: {over}"
