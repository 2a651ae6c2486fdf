"""The audio waveform of a media file: peak levels per short bucket, decoded with PyAV, cached.

``compute_peaks`` decodes the first audio stream (only its packets are demuxed and decoded, so a
video file costs its audio) and keeps, per bucket of ``1/buckets_per_second`` s, the peak absolute
sample level of all channels as one byte (0 silence .. 255 full scale). Two hours at 100 buckets a
second are 720 kB. ``load_or_compute`` keeps the result on disk, keyed by the file's absolute path,
size and mtime (and this module's format version), so reopening a project reads it back at once.

No Qt here: the GUI runs these on a worker thread (``app.ui.playback.waveform_job``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import struct
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from platformdirs import user_cache_dir

__all__ = [
    "CACHE_VERSION",
    "NoAudioStream",
    "Peaks",
    "WaveformCancelled",
    "WaveformError",
    "cache_path",
    "compute_peaks",
    "default_cache_dir",
    "envelope",
    "load_or_compute",
]

#: Bump when the decoding or the file layout changes: old cache files are then ignored.
CACHE_VERSION = 1
_MAGIC = b"PRWAVE\x00\x01"
_HEADER = struct.Struct("<8sHHQQ")  # magic, version, buckets/s, duration ms, bucket count
_FLUSH_SAMPLES = 65536  # decoded samples gathered before one vectorised bucketing pass
_GAP_MS = 100  # a timestamp jump larger than this is a real gap in the audio, kept as silence

Progress = Callable[[float], None]
Cancel = Callable[[], bool]


class WaveformError(Exception):
    """The waveform could not be computed; the message is one line for the user."""


class NoAudioStream(WaveformError):
    """The media has no audio track (a silent video, an image, a subtitle file)."""


class WaveformCancelled(WaveformError):
    """``cancel()`` answered True; nothing was cached."""


@dataclass(frozen=True, eq=False, slots=True)
class Peaks:
    """Peak level per bucket: ``data[i]`` covers ``[i, i+1) * 1000 / buckets_per_second`` ms."""

    buckets_per_second: int
    duration_ms: int
    data: npt.NDArray[np.uint8]

    def __len__(self) -> int:
        return int(self.data.shape[0])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Peaks):
            return NotImplemented
        return (
            self.buckets_per_second == other.buckets_per_second
            and self.duration_ms == other.duration_ms
            and np.array_equal(self.data, other.data)
        )

    __hash__ = None  # type: ignore[assignment]  # mutable array inside

    def level(self) -> int:
        """The loudest bucket (0 for silence): the drawing scales to it."""
        return int(self.data.max()) if len(self) else 0

    def at(self, ms: int) -> int:
        """The level of the bucket playing at ``ms`` (0 outside the media)."""
        index = ms * self.buckets_per_second // 1000
        return int(self.data[index]) if 0 <= index < len(self) else 0


def envelope(
    peaks: Peaks, start_ms: float, ms_per_px: float, columns: int
) -> npt.NDArray[np.uint8]:
    """The peak level under each of ``columns`` pixel columns from ``start_ms``, ``ms_per_px``
    wide each: the maximum of the buckets a column covers (a bucket wider than a column repeats).
    """
    out = np.zeros(columns, dtype=np.uint8)
    count = len(peaks)
    if columns <= 0 or count == 0 or ms_per_px <= 0:
        return out
    bps = peaks.buckets_per_second
    edges = start_ms + ms_per_px * np.arange(columns + 1, dtype=np.float64)
    index = np.floor(edges * bps / 1000.0).astype(np.int64)
    inside = (index[:-1] >= 0) & (index[:-1] < count)
    if not inside.any():
        return out
    first, last = np.flatnonzero(inside)[[0, -1]]
    starts = index[first : last + 1]
    # reduceat: a run [starts[i], starts[i+1]) per column; equal neighbours give one bucket.
    values = np.maximum.reduceat(peaks.data, np.minimum(starts, count - 1))
    out[first : last + 1] = values
    return out


# -- decoding ---------------------------------------------------------------------------------
def _magnitudes(frame: Any, channels: int) -> npt.NDArray[np.float32]:
    """|sample| per sample instant, the loudest channel, as float32 in 0..1."""
    array: npt.NDArray[Any] = frame.to_ndarray()
    mag: npt.NDArray[np.float32]
    kind = array.dtype.kind
    if kind == "f":
        mag = np.abs(array.astype(np.float32, copy=False))
    elif kind == "i":
        mag = np.abs(array.astype(np.float32)) * np.float32(
            1.0 / 2 ** (array.dtype.itemsize * 8 - 1)
        )
    else:  # u8: silence is 128
        mag = np.abs(array.astype(np.float32) - 128.0) * np.float32(1.0 / 128.0)
    if frame.format.is_planar:
        planar: npt.NDArray[np.float32] = mag.max(axis=0) if mag.shape[0] > 1 else mag[0]
        return planar
    flat = mag.reshape(-1)
    return flat.reshape(-1, channels).max(axis=1) if channels > 1 else flat


class _Buckets:
    """Peak per bucket from a stream of sample magnitudes, positioned in samples."""

    def __init__(self, rate: int, bps: int, expected: int) -> None:
        self.rate, self.bps = rate, bps
        self.values = np.zeros(max(expected, 16), dtype=np.float32)
        self.pos = 0  # sample index of the next sample to come
        self._pending: list[npt.NDArray[np.float32]] = []
        self._pending_pos = 0
        self._pending_len = 0

    def add(self, mags: npt.NDArray[np.float32], start: int | None) -> None:
        if start is not None and start - self.pos > self.rate * _GAP_MS // 1000:
            self.flush()
            self.pos = start  # the gap stays zero (silence)
        if not self._pending:
            self._pending_pos = self.pos
        self._pending.append(mags)
        self._pending_len += len(mags)
        self.pos += len(mags)
        if self._pending_len >= _FLUSH_SAMPLES:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        chunk = np.concatenate(self._pending) if len(self._pending) > 1 else self._pending[0]
        pos, rate, bps = self._pending_pos, self.rate, self.bps
        self._pending, self._pending_len = [], 0
        first = pos * bps // rate
        last = (pos + len(chunk) - 1) * bps // rate
        buckets = np.arange(first, last + 1, dtype=np.int64)
        offsets = np.maximum(-((-buckets * rate) // bps), pos) - pos  # ceil, clipped to the chunk
        values = np.maximum.reduceat(chunk, offsets)
        if last >= len(self.values):
            grown = np.zeros(max(last + 1, len(self.values) * 2), dtype=np.float32)
            grown[: len(self.values)] = self.values
            self.values = grown
        np.maximum(self.values[first : last + 1], values, out=self.values[first : last + 1])

    def result(self) -> tuple[int, npt.NDArray[np.uint8]]:
        self.flush()
        count = -((-self.pos * self.bps) // self.rate)
        scaled = np.minimum(self.values[:count] * 255.0 + 0.5, 255.0)
        data = np.zeros(count, dtype=np.uint8)
        data[: len(scaled)] = scaled.astype(np.uint8)
        return self.pos * 1000 // self.rate, data


def compute_peaks(
    path: str | os.PathLike[str],
    *,
    buckets_per_second: int = 100,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Peaks:
    """Decode the first audio stream of ``path`` into peak levels.

    ``progress(fraction)`` is called now and then (at most about once per percent) and with 1.0 at
    the end; ``cancel()`` is asked before each packet and stops the work with ``WaveformCancelled``.
    Raises ``NoAudioStream`` for media without audio, ``WaveformError`` when the file cannot be
    read at all. Damaged packets are skipped (their time stays silent).
    """
    import av  # here, not at the top: ~16 MB that only a waveform read needs

    name = os.path.basename(os.fspath(path))
    try:
        container = av.open(os.fspath(path), "r")
    except (av.FFmpegError, OSError) as err:
        raise WaveformError(f"{name}: cannot read the media ({_reason(err)})") from err
    with container:
        if not container.streams.audio:
            raise NoAudioStream(f"{name} has no audio track")
        stream = container.streams.audio[0]
        context = stream.codec_context
        rate = int(context.sample_rate or stream.rate or 0)
        if rate <= 0:
            raise WaveformError(f"{name}: the audio track has no sample rate")
        bps = max(1, min(buckets_per_second, rate))
        total_s = _duration_s(container, stream)
        buckets = _Buckets(rate, bps, int(total_s * bps) + 1)
        channels = max(1, int(context.channels or 1))
        # Fractions are slow: one integer scale per stream turns a pts into samples or seconds.
        base = stream.time_base
        to_samples = (base.numerator * rate, base.denominator) if base else None
        progress_every = int(total_s * 0.01 * base.denominator / base.numerator) if base else 0
        next_report = progress_every
        if progress is not None:
            progress(0.0)
        for packet in container.demux(stream):
            if cancel is not None and cancel():
                raise WaveformCancelled(f"{name}: waveform cancelled")
            try:
                frames = packet.decode()
            except av.FFmpegError:
                continue
            for frame in frames:
                pts = frame.pts
                start = None
                if pts is not None and to_samples is not None:
                    start = pts * to_samples[0] // to_samples[1]
                buckets.add(_magnitudes(frame, channels), start)
            pts = packet.pts
            if (
                progress is not None
                and progress_every > 0
                and pts is not None
                and pts >= next_report
            ):
                next_report = pts + progress_every
                progress(min(pts / (progress_every * 100), 0.999))
        duration_ms, data = buckets.result()
    if progress is not None:
        progress(1.0)
    return Peaks(bps, duration_ms, data)


def _duration_s(container: Any, stream: Any) -> float:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return float(container.duration) / 1_000_000
    return 0.0


def _reason(err: BaseException) -> str:
    text = getattr(err, "strerror", None) or str(err)
    return str(text).splitlines()[0] if text else type(err).__name__


# -- the cache ----------------------------------------------------------------------------------
def default_cache_dir() -> Path:
    return Path(user_cache_dir("proofreel")) / "waveforms"


def cache_path(path: str | os.PathLike[str], cache_dir: Path, buckets_per_second: int) -> Path:
    """Where the peaks of ``path`` as it is now are kept: a new size or mtime is a new name."""
    absolute = os.path.abspath(os.fspath(path))
    info = os.stat(absolute)
    key = f"{CACHE_VERSION}\0{absolute}\0{info.st_size}\0{info.st_mtime_ns}\0{buckets_per_second}"
    return cache_dir / (
        hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest() + ".peaks"
    )


def _read_cached(file: Path) -> Peaks | None:
    try:
        raw = file.read_bytes()
    except OSError:
        return None
    if len(raw) < _HEADER.size:
        return None
    magic, version, bps, duration_ms, count = _HEADER.unpack_from(raw)
    if magic != _MAGIC or version != CACHE_VERSION or len(raw) != _HEADER.size + count:
        return None  # another version, or a torn file: compute again
    data = np.frombuffer(raw, dtype=np.uint8, offset=_HEADER.size).copy()
    return Peaks(bps, duration_ms, data)


def _write_cached(file: Path, peaks: Peaks) -> None:
    """Write to a temporary file in the same folder and rename it in place: readers see the old
    file or the whole new one, never half of it."""
    file.parent.mkdir(parents=True, exist_ok=True)
    header = _HEADER.pack(
        _MAGIC, CACHE_VERSION, peaks.buckets_per_second, peaks.duration_ms, len(peaks)
    )
    fd, temp = tempfile.mkstemp(prefix=".peaks-", dir=file.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(header)
            out.write(peaks.data.tobytes())
        os.replace(temp, file)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def load_or_compute(
    path: str | os.PathLike[str],
    cache_dir: str | os.PathLike[str] | None = None,
    *,
    buckets_per_second: int = 100,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Peaks:
    """The cached peaks of ``path`` when the file is unchanged, else computed and cached.

    A cache that cannot be written (read-only disk, full disk) costs the next open a new
    computation, never this one its result.
    """
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    try:
        file = cache_path(path, folder, buckets_per_second)
    except OSError as err:
        name = os.path.basename(os.fspath(path))
        raise WaveformError(f"{name}: cannot read the media ({_reason(err)})") from err
    cached = _read_cached(file)
    if cached is not None:
        if progress is not None:
            progress(1.0)
        return cached
    peaks = compute_peaks(
        path, buckets_per_second=buckets_per_second, progress=progress, cancel=cancel
    )
    with contextlib.suppress(OSError):  # an unwritable cache costs the next open, not this one
        _write_cached(file, peaks)
    return peaks
