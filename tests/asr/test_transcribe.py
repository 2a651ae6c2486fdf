"""Transcribing for real (tiny.en): the demo's speech comes back as the seed's words, lines
arrive while the job runs with progress, Cancel keeps nothing and a new run then works, and the
library keeps every word's time and probability."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.asr.engine import TranscribeJob
from app.asr.errors import AsrError, Cancelled, MediaUnreadable
from app.asr.storing import transcribe_into
from app.core.asr_align import align, heard_tokens, text_tokens
from app.store.library import Library
from tests.asr.conftest import seed_lines


def test_the_demo_s_words_are_found_in_order(demo_heard) -> None:
    result, arrived, _, _ = demo_heard
    seed = text_tokens([line.text for line in seed_lines()])
    heard = heard_tokens(result.words)
    found = sum(
        len(b.text)
        for b in align([t.norm for t in seed], [h.norm for h in heard])
        if b.kind == "equal"
    )
    assert found / len(seed) >= 0.8, f"{found} of {len(seed)} seed words heard in order"
    assert result.language == "en" and result.model == "tiny.en"
    assert 269_000 < result.duration_ms < 271_000
    assert result.transcript.lines == arrived  # every line was handed over as it was recognised
    words = result.words
    assert all(0.0 <= w.confidence <= 1.0 for w in words if w.confidence is not None)
    assert all(w.confidence is not None for w in words)
    starts = [w.start_ms for w in words]
    assert starts == sorted(starts)


def test_progress_climbs_to_the_end_with_an_estimate(demo_heard) -> None:
    result, arrived, progress, events = demo_heard
    percents = [p.percent for p in progress]
    assert percents[0] == 0.0 and percents[-1] == 100.0
    assert percents == sorted(percents)
    assert len(progress) >= 10  # one report per segment of the recogniser
    middle = [p for p in progress if 0 < p.percent < 100]
    assert middle and all(p.eta_s is not None and p.eta_s >= 0 for p in middle)
    elapsed = [p.elapsed_s for p in progress]
    assert elapsed == sorted(elapsed)
    # Lines arrive while the job runs, each with the progress up to its end just after it.
    done_before_first_line = max(
        p.percent for kind, p in events[: events.index(("line", arrived[0]))] if kind == "progress"
    )
    assert done_before_first_line < 10
    for index, (kind, line) in enumerate(events):
        if kind == "line":  # the next report counts the line as done
            following = next(e for k, e in events[index:] if k == "progress")
            assert following.percent / 100 * result.duration_ms >= line.end_ms - 300


def test_cancel_keeps_nothing_and_transcribing_again_works(
    recogniser, clip: Path, tmp_path: Path
) -> None:
    with Library.open(str(tmp_path / "library.sqlite3")) as library:
        seen = []

        def first_line_then_cancel(line) -> None:
            seen.append(line)
            job.cancel()

        job = TranscribeJob(clip, recogniser, on_line=first_line_then_cancel)
        with pytest.raises(Cancelled):
            transcribe_into(library, job)
        seen_count = len(seen)  # the lines of the first segment, then it stopped
        assert library.list_projects() == []

        again = TranscribeJob(clip, recogniser)
        project, result = transcribe_into(library, again)
        assert 1 <= seen_count < len(result.transcript.lines)
        assert [x.text for x in seen] == [x.text for x in result.transcript.lines[:seen_count]]
        assert len(library.list_projects()) == 1
        stored = library.load_transcript(project)
        assert [(x.start_ms, x.end_ms, x.text, x.words) for x in stored.lines] == [
            (x.start_ms, x.end_ms, x.text, x.words) for x in result.transcript.lines
        ]
        assert "Moscow" in " ".join(x.text for x in stored.lines)
        assert any(
            w.confidence is not None and w.confidence < 1 for x in stored.lines for w in x.words
        )


def test_a_cancel_before_the_start_decodes_nothing(recogniser, tmp_path: Path) -> None:
    job = TranscribeJob(tmp_path / "not-there.mp4", recogniser)
    job.cancel()
    with pytest.raises(Cancelled):
        job.run()


def test_unusable_media_and_languages_say_why_in_one_line(recogniser, tmp_path: Path) -> None:
    text = tmp_path / "notes.mp4"
    text.write_text("this is not a video\n")
    with pytest.raises(MediaUnreadable) as bad:
        TranscribeJob(text, recogniser).run()
    assert "notes.mp4" in str(bad.value) and "\n" not in str(bad.value)
    silent_video = tmp_path / "silent.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "color=c=black:s=64x64:d=1",
            str(silent_video),
        ],
        check=True,
    )
    with pytest.raises(MediaUnreadable, match=r"^no audio track in silent\.mp4$"):
        TranscribeJob(silent_video, recogniser).run()
    with pytest.raises(AsrError, match="English only"):
        TranscribeJob(text, recogniser, language="fr")
    with pytest.raises(AsrError, match="unknown language 'klingon'"):
        TranscribeJob(text, recogniser, language="klingon")


def test_silence_gives_no_lines_and_no_speech(recogniser, tmp_path: Path) -> None:
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
            "3",
            str(quiet),
        ],
        check=True,
    )
    result = TranscribeJob(quiet, recogniser).run()
    assert result.transcript.lines == [] and result.speech == []
    assert 2_900 < result.duration_ms < 3_100
