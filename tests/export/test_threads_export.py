"""Note threads in every export: replies under their note and resolved threads marked in HTML
and Markdown, Word comment replies and "done" in DOCX (read back, and through LibreOffice), a
``resolved`` column in CSV, threads kept whole in JSON, and import-docx adding no reply twice."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from app.core.docx_read import read_docx
from app.core.formats.project_json import read_json
from app.core.threads import threads_of
from app.core.transcript import Line, Note, Transcript
from app.export import ExportOptions, export
from app.store import Library
from app.store.docx_import import apply_docx, undo_docx
from tests.export.conftest import NOTE_TIME
from tests.export.helpers import export_to

RESOLVED_AT = "2024-05-02T09:30:00+00:00"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _threaded() -> Transcript:
    """Line 1: a resolved thread (a note and its reply) and an open one with a reply; line 2: an
    open note; line 3: no notes."""
    first = Note("Is it Nelson?", "Dana", NOTE_TIME, NOTE_TIME, 1)
    first.resolved_by, first.resolved_at = "Ana", RESOLVED_AT
    return Transcript(
        lines=[
            Line(
                0,
                2000,
                "Admiral Nelson spoke.",
                id=1,
                notes=[
                    first,
                    Note("Yes, checked", "Cleo", NOTE_TIME, NOTE_TIME, 2, parent_id=1),
                    Note("Date of the speech?", "Ben", NOTE_TIME, NOTE_TIME, 3),
                    Note("1805, I think", "Cleo", NOTE_TIME, NOTE_TIME, 4, parent_id=3),
                ],
            ),
            Line(2000, 4000, "Then the fleet sailed.", id=2, notes=[Note("Fleet?", "Ben", id=5)]),
            Line(4000, 6000, "The end.", id=3),
        ],
        title="Threads",
    )


def test_html_nests_replies_and_marks_the_resolved_thread(tmp_path: Path) -> None:
    page = lxml.html.fromstring(export_to(tmp_path, _threaded(), "html").read_text("utf-8"))
    [notes, _other] = page.xpath('//ul[@class="notes"]')
    threads = notes.xpath("./li")
    assert [li.get("class") for li in threads] == ["resolved", None]
    resolved, open_one = threads
    assert resolved.xpath('string(./div[@class="note-body"])') == "Is it Nelson?"
    assert resolved.xpath('string(./div[@class="resolved-mark"])') == (
        "\u2713 Resolved by Ana, 2024-05-02 09:30 UTC"
    )
    assert [
        r.xpath('string(.//div[@class="note-body"])')
        for r in resolved.xpath('./ul[@class="replies"]/li')
    ] == ["Yes, checked"]
    assert open_one.xpath('string(./ul[@class="replies"]/li/b)') == "Cleo"
    assert not open_one.xpath('./div[@class="resolved-mark"]')


def test_markdown_quotes_replies_inside_their_note(tmp_path: Path) -> None:
    text = export_to(tmp_path, _threaded(), "md").read_text("utf-8")
    block = text[text.index("> **Dana") : text.index("Then the fleet")]
    assert block.splitlines()[:5] == [
        "> **Dana 2024-05-01 14:03 UTC:** Is it Nelson?",
        ">",
        "> \u2713 *Resolved by Ana, 2024-05-02 09:30 UTC*",
        ">",
        "> > **Cleo 2024-05-01 14:03 UTC:** Yes, checked",
    ]
    assert "> > **Cleo 2024-05-01 14:03 UTC:** 1805, I think" in block


def test_csv_says_resolved_and_each_replys_note(tmp_path: Path) -> None:
    data = export_to(tmp_path, _threaded(), "csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(data.splitlines(keepends=True)))
    assert [row["resolved"] for row in rows] == ["no", "no", ""]
    cell = rows[0]["notes"].splitlines()
    assert cell[0] == (
        "Dana 2024-05-01 14:03 UTC: Is it Nelson? [Resolved by Ana, 2024-05-02 09:30 UTC]"
    )
    assert cell[1] == "\u21b3 reply to #1: Cleo 2024-05-01 14:03 UTC: Yes, checked"
    assert cell[3] == "\u21b3 reply to #3: Cleo 2024-05-01 14:03 UTC: 1805, I think"
    only_resolved = _threaded()
    only_resolved.lines[0].notes = only_resolved.lines[0].notes[:2]
    (tmp_path / "second").mkdir()
    again = export_to(tmp_path / "second", only_resolved, "csv")
    rows = list(csv.DictReader(again.read_bytes().decode("utf-8-sig").splitlines(keepends=True)))
    assert rows[0]["resolved"] == "yes"


def test_json_carries_the_threads_whole(tmp_path: Path) -> None:
    source = _threaded()
    back = read_json(export_to(tmp_path, source, "json").read_text("utf-8")).transcript
    assert back.lines[0].notes == source.lines[0].notes
    [resolved, open_one] = threads_of(back.lines[0].notes)
    assert resolved.resolved and resolved.first.resolved_by == "Ana"
    assert [n.body for n in open_one.replies] == ["1805, I think"] and not open_one.resolved
    # And into a library: new ids, the same threads.
    with Library.open(str(tmp_path / "lib.db")) as library:
        project = library.create_project(back, media_path=None, transcript_path="/t.json")
        stored = library.load_transcript(project).lines[0].notes
    assert [(n.body, n.parent_id is not None) for n in stored] == [
        ("Is it Nelson?", False),
        ("Yes, checked", True),
        ("Date of the speech?", False),
        ("1805, I think", True),
    ]


def _part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def _word_threads(path: Path) -> list[tuple[str, str | None, str]]:
    """(comment text, the text of the comment it replies to, done) from the DOCX's own parts."""
    comments = etree.fromstring(_part(path, "word/comments.xml"))
    text_of = {}
    for comment in comments.iter(f"{W}comment"):
        last = comment.findall(f"{W}p")[-1]
        text_of[last.get(f"{W14}paraId")] = "".join(comment.itertext())
    extended = etree.fromstring(_part(path, "word/commentsExtended.xml"))
    return [
        (
            text_of[ex.get(f"{W15}paraId")],
            text_of.get(ex.get(f"{W15}paraIdParent")),
            ex.get(f"{W15}done") or "",
        )
        for ex in extended.iter(f"{W15}commentEx")
    ]


