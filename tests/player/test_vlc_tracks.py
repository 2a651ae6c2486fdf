"""The "no decoder" verdict VlcPlayer gives once playback ran a little: what the user is told
for each mix of tracks VLC could and could not select (-1: left unselected, no decoder)."""

from __future__ import annotations

from types import SimpleNamespace

from app.player.vlc_tracks import DecoderVerdict, decoder_verdict, fourcc, track_codecs


def _code(text: str) -> int:
    return int.from_bytes(text.encode("ascii"), "little")


def test_codecs_are_named_by_their_four_characters() -> None:
    tracks = [
        SimpleNamespace(type=1, codec=_code("h264")),
        SimpleNamespace(type=0, codec=_code("mp4a")),
        SimpleNamespace(type=2, codec=_code("subt")),  # a subtitle track counts for neither
    ]
    assert track_codecs(tracks) == (["mp4a"], ["h264"])
    assert fourcc(7) == "7"  # not text: the number, still readable in a message


def test_both_tracks_decoded_says_nothing() -> None:
    verdict = decoder_verdict(["h264"], ["mp4a"], audio_on=True, video_track=1, audio_track=2)
    assert verdict == DecoderVerdict()


def test_picture_lost_while_the_sound_plays_is_a_warning_and_audio_only() -> None:
    verdict = decoder_verdict(["qqq1"], ["mp4a"], audio_on=True, video_track=-1, audio_track=2)
    assert not verdict.error
    assert verdict.video_lost
    assert verdict.warning.startswith("No picture:") and "video 'qqq1'" in verdict.warning


def test_sound_lost_while_the_picture_plays_is_a_warning() -> None:
    verdict = decoder_verdict(["h264"], ["qqq2"], audio_on=True, video_track=1, audio_track=-1)
    assert not verdict.error and not verdict.video_lost
    assert verdict.warning.startswith("No sound:") and "audio 'qqq2'" in verdict.warning


def test_nothing_decodable_fails_the_media_naming_every_codec() -> None:
    verdict = decoder_verdict(["qqq1"], ["qqq2"], audio_on=True, video_track=-1, audio_track=-1)
    assert verdict.error == (
        "Cannot play this file: VLC has no decoder for its codec (video 'qqq1', audio 'qqq2')"
    )


def test_without_sound_output_only_the_picture_counts() -> None:
    # --no-audio (tests, CI): an audio track is never selected, and that is not a lost decoder.
    verdict = decoder_verdict(["h264"], ["mp4a"], audio_on=False, video_track=1, audio_track=-1)
    assert verdict == DecoderVerdict()
    lost = decoder_verdict(["qqq1"], ["mp4a"], audio_on=False, video_track=-1, audio_track=-1)
    assert lost.error.startswith("Cannot play this file") and "mp4a" not in lost.error
