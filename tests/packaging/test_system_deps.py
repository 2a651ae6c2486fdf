"""The clean-machine check `make test` runs first: what the tests need must come from listed
packages, and a package missing from the list is named."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "check-system-deps.sh"
LIST = ROOT / "packaging" / "system-packages.txt"

pytestmark = pytest.mark.skipif(
    shutil.which("dpkg-query") is None, reason="not a Debian/Ubuntu machine"
)


def _check(listing: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), str(listing)], capture_output=True, text=True, timeout=120, check=False
    )


def test_the_listed_packages_provide_every_program_and_font() -> None:
    run = _check(LIST)
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize(
    ("package", "what"),
    [("fonts-noto-cjk", 'font "Noto Sans CJK JP"'), ("poppler-utils", "pdftotext")],
)
def test_a_package_left_off_the_list_is_named(tmp_path: Path, package: str, what: str) -> None:
    rows = [row for row in LIST.read_text().splitlines() if row.strip() != package]
    short = tmp_path / "system-packages.txt"
    short.write_text("\n".join(rows) + "\n")
    run = _check(short)
    assert run.returncode == 1
    assert f"{what}: comes from package {package}" in run.stderr
    assert f"add {package}" in run.stderr
