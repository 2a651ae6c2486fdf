"""The audio as the recogniser hears it: the same samples faster-whisper's own decoder gives,
decoded in groups so that a Cancel during the decode of a long file is seen on the way."""

from __future__ import annotations

import pytest

from app.asr.errors import Cancelled
from tests.asr.conftest import VIDEO, _need_asr


def test_the_samples_are_faster_whispers_own() -> None:
    _need_asr()
    import faster_whisper
    import numpy as np

    from app.asr.engine import decode

    ours, theirs = decode(VIDEO), faster_whisper.decode_audio(str(VIDEO))
    assert len(ours) == len(theirs)
    assert np.array_equal(ours, theirs)


def test_a_cancel_stops_the_decode_on_the_way() -> None:
    _need_asr()
    from app.asr.engine import decode

    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 3  # the user pressed Cancel a moment into the 4.5-minute file

    with pytest.raises(Cancelled):
        decode(VIDEO, cancelled)
    assert len(asked) == 3, "stopped at once, not at the end of the file"
