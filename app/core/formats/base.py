"""What every format module gives: a reader that returns lines *and* a report, and a writer.

A reader never drops a line silently: whatever it skips or repairs goes into the report with the
input line number and the reason. Input it cannot read at all raises ``TranscriptFormatError``
whose message is one line, fit to show a user as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.core.transcript import Transcript

__all__ = [
    "Format",
    "ImportIssue",
    "ImportReport",
    "ReadResult",
    "TranscriptFormatError",
]


class TranscriptFormatError(ValueError):
    """A transcript that cannot be read; ``str(err)`` is a one-line reason for the user."""


@dataclass(slots=True, frozen=True)
class ImportIssue:
    line_no: int  # 1-based line of the input file; 0 when it concerns the whole file
    reason: str
    repaired: bool = False  # True: kept, with a change the reason says; False: skipped


@dataclass(slots=True)
class ImportReport:
    format: str = ""
    encoding: str = "utf-8"
    lines_read: int = 0
    issues: list[ImportIssue] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.issues

    def skip(self, line_no: int, reason: str) -> None:
        self.issues.append(ImportIssue(line_no, reason, repaired=False))

    def repair(self, line_no: int, reason: str) -> None:
        self.issues.append(ImportIssue(line_no, reason, repaired=True))

    def summary(self) -> str:
        skipped = sum(not i.repaired for i in self.issues)
        repaired = len(self.issues) - skipped
        return (
            f"{self.format}, {self.encoding}: {self.lines_read} lines read, "
            f"{skipped} skipped, {repaired} repaired"
        )

    def lines(self) -> list[str]:
        """The report as text lines: summary first, then one line per issue."""
        out = [self.summary()]
        for issue in self.issues:
            what = "repaired" if issue.repaired else "skipped"
            where = f"line {issue.line_no}" if issue.line_no else "file"
            out.append(f"  {where}: {what}: {issue.reason}")
        return out


@dataclass(slots=True)
class ReadResult:
    transcript: Transcript
    report: ImportReport


@dataclass(slots=True, frozen=True)
class Format:
    """One transcript format: its name, extensions, how to recognise it, read it, write it."""

    name: str  # short id used by --from/--to: "srt", "json", "page"...
    label: str  # for file dialogs: "SubRip subtitles"
    extensions: tuple[str, ...]  # without dots, lower case
    sniff: Callable[[str], float]  # 0.0 (surely not) .. 1.0 (surely this) from decoded text
    read: Callable[[str], ReadResult] | None = None
    write: Callable[[Transcript], str] | None = None