def test_docx_replies_are_word_comment_replies_and_resolved_is_done(tmp_path: Path) -> None:
    out = export_to(tmp_path, _threaded(), "docx")
    assert _word_threads(out) == [
        ("Is it Nelson?", None, "1"),
        ("Yes, checked", "Is it Nelson?", "1"),
        ("Date of the speech?", None, "0"),
        ("1805, I think", "Date of the speech?", "0"),
        ("Fleet?", None, "0"),
    ]
    types = _part(out, "[Content_Types].xml").decode()
    assert "/word/commentsExtended.xml" in types
    content = read_docx(out)
    by_id = {c.ident: c for c in content.comments}
    assert {c.body: by_id[c.parent].body for c in content.comments if c.parent} == {
        "Yes, checked": "Is it Nelson?",
        "1805, I think": "Date of the speech?",
    }


def test_libreoffice_opens_it_keeps_resolved_as_done_and_import_adds_nothing(
    tmp_path: Path,
) -> None:
    """LibreOffice 7 keeps the comments and which are done, but writes no reply links: read
    back, its replies are plain comments, and import-docx still adds none of them again."""
    with Library.open(str(tmp_path / "lib.db")) as library:
        project = library.create_project(_threaded(), media_path=None, transcript_path="/t")
        before = library.load_transcript(project)
        source = tmp_path / "t.docx"
        export(before, source, "docx", ExportOptions())
        resaved = _soffice(tmp_path, source)
        content = read_docx(resaved)
        assert sorted(c.body for c in content.comments) == sorted(
            n.body for line in before.lines for n in line.notes
        )
        extended = etree.fromstring(_part(resaved, "word/commentsExtended.xml"))
        done = [ex.get(f"{W15}done") for ex in extended.iter(f"{W15}commentEx")]
        assert done.count("1") == 2  # the resolved thread: its note and its reply
        result = apply_docx(library, project, resaved)
        assert result.notes == [] and library.load_transcript(project) == before


def _soffice(tmp_path: Path, source: Path) -> Path:
    profile = (tmp_path / "lo-profile").as_uri()
    outdir = tmp_path / "lo"
    done = subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,  # a hung office must not hang the suite; not a speed limit
    )
    resaved = outdir / source.name
    assert done.returncode == 0 and resaved.is_file(), done.stderr
    return resaved


