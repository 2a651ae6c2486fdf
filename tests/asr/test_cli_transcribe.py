"""``proofreel transcribe`` as a user runs it: a file in the format its name asks for, progress
and a summary on stderr, and one clear line (exit 1) for everything that cannot work, checked
before any long work starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.formats import registry
from tests.asr.conftest import ROOT, same_speech


def _proofreel(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    command = (
        [sys.executable, "-m", "app", *args]
        if code is None
        else [sys.executable, "-c", code, *args]
    )
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=170)


def test_transcribe_writes_whisper_json_then_srt(recogniser, clip: Path, tmp_path: Path) -> None:
    out = tmp_path / "clip.json"
    done = _proofreel("transcribe", str(clip), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "transcribed 0:40" in done.stderr and "(tiny.en, en)" in done.stderr
    result = registry.read_path(out)
    assert result.report.format == "whisper" and result.report.clean
    lines = result.transcript.lines
    assert "moscow" in " ".join(x.text for x in lines).lower()
    assert all(w.confidence is not None for x in lines for w in x.words) and lines[0].words

    srt = tmp_path / "clip.srt"
    done = _proofreel("transcribe", str(clip), "--language", "en", "-o", str(srt))
    assert done.returncode == 0, done.stderr
    again = registry.read_path(srt)
    assert again.report.format == "srt"
    # A second hearing, written as SRT: the same speech, line by line in time order.
    assert same_speech(again.transcript.lines, lines) > 0.5
    starts = [x.start_ms for x in again.transcript.lines]
    assert starts == sorted(starts) and len(starts) >= 3


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["{clip}", "-o", "{tmp}/out.xyz"], "cannot write 'out.xyz'"),
        (["{tmp}/missing.mp4"], "media file not found"),
        (["{clip}", "--language", "fr"], "knows English only"),
        (["{clip}", "--model", "{tmp}"], "not a CTranslate2 Whisper model folder"),
        (["{clip}", "-o", "{tmp}/no/such/out.srt"], "no such folder"),
    ],
)
def test_what_cannot_work_is_one_line(recogniser, clip: Path, tmp_path: Path, args, says) -> None:
    filled = [a.format(clip=clip, tmp=tmp_path) for a in args]
    done = _proofreel("transcribe", *filled)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and says in done.stderr, done.stderr
    assert done.stderr.startswith("proofreel transcribe: ")
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a temp file


def test_without_the_extra_it_says_what_to_install(clip: Path, tmp_path: Path) -> None:
    blocked = (
        "import sys; sys.modules['faster_whisper'] = None\n"
        "from app.__main__ import main; sys.exit(main(sys.argv[1:]))"
    )
    done = _proofreel("transcribe", str(clip), "-o", str(tmp_path / "x.json"), code=blocked)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "proofreel transcribe: speech recognition is not installed (no module faster_whisper): "
        "pip install 'proofreel[asr]'"
    )
    assert not (tmp_path / "x.json").exists()


def test_nothing_loads_faster_whisper_before_a_job_runs() -> None:
    code = (
        "import sys, importlib, pkgutil, app.core, app.asr\n"
        "for pkg in (app.core, app.asr):\n"
        "    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "import app.cli.transcribe\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'faster_whisper', 'ctranslate2', 'onnxruntime', 'PySide6', 'vlc'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_without_o_the_json_goes_to_stdout(recogniser, tmp_path: Path) -> None:
    quiet = tmp_path / "quiet.wav"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "anullsrc=r=16000:cl=mono",
            "-t",
            "2",
            str(quiet),
        ],
        check=True,
    )
    done = _proofreel("transcribe", str(quiet))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"text": "", "segments": [], "language": "en"}
    assert done.stderr.strip().endswith("0 lines (no speech heard)")
