"""The recogniser (a loaded faster-whisper model) and the transcription job the window and the
``transcribe`` command run.

A job runs on whatever thread calls :meth:`TranscribeJob.run` (the window's worker thread); its
callbacks are called on that thread, so a Qt caller forwards them with a queued signal. Lines
(a sentence each where it fits, app.core.asr_lines) arrive through ``on_line`` as they are
recognised; ``on_progress`` reports the share of the media done, the time taken and an
estimate of the time left. :meth:`TranscribeJob.cancel` (any thread) stops it between two
segments: ``run`` then raises Cancelled and returns nothing, so a cancelled run can never be
half stored. The audio is decoded a few hundred frames at a time and a cancel is seen between
them; the speech detection and the features of the whole audio (well under a second per
minute of media) are computed before the first segment and run to their end.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.asr.errors import AsrError, Cancelled, MediaUnreadable
from app.asr.models import faster_whisper, model_name, resolve_model
from app.asr.result import Transcription
from app.asr.vad import speech_spans
from app.core.asr_lines import LineBuilder, LineRules
from app.core.transcript import Line, MediaInfo, Transcript, Word

if TYPE_CHECKING:
    from app.asr.cache import RecognitionCache

__all__ = ["SAMPLE_RATE", "Progress", "Recogniser", "TranscribeJob", "Transcription", "decode"]

SAMPLE_RATE = 16_000  # what Whisper listens at
_GROUP_SAMPLES = 500_000  # decoded samples resampled at a time, as faster-whisper does


@dataclass(frozen=True, slots=True)
class Progress:
    percent: float  # of the media's duration, 0..100
    elapsed_s: float
    eta_s: float | None  # None until there is something to estimate from


def decode(media: str | os.PathLike[str], cancelled: Callable[[], bool] | None = None) -> Any:
    """The media's audio as 16 kHz mono float32 samples (numpy), or MediaUnreadable; Cancelled
    as soon as ``cancelled()`` says so (asked every few hundred frames)."""
    path = Path(media)
    if not path.is_file():
        raise MediaUnreadable(f"media file not found: {path}")
    faster_whisper()  # first: without the extra, say what to install
    import av  # PyAV: faster-whisper decodes with it

    try:
        with av.open(str(path)) as container:
            has_audio = bool(container.streams.audio)
        if not has_audio:
            raise MediaUnreadable(f"no audio track in {path.name}")
        audio = _decode_chunks(path, cancelled or (lambda: False))
    except (av.FFmpegError, OSError, ValueError, IndexError) as err:
        why = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise MediaUnreadable(f"cannot read audio from {path.name}: {why}") from None
    if len(audio) == 0:
        raise MediaUnreadable(f"no audio in {path.name}")
    return audio


def _decode_chunks(path: Path, cancelled: Callable[[], bool]) -> Any:
    """faster_whisper.decode_audio's work (frames grouped by 500,000 samples, resampled to s16
    mono at 16 kHz, then float32), with a cancel seen between two groups (about 10 s of media
    each); frames the decoder finds invalid are skipped, as there."""
    import av
    import numpy as np

    resampler = av.audio.resampler.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    fifo = av.audio.fifo.AudioFifo()
    parts: list[Any] = []

    def resample(frame: Any) -> None:
        parts.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(frame))

    with av.open(str(path), mode="r", metadata_errors="ignore") as container:
        frames = iter(container.decode(audio=0))
        while True:
            try:
                frame = next(frames)
            except StopIteration:
                break
            except av.error.InvalidDataError:
                continue
            frame.pts = None  # the fifo checks timestamps; decode_audio ignores them too
            fifo.write(frame)
            if fifo.samples >= _GROUP_SAMPLES:
                if cancelled():
                    raise Cancelled
                resample(fifo.read())
        if fifo.samples > 0:
            resample(fifo.read())
        resample(None)
    if cancelled():
        raise Cancelled
    samples = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)
    return samples.astype(np.float32) / 32768.0


class Recogniser:
    """A loaded model; load once and reuse for many jobs (loading tiny.en takes ~1 s, large-v3
    much longer). ``threads``: CPU threads; int8 is the fastest type on a CPU."""

    def __init__(
        self,
        model: str | Path | None = None,
        *,
        threads: int | None = None,
        compute_type: str = "int8",
    ) -> None:
        fw = faster_whisper()  # first: without the extra, say what to install
        self.folder = resolve_model(model)
        self.name = model_name(self.folder)
        try:
            self.model = fw.WhisperModel(
                str(self.folder),
                device="cpu",
                compute_type=compute_type,
                cpu_threads=threads or os.cpu_count() or 2,
                local_files_only=True,
            )
        except (RuntimeError, ValueError, OSError) as err:
            raise AsrError(
                f"cannot load the model in {self.folder}: {err}".splitlines()[0]
            ) from None

    @property
    def multilingual(self) -> bool:
        return bool(self.model.model.is_multilingual)

    def check_language(self, language: str | None) -> str | None:
        """``language`` as the model takes it (None: detect), or AsrError saying why not."""
        if language is None or language.strip().lower() in ("", "auto"):
            return None
        code = language.strip().lower()
        if code not in faster_whisper("tokenizer")._LANGUAGE_CODES:
            raise AsrError(f"unknown language {language!r}: give a code such as en, de or fr")
        if not self.multilingual and code != "en":
            raise AsrError(f"the model {self.name} knows English only, not {code!r}")
        return code


class TranscribeJob:
    """One transcription of ``media``; see the module's docstring."""

    def __init__(
        self,
        media: str | os.PathLike[str],
        recogniser: Recogniser,
        *,
        language: str | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_line: Callable[[Line], None] | None = None,
        detect_speech: bool = True,
        cache: RecognitionCache | None = None,
        line_rules: LineRules | None = None,
    ) -> None:
        self.media = Path(media)
        self.cache = cache
        self.line_rules = line_rules
        self.recogniser = recogniser
        self.language = recogniser.check_language(language)
        self.on_progress = on_progress
        self.on_line = on_line
        self.detect_speech = detect_speech
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop at the next segment boundary (safe from any thread)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def _cache_key(self) -> str:
        return f"{self.language or 'auto'}{'+vad' if self.detect_speech else ''}"

    def run(self) -> Transcription:
        started = time.monotonic()
        self._check()
        if self.cache is not None:
            hit = self.cache.get(self.media, self.recogniser.folder, self._cache_key())
            if hit is not None:  # heard before: hand the lines over as a run would
                for line in hit.transcript.lines:
                    if self.on_line is not None:
                        self.on_line(line)
                self._progress(1.0, started, 1.0)
                return hit
        result = self._recognise(started)
        if self.cache is not None:
            self.cache.put(self.media, self.recogniser.folder, self._cache_key(), result)
        return result

    def _recognise(self, started: float) -> Transcription:
        audio = decode(self.media, self._cancel.is_set)
        duration_s = len(audio) / SAMPLE_RATE
        self._progress(0.0, started, duration_s)
        self._check()
        speech = speech_spans(audio) if self.detect_speech else []
        self._check()
        segments, info = self.recogniser.model.transcribe(
            audio,
            language=self.language,
            beam_size=1,  # greedy: ~3x faster than a beam of 5, and as good on clear speech
            word_timestamps=True,
            condition_on_previous_text=False,  # keeps one misheard segment from looping on
        )
        lines: list[Line] = []
        builder = LineBuilder(self.line_rules)

        def hand_over(done: list[Line]) -> None:
            lines.extend(done)
            if self.on_line is not None:
                for line in done:
                    self.on_line(line)

        for segment in segments:
            words = _words(segment)
            if words:
                hand_over(builder.add(words))
            elif str(segment.text).strip():  # no word times (should not happen): as it came
                hand_over([*builder.finish(), _segment_line(segment)])
            self._progress(float(segment.end), started, duration_s)
            self._check()
        hand_over(builder.finish())
        self._progress(duration_s, started, duration_s)
        duration_ms = round(duration_s * 1000)
        transcript = Transcript(
            lines=lines,
            title=self.media.stem,
            media=MediaInfo(os.path.abspath(self.media), duration_ms),
        )
        return Transcription(
            transcript,
            info.language,
            float(info.language_probability),
            duration_ms,
            self.recogniser.name,
            time.monotonic() - started,
            speech,
        )

    def _progress(self, done_s: float, started: float, duration_s: float) -> None:
        if self.on_progress is None:
            return
        share = min(1.0, max(0.0, done_s / duration_s)) if duration_s > 0 else 1.0
        elapsed = time.monotonic() - started
        eta = elapsed * (1 - share) / share if share > 0 else None
        self.on_progress(Progress(round(share * 100, 1), elapsed, eta))


def _words(segment: Any) -> list[Word]:
    """A recognised segment's words with their times and probabilities. A piece without a
    leading space continues the word before it ("late" + "-night"), as in the segment's text."""
    words: list[Word] = []
    pieces: list[int] = []
    for w in segment.words or []:
        raw = str(w.word)
        if not raw.strip():
            continue
        start, end = round(w.start * 1000), round(w.end * 1000)
        probability = float(w.probability)
        if words and not raw[:1].isspace():
            last, n = words[-1], pieces[-1]
            mean = ((last.confidence or 0.0) * n + probability) / (n + 1)
            words[-1] = Word(last.start_ms, max(last.end_ms, end), last.text + raw.strip(), mean)
            pieces[-1] += 1
        else:
            words.append(Word(start, max(start, end), raw.strip(), probability))
            pieces.append(1)
    return [Word(w.start_ms, w.end_ms, w.text, round(w.confidence or 0.0, 4)) for w in words]


def _segment_line(segment: Any) -> Line:
    start = round(segment.start * 1000)
    return Line(start, max(start, round(segment.end * 1000)), str(segment.text).strip())
