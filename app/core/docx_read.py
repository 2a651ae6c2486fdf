"""Reading back a Word document Proofreel wrote, after someone edited it in Word or LibreOffice.

Each line's text is inside a bookmark named for its id (:data:`LINE_BOOKMARK`), so the
reader finds every line however the paragraphs around it were edited. The text read is what the
document says now: accepted revisions are plain text, rejected ones are gone, and revisions
still pending count as accepted (inserted words in, deleted words out), since a correction that
nobody rejected stands. Comments come with the line they are anchored on (a reply, which Word
anchors nowhere, with the line of the comment it answers).
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]  # python-docx's own parser

__all__ = [
    "LINE_BOOKMARK",
    "DocxComment",
    "DocxContent",
    "DocxReadError",
    "line_bookmark",
    "read_docx",
    "text_digest",
]

#: Each line's text sits in a bookmark named this, the line's id and a digest of the text it had
#: when exported (app.export.docx writes it): ``PR_L42_1a2b3c4d``.
LINE_BOOKMARK = "PR_L"
_BOOKMARK = re.compile(re.escape(LINE_BOOKMARK) + r"(\d+)(?:_([0-9a-f]{8}))?")


def text_digest(text: str) -> str:
    """8 hex digits that tell whether a line's text is still the one exported."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def line_bookmark(line_id: int, text: str) -> str:
    return f"{LINE_BOOKMARK}{line_id}_{text_digest(text)}"


def _parse_mark(name: str) -> tuple[int, str] | None:
    found = _BOOKMARK.fullmatch(name)
    return None if found is None else (int(found.group(1)), found.group(2) or "")


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
    done: bool | None = None  # Word's "resolved" (w15:done); None: the file does not say


@dataclass(slots=True)
class DocxContent:
    texts: dict[int, str] = field(default_factory=dict)  # line id -> text as the document has it
    exported: dict[int, str] = field(default_factory=dict)  # line id -> text_digest when exported
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
        parsed = _parse_mark(mark.get(_w("name"), ""))
        if parsed is not None:
            return parsed[0]
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
            parsed = _parse_mark(name)
            if parsed is not None:
                opened, digest = parsed
                names[node.get(_w("id"), "")] = opened
                open_lines.append(opened)
                pieces.setdefault(opened, [])
                content.exported[opened] = digest
        elif tag == _w("bookmarkEnd"):
            closed = names.pop(node.get(_w("id"), ""), None)
            if closed is not None and closed in open_lines:
                open_lines.remove(closed)
        elif tag in (_w("ins"), _w("del")):
            content.pending_revisions += 1
        elif tag in (_w("commentRangeStart"), _w("commentReference")):
            # The line open here, else the line of the paragraph (a note's range starts just
            # before the line's text, after its timecode and speaker).
            anchor = open_lines[-1] if open_lines else _paragraph_line(node)
            if anchor is not None:
                anchored.setdefault(node.get(_w("id"), ""), anchor)
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
        para = paras[-1].get(f"{{{_W14}}}paraId") if paras else None
        if para:  # a comment without one (LibreOffice writes some) answers and is answered by none
            by_para[para] = ident
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
    done: dict[str, bool] = {}
    for ex in [] if extended is None else extended.iter(f"{{{_W15}}}commentEx"):
        child_para, parent_para = ex.get(f"{{{_W15}}}paraId"), ex.get(f"{{{_W15}}}paraIdParent")
        child = by_para.get(child_para) if child_para else None
        parent = by_para.get(parent_para) if parent_para else None
        if child is not None and parent is not None:
            parents[child] = parent
        if child is not None:
            done[child] = ex.get(f"{{{_W15}}}done") == "1"
    by_id = {c.ident: c for c in content.comments}
    for comment in content.comments:
        comment.parent = parents.get(comment.ident)
        comment.done = done.get(comment.ident)
        if comment.line_id is None and comment.parent in by_id:
            comment.line_id = by_id[comment.parent].line_id
    return content
