"""Hand-offs to researchers: ELAN .eaf (written, validated, read back, imported), the
timestamped text MAXQDA and NVivo import, and the per-tag CSV of highlighted spans."""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import pytest

from app.core.formats.base import TranscriptFormatError
from app.core.formats.eaf import read as read_eaf
from app.core.formats.registry import read_path
from app.core.transcript import Line, Transcript
from app.export import export, exporter_for, suggested_filename
from app.export.qda import read as read_qda
from app.export.tag_csv import HEADER
from app.store import Library
from app.store.importing import import_transcript
from tests.export.helpers import export_to


def test_eaf_has_a_tier_per_speaker_notes_and_tags_and_reads_back(
    tmp_path: Path, transcript: Transcript
) -> None:
    out = export_to(tmp_path, transcript, "eaf")
    back = read_eaf(out.read_text(encoding="utf-8")).transcript
    assert [(ln.start_ms, ln.end_ms, ln.speaker, ln.text) for ln in back.lines] == [
        (ln.start_ms, ln.end_ms, ln.speaker, ln.text) for ln in transcript.lines
    ]
    assert back.title == transcript.title
    assert back.media is not None and back.media.path == "/videos/evening news.mp4"
    notes = [(n.author, n.body) for n in back.lines[1].notes]
    assert notes == [
        ("Bob Stone", "Check the minister's title <b>again</b>"),
        ("Cleo", "Second opinion:\nfine by me"),
    ]
    assert [(n.author, n.body) for n in back.lines[4].notes] == [("", "-2+3 @sum")]
    marks = sorted((h.start, h.end, h.tag, h.color, h.note) for h in back.lines[1].highlights)
    assert marks == [(4, 12, "name", "#ffeb3b", "check spelling"), (4, 18, "claim", "#81c784", "")]
    assert [(h.start, h.end, h.tag) for h in back.lines[2].highlights] == [(7, 10, "foreign")]
    text = out.read_text(encoding="utf-8")
    for tier in ('TIER_ID="Anna"', 'TIER_ID="Jörg"', 'TIER_ID="Notes: Bob Stone"'):
        assert tier in text
    assert 'TIER_ID="Highlight: name"' in text and 'MIME_TYPE="video/mp4"' in text


def test_eaf_is_well_formed_even_with_control_characters(tmp_path: Path) -> None:
    bad = Transcript(lines=[Line(0, 1000, "bell\x07 here & <there>", speaker="A&B")])
    out = export_to(tmp_path, bad, "eaf")
    assert subprocess.run(["xmllint", "--noout", str(out)], check=False).returncode == 0
    line = read_eaf(out.read_text(encoding="utf-8")).transcript.lines[0]
    assert (line.speaker, line.text) == ("A&B", "bell here & <there>")


def test_an_eaf_file_imports_as_a_project_with_its_notes(
    tmp_path: Path, transcript: Transcript
) -> None:
    out = export_to(tmp_path, transcript, "eaf")
    assert read_path(out).report.format == "eaf"  # sniffed by content
    with Library.open(str(tmp_path / "lib.db")) as library:
        opened = import_transcript(library, out, None)
        loaded = library.load_transcript(opened.project_id)
    assert [ln.text for ln in loaded.lines] == [ln.text for ln in transcript.lines]
    assert loaded.lines[1].notes[0].body.startswith("Check the minister")
    assert {h.tag for h in loaded.lines[1].highlights} == {"name", "claim"}


def test_a_foreign_eaf_child_tier_is_reported_not_silently_dropped() -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-8"?><ANNOTATION_DOCUMENT AUTHOR="" DATE="2020-01-01T00:00:00Z"'
        ' FORMAT="3.0" VERSION="3.0"><HEADER TIME_UNITS="milliseconds"/><TIME_ORDER>'
        '<TIME_SLOT TIME_SLOT_ID="t1" TIME_VALUE="100"/><TIME_SLOT TIME_SLOT_ID="t2" TIME_VALUE="900"/>'
        '</TIME_ORDER><TIER TIER_ID="K-Spch" LINGUISTIC_TYPE_REF="utt"><ANNOTATION>'
        '<ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="t1" TIME_SLOT_REF2="t2">'
        "<ANNOTATION_VALUE>kia ora</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>"
        '<TIER TIER_ID="K-Eng" PARENT_REF="K-Spch" LINGUISTIC_TYPE_REF="tr"><ANNOTATION>'
        '<REF_ANNOTATION ANNOTATION_ID="a2" ANNOTATION_REF="a1"><ANNOTATION_VALUE>hello'
        "</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION></TIER>"
        '<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="utt" TIME_ALIGNABLE="true"/>'
        '<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="tr" TIME_ALIGNABLE="false"/></ANNOTATION_DOCUMENT>'
    )
    result = read_eaf(text)
    assert [(ln.start_ms, ln.end_ms, ln.speaker, ln.text) for ln in result.transcript.lines] == [
        (100, 900, "K-Spch", "kia ora")
    ]
    assert "'K-Eng' (1 annotations) depends on another tier" in result.report.issues[0].reason


