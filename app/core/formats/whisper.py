"""Speech recognisers' JSON: openai-whisper, whisper.cpp (``-oj`` and ``-ojf``) and WhisperX.

Read only. Each segment becomes a line; word timings are kept when the file has them (whisper
``--word_timestamps``, WhisperX alignment, whisper.cpp's tokens), speakers too (WhisperX
diarisation, whisper.cpp ``--diarize``). The shapes:

- openai-whisper: ``{"text", "segments": [{"start", "end", "text", "words": [{"word", "start",
  "end", "probability"}]}], "language"}``, times in seconds;
- WhisperX: the same with ``"speaker"`` on segments and words and ``"score"`` for confidence
  (whisper-timestamped: ``"confidence"``);
  words it could not align (often numbers) have no times and are placed between their neighbours;
- whisper.cpp: ``{"transcription": [{"timestamps": {"from", "to"}, "offsets": {"from", "to"},
  "text", "tokens": [...]}]}``, offsets in milliseconds; tokens are word pieces, merged back
  into words, and its special tokens (``[_BEG_]``, ``[_TT_150]``...) are dropped.

JSON has no useful input line numbers (these files are often one line), so issues name the
segment by its number, with line number 0, as the project JSON reader does.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from typing import Any

from app.core.formats.base import Format, ImportReport, ReadResult, TranscriptFormatError
from app.core.limits import MAX_TIME_MS
from app.core.plural import plural
from app.core.timecode import TimecodeError, parse_stamp
from app.core.transcript import Line, Transcript, Word

__all__ = ["FORMAT", "read_whisper", "sniff_whisper"]

_SPECIAL_TOKEN = re.compile(r"^(?:\[_[A-Z]+_\d*\]|<\|[^|]*\|>)$")


def _seconds(value: object) -> int | None:
    """Milliseconds of a time in seconds, or None if it is not a usable number (negative,
    not finite, or past MAX_HOURS: a time no library can hold)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return _millis(value * 1000)


