"""Opening a file: the right format is picked, odd encodings are read, junk is refused clearly,
and saving never leaves half a file behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.formats import registry
from app.core.formats.base import TranscriptFormatError
from app.core.formats.project_json import write_json
from app.core.transcript import Line, Transcript
from tests.conftest import DATA

SRT = "1\n00:00:01,000 --> 00:00:02,000\nCafé au lait\n"


def test_formats_are_listed_for_file_dialogs() -> None:
    readable = [f.name for f in registry.readable_formats()]
    assert readable == [
        "json",
        "srt",
        "page",
        "ass",
        "whisper",
        "vtt",
        "sbv",
        "youtube",
        "plain",
        "otter",
        "subviewer2",
        "microdvd",
        "mpl2",
        "tmplayer",
        "lrc",
        "eaf",
    ]
    assert [f.name for f in registry.writable_formats()] == [
        "json",
        "srt",
        "ass",
        "vtt",
        "sbv",
        "plain",
    ]
    assert registry.by_name("srt").extensions == ("srt",)
    with pytest.raises(TranscriptFormatError, match="unknown format 'docx'"):
        registry.by_name("docx")


def test_for_path_goes_by_extension() -> None:
    assert registry.for_path("a/b/Talk.SRT") is registry.by_name("srt")
    assert registry.for_path("talk.json") is registry.by_name("json")
    assert registry.for_path("talk.txt") is registry.by_name("page")
    assert registry.for_path("talk.txt", writable=True) is registry.by_name("plain")
    assert registry.for_path("talk.mp4") is None


def test_sniff_tells_the_formats_apart() -> None:
    page = (DATA / "news-page.txt").read_text(encoding="utf-8")
    quirks, _ = registry.decode((DATA / "srt-quirks.srt").read_bytes())
    assert registry.sniff(page).name == "page"
    assert registry.sniff(quirks).name == "srt"
    assert registry.sniff(SRT).name == "srt"
    assert registry.sniff(write_json(Transcript(lines=[Line(0, 1, "x")]))).name == "json"
    with pytest.raises(TranscriptFormatError):
        registry.sniff("Nothing here looks like a transcript.")


def test_content_wins_over_a_txt_extension(tmp_path: Path) -> None:
    path = tmp_path / "subtitles.txt"
    path.write_text(SRT, encoding="utf-8")
    result = registry.read_path(path)
    assert result.report.format == "srt"
    assert result.transcript.lines[0].text == "Café au lait"
    assert result.transcript.title == "subtitles"


def test_news_page_reads_as_page() -> None:
    result = registry.read_path(DATA / "news-page.txt")
    assert result.report.format == "page"
    assert len(result.transcript.lines) == 61
    assert result.transcript.title == "news-page"
    assert result.report.encoding == "utf-8"


def test_explicit_format_is_used(tmp_path: Path) -> None:
    path = tmp_path / "talk.srt"
    path.write_text("0:05 Hello\n0:07 there\n", encoding="utf-8")
    result = registry.read_path(path, fmt="page")
    assert result.report.format == "page"
    assert [line.start_ms for line in result.transcript.lines] == [5_000, 7_000]
    with pytest.raises(TranscriptFormatError, match="no SubRip timing"):
        registry.read_path(path, fmt="srt")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_decode_wide_unicode_with_bom(codec: str) -> None:
    data = ("\ufeff" + SRT).encode(codec)
    assert registry.decode(data) == (SRT, codec)


def test_decode_utf8_bom_crlf_and_invisible_characters() -> None:
    data = b"\xef\xbb\xbfone\r\ntwo\rthree\xe2\x80\x8b\n"
    assert registry.decode(data) == ("one\ntwo\nthree\n", "utf-8-sig")


def test_decode_cp1252_fallback() -> None:
    data = "Café “quoted” – 5 €\n".encode("cp1252")
    assert registry.decode(data) == ("Café “quoted” – 5 €\n", "cp1252")


def test_decode_normalises_to_nfc() -> None:
    text, encoding = registry.decode("Cafe\u0301".encode())
    assert text == "Café" and len(text) == 4 and encoding == "utf-8"


def test_utf16_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "windows.srt"
    path.write_bytes(("\ufeff" + SRT.replace("\n", "\r\n")).encode("utf-16-le"))
    result = registry.read_path(path)
    assert result.report.encoding == "utf-16-le"
    assert result.transcript.lines[0].text == "Café au lait"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "'bad.srt' is empty"),
        (b"  \n\r\n", "'bad.srt' is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "'bad.srt' is a binary file"),
        (b"Dear diary, nothing happened today.\n", "not in a format Proofreel reads"),
    ],
)
def test_read_path_refusals(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.srt"
    path.write_bytes(content)
    with pytest.raises(TranscriptFormatError, match=message) as err:
        registry.read_path(path)
    assert "\n" not in str(err.value)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TranscriptFormatError, match=r"'gone\.srt' does not exist"):
        registry.read_path(tmp_path / "gone.srt")


def test_too_large_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.srt"
    with path.open("wb") as out:  # sparse: no 200 MB written to disk
        out.truncate(registry.MAX_FILE_BYTES + 1)
    with pytest.raises(TranscriptFormatError, match="too large"):
        registry.read_path(path)


def test_write_then_read_each_writable_format(tmp_path: Path) -> None:
    lines = [Line(0, 1_000, "Hello"), Line(1_000, 2_500, "Bye")]
    transcript = Transcript(title="Talk", lines=lines)
    written = []
    for fmt in registry.writable_formats():
        path = tmp_path / f"out.{fmt.extensions[0]}"
        registry.write_path(transcript, path)  # the extension alone picks a writable format
        written.append(path.name)
        back = registry.read_path(path).transcript
        assert [(x.start_ms, x.text) for x in back.lines] == [(0, "Hello"), (1_000, "Bye")]
        if fmt.name != "plain":  # plain stamped text carries starts only; ends are inferred
            assert [x.end_ms for x in back.lines] == [1_000, 2_500], fmt.name
    assert sorted(os.listdir(tmp_path)) == sorted(written)


def test_write_replaces_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "talk.srt"
    path.write_text("old content", encoding="utf-8")
    path.chmod(0o640)
    registry.write_path(Transcript(lines=[Line(0, 1_000, "New")]), path)
    assert path.read_text(encoding="utf-8").endswith("New\n")
    assert os.listdir(tmp_path) == ["talk.srt"]
    assert path.stat().st_mode & 0o777 == 0o640


def test_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "talk.srt"
    path.write_text("old content", encoding="utf-8")
    bad = Transcript(lines=[Line(-5, 1_000, "negative time cannot be written")])
    with pytest.raises(ValueError, match="negative"):
        registry.write_path(bad, path)
    assert path.read_text(encoding="utf-8") == "old content"
    assert os.listdir(tmp_path) == ["talk.srt"]


def test_failure_during_write_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "talk.json"
    path.write_text("old", encoding="utf-8")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        registry.write_path(Transcript(lines=[Line(0, 1, "x")]), path)
    assert os.listdir(tmp_path) == ["talk.json"]
    assert path.read_text(encoding="utf-8") == "old"


def test_write_refuses_unknown_or_read_only_formats(tmp_path: Path) -> None:
    with pytest.raises(TranscriptFormatError, match="no format"):
        registry.write_path(Transcript(), tmp_path / "talk.docx")
    with pytest.raises(TranscriptFormatError, match="cannot write the page"):
        registry.write_path(Transcript(), tmp_path / "talk.txt", "page")
    with pytest.raises(TranscriptFormatError, match="cannot write the whisper"):
        registry.write_path(Transcript(), tmp_path / "talk.json", "whisper")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # MicroDVD rows were refused as "not valid JSON"; a bad one is no JSON either.
        ("film.sub", b"{1}{abc}hello\n{x}\n", "not in a format Proofreel reads"),
        (
            "silence.json",
            b'{"text": "", "segments": [], "language": "fr"}',
            r"read as Whisper transcript \(JSON\) \(by its content\) and refused: "
            r"an empty Whisper transcript: it has no segments",
        ),
        (
            "other.json",
            b'{"a": 1}',
            r"read as Proofreel transcript \(JSON\) \(by its content\) and refused: not a Proofreel",
        ),
        (
            "blank.json",
            b'{"segments": [{"start": 0.0, "end": 1.0, "text": " "}]}',
            "an empty Whisper transcript: its segments hold no text",
        ),
        # A file no format takes, with an extension of one format: that format's reason.
        (
            "notes.srt",
            b"hello world\nno cues here\n",
            r"'notes.srt' is not in a format Proofreel reads; taken for SubRip subtitles by its "
            r"extension, it was refused: no SubRip timing lines",
        ),
        (
            "captions.sbv",
            b"Dear diary, nothing happened today.\n",
            r"taken for YouTube SubViewer captions by its extension, it was refused: no SBV timing",
        ),
    ],
)
def test_a_refusal_names_the_format_it_took_the_file_for(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TranscriptFormatError, match=message) as err:
        registry.read_path(path)
    assert "\n" not in str(err.value) and "not valid JSON" not in str(err.value)
