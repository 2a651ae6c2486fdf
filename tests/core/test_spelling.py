"""Spell checking with the dictionaries shipped in the pyspellchecker wheel (offline)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.core.spelling import SpellChecker, available_languages, tokens


def found(checker: SpellChecker, text: str) -> list[str]:
    return [text[s:e] for s, e in checker.misspelled(text)]


@pytest.fixture(scope="module")
def english() -> SpellChecker:
    return SpellChecker("en")


def test_the_wheel_ships_dictionaries() -> None:
    assert {"en_GB", "en_US", "de", "es", "fr"} <= set(available_languages())


def test_british_and_american_english_are_told_apart() -> None:
    british, american = SpellChecker("en_GB"), SpellChecker("en_US")
    text = "The programme travelled to the theatre in colour."
    assert found(british, text) == []
    assert found(american, text) == ["programme", "travelled", "theatre", "colour"]
    assert found(american, "The program traveled to the theater in color.") == []
    assert american.suggestions("programme")[0] == "program"
    assert american.suggestions("Theatre")[0] == "Theater"


def test_a_misspelling_is_found_with_its_span_and_suggestions(english: SpellChecker) -> None:
    text = "We recieve the letter tomorrow."
    assert english.misspelled(text) == [(3, 10)]
    assert english.suggestions("recieve")[0] == "receive"
    assert "the" in english.suggestions("teh")
    assert english.suggestions("definately")[0] == "definitely"  # two edits away


def test_suggestions_keep_the_word_case(english: SpellChecker) -> None:
    assert english.suggestions("Recieve")[0] == "Receive"
    assert english.suggestions("RECIEVE", limit=1) == ["RECEIVE"]
    assert len(english.suggestions("teh", limit=3)) == 3


def test_names_acronyms_numbers_and_speech_are_left_alone(english: SpellChecker) -> None:
    text = (
        "Then Siobhan told NATO about the iPhone at McDonald's in 1990s Dnipro, "
        "the 3rd time, um, mhm, mm-hmm. Jean-Luc said it's well-known: I'll see o'clock rock'n'roll."
    )
    assert found(english, text) == []


def test_sentence_starts_are_checked(english: SpellChecker) -> None:
    assert found(english, "Recieve it. Then Recieve it again.") == ["Recieve"]
    assert found(english, '- "Teh end," he said.') == ["Teh"]


def test_hyphenated_words_are_checked_part_by_part(english: SpellChecker) -> None:
    text = "a well-knwon fact"
    assert english.misspelled(text) == [(7, 12)]


def test_british_spellings_and_curly_apostrophes_pass(english: SpellChecker) -> None:
    assert found(english, "the colour of the centre, organised and travelled") == []
    assert found(english, "don\u2019t, can\u2019t, the teacher\u2019s book") == []
    assert found(english, "the cat\u2019s misteak") == ["misteak"]


def test_tokens_mark_what_is_not_checked() -> None:
    text = "NATO saw 3rd Anna"
    assert [(text[s:e], ok) for s, e, ok in tokens(text)] == [
        ("NATO", False),
        ("saw", True),
        ("3rd", False),
        ("Anna", False),
    ]


def test_personal_words_are_accepted_and_saved() -> None:
    saved: list[list[str]] = []
    checker = SpellChecker("en", load_words=lambda: ["Proofreel"], save_words=saved.append)
    assert found(checker, "open proofreel and zorbex") == ["zorbex"]
    assert checker.add_word("zorbex")
    assert not checker.add_word("Zorbex")  # once, whatever the case
    assert found(checker, "open proofreel and zorbex") == []
    assert saved[-1] == ["Proofreel", "zorbex"]
    assert checker.remove_word("ZORBEX")
    assert found(checker, "open proofreel and zorbex") == ["zorbex"]
    assert saved[-1] == ["Proofreel"]


def test_language_switch_and_off() -> None:
    checker = SpellChecker("en")
    assert found(checker, "das ist gut") == ["das", "ist"]
    checker.set_language("de")
    assert found(checker, "das ist gut") == []
    checker.set_language("")
    assert not checker.enabled
    assert found(checker, "zzkx qqwy") == []
    with pytest.raises(ValueError):
        checker.set_language("xx")


def test_a_dictionary_is_any_object_with_the_protocol() -> None:
    class Tiny:
        language = "tiny"

        def known(self, word: str) -> bool:
            return word in {"red", "green"}

        def candidates(self, word: str, limit: int) -> list[str]:
            return ["red"][:limit]

    checker = SpellChecker("tiny", dictionary_factory=lambda _lang: Tiny())
    assert found(checker, "red grene") == ["grene"]
    assert checker.suggestions("grene") == ["red"]


def test_checking_needs_no_network(tmp_path: Path) -> None:
    """The dictionaries load from the installed wheel: a socket opened would fail here."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from app.core.spelling import SpellChecker\n"
        "c = SpellChecker('fr')\n"
        "print(c.misspelled('bonjour le mondee'))\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[(11, 17)]"


def test_names_used_mid_sentence_are_not_flagged_where_they_start_one() -> None:
    checker = SpellChecker("en_GB")
    lines = ["According to aide Yuri Ushakov, the talks went on.", "Ushakov said more."]
    assert found(checker, lines[1]) == ["Ushakov"]  # alone, a sentence's first word is checked
    checker.learn_names(lines)
    assert found(checker, lines[1]) == []
    assert found(checker, "Recieve the letter.") == ["Recieve"]  # not a name: still checked
    checker.learn_names([])  # another transcript: its own names only
    assert found(checker, lines[1]) == ["Ushakov"]
