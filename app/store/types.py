"""Plain records the library returns about projects (transcripts use app.core types)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from app.core.transcript import Metadata


def utc_now() -> str:
    """ISO 8601 UTC with microseconds: sorts as text, and is what Note.created_at expects."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(slots=True, frozen=True)
class ProjectSummary:
    id: int
    title: str
    media_path: str | None
    transcript_path: str | None
    line_count: int
    reviewed_count: int  # lines whose status is not "unreviewed"
    opened_at: str
    created_at: str


@dataclass(slots=True)
class ProjectInfo:
    id: int
    title: str
    media_path: str | None
    transcript_path: str | None
    source_format: str
    metadata: Metadata
    media_duration_ms: int | None
    last_position_ms: int
    last_line_id: int | None
    created_at: str
    opened_at: str
    # Which file the media is (app.store.media): None until the file was first seen.
    media_size: int | None = None
    media_head_sha256: str | None = None
    # The project's subtitle rule profile as kept (app.core.subtitle_rules.profile_from_text).
    subtitle_rules: str | None = None
