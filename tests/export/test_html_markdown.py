"""HTML and Markdown exports as a reader sees them: parsed, not grepped."""

from __future__ import annotations

from pathlib import Path

from app.core.transcript import Transcript
from tests.export.helpers import export_to, html_facts


def test_html_carries_marks_notes_links_and_title_block(
    tmp_path: Path, transcript: Transcript
) -> None:
    out = export_to(tmp_path, transcript, "html")
    facts = html_facts(out)
    text = "".join(facts.text)
    # Overlapping highlights: "minister" carries both tags and the later one's colour.
    assert ("minister", "background-color:#81c784;color:#000000", "name, claim") in facts.marks
    assert (" said ", "background-color:#81c784;color:#000000", "claim") in facts.marks
    assert any(m[0] == "日本語" and "#64b5f6" in m[1] for m in facts.marks)
    assert "Second opinion:\nfine by me" in facts.notes
    assert "Bob Stone" in text and "2024-05-01 14:03 UTC" in text
    # Times link into the media, where it really is, at the line's second.
    assert "file:///videos/evening%20news.mp4#t=83" in facts.links
    assert "file:///videos/evening%20news.mp4#t=2.5" in facts.links
    # Title block: media name, duration, review progress, metadata; an index of the notes.
    for expected in (
        "evening news.mp4 (1:01:45)",
        "3 of 5 lines reviewed",
        "#politics",
        "News & Politics",
        "The evening bulletin.",
        "Notes (4)",
    ):
        assert expected in text
    assert "#L2" in facts.links  # the notes index points at the line
    assert facts.sections == ["L1", "L2", "L3", "L4", "L5"]
    assert "@media print" in out.read_text(encoding="utf-8")


def test_html_shows_hostile_text_as_text(tmp_path: Path, transcript: Transcript) -> None:
    transcript.lines[0].highlights.append(
        transcript.lines[1].highlights[0].__class__(0, 4, '"><script>', "red;background:url(x)")
    )
    transcript.lines[0].speaker = "<img src=x onerror=alert(1)>"
    out = export_to(tmp_path, transcript, "html")
    facts = html_facts(out)
    raw = out.read_text(encoding="utf-8")
    assert facts.scripts == 0
    assert "<script>alert(1)</script>" in facts.notes  # shown, as text
    assert "<img" not in raw and "url(x)" not in raw
    assert "<img src=x onerror=alert(1)>" in "".join(facts.text)


def test_html_with_original_and_without_status(tmp_path: Path, transcript: Transcript) -> None:
    plain = export_to(tmp_path, transcript, "html").read_text(encoding="utf-8")
    assert "The minster said" not in plain
    out = export_to(tmp_path, transcript, "html", with_original=True, include_status=False)
    raw = out.read_text(encoding="utf-8")
    assert "<del>The minster said talks would resum.</del>" in raw
    assert 'class="status' not in raw


def test_markdown_marks_notes_and_escaping(tmp_path: Path, transcript: Transcript) -> None:
    md = export_to(tmp_path, transcript, "md").read_text(encoding="utf-8")
    assert "The ==minister== *\\[name, claim\\]* ==said== *\\[claim\\]* talks" in md
    assert "[0:01:23](file:///videos/evening%20news.mp4#t=83) · **Jörg** · `unreviewed`" in md
    assert "> **Cleo 2024-05-01 14:03 UTC:** Second opinion:\n> fine by me" in md
    assert "\\<script\\>alert(1)\\</script\\>" in md  # never raw HTML in a rendered page
    assert "<script>" not in md
