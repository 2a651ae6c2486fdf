"""Reading back a Word document Proofreel wrote, after someone edited it in Word or LibreOffice.

Each line's text is inside a bookmark named for its id (:data:`LINE_BOOKMARK`), so the
reader finds every line however the paragraphs around it were edited. The text read is what the
document says now: accepted revisions are plain text, rejected ones are gone, and revisions
still pending count as accepted (inserted words in, deleted words out), since a correction that
nobody rejected stands. Comments come with the line they are anchored on (a reply, which Word
anchors nowhere, with the line of the comment it answers).
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]  # python-docx's own parser

__all__ = ["LINE_BOOKMARK", "DocxComment", "DocxContent", "DocxReadError", "read_docx"]

#: Each line's text sits in a bookmark named this plus the line's id (app.export.docx writes it).
LINE_BOOKMARK = "PR_L"


class DocxReadError(ValueError):
    """A file that is not a DOCX Proofreel wrote; ``str(err)`` is one line for the user."""


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_MAX_PART = 200 * 1024 * 1024  # a zip bomb is refused before it is inflated


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


@dataclass(slots=True)
class DocxComment:
    ident: str
    author: str
    date: str
    body: str
    line_id: int | None = None
    parent: str | None = None  # the comment it replies to


@dataclass(slots=True)
class DocxContent:
    texts: dict[int, str] = field(default_factory=dict)  # line id -> text as the document has it
    comments: list[DocxComment] = field(default_factory=list)
    pending_revisions: int = 0  # w:ins / w:del nobody accepted or rejected yet


def _part(archive: zipfile.ZipFile, name: str) -> etree._Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_PART:
        raise DocxReadError(f"the document's {name} is too large to read")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(archive.read(info), parser)


_GONE = (_w("del"), _w("moveFrom"))


def _text_of(element: etree._Element) -> str:
    out = []
    for node in element.iter(_w("t"), _w("tab"), _w("br"), _w("delText")):
        if node.tag == _w("t"):
            out.append(node.text or "")
        elif node.tag == _w("tab"):
            out.append("\t")
        elif node.tag == _w("br"):
            out.append("\n")
    return "".join(out)


def _paragraph_line(node: etree._Element) -> int | None:
    para = next((a for a in node.iterancestors() if a.tag == _w("p")), None)
    for mark in [] if para is None else para.iter(_w("bookmarkStart")):
        rest = mark.get(_w("name"), "").removeprefix(LINE_BOOKMARK)
        if mark.get(_w("name"), "").startswith(LINE_BOOKMARK) and rest.isdigit():
            return int(rest)
    return None


def _lines(body: etree._Element, content: DocxContent) -> dict[str, int]:
    """Fill content.texts; return comment id -> line id for comments anchored in a line."""
    names: dict[str, int] = {}  # open bookmark w:id -> line id
    open_lines: list[int] = []
    pieces: dict[int, list[str]] = {}
    anchored: dict[str, int] = {}
    for node in body.iter():
        tag = node.tag
        if tag == _w("bookmarkStart"):
            name = node.get(_w("name"), "")
            rest = name.removeprefix(LINE_BOOKMARK)
            if name.startswith(LINE_BOOKMARK) and rest.isdigit():
                names[node.get(_w("id"), "")] = int(rest)
                open_lines.append(int(rest))
                pieces.setdefault(int(rest), [])
        elif tag == _w("bookmarkEnd"):
            line_id = names.pop(node.get(_w("id"), ""), None)
            if line_id is not None and line_id in open_lines:
                open_lines.remove(line_id)
        elif tag in (_w("ins"), _w("del")):
            content.pending_revisions += 1
        elif tag in (_w("commentRangeStart"), _w("commentReference")):
            # The line open here, else the line of the paragraph (a note's range starts just
            # before the line's text, after its timecode and speaker).
            line_id = open_lines[-1] if open_lines else _paragraph_line(node)
            if line_id is not None:
                anchored.setdefault(node.get(_w("id"), ""), line_id)
        elif tag in (_w("t"), _w("tab"), _w("br")) and open_lines:
            if any(a.tag in _GONE for a in node.iterancestors()):
                continue
            piece = (node.text or "") if tag == _w("t") else "\t" if tag == _w("tab") else "\n"
            pieces[open_lines[-1]].append(piece)
        elif tag == _w("p") and open_lines and pieces[open_lines[-1]]:
            # A paragraph Word split inside a line (Enter typed in it) joins back as a row break.
            pieces[open_lines[-1]].append("\n")
    for line_id, parts in pieces.items():
        content.texts[line_id] = "".join(parts).strip("\n")
    return anchored


def read_docx(path: str | os.PathLike[str]) -> DocxContent:
    """The lines' texts and the comments of a DOCX Proofreel wrote; DocxReadError (one line) for
    a file that is not such a document."""
    name = Path(path).name
    try:
        with zipfile.ZipFile(path) as archive:
            document = _part(archive, "word/document.xml")
            comments = _part(archive, "word/comments.xml")
            extended = _part(archive, "word/commentsExtended.xml")
    except FileNotFoundError:
        raise DocxReadError(f"'{name}' does not exist") from None
    except (zipfile.BadZipFile, OSError):
        raise DocxReadError(f"'{name}' is not a Word document (.docx)") from None
    except etree.XMLSyntaxError as err:
        raise DocxReadError(f"'{name}' is a damaged Word document: {err}") from None
    if document is None:
        raise DocxReadError(f"'{name}' is not a Word document: it has no word/document.xml")
    content = DocxContent()
    anchored = _lines(document, content)
    if not content.texts:
        raise DocxReadError(f"'{name}' has no Proofreel line marks: was it exported by Proofreel?")
    by_para: dict[str, str] = {}  # w14:paraId of a comment's last paragraph -> comment id
    for element in [] if comments is None else comments.iter(_w("comment")):
        ident = element.get(_w("id"), "")
        paras = element.findall(_w("p"))
        body = "\n".join(_text_of(p) for p in paras)
        if paras:
            by_para[paras[-1].get(f"{{{_W14}}}paraId", "")] = ident
        content.comments.append(
            DocxComment(
                ident,
                element.get(_w("author"), ""),
                element.get(_w("date"), ""),
                body,
                anchored.get(ident),
            )
        )
    parents: dict[str, str] = {}
    for ex in [] if extended is None else extended.iter(f"{{{_W15}}}commentEx"):
        child = by_para.get(ex.get(f"{{{_W15}}}paraId", ""))
        parent = by_para.get(ex.get(f"{{{_W15}}}paraIdParent", ""))
        if child is not None and parent is not None:
            parents[child] = parent
    by_id = {c.ident: c for c in content.comments}
    for comment in content.comments:
        comment.parent = parents.get(comment.ident)
        if comment.line_id is None and comment.parent in by_id:
            comment.line_id = by_id[comment.parent].line_id
    return content
