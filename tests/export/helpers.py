"""Small readers the export tests share: run an export into a temp dir and read it back."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from app.core.transcript import Transcript
from app.export import ExportOptions, export


def export_to(tmp_path: Path, transcript: Transcript, fmt: str, **options: object) -> Path:
    ext = {"markers-csv": "markers.csv", "md": "md"}.get(fmt, fmt)
    out = tmp_path / f"out.{ext}"
    export(transcript, out, fmt, ExportOptions(**options))  # type: ignore[arg-type]
    return out


class HtmlFacts(HTMLParser):
    """What a reader of the HTML export sees: marks, links, notes, scripts, line sections."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[tuple[str, str, str]] = []  # (text, style, data-tag)
        self.links: list[str] = []
        self.notes: list[str] = []
        self.sections: list[str] = []
        self.scripts = 0
        self.text: list[str] = []
        self._mark: tuple[str, str] | None = None
        self._note_depth = 0
        self._note_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "script":
            self.scripts += 1
        elif tag == "mark":
            self._mark = (a.get("style", ""), a.get("data-tag", ""))
            self.marks.append(("", *self._mark))
        elif tag == "a":
            self.links.append(a.get("href", ""))
        elif tag == "section":
            self.sections.append(a.get("id", ""))
        elif tag == "div" and a.get("class") == "note-body":
            self._note_depth = 1
            self._note_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._mark = None
        elif tag == "div" and self._note_depth:
            self._note_depth = 0
            self.notes.append("".join(self._note_text))

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._mark is not None:
            text, style, tag = self.marks[-1]
            self.marks[-1] = (text + data, style, tag)
        if self._note_depth:
            self._note_text.append(data)


def html_facts(path: Path) -> HtmlFacts:
    parser = HtmlFacts()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser
