"""Word hand-off: corrections as tracked changes, checked by LibreOffice, and back again with
``import-docx`` through a copy edited the way Word edits it."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from app.cli import main
from app.core.docx_read import DocxReadError, read_docx
from app.core.transcript import Transcript
from app.export import ExportOptions, export
from app.store import Library
from app.store.docx_import import apply_docx, undo_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STAMP = "2024-05-02T10:00:00Z"


def _tracked(path: Path, transcript: Transcript) -> Path:
    options = ExportOptions(
        tracked_changes=True, revision_author="Dana Editor", revision_date=STAMP
    )
    export(transcript, path, "docx", options)
    return path


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def _revisions(path: Path) -> list[tuple[str, str, str, str]]:
    root = etree.fromstring(_part(path, "word/document.xml").encode())
    out = []
    for mark in root.iter(f"{W}ins", f"{W}del"):
        text = "".join(t.text or "" for t in mark.iter(f"{W}t", f"{W}delText"))
        kind = mark.tag.removeprefix(W)
        out.append((kind, text, mark.get(f"{W}author") or "", mark.get(f"{W}date") or ""))
    return out


def test_each_corrected_word_is_a_word_revision_by_its_author(
    tmp_path: Path, transcript: Transcript
) -> None:
    out = _tracked(tmp_path / "t.docx", transcript)
    assert _revisions(out) == [
        ("del", "minster", "Dana Editor", STAMP),
        ("ins", "minister", "Dana Editor", STAMP),
        ("del", "resum.", "Dana Editor", STAMP),
        ("ins", "resume.", "Dana Editor", STAMP),
    ]
    # Notes stay comments; the plain strike-through form is not used alongside.
    assert _part(out, "word/comments.xml").count("<w:comment ") == 4
    assert "<w:strike/>" not in _part(out, "word/document.xml")
    back = read_docx(out)
    assert back.texts == {line.id: line.text for line in transcript.lines}
    assert back.pending_revisions == 4
    assert [(c.author, c.line_id) for c in back.comments] == [
        ("Bob Stone", 2),
        ("Cleo", 2),
        ("Mallory", 4),
        ("", 5),
    ]


def test_the_registry_entry_is_the_same_document(tmp_path: Path, transcript: Transcript) -> None:
    out = tmp_path / "r.docx"
    export(transcript, out, "docx-tracked", ExportOptions(revision_author="X Y"))
    assert {r[2] for r in _revisions(out)} == {"X Y"}
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r[3]) for r in _revisions(out))


def _soffice(tmp_path: Path, source: Path, target: str) -> Path:
    profile = (tmp_path / "lo-profile").as_uri()
    outdir = tmp_path / f"lo-{target}"
    done = subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,  # a hung office must not hang the suite; not a speed limit
    )
    result = outdir / f"{source.stem}.{target}"
    assert done.returncode == 0 and result.is_file(), done.stderr
    return result


def test_libreoffice_opens_it_and_keeps_the_revisions_as_revisions(
    tmp_path: Path, transcript: Transcript
) -> None:
    source = _tracked(tmp_path / "t.docx", transcript)
    pdf = _soffice(tmp_path, source, "pdf")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "minster" in text and "minister" in text  # both sides of the change are shown
    resaved = _soffice(tmp_path, source, "docx")  # LibreOffice writes its own understanding
    kinds = {(kind, words, who) for kind, words, who, _ in _revisions(resaved)}
    assert ("del", "minster", "Dana Editor") in kinds
    assert ("ins", "minister", "Dana Editor") in kinds
    assert read_docx(resaved).texts[2] == "The minister said talks would resume."


# -- the round trip: export, edit as Word would, import-docx -------------------------------------


def _project(tmp_path: Path, transcript: Transcript) -> tuple[Library, int, Transcript]:
    library = Library.open(str(tmp_path / "lib.db"))
    project = library.create_project(transcript, media_path=None, transcript_path="news.srt")
    return library, project, library.load_transcript(project)


def _edit(path: Path, edits: dict[str, str]) -> None:
    """Rewrite parts of the package in place (a new zip, as Word saves)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, text in edits.items():
        parts[name] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _word_edits(path: Path, line_ids: list[int]) -> None:
    doc = _part(path, "word/document.xml")
    # Line 2: accept "minster" -> "minister" (Word drops the w:del and unwraps the w:ins) ...
    doc = re.sub(r"<w:del [^>]*><w:r><w:delText[^>]*>minster</w:delText></w:r></w:del>", "", doc)
    doc = re.sub(
        r"<w:ins [^>]*>(<w:r>(?:<w:rPr>(?:(?!</w:r>).)*</w:rPr>)?<w:t[^>]*>minister</w:t></w:r>)</w:ins>",
        r"\1",
        doc,
    )
    # ... and reject "resum." -> "resume." (the w:ins goes, the deleted run comes back).
    doc = re.sub(r"<w:ins [^>]*><w:r><w:t[^>]*>resume\.</w:t></w:r></w:ins>", "", doc)
    doc = re.sub(
        r"<w:del [^>]*><w:r><w:delText([^>]*)>resum\.</w:delText></w:r></w:del>",
        r"<w:r><w:t\1>resum.</w:t></w:r>",
        doc,
    )
    # Line 1: a correction typed with tracking on, by another reviewer.
    doc = doc.replace(
        ">Good evening, here is the news.</w:t></w:r>",
        ">Good evening, here is the </w:t></w:r>"
        '<w:del w:id="901" w:author="Eve" w:date="2024-05-03T09:00:00Z"><w:r>'
        '<w:delText xml:space="preserve">news.</w:delText></w:r></w:del>'
        '<w:ins w:id="902" w:author="Eve" w:date="2024-05-03T09:00:00Z"><w:r>'
        '<w:t xml:space="preserve">headlines.</w:t></w:r></w:ins>',
    )
    # Line 5: typed over with tracking off.
    doc = doc.replace(">Late line past the hour.<", ">Late line, past the hour.<")
    # Line 4: a new comment anchored on its text.
    found = re.search(
        rf'<w:bookmarkStart w:id="10000004" w:name="PR_L{line_ids[3]}_[0-9a-f]{{8}}"/>', doc
    )
    assert found is not None
    mark = found.group(0)
    doc = doc.replace(mark, '<w:commentRangeStart w:id="50"/>' + mark)
    doc = re.sub(
        rf"(PR_L{line_ids[3]}_[0-9a-f]{{8}}\"/>.*?)(<w:bookmarkEnd [^>]*/>)",
        r'\1\2<w:commentRangeEnd w:id="50"/><w:r><w:commentReference w:id="50"/></w:r>',
        doc,
        count=1,
        flags=re.S,
    )
    comments = _part(path, "word/comments.xml")
    w14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
    if "xmlns:w14=" not in comments:
        comments = comments.replace("<w:comments ", f"<w:comments {w14} ", 1)
    comments = comments.replace(
        "</w:comments>",
        '<w:comment w:id="50" w:author="Legal" w:date="2024-05-03T09:05:00Z" w:initials="L">'
        '<w:p w14:paraId="0A000001"><w:r><w:t>Formula in a quote? Remove.</w:t></w:r></w:p>'
        "</w:comment>"
        '<w:comment w:id="51" w:author="Anna" w:date="2024-05-03T09:07:00Z" w:initials="A">'
        '<w:p w14:paraId="0A000002"><w:r><w:t>It is what he said.</w:t></w:r></w:p>'
        "</w:comment></w:comments>",
    )
    # Proofreel wrote a commentsExtended part (its own threads): Word adds its rows to it.
    rows = (
        '<w15:commentEx w15:paraId="0A000001" w15:done="0"/>'
        '<w15:commentEx w15:paraId="0A000002" w15:paraIdParent="0A000001" w15:done="0"/>'
    )
    extended = _part(path, "word/commentsExtended.xml").replace(
        "</w15:commentsEx>", rows + "</w15:commentsEx>"
    )
    _edit(
        path,
        {
            "word/document.xml": doc,
            "word/comments.xml": comments,
            "word/commentsExtended.xml": extended,
        },
    )


