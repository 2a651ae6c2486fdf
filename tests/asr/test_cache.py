"""A recognition is kept on disk: asking again about the same media with the same model hands
the same lines over without listening again; a changed file, another language or a damaged
cache file means listening again, never an error."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app.asr import engine
from app.asr.cache import RecognitionCache
from app.asr.engine import TranscribeJob
from tests.asr.conftest import same_speech


def test_the_same_media_is_heard_once(recogniser, clip: Path, tmp_path: Path, monkeypatch) -> None:
    media = tmp_path / "clip.mp4"
    shutil.copy(clip, media)
    cache = RecognitionCache(tmp_path / "cache")
    first = TranscribeJob(media, recogniser, cache=cache).run()
    assert first.transcript.lines and first.speech

    def no_listening(_media, _cancelled=None):
        raise AssertionError("decoded again")

    with monkeypatch.context() as patched:
        patched.setattr(engine, "decode", no_listening)
        arrived, progress = [], []
        again = TranscribeJob(
            media, recogniser, cache=cache, on_line=arrived.append, on_progress=progress.append
        ).run()
        assert again == first
        assert arrived == first.transcript.lines and progress[-1].percent == 100.0
        # Another language setting or no VAD is another question: it needs listening.
        with pytest.raises(AssertionError, match="decoded again"):
            TranscribeJob(media, recogniser, cache=cache, language="en").run()
        with pytest.raises(AssertionError, match="decoded again"):
            TranscribeJob(media, recogniser, cache=cache, detect_speech=False).run()
        # A changed file is heard again.
        info = media.stat()
        os.utime(media, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
        with pytest.raises(AssertionError, match="decoded again"):
            TranscribeJob(media, recogniser, cache=cache).run()

    os.utime(media, ns=(info.st_atime_ns, info.st_mtime_ns))  # the file as it was cached
    (cached,) = (tmp_path / "cache").iterdir()
    cached.write_text("{damaged")
    decodes = []

    def counting(path, cancelled=None):
        decodes.append(path)
        return real_decode(path, cancelled)

    real_decode = engine.decode
    monkeypatch.setattr(engine, "decode", counting)
    heard = TranscribeJob(media, recogniser, cache=cache).run()
    assert decodes == [media]  # the damaged file meant listening again, not an error
    assert same_speech(heard.transcript.lines, first.transcript.lines) > 0.5
    assert heard.elapsed_s != first.elapsed_s  # heard anew, and kept again
    assert RecognitionCache(tmp_path / "cache").get(media, recogniser.folder, "auto+vad") == heard
