"""Media analysis that needs no Qt widgets: the audio waveform (decoded with PyAV), cached."""

from app.media.waveform import (
    NoAudioStream,
    Peaks,
    WaveformCancelled,
    WaveformError,
    compute_peaks,
    default_cache_dir,
    envelope,
    load_or_compute,
)

__all__ = [
    "NoAudioStream",
    "Peaks",
    "WaveformCancelled",
    "WaveformError",
    "compute_peaks",
    "default_cache_dir",
    "envelope",
    "load_or_compute",
]