def _millis(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return round(value) if 0 <= value <= MAX_TIME_MS else None


def _huge_as_inf(digits: str) -> int | float:
    """json's int hook when a number has 4,300+ digits (Python refuses to convert it): such a
    number is no time, so it reads as infinity and its segment is reported."""
    return math.inf if len(digits) > 30 else int(digits)


def _confidence(obj: dict[str, Any], *keys: str) -> float | None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
    return None


def _place_untimed(
    words: list[tuple[int | None, int | None, str, float | None]], start: int, end: int
) -> list[Word]:
    """Words, with those that have no times put between their timed neighbours."""
    placed: list[Word] = []
    for index, (w_start, w_end, text, conf) in enumerate(words):
        if w_start is None or w_end is None:
            before = placed[-1].end_ms if placed else start
            after = next((w[0] for w in words[index + 1 :] if w[0] is not None), end)
            w_start, w_end = before, max(before, after)
        placed.append(Word(w_start, max(w_start, w_end), text, conf))
    return placed


def _segment_words(raw: object, start: int, end: int) -> tuple[list[Word], int, list[str]]:
    """(words, how many had no times, the words' speakers) of an openai/WhisperX segment."""
    if not isinstance(raw, list):
        return [], 0, []
    found: list[tuple[int | None, int | None, str, float | None]] = []
    speakers: list[str] = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        text = item.get("word", item.get("text"))
        if not isinstance(text, str) or not text.strip():
            continue
        found.append(
            (
                _seconds(item.get("start")),
                _seconds(item.get("end")),
                text.strip(),
                _confidence(item, "probability", "score", "confidence"),
            )
        )
        speaker = item.get("speaker")
        if isinstance(speaker, str) and speaker.strip():
            speakers.append(speaker.strip())
    untimed = sum(w[0] is None or w[1] is None for w in found)
    return _place_untimed(found, start, end), untimed, speakers


def _token_words(raw: object) -> list[Word]:
    """whisper.cpp ``-ojf`` tokens merged into words: a piece starting with a space begins a
    word, any other piece (", ", "ing") continues the last one; confidence is the mean of the
    pieces' ``p``, as openai-whisper computes a word's probability."""
    if not isinstance(raw, list):
        return []
    words: list[Word] = []
    probs: list[list[float]] = []
    for token in raw:
        if not isinstance(token, dict):
            continue
        piece = token.get("text")
        offsets = token.get("offsets")
        if not isinstance(piece, str) or not isinstance(offsets, dict):
            continue
        if _SPECIAL_TOKEN.match(piece.strip()) or not piece.strip():
            continue
        start, end = _millis(offsets.get("from")), _millis(offsets.get("to"))
        if start is None or end is None:
            continue
        p = _confidence(token, "p")
        if words and not piece[:1].isspace():
            last = words[-1]
            last.text += piece
            last.end_ms = max(last.end_ms, end)
        else:
            words.append(Word(start, max(start, end), piece.strip()))
            probs.append([])
        if p is not None:
            probs[-1].append(p)
    for word, ps in zip(words, probs, strict=True):
        word.confidence = round(sum(ps) / len(ps), 4) if ps else None
    return words


def _line(
    number: int, start: int | None, end: int | None, text: object, report: ImportReport
) -> Line | None:
    if start is None or end is None:
        report.skip(
            0, f"segment {number}: no valid start and end time (none, negative or past 999 h)"
        )
        return None
    body = text.strip() if isinstance(text, str) else ""
    if not body:
        report.skip(0, f"segment {number}: empty")
        return None
    if end < start:
        report.repair(0, f"segment {number}: ends before it starts: end set to start")
        end = start
    return Line(start, end, body)


def _segments(segments: list[Any], report: ImportReport) -> list[Line]:
    """openai-whisper and WhisperX."""
    lines: list[Line] = []
    for number, seg in enumerate(segments, start=1):
        if not isinstance(seg, dict):
            report.skip(0, f"segment {number}: not an object")
            continue
        line = _line(
            number, _seconds(seg.get("start")), _seconds(seg.get("end")), seg.get("text"), report
        )
        if line is None:
            continue
        line.words, untimed, speakers = _segment_words(seg.get("words"), line.start_ms, line.end_ms)
        if untimed:
            report.repair(
                0,
                f"segment {number}: {plural(untimed, 'word')} without times placed "
                "between their neighbours",
            )
        speaker = seg.get("speaker")
        if isinstance(speaker, str) and speaker.strip():
            line.speaker = speaker.strip()
        elif speakers:
            line.speaker = Counter(speakers).most_common(1)[0][0]
        lines.append(line)
    return lines


def _cpp_times(seg: dict[str, Any]) -> tuple[int | None, int | None]:
    offsets = seg.get("offsets")
    if isinstance(offsets, dict):
        return _millis(offsets.get("from")), _millis(offsets.get("to"))
    stamps = seg.get("timestamps")
    if isinstance(stamps, dict):
        try:
            return parse_stamp(str(stamps.get("from"))), parse_stamp(str(stamps.get("to")))
        except TimecodeError:
            pass
    return None, None


def _transcription(segments: list[Any], report: ImportReport) -> list[Line]:
    """whisper.cpp ``-oj`` / ``-ojf``."""
    lines: list[Line] = []
    for number, seg in enumerate(segments, start=1):
        if not isinstance(seg, dict):
            report.skip(0, f"segment {number}: not an object")
            continue
        line = _line(number, *_cpp_times(seg), seg.get("text"), report)
        if line is None:
            continue
        line.words = _token_words(seg.get("tokens"))
        speaker = seg.get("speaker")  # --diarize: "0", "1", or "?" when unsure
        if isinstance(speaker, str) and speaker.strip() not in ("", "?"):
            line.speaker = speaker.strip()
        lines.append(line)
    return lines


def _loads(text: str) -> Any:
    try:
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            raise
        except ValueError:  # a number of 4,300+ digits: read again, such numbers as infinity
            return json.loads(text, parse_int=_huge_as_inf)
    except json.JSONDecodeError as err:
        raise TranscriptFormatError(
            f"not valid JSON: {err.msg} at line {err.lineno} column {err.colno}"
        ) from None
    except RecursionError:
        raise TranscriptFormatError("not valid JSON: nested too deeply") from None


def read_whisper(text: str) -> ReadResult:
    data = _loads(text)
    report = ImportReport(format="whisper")
    if isinstance(data, dict) and isinstance(data.get("transcription"), list):
        lines = _transcription(data["transcription"], report)
    elif isinstance(data, dict) and isinstance(data.get("segments"), list):
        lines = _segments(data["segments"], report)
    else:
        raise TranscriptFormatError(
            'not a Whisper transcript (no "segments" or "transcription" list)'
        )
    if not lines:
        reasons = [issue.reason for issue in report.issues]
        if not reasons or all(reason.endswith(": empty") for reason in reasons):
            what = "its segments hold no text" if reasons else "it has no segments"
            raise TranscriptFormatError(f"an empty Whisper transcript: {what} (no speech heard)")
        raise TranscriptFormatError(
            f"no segment of this Whisper transcript could be read ({reasons[0]})"
        )
    report.lines_read = len(lines)
    return ReadResult(Transcript(lines=lines), report)


_EMPTY_SEGMENTS = re.compile(r'"(?:segments|transcription)"\s*:\s*\[\s*\]')


def sniff_whisper(text: str) -> float:
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if not head.startswith("{") or '"proofreel-transcript"' in head:
        return 0.0
    # The whole text is searched: openai-whisper writes the full "text" before "segments".
    if '"transcription"' in text and '"offsets"' in text:
        return 0.95
    if '"segments"' in text and '"start"' in text and '"end"' in text:
        return 0.9
    return 0.8 if _EMPTY_SEGMENTS.search(text) else 0.0  # Whisper's output for silence


FORMAT = Format(
    name="whisper",
    label="Whisper transcript (JSON)",
    extensions=("json",),
    sniff=sniff_whisper,
    read=read_whisper,
)
