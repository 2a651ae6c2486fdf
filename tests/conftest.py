"""Shared test set-up: real media made with ffmpeg, and the rules for VLC and display tests.

Tests marked ``vlc`` need libVLC, tests marked ``gui`` need an X display (``make test`` runs the
suite under Xvfb). Outside CI a missing one skips with the reason; in CI (``CI=true``) it fails,
so a broken machine can never pass by skipping.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Decide the Qt platform before any QApplication exists: a real X display when there is one
# (VLC can only embed into X windows), else offscreen for pure widget logic.
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
else:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

# Tests never touch the user's settings or library: Qt's QSettings and platformdirs both follow
# the XDG folders, pointed here at a throw-away place before anything reads them.
_SANDBOX = tempfile.mkdtemp(prefix="proofreel-tests-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_SANDBOX, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_SANDBOX, "data")
os.environ["XDG_STATE_HOME"] = os.path.join(_SANDBOX, "state")  # the error log's folder
os.environ.pop("PROOFREEL_DB", None)

# pytester runs a small suite in a subprocess: the proof that pytest-qt fails a test on an
# exception raised in a Qt slot (tests/ui/test_exception_hook.py).
pytest_plugins = ["pytester", "tests.helpers.postgres"]  # postgres: the team library's server

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Hypothesis's per-example deadline measures the machine, not the code: under a loaded CI box a
# correct reader ran past 200 ms once and failed the run. Speed is for bench/, not for tests.
settings.register_profile("proofreel", deadline=None)
settings.load_profile("proofreel")
DATA = Path(__file__).parent / "data"


def _missing(what: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} is required in CI but missing", pytrace=False)
    pytest.skip(f"{what} missing")


def _vlc_problem() -> str | None:
    try:
        import vlc
    except (ImportError, OSError) as err:
        return f"libVLC ({err})"
    instance = vlc.Instance("--quiet", "--no-xlib")
    if instance is None:
        return "libVLC (vlc.Instance() returned None: plugins missing?)"
    instance.release()
    return None


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    """Each test starts from default preferences (keys, author, layout): QSettings written by
    one test must not change what the next one presses."""
    yield
    from PySide6.QtCore import QCoreApplication, QSettings

    if QCoreApplication.instance() is not None:
        QSettings().clear()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """In CI, a failure's report is written the moment it happens: a crash in native code later
    in the run (libVLC, Xlib) ends the process before pytest's summary, and took the cause of the
    failure before it along (CI, stop 20: an E in the player tests, then a segfault, no reason)."""
    if IN_CI and report.failed:
        sys.stderr.write(f"\n--- {report.nodeid} failed in {report.when} ---\n")
        sys.stderr.write(report.longreprtext + "\n")
        sys.stderr.flush()


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("vlc") is not None:
        problem = _vlc_problem()
        if problem:
            _missing(problem)
    if item.get_closest_marker("gui") is not None and not os.environ.get("DISPLAY"):
        _missing("an X display (run under Xvfb: make test)")


@pytest.fixture(scope="session")
def ffmpeg() -> str:
    path = shutil.which("ffmpeg")
    if path is None:
        _missing("ffmpeg")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def color_video(ffmpeg: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 10 s, 320x240, 25 fps H.264 video with a 440 Hz tone whose picture is one solid colour
    per second, in the order of ``COLOR_SECONDS``: the frame at any time tells the time."""
    out = tmp_path_factory.mktemp("media") / "colors.mp4"
    inputs: list[str] = []
    for color in COLOR_SECONDS:
        inputs += ["-f", "lavfi", "-i", f"color=c={color}:s=320x240:r=25:d=1"]
    n = len(COLOR_SECONDS)
    concat = "".join(f"[{i}:v]" for i in range(n)) + f"concat=n={n}:v=1:a=0[v]"
    inputs += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={n}"]
    subprocess.run(
        [
            ffmpeg,
            "-v",
            "error",
            "-y",
            *inputs,
            "-filter_complex",
            concat,
            "-map",
            "[v]",
            "-map",
            f"{n}:a",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
            "-g",
            "25",
            "-c:a",
            "aac",
            "-shortest",
            str(out),
        ],
        check=True,
    )
    return out


#: Colour of each second of ``color_video`` (ffmpeg colour names) and its RGB.
COLOR_SECONDS: tuple[str, ...] = (
    "red",
    "lime",
    "blue",
    "yellow",
    "magenta",
    "cyan",
    "white",
    "black",
    "red",
    "lime",
)
COLOR_RGB: dict[str, tuple[int, int, int]] = {
    "red": (255, 0, 0),
    "lime": (0, 255, 0),
    "blue": (0, 0, 255),
    "yellow": (255, 255, 0),
    "magenta": (255, 0, 255),
    "cyan": (0, 255, 255),
    "white": (255, 255, 255),
    "black": (0, 0, 0),
}
