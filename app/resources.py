"""Where the files in ``resources/`` are: beside the package in a checkout, or under
``<prefix>/share/proofreel`` after ``pip install .``."""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["demo_paths", "resource_dir"]


def resource_dir() -> Path:
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "proofreel"


def demo_paths() -> tuple[Path, Path]:
    """The demo's (media, transcript)."""
    demo = resource_dir() / "demo"
    return demo / "news.mp4", demo / "news-page.txt"
