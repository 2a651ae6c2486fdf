"""A review in progress, built in code: speakers, statuses, corrections, overlapping highlights
with tag colours, notes by two people (one hostile), unicode, an hour-plus time."""

from __future__ import annotations

import pytest

from app.core.transcript import Highlight, Line, MediaInfo, Metadata, Note, Transcript

NOTE_TIME = "2024-05-01T14:03:27.123456+00:00"


def build_transcript() -> Transcript:
    lines = [
        Line(0, 2500, "Good evening, here is the news.", speaker="Anna", status="approved", id=1),
        Line(
            2500,
            6000,
            "The minister said talks would resume.",
            speaker="Anna",
            original_text="The minster said talks would resum.",
            status="flagged",
            id=2,
            highlights=[
                Highlight(4, 12, "name", "#ffeb3b", note="check spelling", id=1),
                Highlight(4, 18, "claim", "#81c784", id=2),  # overlaps "name"
            ],
            notes=[
                Note(
                    "Check the minister's title <b>again</b>", "Bob Stone", NOTE_TIME, NOTE_TIME, 1
                ),
                Note("Second opinion:\nfine by me", "Cleo", NOTE_TIME, NOTE_TIME, 2),
            ],
        ),
        Line(
            83_000,
            86_500,
            "Ça va? 日本語 and émoji 🎬 here",
            speaker="Jörg",
            id=3,
            highlights=[Highlight(7, 10, "foreign", "#64b5f6", id=3)],
        ),
        Line(
            90_000,
            93_000,
            '=HYPERLINK("http://evil")',
            speaker="Mallory",
            status="flagged",
            id=4,
            notes=[Note("<script>alert(1)</script>", "Mallory", NOTE_TIME, NOTE_TIME, 3)],
        ),
        Line(
            3_700_000,
            3_702_000,
            "Late line past the hour.",
            speaker="",
            id=5,
            notes=[Note("-2+3 @sum", "", "", "", 4)],
        ),
    ]
    return Transcript(
        lines=lines,
        title="Evening News: 1/5 <draft>",
        metadata=Metadata("The evening bulletin.", ["news", "politics"], "News & Politics"),
        media=MediaInfo("/videos/evening news.mp4", 3_705_000),
    )


@pytest.fixture
def transcript() -> Transcript:
    return build_transcript()


@pytest.fixture(autouse=True)
def _qt_application(qapp: object) -> None:
    """A QApplication before any PDF export: otherwise the PDF module would make a
    QGuiApplication of its own, and later widget tests in the same run could not start."""
