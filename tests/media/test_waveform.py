"""The waveform of real, ffmpeg-made media: peaks where the sound is, a cache that makes the
second open instant, and clear refusals."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

from app.media import waveform
from app.media.waveform import (
    NoAudioStream,
    Peaks,
    WaveformCancelled,
    WaveformError,
    compute_peaks,
    envelope,
    load_or_compute,
)

SECONDS = 8  # tone in even seconds (0, 2, 4, 6), silence in odd ones
BURSTS = "if(lt(mod(t\\,2)\\,1)\\,0.8*sin(2*PI*440*t)\\,0)"


def _make(ffmpeg: str, out: Path, *args: str) -> Path:
    subprocess.run([ffmpeg, "-v", "error", "-y", *args, str(out)], check=True)
    return out


@pytest.fixture(scope="module")
def bursts(ffmpeg: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """8 s of AAC: 1 s of a 440 Hz tone at 0.8, 1 s of silence, four times."""
    out = tmp_path_factory.mktemp("wave") / "bursts.m4a"
    source = f"aevalsrc={BURSTS}:s=44100:d={SECONDS}"
    return _make(ffmpeg, out, "-f", "lavfi", "-i", source, "-c:a", "aac", "-b:a", "96k")


def _second(peaks: Peaks, second: int) -> np.ndarray:
    """The buckets of the middle of a second (codecs smear the edges of a burst a little)."""
    bps = peaks.buckets_per_second
    return peaks.data[int((second + 0.2) * bps) : int((second + 0.8) * bps)]


def test_peaks_are_high_in_tone_seconds_and_near_zero_in_silence(bursts: Path) -> None:
    seen: list[float] = []
    peaks = compute_peaks(bursts, progress=seen.append)
    assert peaks.buckets_per_second == 100
    assert abs(peaks.duration_ms - SECONDS * 1000) < 100
    assert abs(len(peaks) - SECONDS * 100) < 10
    for second in range(SECONDS):
        middle = _second(peaks, second)
        if second % 2 == 0:
            assert middle.min() > 150, f"second {second} should be loud: {middle.min()}"
        else:
            assert middle.max() < 8, f"second {second} should be silent: {middle.max()}"
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)


def test_loudest_channel_of_a_stereo_16_bit_wav_counts(ffmpeg: str, tmp_path: Path) -> None:
    """Left silent, right a tone in its first second: the peaks follow the right channel."""
    wav = _make(
        ffmpeg,
        tmp_path / "stereo.wav",
        "-f", "lavfi", "-i", f"aevalsrc=0|{BURSTS}:s=22050:d=2",
        "-c:a", "pcm_s16le",
    )  # fmt: skip
    peaks = compute_peaks(wav, buckets_per_second=50)
    assert peaks.buckets_per_second == 50
    assert _second(peaks, 0).min() > 190  # 0.8 of full scale is 204
    assert _second(peaks, 1).max() == 0


def test_envelope_takes_the_peak_under_each_pixel() -> None:
    data = np.zeros(1000, np.uint8)  # 10 s at 100 buckets/s
    data[250] = 200  # 2.50 s
    peaks = Peaks(100, 10_000, data)
    whole = envelope(peaks, 0, 100, 100)  # 100 ms per pixel
    assert whole[25] == 200 and whole.sum() == 200
    close = envelope(peaks, 2_400, 5, 40)  # 5 ms per pixel: a bucket spans two pixels
    assert close.tolist().count(200) == 2 and close[20] == 200
    assert envelope(peaks, 20_000, 10, 10).sum() == 0  # past the end


def test_second_open_comes_from_the_cache_without_decoding(
    bursts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_or_compute(bursts, tmp_path)
    assert len(list(tmp_path.glob("*.peaks"))) == 1

    def no_decoding(*_args: object, **_kwargs: object) -> Peaks:
        raise AssertionError("decoded again")

    monkeypatch.setattr(waveform, "compute_peaks", no_decoding)
    again = load_or_compute(bursts, tmp_path)
    assert again == first


def test_a_changed_file_is_read_again(bursts: Path, tmp_path: Path, ffmpeg: str) -> None:
    media = tmp_path / "media.m4a"
    media.write_bytes(bursts.read_bytes())
    cache = tmp_path / "cache"
    calls: list[str] = []

    def counting(path: str, **kwargs: object) -> Peaks:
        calls.append(path)
        return compute_peaks(path, **kwargs)  # type: ignore[arg-type]

    original = waveform.compute_peaks
    waveform.compute_peaks = counting  # type: ignore[assignment]
    try:
        loud = load_or_compute(media, cache)
        load_or_compute(media, cache)
        assert len(calls) == 1
        # Same size, newer mtime (a re-export over the old file): read again.
        info = media.stat()
        os.utime(media, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
        load_or_compute(media, cache)
        assert len(calls) == 2
        # Other content: silence now, and the new peaks say so.
        _make(ffmpeg, media, "-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-t", "3",
              "-c:a", "aac", "-f", "mp4")  # fmt: skip
        quiet = load_or_compute(media, cache)
        assert len(calls) == 3
        assert quiet.level() < 3 < loud.level()
    finally:
        waveform.compute_peaks = original  # type: ignore[assignment]


def test_a_torn_cache_file_is_computed_again(bursts: Path, tmp_path: Path) -> None:
    first = load_or_compute(bursts, tmp_path)
    (cached,) = tmp_path.glob("*.peaks")
    cached.write_bytes(cached.read_bytes()[:100])
    assert load_or_compute(bursts, tmp_path) == first
    assert cached.stat().st_size > 100


def test_video_without_audio_is_refused_by_name(ffmpeg: str, tmp_path: Path) -> None:
    silent = _make(
        ffmpeg,
        tmp_path / "silent.mp4",
        "-f", "lavfi", "-i", "testsrc=s=64x48:r=10:d=1", "-c:v", "libx264", "-an",
    )  # fmt: skip
    with pytest.raises(NoAudioStream, match=r"silent\.mp4 has no audio track"):
        compute_peaks(silent)
    with pytest.raises(NoAudioStream):
        load_or_compute(silent, tmp_path / "cache")


def test_not_media_or_missing_is_a_waveform_error(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello, not a video\n" * 10)
    with pytest.raises(WaveformError, match=r"notes\.txt: cannot read the media"):
        compute_peaks(text)
    with pytest.raises(WaveformError, match=r"gone\.mp4"):
        load_or_compute(tmp_path / "gone.mp4", tmp_path / "cache")


def test_cancel_stops_early_and_caches_nothing(bursts: Path, tmp_path: Path) -> None:
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 5

    with pytest.raises(WaveformCancelled):
        load_or_compute(bursts, tmp_path, cancel=cancel)
    assert len(asked) == 6  # stopped at the first check that said yes
    assert list(tmp_path.glob("*.peaks")) == []
    assert list(tmp_path.iterdir()) == []  # nor a temporary file
