"""A quote taken from a transcript, the way a journalist hands it on: the corrected words in
typographic quotes, who said them, when, in what, a link to the moment, and a warning when any
quoted line is not safe to quote yet (unreviewed, flagged, or heard otherwise by the audio's
second opinion).

Pure Python: the window's "Copy as quote" puts :meth:`Quote.plain` and :meth:`Quote.html` on the
clipboard and :meth:`Quote.status_message` in the status bar; the quote sheet export
(app.export.quote_sheet) lists quotes with :attr:`Quote.review_state`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from html import escape
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote as url_quote

from app.core.asr_opinion import LineOpinion
from app.core.timecode import format_clock
from app.core.transcript import Transcript

__all__ = [
    "Quote",
    "QuoteItem",
    "QuoteList",
    "QuotedLine",
    "make_quote",
    "moment_link",
    "typographic",
    "video_url",
]

_YOUTUBE = re.compile(
    r"https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?\S*?v=|shorts/|live/|embed/)|youtu\.be/)"
    r"[\w-]{6,}[^\s<>\"']*",
    re.IGNORECASE,
)
_VIMEO = re.compile(r"https?://(?:www\.|player\.)?vimeo\.com/(?:video/)?\d+[^\s<>\"']*", re.I)
_TIME_PARAM = re.compile(r"([?&])t=[^&#]*&?")
_STREAM_SCHEMES = ("http://", "https://", "rtsp://", "rtmp://", "mms://", "ftp://")


def typographic(text: str) -> str:
    """Straight quotes made typographic for text set inside “…”: inner double quotes become
    single ones (‘…’), apostrophes become ’."""
    out: list[str] = []
    for i, char in enumerate(text):
        before = text[i - 1] if i else " "
        opening = before.isspace() or before in "([{—–-/"
        if char in '"“”':
            out.append("‘" if opening and char != "”" else "’")
        elif char == "'":
            after = text[i + 1] if i + 1 < len(text) else " "
            out.append("‘" if opening and not after.isdigit() and not after.isspace() else "’")
        else:
            out.append(char)
    return "".join(out)


def video_url(transcript: Transcript) -> str | None:
    """A YouTube or Vimeo address for the video: the media itself, else one in the metadata."""
    places = [transcript.media.path if transcript.media else "", transcript.metadata.description]
    places += transcript.metadata.tags
    for place in places:
        found = _YOUTUBE.search(place) or _VIMEO.search(place)
        if found:
            return found.group(0).rstrip(".,;)")
    return None


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.3f}".rstrip("0").rstrip(".")


def moment_link(transcript: Transcript, ms: int) -> str | None:
    """A link that opens the video at ``ms``: ``?t=83`` on YouTube, ``#t=83s`` on Vimeo (the
    form Vimeo documents), a Media Fragments ``#t=83.5`` on a stream or a local file. None for a
    project without media, or with a relative media path (it would point nowhere)."""
    url = video_url(transcript)
    if url is not None:
        url = url.split("#", 1)[0]
        if _VIMEO.match(url):
            return f"{url}#t={ms // 1000}s"
        url = _TIME_PARAM.sub(r"\1", url).rstrip("?&")
        return f"{url}{'&' if '?' in url else '?'}t={ms // 1000}"
    media = transcript.media
    if media is None or not media.path:
        return None
    if media.path.lower().startswith(_STREAM_SCHEMES):
        return f"{url_quote(media.path.split('#', 1)[0], safe=':/?&=%@+,;~')}#t={_seconds(ms)}"
    for flavour in (PurePosixPath, PureWindowsPath):
        path = flavour(media.path)
        if path.is_absolute():
            return f"{path.as_uri()}#t={_seconds(ms)}"
    return None


@dataclass(frozen=True, slots=True)
class QuotedLine:
    number: int  # 1-based, as the window shows it
    line_id: int | None
    status: str
    heard_otherwise: str  # "" or what the audio heard instead, e.g. '"resume" heard as "presume"'
    deleted: bool = False  # gone from the transcript since the quote was copied

    def problem(self) -> str:
        """Why this line is not safe to quote yet; "" when it is."""
        if self.deleted:
            return f"line {self.number} was deleted since the copy"
        if self.status == "flagged":
            return f"line {self.number} is flagged"
        if self.heard_otherwise:
            return f"line {self.number} differs from the audio ({self.heard_otherwise})"
        if self.status != "approved":
            return f"line {self.number} is unreviewed"
        return ""


@dataclass(frozen=True, slots=True)
class Quote:
    text: str  # the corrected words, as quoted (straight from the transcript)
    speakers: tuple[str, ...]
    start_ms: int
    end_ms: int
    title: str
    link: str | None
    lines: tuple[QuotedLine, ...]

    @property
    def problems(self) -> list[str]:
        return [p for p in (line.problem() for line in self.lines) if p]

    @property
    def review_state(self) -> str:
        """ "flagged" if any line is, else "check" (unreviewed or heard otherwise), else
        "approved": the column a fact-checker signs on the quote sheet."""
        if any(line.status == "flagged" and not line.deleted for line in self.lines):
            return "flagged"
        return "check" if self.problems else "approved"

    def time_range(self) -> str:
        hours = self.end_ms >= 3_600_000
        start = format_clock(self.start_ms, with_hours=hours)
        return f"{start}–{format_clock(self.end_ms, with_hours=hours)}"

    def attribution(self) -> str:
        who = " and ".join(s for s in self.speakers if s) or "Unknown speaker"
        parts = [who, self.title, self.time_range()] if self.title else [who, self.time_range()]
        return "— " + ", ".join(parts)

    def warning(self) -> str:
        """The warning line ("" when every line is approved and agrees with the audio)."""
        problems = self.problems
        return f"⚠ Check before quoting: {'; '.join(problems)}." if problems else ""

    def status_message(self) -> str:
        problems = self.problems
        if not problems:
            return "Quote copied."
        return f"Quote copied with a warning: {'; '.join(problems)}."

    def plain(self) -> str:
        rows = [f"“{typographic(self.text)}”", self.attribution()]
        rows += [self.link] if self.link else []
        rows += [self.warning()] if self.problems else []
        return "\n".join(rows)

    def html(self) -> str:
        when = escape(self.time_range())
        if self.link:
            when = f'<a href="{escape(self.link, quote=True)}">{when}</a>'
        who = escape(" and ".join(s for s in self.speakers if s) or "Unknown speaker")
        cite = f", <cite>{escape(self.title)}</cite>" if self.title else ""
        out = [
            f"<blockquote><p>“{escape(typographic(self.text))}”</p>",
            f"<p>— <b>{who}</b>{cite}, {when}</p>",
        ]
        if self.problems:
            out.append(f'<p style="color:#c62828"><b>{escape(self.warning())}</b></p>')
        out.append("</blockquote>")
        return "".join(out)


def _heard_otherwise(opinion: LineOpinion | None, lo: int, hi: int) -> str:
    if opinion is None:
        return ""
    for mark in opinion.marks:
        if mark.end < lo or mark.start > hi:
            continue  # outside the quoted words
        if mark.kind == "unsupported":
            return f"nothing heard for “{mark.expected}”"
        if mark.kind == "missing":
            return f"“{mark.heard}” heard but not written"
        return f"“{mark.expected}” heard as “{mark.heard}”"
    return ""


def make_quote(
    transcript: Transcript,
    first: int,
    last: int | None = None,
    *,
    start_char: int | None = None,
    end_char: int | None = None,
    opinions: Mapping[int, LineOpinion] | Sequence[LineOpinion] = (),
) -> Quote:
    """The quote of rows ``first..last`` (0-based, inclusive), from ``start_char`` in the first
    row to ``end_char`` (exclusive) in the last, or the whole rows. ``opinions`` are the second
    opinion's lines (by row), when the audio was checked."""
    last = first if last is None else last
    if not 0 <= first <= last < len(transcript.lines):
        raise ValueError(f"no such rows to quote: {first + 1}..{last + 1}")
    by_row = dict(opinions) if isinstance(opinions, Mapping) else {o.row: o for o in opinions}
    pieces: list[str] = []
    quoted: list[QuotedLine] = []
    speakers: list[str] = []
    for row in range(first, last + 1):
        line = transcript.lines[row]
        lo = start_char if row == first and start_char is not None else 0
        hi = end_char if row == last and end_char is not None else len(line.text)
        piece = " ".join(line.text[max(0, lo) : max(lo, hi)].split())
        if piece:
            pieces.append(piece)
        if line.speaker and line.speaker not in speakers:
            speakers.append(line.speaker)
        heard = _heard_otherwise(by_row.get(row), lo, hi)
        quoted.append(QuotedLine(row + 1, line.id, line.status, heard))
    if not pieces:
        raise ValueError("nothing to quote: the selection holds no words")
    start = transcript.lines[first].start_ms
    end = max(transcript.lines[row].end_ms for row in range(first, last + 1))
    return Quote(
        text=" ".join(pieces),
        speakers=tuple(speakers),
        start_ms=start,
        end_ms=end,
        title=transcript.title,
        link=moment_link(transcript, start),
        lines=tuple(quoted),
    )


