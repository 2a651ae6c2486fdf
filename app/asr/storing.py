"""A transcription kept as a new project of the library: only once the job has finished, in one
transaction, so a cancelled or failed run leaves no project and no half of one."""

from __future__ import annotations

from app.asr.engine import TranscribeJob, Transcription
from app.store.library import Library

__all__ = ["SOURCE_FORMAT", "store_transcription", "transcribe_into"]

#: The project's source format: made by the recogniser, not read from a file.
SOURCE_FORMAT = "asr"


def store_transcription(library: Library, result: Transcription) -> int:
    """The transcription as a new project (media path, lines, word times and probabilities)."""
    media = result.transcript.media
    return library.create_project(
        result.transcript,
        media_path=media.path if media else None,
        transcript_path=None,
        source_format=SOURCE_FORMAT,
    )


def transcribe_into(library: Library, job: TranscribeJob) -> tuple[int, Transcription]:
    """Run ``job`` and store what it found: (project id, transcription). Cancelled: nothing."""
    result = job.run()
    return store_transcription(library, result), result
