"""Files from old Windows tools and other countries open with the right letters; the user can
name the encoding when a guess is wrong; what is not text is still refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.formats import registry
from app.core.formats.base import TranscriptFormatError
from tests.conftest import DATA


def _texts(path: Path, encoding: str | None = None) -> tuple[list[str], str]:
    result = registry.read_path(path, encoding=encoding)
    return [line.text for line in result.transcript.lines], result.report.encoding


def test_cp1251_russian_srt() -> None:
    texts, encoding = _texts(DATA / "srt-cp1251-russian.srt")
    assert encoding == "cp1251"
    assert texts == ["Привет! Как у вас дела сегодня?", "Спасибо, всё хорошо. Начнём с новостей."]


def test_cp1252_french_srt() -> None:
    texts, encoding = _texts(DATA / "srt-cp1252-french.srt")
    assert encoding == "cp1252"
    assert texts == ["Ça, c’est l’été : un œuf, s’il vous plaît.", "Déjà vu ? Très « cœur » – 5 €."]


def test_shift_jis_japanese_srt() -> None:
    texts, encoding = _texts(DATA / "srt-shiftjis-japanese.srt")
    assert encoding in {"cp932", "shift_jis"}
    assert texts == ["こんにちは、今日はいい天気ですね。", "ニュースから始めましょう。"]


def test_utf16_le_bom_srt(tmp_path: Path) -> None:
    path = tmp_path / "unicode.srt"
    text = (DATA / "srt-cp1251-russian.srt").read_bytes().decode("cp1251")
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    texts, encoding = _texts(path)
    assert encoding == "utf-16-le" and texts[0] == "Привет! Как у вас дела сегодня?"


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Zażółć gęślą jaźń. Świetnie, że jesteś.\n", "cp1250"),
        ("Καλημέρα, τι κάνετε σήμερα;\n", "cp1253"),
        ("Schön, dass Sie da sind. Grüße!\n", "cp1252"),
        ("Café “quoted” – 5 €\n", "cp1252"),
    ],
)
def test_decode_guesses_common_code_pages(text: str, codec: str) -> None:
    assert registry.decode(text.encode(codec)) == (text, codec)


def test_large_legacy_file_is_guessed_from_a_sample_and_decoded_whole() -> None:
    block = (DATA / "srt-cp1251-russian.srt").read_bytes()
    data = block * 3_000  # ~600 KB: past the guessing sample
    text, encoding = registry.decode(data)
    assert encoding == "cp1251" and text.count("Привет!") == 3_000


def test_guess_is_made_again_on_the_whole_file_when_the_sample_misleads() -> None:
    head = b"1\n00:00:01,000 --> 00:00:02,000\nPlain ASCII for a long while.\n\n" * 8_000
    tail = "2\n00:00:03,000 --> 00:00:04,000\nВсё хорошо, спасибо!\n".encode("cp1251")
    text, encoding = registry.decode(head + tail)  # the first 256 KB are ASCII only
    assert encoding == "cp1251" and text.endswith("Всё хорошо, спасибо!\n")


def test_override_reads_what_the_guess_gets_wrong(tmp_path: Path) -> None:
    # Three bytes of KOI8-R are too few for any guess: the user names the encoding.
    path = tmp_path / "koi8.srt"
    path.write_bytes("1\n00:00:01,000 --> 00:00:02,000\nПривет мир\n".encode("koi8_r"))
    texts, encoding = _texts(path, "KOI8-R")
    assert texts == ["Привет мир"] and encoding == "koi8-r"
    # Also when the bytes are valid UTF-8 (here the override's mojibake is what was asked for).
    utf8 = tmp_path / "utf8.srt"
    utf8.write_text("1\n00:00:01,000 --> 00:00:02,000\nCafé\n", encoding="utf-8")
    assert _texts(utf8, "latin-1") == (["CafÃ©"], "iso8859-1")


def test_override_to_utf16_without_bom_is_not_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "nobom.srt"
    path.write_bytes("1\n00:00:01,000 --> 00:00:02,000\nHello\n".encode("utf-16-le"))
    with pytest.raises(TranscriptFormatError, match="binary"):
        registry.read_path(path)
    assert _texts(path, "utf-16-le") == (["Hello"], "utf-16-le")


@pytest.mark.parametrize(
    ("encoding", "message"),
    [("klingon", "unknown encoding 'klingon'"), ("ascii", "not ascii: byte 34")],
)
def test_bad_override_is_a_one_line_error(encoding: str, message: str) -> None:
    with pytest.raises(TranscriptFormatError, match=message) as err:
        registry.read_path(DATA / "srt-cp1252-french.srt", encoding=encoding)
    assert "\n" not in str(err.value)


def test_binary_file_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "video.srt"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 64)
    with pytest.raises(TranscriptFormatError, match=r"'video\.srt' is a binary file"):
        registry.read_path(path)
    with pytest.raises(TranscriptFormatError, match="binary"):
        registry.read_path(path, encoding="cp1252")  # an 8-bit override does not let it in


def test_newlines_invisibles_and_nfc_still_apply_to_guessed_and_named_encodings() -> None:
    data = "1\r\n00:00:01,000 --> 00:00:02,000\r\nCafé crème brûlée\r\n".encode("cp1252")
    assert registry.decode(data) == (
        "1\n00:00:01,000 --> 00:00:02,000\nCafé crème brûlée\n",
        "cp1252",
    )
    named = registry.decode("Cafe\u0301\u200b\r\n".encode("utf-16-le"), "utf-16-le")
    assert named == ("Café\n", "utf-16-le")
