"""What can go wrong in speech recognition, each with a one-line message fit for a user."""

from __future__ import annotations

__all__ = [
    "INSTALL_HINT",
    "AsrError",
    "AsrUnavailable",
    "Cancelled",
    "MediaUnreadable",
    "ModelNotFound",
]

INSTALL_HINT = "pip install 'proofreel[asr]'"


class AsrError(Exception):
    """A recognition that cannot run; ``str(err)`` is one line for the user."""


class AsrUnavailable(AsrError):
    """faster-whisper is not installed."""

    def __init__(self, detail: str = "") -> None:
        why = f" ({detail})" if detail else ""
        super().__init__(f"speech recognition is not installed{why}: {INSTALL_HINT}")


class ModelNotFound(AsrError):
    """No usable model folder."""


class MediaUnreadable(AsrError):
    """The media has no audio that can be decoded."""


class Cancelled(AsrError):
    """The job was cancelled; nothing was kept."""

    def __init__(self) -> None:
        super().__init__("cancelled; nothing was kept")
