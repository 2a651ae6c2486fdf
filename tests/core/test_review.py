"""Review basics: statuses, tags, progress, and highlights that stay on their words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.review import (
    DEFAULT_TAGS,
    Tag,
    normalise_color,
    normalise_status,
    rebase_highlights,
    review_progress,
)
from app.core.transcript import STATUSES, Highlight

# A tiny alphabet makes repeats common, where "which 'a' did the user type?" is ambiguous.
TEXT = st.text(alphabet="ab ", max_size=20)


def _on(text: str, word: str, tag: str = "Quote", mark_id: int = 1) -> Highlight:
    start = text.index(word)
    return Highlight(start, start + len(word), tag, "#f9d65c", "a note", mark_id)


def test_statuses_are_normalised_and_unknown_ones_refused() -> None:
    assert normalise_status(" Approved ") == "approved"
    assert [normalise_status(s) for s in STATUSES] == list(STATUSES)
    with pytest.raises(ValueError, match=r"Unknown review status 'done'.*unreviewed, approved"):
        normalise_status("done")


def test_progress_counts_every_status_but_unreviewed() -> None:
    assert review_progress(["approved", "unreviewed", "flagged", "unreviewed"]) == (2, 4)
    assert review_progress(iter([])) == (0, 0)


def test_tags_are_tidied_and_checked() -> None:
    assert Tag(" Quote ", "#F9D65C") == Tag("Quote", "#f9d65c")
    assert [t.name for t in DEFAULT_TAGS] == ["Quote", "Fact-check", "Error", "Unclear"]
    with pytest.raises(ValueError, match="needs a name"):
        Tag("  ", "#ffffff")
    with pytest.raises(ValueError, match="#rrggbb"):
        Tag("Red", "red")
    with pytest.raises(ValueError, match="#rrggbb"):
        normalise_color("#fff")


def test_edit_before_a_highlight_moves_it_and_keeps_its_fields() -> None:
    old = "the fox jumps over the dog"
    mark = _on(old, "jumps")
    kept, dropped = rebase_highlights(old, "the quick brown fox jumps over the dog", [mark])
    assert dropped == []
    (new,) = kept
    assert (new.tag, new.color, new.note, new.id) == ("Quote", "#f9d65c", "a note", 1)
    assert "the quick brown fox jumps over the dog"[new.start : new.end] == "jumps"
    assert (mark.start, mark.end) == (8, 13)  # the given highlight is not changed


def test_edits_on_both_sides_keep_the_middle_highlight() -> None:
    old = "The quick fox jumps over the dog."
    new = "A quick fox leaps over the lazy dog!"
    kept, _ = rebase_highlights(old, new, [_on(old, "fox"), _on(old, "over the", mark_id=2)])
    assert [new[h.start : h.end] for h in kept] == ["fox", "over the"]


def test_typing_inside_a_highlight_widens_it() -> None:
    old = "Welcom back"
    kept, _ = rebase_highlights(old, "Welcome back", [_on(old, "Welcom back")])
    assert ["Welcome back"[h.start : h.end] for h in kept] == ["Welcome back"]


def test_a_corrected_word_keeps_its_highlight() -> None:
    old = "He said teh truth."
    kept, _ = rebase_highlights(old, "He said the truth.", [_on(old, "teh")])
    assert ["He said the truth."[h.start : h.end] for h in kept] == ["the"]


def test_a_highlight_whose_words_are_deleted_is_dropped() -> None:
    old = "keep this, drop that"
    gone, stays = _on(old, "that"), _on(old, "keep", mark_id=2)
    kept, dropped = rebase_highlights(old, "keep this", [gone, stays])
    assert dropped == [gone]
    assert [(h.id, h.start, h.end) for h in kept] == [(2, 0, 4)]


def test_out_of_range_highlight_is_dropped_and_unchanged_text_keeps_all() -> None:
    bad = Highlight(5, 9, "Error")
    assert rebase_highlights("abc", "abcd", [bad]) == ([], [bad])
    mark = Highlight(0, 2, "Error", id=3)
    kept, dropped = rebase_highlights("abc", "abc", [mark])
    assert kept == [mark] and kept[0] is not mark and dropped == []


@given(TEXT, st.data(), st.text(alphabet="ab ", min_size=1, max_size=6))
def test_inserting_outside_a_highlight_keeps_its_text(
    old: str, data: st.DataObject, add: str
) -> None:
    if not old:
        old = "a"
    start = data.draw(st.integers(0, len(old) - 1))
    end = data.draw(st.integers(start + 1, len(old)))
    at = data.draw(st.one_of(st.integers(0, start), st.integers(end, len(old))))
    new = old[:at] + add + old[at:]
    (kept,), dropped = rebase_highlights(old, new, [Highlight(start, end, "Quote", id=1)])
    assert dropped == []
    assert new[kept.start : kept.end] == old[start:end]


@given(TEXT, st.data())
def test_deleting_outside_a_highlight_keeps_its_text(old: str, data: st.DataObject) -> None:
    if len(old) < 2:
        old = "ab"
    start = data.draw(st.integers(0, len(old) - 1))
    end = data.draw(st.integers(start + 1, len(old)))
    cut_from = data.draw(st.one_of(st.integers(0, start), st.integers(end, len(old))))
    limit = start if cut_from <= start else len(old)
    cut_to = data.draw(st.integers(cut_from, limit))
    new = old[:cut_from] + old[cut_to:]
    (kept,), _ = rebase_highlights(old, new, [Highlight(start, end, "Quote", id=1)])
    assert new[kept.start : kept.end] == old[start:end]


@given(TEXT, TEXT, st.lists(st.tuples(st.integers(0, 20), st.integers(1, 20)), max_size=5))
def test_any_edit_gives_valid_spans_and_accounts_for_every_highlight(
    old: str, new: str, spans: list[tuple[int, int]]
) -> None:
    given_ = [Highlight(s, s + n, "Quote", id=i) for i, (s, n) in enumerate(spans)]
    kept, dropped = rebase_highlights(old, new, given_)
    assert sorted(h.id or 0 for h in kept + dropped) == list(range(len(given_)))
    for mark in kept:
        assert 0 <= mark.start < mark.end <= len(new)
