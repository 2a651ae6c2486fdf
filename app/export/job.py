"""One export in progress: the lines the options select, progress and cancel, and the facts
every document format shows (review progress, times, links to the media).

Exporters read lines only through :meth:`Job.each`, so progress and cancel work the same way in
every format, and only through :meth:`notes` / :meth:`status` / :meth:`highlights`, so the
options are honoured in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from app.core.plural import plural
from app.core.review import reviewed_percent
from app.core.timecode import format_clock
from app.core.transcript import Highlight, Line, Note, Transcript
from app.export.options import ExportCancelled, ExportOptions

__all__ = [
    "TICK_EVERY",
    "Job",
    "Progress",
    "ReviewSummary",
    "note_iso",
    "note_when",
    "select_lines",
]

Progress = Callable[[int, int], None]
#: Lines between two progress reports / cancel checks: often enough to feel instant (a few ms
#: of work), rare enough to cost nothing.
TICK_EVERY = 1000
#: Stream schemes linked as they are; anything else (``javascript:``...) is treated as a name.
_LINKABLE_SCHEMES = frozenset({"http", "https", "file", "rtsp", "rtmp", "mms", "ftp", "sftp"})


def select_lines(transcript: Transcript, options: ExportOptions) -> list[tuple[int, Line]]:
    """(1-based line number in the whole transcript, line) for each line the options keep.

    A time range keeps every line that overlaps it, so a line cut by the range is not lost.
    """
    lo, hi = options.start_ms, options.end_ms
    only = options.only
    rows: list[tuple[int, Line]] = []
    for number, line in enumerate(transcript.lines, start=1):
        if lo is not None and line.end_ms <= lo and line.start_ms < lo:
            continue
        if hi is not None and line.start_ms >= hi:
            continue
        if only == "flagged" and line.status != "flagged":
            continue
        if only == "noted" and not line.notes:
            continue
        rows.append((number, line))
    return rows


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    lines: int
    approved: int
    flagged: int
    corrected: int
    notes: int

    @property
    def reviewed(self) -> int:
        return self.approved + self.flagged

    def sentence(self) -> str:
        # The status bar's rounding, so the PDF and the window never disagree by a percent.
        share = f" ({reviewed_percent(self.reviewed, self.lines)}%)" if self.lines else ""
        return (
            f"{self.reviewed:,} of {plural(self.lines, 'line')} reviewed{share}: "
            f"{self.approved:,} approved, {self.flagged:,} flagged; {self.corrected:,} corrected; "
            f"{plural(self.notes, 'note')}"
        )

    @classmethod
    def of(cls, transcript: Transcript) -> ReviewSummary:
        approved = flagged = corrected = notes = 0
        for line in transcript.lines:
            approved += line.status == "approved"
            flagged += line.status == "flagged"
            corrected += line.original_text is not None and line.original_text != line.text
            notes += len(line.notes)
        return cls(len(transcript.lines), approved, flagged, corrected, notes)


class Job:
    """The transcript, the options, the selected lines, and the progress/cancel hooks."""

    def __init__(
        self,
        transcript: Transcript,
        options: ExportOptions,
        *,
        progress: Progress | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> None:
        self.transcript = transcript
        self.options = options
        self.rows = select_lines(transcript, options)
        self._progress = progress
        self._cancel = cancel
        last_end = max((line.end_ms for line in transcript.lines), default=0)
        # One clock width for the whole document, so times line up in a column.
        self.with_hours = last_end >= 3_600_000
        self.media_href = _media_href(transcript)
        #: One-line messages for the user about a file that was written but is not perfect
        #: (characters no font can show...): export() returns them, the CLI and window show them.
        self.warnings: list[str] = []

    @property
    def total(self) -> int:
        return len(self.rows)

    def check(self, done: int) -> None:
        """Report progress and honour cancel; exporters with their own loops call this."""
        if self._cancel is not None and self._cancel():
            raise ExportCancelled("export cancelled")
        if self._progress is not None:
            self._progress(done, self.total)

    def each(self) -> Iterator[tuple[int, Line]]:
        """The selected rows, checking cancel and reporting progress every TICK_EVERY lines."""
        for done, row in enumerate(self.rows):
            if done % TICK_EVERY == 0:
                self.check(done)
            yield row

    # -- what the options let through ----------------------------------------------------------

    def notes(self, line: Line) -> list[Note]:
        return line.notes if self.options.include_notes else []

    def highlights(self, line: Line) -> list[Highlight]:
        return line.highlights if self.options.include_highlights else []

    def status(self, line: Line) -> str:
        return line.status if self.options.include_status else ""

    def original(self, line: Line) -> str | None:
        """The imported text when it differs and the options ask for it, else None."""
        if not self.options.with_original:
            return None
        original = line.original_text
        return original if original is not None and original != line.text else None

    # -- shared presentation -------------------------------------------------------------------

    def clock(self, ms: int) -> str:
        return format_clock(ms, with_hours=self.with_hours)

    def time_href(self, ms: int) -> str | None:
        """A Media Fragments link (``media.mp4#t=83.5``) that opens the media at ``ms``."""
        if self.media_href is None:
            return None
        seconds = f"{ms / 1000:.3f}".rstrip("0").rstrip(".")
        return f"{self.media_href}#t={seconds}"

    def media_name(self) -> str:
        media = self.transcript.media
        if media is None:
            return ""
        path = media.path.split("#", 1)[0].split("?", 1)[0].replace("\\", "/").rstrip("/")
        return path.rsplit("/", 1)[-1]

    def all_tags(self) -> dict[str, str]:
        """Tag -> its first colour, over the selected lines, for a legend."""
        tags: dict[str, str] = {}
        for _, line in self.rows:
            for mark in self.highlights(line):
                tags.setdefault(mark.tag, mark.color)
        return tags


def _media_href(transcript: Transcript) -> str | None:
    """Streams keep their URL; a local file is linked by its absolute ``file:`` URL, where the
    media really is. A bare or relative name is not linked: it would point beside the export,
    where the media usually is not."""
    media = transcript.media
    if media is None or not media.path:
        return None
    scheme, sep, _ = media.path.partition("://")
    if sep and scheme.lower() in _LINKABLE_SCHEMES:
        # Quoting keeps the URL's own structure but makes quotes and spaces harmless.
        return quote(media.path.split("#", 1)[0], safe=":/?&=%@+,;~")
    for flavour in (PurePosixPath, PureWindowsPath):
        path = flavour(media.path)
        if path.is_absolute():
            # as_uri percent-encodes spaces, "#" and quotes, so the link cannot be broken out of.
            return path.as_uri()
    return None


def note_when(note: Note) -> str:
    """``2024-05-01 14:03 UTC`` from the stored ISO 8601 stamp; the raw text if it is not one."""
    stamp = note.created_at
    if not stamp:
        return ""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
        return when.strftime("%Y-%m-%d %H:%M UTC")
    return when.strftime("%Y-%m-%d %H:%M")


def note_iso(note: Note) -> str | None:
    """``2024-05-01T14:03:00Z`` (what Word's comment dates look like), or None."""
    try:
        when = datetime.fromisoformat(note.created_at)
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")