def test_an_edited_copy_comes_back_as_undoable_changes(
    tmp_path: Path, transcript: Transcript
) -> None:
    library, project, stored = _project(tmp_path, transcript)
    with library:
        ids = [line.id for line in stored.lines]
        assert all(i is not None for i in ids)
        path = _tracked(tmp_path / "edit.docx", stored)
        _word_edits(path, ids)  # type: ignore[arg-type]
        before = library.load_transcript(project)

        result = apply_docx(library, project, path)
        after = library.load_transcript(project)
        assert [line.text for line in after.lines] == [
            "Good evening, here is the headlines.",
            "The minister said talks would resum.",
            "Ça va? 日本語 and émoji 🎬 here",
            '=HYPERLINK("http://evil")',
            "Late line, past the hour.",
        ]
        assert after.lines[1].highlights[0].tag == "name"  # highlights followed their words
        assert [(n.author, n.body) for n in after.lines[3].notes] == [
            ("Mallory", "<script>alert(1)</script>"),  # the exported note, not doubled
            ("Legal", "Formula in a quote? Remove."),
            ("Anna", "It is what he said."),  # the reply, on the line of what it answers
        ]
        assert result.summary() == (
            "3 lines corrected, 2 notes added; 2 tracked changes still pending in the "
            "document counted as accepted"
        )
        assert result.messages == []

        undo_docx(library, result)
        again = library.load_transcript(project)
        assert [line.text for line in again.lines] == [line.text for line in before.lines]
        assert [len(line.notes) for line in again.lines] == [len(ln.notes) for ln in before.lines]
        assert [[(h.start, h.end, h.tag) for h in line.highlights] for line in again.lines] == [
            [(h.start, h.end, h.tag) for h in line.highlights] for line in before.lines
        ]