def test_qda_text_has_one_stamped_row_per_line(tmp_path: Path, transcript: Transcript) -> None:
    out = export_to(tmp_path, transcript, "qda")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "[00:00:00] Anna: Good evening, here is the news."
    assert rows[4] == "[01:01:40] Late line past the hour."  # no speaker, no colon
    back = read_qda(out.read_text(encoding="utf-8"))
    assert [(ms // 1000, who, text) for ms, who, text in back] == [
        (ln.start_ms // 1000, ln.speaker, " ".join(ln.text.split())) for ln in transcript.lines
    ]


def test_qda_row_break_stays_in_its_line(tmp_path: Path) -> None:
    two = Transcript(lines=[Line(5000, 6000, "first row\nsecond row", speaker="Ann")])
    rows = export_to(tmp_path, two, "qda").read_text(encoding="utf-8-sig").splitlines()
    assert rows == ["[00:00:05] Ann: first row second row"]


def test_tag_csv_lists_each_highlighted_span_by_code(
    tmp_path: Path, transcript: Transcript
) -> None:
    out = export_to(tmp_path, transcript, "tags-csv")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == HEADER
    assert [
        (r["code"], r["speaker"], r["start"], r["end"], r["text"], r["note"]) for r in rows
    ] == [
        ("claim", "Anna", "2.500", "6.000", "minister said ", ""),
        ("foreign", "Jörg", "83.000", "86.500", "日本語", ""),
        ("name", "Anna", "2.500", "6.000", "minister", "check spelling"),
    ]
    assert float(rows[1]["end"]) - float(rows[1]["start"]) == 3.5  # numbers for pandas / R


def test_tag_csv_holds_its_spans_whatever_include_highlights_says(
    tmp_path: Path, transcript: Transcript
) -> None:
    """The spans are the table (issue 18): "Highlights" unticked for another format before
    must not leave it empty; a transcript without highlights gives the header alone."""
    with_them = export_to(tmp_path, transcript, "tags-csv").read_text(encoding="utf-8-sig")
    out = export_to(tmp_path, transcript, "tags-csv", include_highlights=False)
    assert out.read_text(encoding="utf-8-sig") == with_them
    assert len(with_them.splitlines()) == 4
    bare = Transcript(lines=[Line(0, 1000, "No marks here")])
    out = export_to(tmp_path, bare, "tags-csv", include_highlights=False)
    assert out.read_text(encoding="utf-8-sig").splitlines() == [",".join(HEADER)]


def test_new_formats_are_in_the_registry_the_cli_and_dialog_read(transcript: Transcript) -> None:
    assert exporter_for("x.eaf").name == "eaf"
    assert exporter_for(fmt="elan").name == "eaf"
    assert suggested_filename(transcript, "tags-csv").endswith(".tags.csv")
    assert suggested_filename(transcript, "qda").endswith(".txt")


def test_cli_exports_eaf(tmp_path: Path, transcript: Transcript) -> None:
    from app.cli import main

    db = str(tmp_path / "lib.db")
    source = tmp_path / "in.eaf"
    export(transcript, source, "eaf")
    assert main(["import", str(source)], db) == 0
    target = tmp_path / "out.eaf"
    assert main(["export", "1", "-o", str(target)], db) == 0
    assert read_eaf(target.read_text(encoding="utf-8")).transcript.lines[2].speaker == "Jörg"


def test_broken_or_hostile_eaf_is_refused_in_one_line() -> None:
    truncated = '<?xml version="1.0"?><ANNOTATION_DOCUMENT><TIME_ORDER>'
    with pytest.raises(TranscriptFormatError, match="not a readable ELAN file"):
        read_eaf(truncated)
    entities = "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdef", "bcdefg", strict=True)
    )
    bomb = f'<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">{entities}]><ANNOTATION_DOCUMENT>&g;</ANNOTATION_DOCUMENT>'
    with pytest.raises(TranscriptFormatError) as err:
        read_eaf(bomb)
    assert "\n" not in str(err.value)
    with pytest.raises(TranscriptFormatError, match="its root is <html>"):
        read_eaf("<html/>")


