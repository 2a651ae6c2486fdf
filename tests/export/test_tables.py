"""CSV and editor markers: read back with the csv module and a small EDL parser."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from app.core.transcript import Transcript
from tests.export.helpers import export_to

_EVENT = re.compile(
    r"^(\d{3,})  001      V     C        (\S+) (\S+) (\S+) (\S+)\n \|C:(\w+) \|M:(.*) \|D:(\d+)$",
    re.MULTILINE,
)


def _rows(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    return list(csv.DictReader(data.decode("utf-8-sig").splitlines(keepends=True)))


def test_csv_one_row_per_line_with_annotations(tmp_path: Path, transcript: Transcript) -> None:
    rows = _rows(export_to(tmp_path, transcript, "csv"))
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5"]
    second = rows[1]
    assert second["start"] == "0:00:02.500" and second["end"] == "0:00:06.000"
    assert second["status"] == "flagged" and second["speaker"] == "Anna"
    assert second["original_text"] == "The minster said talks would resum."
    assert second["tags"] == "name, claim"
    assert second["notes"].splitlines()[-1] == "fine by me"
    assert rows[2]["text"] == "Ça va? 日本語 and émoji 🎬 here"


def test_csv_neutralises_formulas(tmp_path: Path, transcript: Transcript) -> None:
    transcript.lines[0].speaker = "@SUM(A1)"
    transcript.lines[2].text = "\tcmd"
    rows = _rows(export_to(tmp_path, transcript, "csv"))
    assert rows[3]["text"] == '\'=HYPERLINK("http://evil")'
    assert rows[4]["notes"] == "'-2+3 @sum"
    assert rows[0]["speaker"] == "'@SUM(A1)"
    assert rows[2]["text"] == "'\tcmd"
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())


def test_csv_options_drop_columns(tmp_path: Path, transcript: Transcript) -> None:
    rows = _rows(export_to(tmp_path, transcript, "csv", include_notes=False, include_status=False))
    assert "notes" not in rows[0] and "status" not in rows[0]


def test_edl_markers_for_flagged_and_noted_lines(tmp_path: Path, transcript: Transcript) -> None:
    text = export_to(tmp_path, transcript, "edl").read_text(encoding="utf-8")
    assert text.startswith("TITLE: ") and "FCM: NON-DROP FRAME" in text
    events = _EVENT.findall(text)
    assert len(events) == 3  # line 2 (flagged, 2 notes), 4 (flagged, note), 5 (note)
    number, src_in, src_out, rec_in, rec_out, color, note, frames = events[0]
    assert (number, src_in, src_out) == ("001", "01:00:02:12", "01:00:02:13")  # 2.5 s at 25 fps
    assert (rec_in, rec_out) == (src_in, src_out)
    assert color == "ResolveColorRed" and frames == "88"  # 3.5 s
    assert "Bob Stone: Check the minister's title" in note and "|" not in note
    assert events[2][1] == "02:01:40:00" and events[2][5] == "ResolveColorBlue"


def test_edl_frame_rate_and_start_are_options(tmp_path: Path, transcript: Transcript) -> None:
    text = export_to(
        tmp_path, transcript, "edl", fps=30, timecode_start_ms=0, include_status=False
    ).read_text(encoding="utf-8")
    events = _EVENT.findall(text)
    assert [e[1] for e in events] == ["00:00:02:15", "00:01:30:00", "01:01:40:00"]
    assert {e[5] for e in events} == {"ResolveColorBlue"}  # no status: only notes make markers


def test_marker_csv(tmp_path: Path, transcript: Transcript) -> None:
    rows = _rows(export_to(tmp_path, transcript, "markers-csv"))
    assert [r["start"] for r in rows] == ["01:00:02:12", "01:01:30:00", "02:01:40:00"]
    assert rows[0]["colour"] == "Red" and rows[0]["duration"] == "00:00:03:13"
    assert rows[2]["note"] == "'-2+3 @sum"
    assert rows[1]["name"].startswith("Mallory: =HYPERLINK")
