"""The picture of a video at a given time, decoded with PyAV: what the video pane shows before
libVLC has a picture of its own (a media opened and never played, lines clicked before Play).

``frame_at`` returns the frame on screen at ``ms``, the last one whose presentation time is at or
before it, exactly (B-frames included: frames are decoded from the keyframe before and picked by
their presentation time), as RGB bytes scaled to at most ``max_width`` pixels wide.

No Qt here: the player runs it on a worker thread (``app.player.poster``).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

__all__ = ["Picture", "PosterError", "frame_at"]

#: A frame within this much of ``ms`` counts as starting at it (rounded timestamps).
_SLACK_S = 0.0005


class PosterError(Exception):
    """The picture could not be decoded; the message is one line for the user."""


@dataclass(frozen=True)
class Picture:
    """One video frame: ``rgb`` holds ``height`` rows of ``width * 3`` bytes (R, G, B)."""

    width: int
    height: int
    rgb: bytes
    time_ms: int  # the frame's own presentation time (at or before the time asked for)
    frame_ms: float | None  # one frame's length, from the stream's frame rate (None: unknown)


def frame_at(path: str | Path, ms: int, *, max_width: int = 960) -> Picture | None:
    """The frame shown at ``ms`` (the first frame for a time before it, the last one past the
    end); None when the file has no video stream. Raises PosterError for a file PyAV cannot
    read."""
    import av  # imported here: PyAV loads FFmpeg's libraries

    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, OSError) as err:
        raise PosterError(f"Cannot read a picture from {Path(path).name}: {err}") from err
    with container:
        if not container.streams.video:
            return None
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        try:
            frame = _decode_at(container, stream, max(0, int(ms)) / 1000.0)
        except av.error.FFmpegError as err:
            raise PosterError(f"Cannot decode a picture of {Path(path).name}: {err}") from err
        if frame is None:
            return None
        return _picture(frame, stream, max_width)


def _decode_at(container: Any, stream: Any, seconds: float) -> Any:
    base: Fraction = stream.time_base
    start = float(stream.start_time * base) if stream.start_time is not None else 0.0
    wanted = start + seconds  # players count from the stream's first timestamp
    container.seek(int(wanted / base), stream=stream, backward=True, any_frame=False)
    best = None
    for frame in container.decode(stream):
        if frame.pts is None:
            continue
        if best is not None and float(frame.pts * base) > wanted + _SLACK_S:
            break  # frames come in presentation order: the one before was on screen at ms
        best = frame
        if float(frame.pts * base) > wanted + _SLACK_S:
            break  # the seek landed past ms (a time before the first frame): show the first
    if best is None and seconds > 0:  # nothing after the seek point: try from the start
        return _decode_at(container, stream, 0.0)
    return best


def _picture(frame: Any, stream: Any, max_width: int) -> Picture:
    width, height = frame.width, frame.height
    aspect = stream.sample_aspect_ratio or frame.sample_aspect_ratio
    shown_width = round(width * float(aspect)) if aspect else width  # anamorphic video
    scale = min(1.0, max_width / shown_width) if shown_width > 0 else 1.0
    out_w = max(2, round(shown_width * scale))
    out_h = max(2, round(height * scale))
    rgb = frame.reformat(width=out_w, height=out_h, format="rgb24").to_ndarray()
    base = stream.time_base
    start = float(stream.start_time * base) if stream.start_time is not None else 0.0
    rate = stream.average_rate or stream.guessed_rate
    fps = float(rate) if rate else 0.0
    return Picture(
        width=out_w,
        height=out_h,
        rgb=rgb.tobytes(),
        time_ms=max(0, round((float(frame.pts * base) - start) * 1000)),
        frame_ms=1000.0 / fps if 1.0 <= fps <= 300.0 else None,
    )
