"""The quote sheet: the quotes someone copied, each with its source, link and review state, as
HTML, Markdown or Word, for the editor who signs the fact-check off.

    write_quote_sheet(quotes, "quotes.docx", title="Evening News")
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from html import escape
from pathlib import Path

from app.core.plural import plural
from app.core.quotes import Quote, typographic
from app.export.atomic import replace_atomically, write_text
from app.export.options import ExportError

__all__ = ["SHEET_FORMATS", "render_html", "render_markdown", "write_quote_sheet"]

SHEET_FORMATS = ("html", "md", "docx")
_STATE_WORDS = {
    "approved": "Approved",
    "flagged": "Flagged",
    "check": "Check before use",
}
_SIGN_OFF = "Checked by: ____________________    Date: ____________"


def _heading(title: str) -> str:
    return f"Quote sheet: {title}" if title else "Quote sheet"


def render_html(quotes: Sequence[Quote], title: str = "") -> str:
    rows = []
    for number, quote in enumerate(quotes, start=1):
        state = quote.review_state
        rows.append(
            f'<section class="quote {state}"><h2>{number}. {_STATE_WORDS[state]}</h2>'
            f"{quote.html()}</section>"
        )
    head = escape(_heading(title))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{head}</title><style>body{{font-family:sans-serif;max-width:46em;margin:2em auto}}"
        "blockquote{margin:0 0 0 1em}.flagged h2{color:#c62828}.check h2{color:#e65100}"
        ".approved h2{color:#2e7d32}</style></head><body>"
        f"<h1>{head}</h1><p>{plural(len(quotes), 'quote')}</p>{''.join(rows)}"
        f"<p>{escape(_SIGN_OFF)}</p></body></html>\n"
    )


def _md(text: str) -> str:
    """Markdown-inert text: its punctuation escaped so a quote cannot become a link or a list."""
    out = text.replace("\\", "\\\\")
    for char in "`*_[]<>#|!":
        out = out.replace(char, "\\" + char)
    return out


def render_markdown(quotes: Sequence[Quote], title: str = "") -> str:
    out = [f"# {_md(_heading(title))}", "", f"{plural(len(quotes), 'quote')}", ""]
    for number, quote in enumerate(quotes, start=1):
        out += [f"## {number}. {_STATE_WORDS[quote.review_state]}", ""]
        out += [f"> “{_md(typographic(quote.text))}”", ">", f"> {_md(quote.attribution())}", ""]
        if quote.link:
            out += [f"<{quote.link}>", ""]
        if quote.problems:
            out += [f"**{_md(quote.warning())}**", ""]
    out += [_md(_SIGN_OFF), ""]
    return "\n".join(out)


def _write_docx(quotes: Sequence[Quote], title: str, path: Path) -> None:
    import docx  # here: the HTML and Markdown sheets need no python-docx
    from docx.shared import RGBColor

    document = docx.Document()
    document.add_heading(_heading(title), level=0)
    document.add_paragraph(f"{plural(len(quotes), 'quote')}")
    for number, quote in enumerate(quotes, start=1):
        document.add_heading(f"{number}. {_STATE_WORDS[quote.review_state]}", level=1)
        document.add_paragraph(f"“{typographic(quote.text)}”", style="Quote")
        document.add_paragraph(quote.attribution())
        if quote.link:
            document.add_paragraph(quote.link)
        if quote.problems:
            run = document.add_paragraph().add_run(quote.warning())
            run.bold = True
            run.font.color.rgb = RGBColor(0xC6, 0x28, 0x28)
    document.add_paragraph(_SIGN_OFF)
    document.save(str(path))


def write_quote_sheet(
    quotes: Sequence[Quote],
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    title: str = "",
) -> None:
    """Write the sheet as ``fmt`` (html, md, docx; default from the extension), whole or not
    at all."""
    target = Path(path)
    kind = (fmt or target.suffix.lstrip(".")).lower()
    kind = {"htm": "html", "markdown": "md"}.get(kind, kind)
    if kind not in SHEET_FORMATS:
        raise ExportError(f"a quote sheet is {', '.join(SHEET_FORMATS)}, not {kind or '?'!r}")
    if not quotes:
        raise ExportError("no quotes to put on the sheet: copy some first")
    if target.is_dir():
        raise ExportError(f"'{target.name}' is a folder: name a file to export to")
    if kind == "docx":
        replace_atomically(target, lambda temp: _write_docx(quotes, title, temp))
        return
    text = render_html(quotes, title) if kind == "html" else render_markdown(quotes, title)
    replace_atomically(target, lambda temp: write_text(temp, text))
