"""Note threads in Word: a reply is a Word comment reply and a resolved thread is "done", as
Word 2013 and later write them: each comment's last paragraph carries a ``w14:paraId`` and the
``commentsExtended`` part lists every comment by it, a reply with ``w15:paraIdParent`` (its
thread's first comment) and ``w15:done="1"`` for a resolved thread. LibreOffice reads the same.
"""

from __future__ import annotations

from typing import Any

from docx.opc.packuri import PackURI
from docx.opc.part import Part

__all__ = ["W14", "ExtendedEntry", "add_comments_extended", "para_id"]

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_RT = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"

#: (comment id, the first comment's id for a reply else None, resolved)
ExtendedEntry = tuple[int, int | None, bool]


def para_id(comment_id: int) -> str:
    """The comment's paragraph id: 8 hex digits below 0x80000000, as Word requires."""
    return f"{comment_id + 1:08X}"


def comments_extended(entries: list[ExtendedEntry]) -> bytes:
    rows = []
    for ident, parent, done in entries:
        link = f' w15:paraIdParent="{para_id(parent)}"' if parent is not None else ""
        rows.append(f'<w15:commentEx w15:paraId="{para_id(ident)}"{link} w15:done="{int(done)}"/>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w15:commentsEx xmlns:w15="{W15}">{"".join(rows)}</w15:commentsEx>'
    ).encode()


def add_comments_extended(document: Any, entries: list[ExtendedEntry]) -> None:
    """Put the commentsExtended part in the document's package, related to its main part."""
    main = document.part
    blob = comments_extended(entries)
    part = Part(PackURI("/word/commentsExtended.xml"), _CT, blob, main.package)
    main.relate_to(part, _RT)
