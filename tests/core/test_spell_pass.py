"""The spelling pass: next and previous misspelt word across lines, wrapping, ignoring."""

from __future__ import annotations

from app.core.spell_pass import Misspelling, Progress, SpellPass
from app.core.spelling import SpellChecker

WORDS = {"the", "cat", "sat", "on", "mat", "a", "dog", "ran"}


class Tiny:
    language = "tiny"

    def known(self, word: str) -> bool:
        return word in WORDS

    def candidates(self, word: str, limit: int) -> list[str]:
        return [w for w in sorted(WORDS) if len(w) == len(word)][:limit]


def make(lines: list[str]) -> tuple[SpellPass, SpellChecker]:
    checker = SpellChecker("tiny", dictionary_factory=lambda _lang: Tiny())
    return SpellPass(checker, lambda row: lines[row], lambda: len(lines)), checker


def first(found: SpellPass, row: int, offset: int, forward: bool = True) -> Misspelling | None:
    for item in found.search(row, offset, forward=forward):
        if isinstance(item, Misspelling):
            return item
    return None


LINES = ["the cat sat", "the dgo ran", "a cat", "on teh mat", "the dog"]


def test_next_goes_forward_from_the_place_and_wraps_saying_so() -> None:
    spell, _ = make(LINES)
    hit = first(spell, 0, 0)
    assert hit == Misspelling(1, 4, 7, "dgo", False)
    hit = first(spell, 1, 7)  # after "dgo"
    assert hit == Misspelling(3, 3, 6, "teh", False)
    hit = first(spell, 3, 6)
    assert hit == Misspelling(1, 4, 7, "dgo", True)  # round the end, back to the start


def test_previous_goes_back_and_wraps() -> None:
    spell, _ = make(LINES)
    assert first(spell, 3, 3, forward=False) == Misspelling(1, 4, 7, "dgo", False)
    assert first(spell, 1, 4, forward=False) == Misspelling(3, 3, 6, "teh", True)


def test_the_starting_line_is_looked_at_last_on_its_other_side() -> None:
    spell, _ = make(["teh cat sat", "the cat"])
    assert first(spell, 0, 5) == Misspelling(0, 0, 3, "teh", True)
    spell, _ = make(["the cat"])
    assert first(spell, 0, 0) is None


def test_ignore_all_and_added_words_are_passed_over_once_forgotten() -> None:
    spell, checker = make(LINES)
    assert checker.ignore_word("Dgo") and not checker.ignore_word("dgo")
    spell.forget()
    assert first(spell, 0, 0) == Misspelling(3, 3, 6, "teh", False)
    checker.add_word("teh")
    spell.forget()
    assert first(spell, 0, 0) is None
    assert checker.personal_words() == ["teh"]  # ignored words are not saved


def test_progress_is_reported_on_a_long_transcript() -> None:
    spell, _ = make(["the cat sat"] * 1200 + ["teh"])
    items = list(spell.search(0, 0, step=500))
    assert [i for i in items if isinstance(i, Progress)] == [
        Progress(500, 1201),
        Progress(1000, 1201),
    ]
    assert items[-1] == Misspelling(1200, 0, 3, "teh", False)


def test_an_empty_transcript_or_no_language_finds_nothing() -> None:
    spell, _ = make([])
    assert first(spell, 0, 0) is None
    spell, checker = make(LINES)
    checker.set_language("")
    assert first(spell, 0, 0) is None
