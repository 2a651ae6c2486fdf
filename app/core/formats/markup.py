"""Display markup in subtitle text, shared by every reader whose format carries tags (SubRip,
SubViewer 2, MicroDVD, MPL2, TMPlayer, LRC), so they all drop and report alike.

Known display tags (``<i>``, ``<font ...>``, ``{\\an8}``, MicroDVD's ``{y:i}``) are dropped
quietly: a viewer never reads them. Anything else with a tag's shape (``<invalid_tag>``,
``< u>``, ``< / i >``, ``{q:x}``) is markup too: dropped and reported, once per tag and row.
``a < b`` and ``<3`` stay text.
"""

from __future__ import annotations

import re

from app.core.formats.base import ImportReport

__all__ = ["MICRODVD_CODE", "OTHER_TAG", "TAG", "strip_tags"]

#: Display markup players understand: HTML-like tags and ASS override blocks.
TAG = re.compile(r"</?(?:i|b|u|s|font)(?:\s[^<>]*)?>|\{\\[^{}]*\}", re.IGNORECASE)
#: Other markup: a tag name after "<" or "</", with blanks anywhere.
OTHER_TAG = re.compile(r"<[ \t]*/?[ \t]*[A-Za-z][\w.:-]*(?:[ \t][^<>\n]*)?[ \t]*>")
#: MicroDVD control codes: ``{y:i}`` style, ``{c:$0000ff}`` colour, ``{f:Arial}`` font,
#: ``{s:20}`` size, ``{P:0}`` position, ``{H:...}`` charset, ``{o:...}`` offset.
MICRODVD_CODE = re.compile(r"\{[yYcCfFsSpPhHoO]:[^{}\n]*\}")
_MICRODVD_OTHER = re.compile(r"\{[A-Za-z]:[^{}\n]*\}")


def strip_tags(text: str, report: ImportReport, line_no: int, *, microdvd: bool = False) -> str:
    """``text`` without markup; each unknown or malformed tag gets a repair line at ``line_no``."""
    text = TAG.sub("", text)
    if microdvd and "{" in text:
        text = MICRODVD_CODE.sub("", text)
        for tag in dict.fromkeys(_MICRODVD_OTHER.findall(text)):
            report.repair(line_no, f"unknown MicroDVD code {tag!r} dropped")
        text = _MICRODVD_OTHER.sub("", text)
    if "<" in text:
        for tag in dict.fromkeys(OTHER_TAG.findall(text)):
            report.repair(line_no, f"unknown or malformed tag {tag!r} dropped")
        text = OTHER_TAG.sub("", text)
    return text
