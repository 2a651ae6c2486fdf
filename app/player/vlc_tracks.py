"""What a parsed media holds and what VLC can decode of it: the codecs of its tracks, and the
verdict once playback ran a little (nothing playable, no picture, no sound).

Pure Python over what libVLC reports (no Qt, no vlc import), so the rules read on their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["DecoderVerdict", "decoder_verdict", "fourcc", "track_codecs"]


def fourcc(codec: int) -> str:
    """VLC's codec id as its four characters ('h264', 'mp4a'), or the number when not text."""
    text = int(codec).to_bytes(4, "little").decode("ascii", "replace").strip()
    return text if text and text.isprintable() else str(codec)


def track_codecs(tracks: Iterable[Any]) -> tuple[list[str], list[str]]:
    """(audio, video) codecs of libVLC's ``media.tracks_get()``, as fourccs."""
    tracks = list(tracks)
    # libvlc_track_type_t: 0 = audio, 1 = video
    audio = [fourcc(t.codec) for t in tracks if t.type == 0]
    video = [fourcc(t.codec) for t in tracks if t.type == 1]
    return audio, video


@dataclass(frozen=True)
class DecoderVerdict:
    """What to tell the user; all empty/False when everything decodes."""

    error: str = ""  # nothing plays: the media fails with this
    warning: str = ""  # one part plays: playback goes on with this said
    video_lost: bool = False  # the media counts as audio-only


def decoder_verdict(
    video_codecs: list[str],
    audio_codecs: list[str],
    *,
    audio_on: bool,
    video_track: int,
    audio_track: int,
) -> DecoderVerdict:
    """A track VLC left unselected (``*_track == -1``) is one it has no decoder for. Nothing
    playable is an error; a picture that cannot be decoded while the sound plays is a warning,
    and the media counts as audio-only. ``audio_on``: the player has sound (not --no-audio)."""
    video_lost = bool(video_codecs) and video_track == -1
    audio_lost = bool(audio_codecs) and audio_on and audio_track == -1
    lost = [f"video '{c}'" for c in video_codecs if video_lost]
    lost += [f"audio '{c}'" for c in audio_codecs if audio_lost]
    audio_plays = bool(audio_codecs) and audio_on and not audio_lost
    video_plays = bool(video_codecs) and not video_lost
    if lost and not audio_plays and not video_plays:
        codecs = ", ".join(lost)
        return DecoderVerdict(
            error=f"Cannot play this file: VLC has no decoder for its codec ({codecs})"
        )
    if video_lost:
        return DecoderVerdict(
            warning=f"No picture: VLC has no decoder for this video's codec ({', '.join(lost)}); "
            "the sound plays",
            video_lost=True,
        )
    if audio_lost:
        return DecoderVerdict(
            warning=f"No sound: VLC has no decoder for this audio's codec ({', '.join(lost)})"
        )
    return DecoderVerdict()