def test_cli_import_docx_applies_and_refuses_in_one_line(
    tmp_path: Path, transcript: Transcript, capsys: pytest.CaptureFixture[str]
) -> None:
    library, project, stored = _project(tmp_path, transcript)
    with library:
        path = _tracked(tmp_path / "edit.docx", stored)
    text = _part(path, "word/document.xml").replace(">Late line past the hour.<", ">Late line.<")
    _edit(path, {"word/document.xml": text})
    db = str(tmp_path / "lib.db")
    assert main(["import-docx", str(project), str(path)], db) == 0
    assert capsys.readouterr().out.startswith("1 line corrected, 0 notes added")
    with Library.open(db) as library:
        assert library.load_transcript(project).lines[4].text == "Late line."

    junk = tmp_path / "junk.docx"
    junk.write_text("not a zip")
    before = (tmp_path / "lib.db").read_bytes()
    assert main(["import-docx", str(project), str(junk)], db) == 1
    err = capsys.readouterr().err.strip()
    assert err == "proofreel import-docx: 'junk.docx' is not a Word document (.docx)"
    assert (tmp_path / "lib.db").read_bytes() == before


def test_a_docx_from_elsewhere_is_refused_before_anything_changes(tmp_path: Path) -> None:
    import docx

    other = tmp_path / "other.docx"
    document = docx.Document()
    document.add_paragraph("Minutes of the meeting")
    document.save(str(other))
    with pytest.raises(DocxReadError, match="no Proofreel line marks"):
        read_docx(other)


def test_cli_export_writes_tracked_changes_by_the_user(
    tmp_path: Path, transcript: Transcript
) -> None:
    import getpass

    library, project, _stored = _project(tmp_path, transcript)
    library.close()
    out = tmp_path / "cli.docx"
    db = str(tmp_path / "lib.db")
    assert main(["export", str(project), "--to", "docx-tracked", "-o", str(out)], db) == 0
    revisions = _revisions(out)
    assert [r[:2] for r in revisions] == [
        ("del", "minster"),
        ("ins", "minister"),
        ("del", "resum."),
        ("ins", "resume."),
    ]
    assert {r[2] for r in revisions} == {getpass.getuser()}


def test_a_line_edited_in_the_project_since_the_export_is_not_overwritten(
    tmp_path: Path, transcript: Transcript
) -> None:
    from app.store import EditStore

    library, project, stored = _project(tmp_path, transcript)
    with library:
        path = _tracked(tmp_path / "old.docx", stored)
        ids = [line.id for line in stored.lines]
        edits = EditStore(library)
        edits.set_text(ids[0], "Good evening, here is the late news.")  # after the export
        edits.set_text(ids[4], "Late line past the hour!")
        doc = _part(path, "word/document.xml")
        doc = doc.replace(">Late line past the hour.<", ">Late line past the hour?<")
        _edit(path, {"word/document.xml": doc})
        result = apply_docx(library, project, path)
        lines = library.load_transcript(project).lines
    assert lines[0].text == "Good evening, here is the late news."  # untouched in Word: kept
    assert lines[4].text == "Late line past the hour!"  # changed on both sides: kept, and said
    assert result.texts == []
    assert result.messages == [
        "line 5 changed both here and in the document: kept the project's text; "
        "the document has 'Late line past the hour?'"
    ]


def test_a_plain_docx_with_originals_reads_back_only_the_corrected_text(
    tmp_path: Path, transcript: Transcript
) -> None:
    out = tmp_path / "plain.docx"
    export(transcript, out, "docx", ExportOptions(with_original=True))
    assert "<w:strike/>" in _part(out, "word/document.xml")  # the imported words are shown
    back = read_docx(out)
    assert back.texts == {line.id: line.text for line in transcript.lines}
    assert back.pending_revisions == 0