def test_an_unaligned_eaf_annotation_is_reported() -> None:
    text = (
        '<ANNOTATION_DOCUMENT><TIME_ORDER><TIME_SLOT TIME_SLOT_ID="a" TIME_VALUE="0"/>'
        '<TIME_SLOT TIME_SLOT_ID="b" TIME_VALUE="500"/><TIME_SLOT TIME_SLOT_ID="c"/></TIME_ORDER>'
        '<TIER TIER_ID="x" LINGUISTIC_TYPE_REF="u"><ANNOTATION><ALIGNABLE_ANNOTATION '
        'ANNOTATION_ID="q" TIME_SLOT_REF1="a" TIME_SLOT_REF2="b"><ANNOTATION_VALUE>one'
        "</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION><ANNOTATION><ALIGNABLE_ANNOTATION "
        'ANNOTATION_ID="r" TIME_SLOT_REF1="b" TIME_SLOT_REF2="c"><ANNOTATION_VALUE>two'
        "</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER></ANNOTATION_DOCUMENT>"
    )
    result = read_eaf(text)
    assert [ln.text for ln in result.transcript.lines] == ["one"]
    assert result.report.lines()[1] == "  file: skipped: 'two' on tier 'x' has no time: left out"


def test_eaf_keeps_the_schema_s_keys_and_order(tmp_path: Path, transcript: Transcript) -> None:
    """What the EAF 3.0 schema's keys and sequence demand, checked here while the schema file
    itself is not in the project: unique NCName ids, every reference defined, the order."""
    import re
    from datetime import datetime

    from lxml import etree

    out = export_to(tmp_path, transcript, "eaf")
    root = etree.parse(str(out)).getroot()
    order = [child.tag for child in root]
    assert order == sorted(
        order,
        key=["HEADER", "TIME_ORDER", "TIER", "LINGUISTIC_TYPE", "CONSTRAINT"].index,
    )
    datetime.fromisoformat(root.get("DATE"))
    ncname = re.compile(r"[A-Za-z_][\w.-]*")
    slots = {s.get("TIME_SLOT_ID"): int(s.get("TIME_VALUE")) for s in root.iter("TIME_SLOT")}
    assert list(slots.values()) == sorted(slots.values())
    ids = [a.get("ANNOTATION_ID") for a in root.iter("ALIGNABLE_ANNOTATION", "REF_ANNOTATION")]
    assert len(ids) == len(set(ids)) and all(ncname.fullmatch(i) for i in ids)
    for ann in root.iter("ALIGNABLE_ANNOTATION"):
        start, end = slots[ann.get("TIME_SLOT_REF1")], slots[ann.get("TIME_SLOT_REF2")]
        assert start < end
    for ref in root.iter("REF_ANNOTATION"):
        assert ref.get("ANNOTATION_REF") in ids
    tiers = [t.get("TIER_ID") for t in root.iter("TIER")]
    assert len(tiers) == len(set(tiers))
    types = {t.get("LINGUISTIC_TYPE_ID"): t for t in root.iter("LINGUISTIC_TYPE")}
    stereotypes = {c.get("STEREOTYPE") for c in root.iter("CONSTRAINT")}
    for tier in root.iter("TIER"):
        assert tier.get("LINGUISTIC_TYPE_REF") in types
        assert tier.get("PARENT_REF") in (None, *tiers)
    assert {t.get("CONSTRAINTS") for t in types.values()} - {None} <= stereotypes


def test_one_author_s_notes_on_a_line_do_not_overlap_on_their_tier(tmp_path: Path) -> None:
    from app.core.transcript import Note

    line = Line(1000, 4000, "Two notes here", speaker="A", id=1)
    line.notes = [Note("first", "Ed"), Note("second", "Ed"), Note("other", "Flo")]
    out = export_to(tmp_path, Transcript(lines=[line]), "eaf")
    text = out.read_text(encoding="utf-8")
    slots = dict(re.findall(r'TIME_SLOT_ID="(ts\d+)" TIME_VALUE="(\d+)"', text))
    ed = text.split('TIER_ID="Notes: Ed"')[1].split("</TIER>")[0]
    spans = [
        (int(slots[a]), int(slots[b]))
        for a, b in re.findall(r'REF1="(\w+)" TIME_SLOT_REF2="(\w+)"', ed)
    ]
    assert spans == [(1000, 2500), (2500, 4000)]
    back = read_eaf(text).transcript.lines[0]
    assert [(n.author, n.body) for n in back.notes] == [
        ("Ed", "first"),
        ("Ed", "second"),
        ("Flo", "other"),
    ]
