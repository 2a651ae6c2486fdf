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


def _report(path: Path) -> tuple[list[str], list[tuple[int, str]]]:
    result = registry.read_path(path)
    texts = [line.text for line in result.transcript.lines]
    return texts, [(i.line_no, i.reason) for i in result.report.issues]


def test_utf8_with_one_bad_byte_stays_utf8_and_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "one-bad.srt"
    path.write_bytes(
        "1\n00:00:01,000 --> 00:00:02,000\nCafé déjà vu, élève\n\n".encode()
        + b"2\n00:00:03,000 --> 00:00:04,000\nTh\xe9 noir\n"
    )
    texts, issues = _report(path)
    assert texts == ["Café déjà vu, élève", "Th\ufffd noir"]  # every accent kept
    assert issues == [(7, "byte 0xE9 is not UTF-8: kept as U+FFFD")]
    assert registry.read_path(path).report.encoding == "utf-8"


def test_mixed_encodings_keep_the_utf8_rows_and_say_which_rows_were_guessed(
    tmp_path: Path,
) -> None:
    legacy = (DATA / "srt-cp1252-french.srt").read_bytes().replace(b"\r\n", b"\n")
    path = tmp_path / "mixed.srt"
    path.write_bytes(
        "1\n00:00:00,000 --> 00:00:00,900\nÀ bientôt, Zoë\n\n".encode()
        + legacy.replace(b"1\n00", b"3\n00", 1)
    )
    texts, issues = _report(path)
    assert texts == [
        "À bientôt, Zoë",
        "Ça, c’est l’été : un œuf, s’il vous plaît.",
        "Déjà vu ? Très « cœur » – 5 €.",
    ]
    assert issues[0][0] == 0 and issues[0][1].startswith(
        "mixed encodings: UTF-8 and rows in cp1252"
    )
    assert issues[1:] == [
        (7, "row not UTF-8: read as cp1252"),
        (11, "row not UTF-8: read as cp1252"),
    ]


def test_a_guessed_encoding_is_said_with_its_confidence() -> None:
    texts, issues = _report(DATA / "srt-cp1251-russian.srt")
    assert texts[0] == "Привет! Как у вас дела сегодня?"
    assert [reason for line, reason in issues if line == 0] == [
        "encoding guessed: cp1251 (confidence 100%)"
    ]


def test_a_tiny_big5_file_is_never_taken_for_shift_jis_silently(tmp_path: Path) -> None:
    path = tmp_path / "big5.srt"
    path.write_bytes("1\n00:00:01,000 --> 00:00:02,000\n你好嗎\n".encode("big5"))
    _, issues = _report(path)
    (note,) = [reason for line, reason in issues if line == 0]
    assert note.startswith("encoding guessed: ") and "low confidence" in note
    assert "big5" in note  # named as the guess or as a possibility the user can pick


def test_utf8_files_get_no_encoding_note(tmp_path: Path) -> None:
    path = tmp_path / "fine.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nCafé\n", encoding="utf-8")
    assert _report(path) == (["Café"], [])


@pytest.mark.parametrize(
    ("utf8", "legacy", "codec"),
    [
        ("Café déjà vu, élève", "Très « cœur » – 5 €, l’été à côté", "cp1252"),
        ("Привет, мир", "Спасибо, всё хорошо. Начнём.", "cp1251"),
        ("こんにちは", "ニュースから始めましょう。", "cp932"),
    ],
)
def test_a_few_rows_in_another_encoding_are_read_in_the_script_of_the_utf8_ones(
    tmp_path: Path, utf8: str, legacy: str, codec: str
) -> None:
    # Too few bytes for charset-normalizer alone (it took the French rows for mac-latin2).
    path = tmp_path / "mixed.srt"
    path.write_bytes(
        f"1\n00:00:01,000 --> 00:00:02,000\n{utf8}\n\n".encode()
        + b"2\n00:00:03,000 --> 00:00:04,000\n"
        + f"{legacy}\n{legacy}\n".encode(codec)
    )
    texts, issues = _report(path)
    assert texts == [utf8, f"{legacy}\n{legacy}"]
    assert issues[0][1].startswith(f"mixed encodings: UTF-8 and rows in {codec} (confidence")
    assert issues[1:] == [
        (7, f"row not UTF-8: read as {codec}"),
        (8, f"row not UTF-8: read as {codec}"),
    ]