@dataclass(frozen=True, slots=True)
class QuoteItem:
    """A quote in the list with what was selected: its lines by id and the character span (so
    it can be redone against the transcript as it is now), and its key where it is kept (the
    library's row id; None while not kept)."""

    line_ids: tuple[int, ...]
    start_char: int | None
    end_char: int | None
    quote: Quote
    key: int | None = None


class QuoteList:
    """The quotes copied (the window's "Quotes" list), oldest first.

    Each quote is kept with what was selected (its lines by id, and the character span), so
    :meth:`refresh` can redo it against the transcript as it is now: a line approved since the
    copy loses its warning, a line corrected since shows the new words, and a line deleted since
    is said to be gone instead of the quote silently keeping it. The sheet is exported from here.
    """

    def __init__(self) -> None:
        self._items: list[QuoteItem] = []

    def __len__(self) -> int:
        return len(self._items)

    @property
    def quotes(self) -> list[Quote]:
        return [item.quote for item in self._items]

    @property
    def items(self) -> list[QuoteItem]:
        return list(self._items)

    def add(
        self,
        quote: Quote,
        start_char: int | None = None,
        end_char: int | None = None,
        key: int | None = None,
    ) -> QuoteItem:
        ids = tuple(line.line_id for line in quote.lines if line.line_id is not None)
        item = QuoteItem(ids, start_char, end_char, quote, key)
        self._items.append(item)
        return item

    def replace_all(self, items: Sequence[QuoteItem]) -> None:
        """The list as kept (a project opened): these items, in this order."""
        self._items = list(items)

    def set_key(self, item: QuoteItem, key: int | None) -> None:
        """``item`` (as :meth:`add` gave it) is kept under ``key``."""
        for index, held in enumerate(self._items):
            if held is item:
                self._items[index] = replace(held, key=key)
                return

    def remove(self, index: int) -> QuoteItem:
        return self._items.pop(index)

    def refresh(
        self,
        transcript: Transcript,
        opinions: Mapping[int, LineOpinion] | Sequence[LineOpinion] = (),
    ) -> list[str]:
        """Redo every quote from the transcript now; one message per quote whose lines are gone
        (that quote is kept as it was, its state then 'check')."""
        rows = {line.id: row for row, line in enumerate(transcript.lines) if line.id is not None}
        messages: list[str] = []
        for index, item in enumerate(self._items):
            ids, quote = item.line_ids, item.quote
            present = [r for r in (rows.get(i) for i in ids) if r is not None]
            if not ids or len(present) != len(ids):
                messages.append(f"quote {index + 1}: a quoted line is no longer in the transcript")
                gone = tuple(
                    QuotedLine(q.number, q.line_id, q.status, q.heard_otherwise, deleted=True)
                    for q in quote.lines
                )
                self._items[index] = replace(item, quote=replace(quote, lines=gone))
                continue
            try:
                again = make_quote(
                    transcript,
                    min(present),
                    max(present),
                    start_char=item.start_char,
                    end_char=item.end_char,
                    opinions=opinions,
                )
            except ValueError as err:
                messages.append(f"quote {index + 1}: {err}")
                continue
            self._items[index] = replace(item, quote=again)
        return messages
