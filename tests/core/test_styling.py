"""Inline styling (app.core.styling): runs stay on their characters through edits, split and
merge, and WebVTT carries them, with cue ids and settings, out and back in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.editing import merge_lines, split_line
from app.core.formats.ass import read_ass, write_ass
from app.core.formats.srt import read_srt, write_srt
from app.core.formats.vtt import read_vtt, write_vtt
from app.core.styling import Markers, clean_runs, drop_blank_rows, rebase_runs, render
from app.core.transcript import Line, StyleRun, Transcript

WORD = st.text(alphabet="abcxyz&<>'", min_size=1, max_size=6)
ROW = st.lists(WORD, min_size=1, max_size=5).map(" ".join)
TEXT = st.lists(ROW, min_size=1, max_size=3).map("\n".join)
KIND = st.sampled_from([("i", ""), ("b", ""), ("u", ""), ("class", "yellow"), ("lang", "en")])
SRT_WORD = st.text(alphabet="abcxyz&'", min_size=1, max_size=6)
SRT_TEXT = st.lists(
    st.lists(SRT_WORD, min_size=1, max_size=5).map(" ".join), min_size=1, max_size=3
)
SRT_KIND = st.sampled_from([("i", ""), ("b", ""), ("u", ""), ("s", ""), ("color", "#ff0000")])


@st.composite
def styled_text(draw: st.DrawFn, srt: bool = False) -> tuple[str, list[StyleRun]]:
    text = "\n".join(draw(SRT_TEXT)) if srt else draw(TEXT)
    runs = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        kind, value = draw(SRT_KIND if srt else KIND)
        runs.append(StyleRun(start, end, kind, value))
    return text, clean_runs(runs, len(text))


def _tags(run: StyleRun) -> tuple[str, str]:
    return f"<{run.kind}>", f"</{run.kind}>"


def test_overlapping_runs_are_nested_properly() -> None:
    runs = [StyleRun(0, 5, "i"), StyleRun(3, 9, "b")]
    assert render("abcdefghi", runs, _tags) == "<i>abc<b>de</b></i><b>fghi</b>"


def test_touching_runs_of_one_kind_become_one() -> None:
    runs = clean_runs([StyleRun(0, 2, "i"), StyleRun(2, 4, "i"), StyleRun(6, 9, "i")], 8)
    assert runs == [StyleRun(0, 4, "i"), StyleRun(6, 8, "i")]


def test_markers_give_runs_and_an_unclosed_tag_runs_to_the_end() -> None:
    marks = Markers()
    text = f"{marks.mark(True, 'i')}Hi{marks.mark(False, 'i')} {marks.mark(True, 'b')}you"
    assert marks.extract(text) == ("Hi you", [StyleRun(0, 2, "i"), StyleRun(3, 6, "b")])


@settings(max_examples=300, deadline=None)
@given(styled_text())
def test_webvtt_write_then_read_gives_the_same_text_and_runs(
    case: tuple[str, list[StyleRun]],
) -> None:
    text, runs = case
    line = Line(1000, 2000, text, speaker="Ann", styles=runs)
    line.cue_id, line.cue_settings = "intro-1", "line:85% align:start"
    back = read_vtt(write_vtt(Transcript([line]))).transcript.lines
    assert [ln.text for ln in back] == [text]
    # A run over nothing but a newline shows nothing: the writer may leave it out.
    assert back[0].styles == drop_blank_rows(text, runs, trim=True)[1]
    assert (back[0].cue_id, back[0].cue_settings) == ("intro-1", "line:85% align:start")
    assert back[0].speaker == "Ann"


def test_webvtt_cue_settings_ids_and_classes_survive() -> None:
    source = (
        "WEBVTT\n\nintro\n00:00:01.000 --> 00:00:02.000 line:85% align:start\n"
        "<v Bob>Hi <i>there</i>\n<c.yellow>you</c>\n"
    )
    written = write_vtt(read_vtt(source).transcript)
    assert "intro\n00:00:01.000 --> 00:00:02.000 line:85% align:start\n" in written
    assert "<v Bob>Hi <i>there</i>\n<c.yellow>you</c>" in written


@settings(max_examples=300, deadline=None)
@given(styled_text(), st.data())
def test_typing_inside_a_run_grows_it_over_the_same_characters(
    case: tuple[str, list[StyleRun]], data: st.DataObject
) -> None:
    text, runs = case
    wide = [r for r in runs if r.end - r.start >= 2]
    if not wide:
        return
    run = data.draw(st.sampled_from(wide))
    at = data.draw(st.integers(run.start + 1, run.end - 1))
    typed = data.draw(st.text(alphabet="QRS", min_size=1, max_size=4))
    new = text[:at] + typed + text[at:]
    moved = rebase_runs(text, new, runs)
    same = (run.kind, run.value)
    grown = next(r for r in moved if (r.kind, r.value) == same and r.start <= at < r.end)
    covered = new[grown.start : grown.end]
    assert covered.startswith(text[run.start : at]) and typed in covered
    assert grown.end - grown.start >= run.end - run.start + len(typed)


def test_deleting_inside_a_run_shrinks_it_and_deleting_all_of_it_drops_it() -> None:
    text = "say hello there"
    runs = [StyleRun(4, 9, "i")]
    assert rebase_runs(text, "say hlo there", runs) == [StyleRun(4, 7, "i")]
    assert rebase_runs(text, "say  there", runs) == []


@settings(max_examples=200, deadline=None)
@given(styled_text(), st.data())
def test_split_then_merge_gives_back_the_runs(
    case: tuple[str, list[StyleRun]], data: st.DataObject
) -> None:
    text, runs = case
    spaces = [i for i, c in enumerate(text) if c == " " and text[i - 1] != " "]
    if not spaces:
        return
    at = data.draw(st.sampled_from(spaces))
    line = Line(0, 1000, text, styles=runs)
    first, second = split_line(line, at)
    assert first.text + " " + second.text == text
    joined = merge_lines(first, second)
    # A run across the cut comes back whole; one that ended or started at the space loses it.
    expected: list[StyleRun] = []
    for r in runs:
        if r.start < at and r.end > at + 1:
            expected.append(r)
        else:
            expected.append(StyleRun(r.start, min(r.end, at), r.kind, r.value))
            expected.append(StyleRun(max(r.start, at + 1), r.end, r.kind, r.value))
    assert joined.styles == clean_runs(expected, len(text))


@settings(max_examples=300, deadline=None)
@given(styled_text(srt=True))
def test_styled_srt_read_write_read_gives_the_same_text_and_runs(
    case: tuple[str, list[StyleRun]],
) -> None:
    text, runs = case
    source = write_srt(Transcript([Line(1000, 2000, text, styles=runs)]))
    first = read_srt(source)
    assert first.report.clean
    again = read_srt(write_srt(first.transcript)).transcript.lines
    assert [(ln.text, ln.styles) for ln in again] == [(text, clean_runs(runs, len(text)))]


def test_srt_tags_become_runs_over_the_plain_text_and_go_back_out() -> None:
    source = (
        "1\n00:00:01,000 --> 00:00:02,000\n<i>Hello</i> <b> there</b>\n"
        '<font color="#ff0000">red</font> {\\i1}x{\\i0}\n\n'
        "2\n00:00:03,000 --> 00:00:04,000\n<i>\ntwo rows\n</i>\n"
    )
    lines = read_srt(source).transcript.lines
    assert [ln.text for ln in lines] == ["Hello  there\nred x", "two rows"]
    assert lines[0].styles == [
        StyleRun(0, 5, "i"),
        StyleRun(6, 12, "b"),
        StyleRun(13, 16, "color", "#ff0000"),
        StyleRun(17, 18, "i"),
    ]
    assert lines[1].styles == [StyleRun(0, 8, "i")]
    written = write_srt(Transcript(lines))
    assert '<i>Hello</i> <b> there</b>\n<font color="#ff0000">red</font> <i>x</i>' in written
    assert "<i>two rows</i>" in written
    # Into WebVTT: italics stay, a colour WebVTT has no class for is left out.
    vtt = write_vtt(Transcript(lines))
    assert "<i>Hello</i> <b> there</b>\nred <i>x</i>" in vtt


@settings(max_examples=200, deadline=None)
@given(styled_text(srt=True))
def test_ass_override_tags_carry_italic_bold_underline_strike_both_ways(
    case: tuple[str, list[StyleRun]],
) -> None:
    text, runs = case
    font_runs = [r for r in runs if r.kind in ("i", "b", "u", "s")]
    back = read_ass(write_ass(Transcript([Line(0, 1000, text, styles=font_runs)])))
    assert back.report.clean
    assert [(ln.text, ln.styles) for ln in back.transcript.lines] == [(text, font_runs)]


def test_ass_italic_tags_in_a_file_become_a_run() -> None:
    event = "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\i1\\pos(5,5)}Where{\\i0} now\n"
    lines = read_ass(f"[Events]\n{event}").transcript.lines
    assert (lines[0].text, lines[0].styles) == ("Where now", [StyleRun(0, 5, "i")])