@pytest.mark.parametrize("edited", [False, True])
def test_import_docx_adds_no_reply_twice_and_a_word_reply_joins_its_thread(
    tmp_path: Path, edited: bool
) -> None:
    with Library.open(str(tmp_path / "lib.db")) as library:
        project = library.create_project(_threaded(), media_path=None, transcript_path="/t")
        stored = library.load_transcript(project)
        before = library.load_transcript(project)
        path = tmp_path / "t.docx"
        export(stored, path, "docx", ExportOptions())
        if edited:  # a reply typed in Word under "Fleet?"
            _add_word_reply(path, "Fleet?", "The Channel fleet", "Eve")
        result = apply_docx(library, project, path)
        after = library.load_transcript(project)
        assert [len(line.notes) for line in after.lines[:1]] == [4]  # nothing doubled
        if not edited:
            assert result.summary().startswith("0 lines corrected, 0 notes added")
            assert after == before
            return
        fleet, reply = after.lines[1].notes
        assert (reply.body, reply.author, reply.parent_id) == ("The Channel fleet", "Eve", fleet.id)
        assert result.summary().startswith("0 lines corrected, 1 note added")
        undo_docx(library, result)
        assert library.load_transcript(project) == before


def _add_word_reply(path: Path, parent_text: str, text: str, author: str) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    comments = parts["word/comments.xml"].decode()
    found = re.search(
        rf'<w:comment w:id="(\d+)"[^>]*><w:p w14:paraId="([0-9A-F]{{8}})">'
        rf"(?:(?!</w:comment>).)*{parent_text}",
        comments,
    )
    assert found is not None
    parent_id, parent_para = found.groups()
    comments = comments.replace(
        "</w:comments>",
        f'<w:comment w:id="90" w:author="{author}" w:date="2024-05-03T09:07:00Z" w:initials="E">'
        f'<w:p w14:paraId="0B000001"><w:r><w:t>{text}</w:t></w:r></w:p></w:comment></w:comments>',
    )
    extended = (
        parts["word/commentsExtended.xml"]
        .decode()
        .replace(
            "</w15:commentsEx>",
            f'<w15:commentEx w15:paraId="0B000001" w15:paraIdParent="{parent_para}" w15:done="0"/>'
            "</w15:commentsEx>",
        )
    )
    document = (
        parts["word/document.xml"]
        .decode()
        .replace(
            f'<w:commentRangeEnd w:id="{parent_id}"/>',
            f'<w:commentRangeEnd w:id="{parent_id}"/><w:commentRangeEnd w:id="90"/>'
            '<w:r><w:commentReference w:id="90"/></w:r>',
        )
    )
    parts.update(
        {
            "word/comments.xml": comments.encode(),
            "word/commentsExtended.xml": extended.encode(),
            "word/document.xml": document.encode(),
        }
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_thread_resolved_or_reopened_in_word_follows_and_undo_puts_it_back(
    tmp_path: Path,
) -> None:
    with Library.open(str(tmp_path / "lib.db")) as library:
        project = library.create_project(_threaded(), media_path=None, transcript_path="/t")
        before = library.load_transcript(project)
        path = tmp_path / "t.docx"
        export(before, path, "docx", ExportOptions())
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        extended = parts["word/commentsExtended.xml"].decode()
        # Word: "Is it Nelson?" (00000001, with its reply) reopened, "Date of the speech?"
        # (00000003) resolved.
        for para, old, new in (
            ("00000001", "1", "0"),
            ("00000002", "1", "0"),
            ("00000003", "0", "1"),
        ):
            extended = re.sub(
                rf'(w15:paraId="{para}"[^>]*w15:done=")' + old, rf"\g<1>{new}", extended
            )
        parts["word/commentsExtended.xml"] = extended.encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        result = apply_docx(library, project, path)
        assert result.summary().startswith(
            "0 lines corrected, 0 notes added, 2 threads resolved or reopened"
        )
        notes = library.load_transcript(project).lines[0].notes
        assert [(n.body, n.resolved_at is not None) for n in notes if n.parent_id is None] == [
            ("Is it Nelson?", False),
            ("Date of the speech?", True),
        ]
        undo_docx(library, result)
        assert library.load_transcript(project) == before


def test_pdf_shows_each_reply_after_its_note_and_the_resolved_mark(tmp_path: Path) -> None:
    pdf = export_to(tmp_path, _threaded(), "pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    order = [flat.index(s) for s in ("Is it Nelson?", "Yes, checked", "Date of the", "1805")]
    assert order == sorted(order)
    assert "\u2713 Resolved by Ana, 2024-05-02 09:30 UTC" in flat
