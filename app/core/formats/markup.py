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
from app.core.styling import Markers

__all__ = ["MICRODVD_CODE", "OTHER_TAG", "TAG", "strip_tags"]

#: Display markup players understand: HTML-like tags and ASS override blocks.
TAG = re.compile(r"</?(?:i|b|u|s|font)(?:\s[^<>]*)?>|\{\\[^{}]*\}", re.IGNORECASE)
#: Other markup: a tag name after "<" or "</", with blanks anywhere.
OTHER_TAG = re.compile(r"<[ \t]*/?[ \t]*[A-Za-z][\w.:-]*(?:[ \t][^<>\n]*)?[ \t]*>")
#: MicroDVD control codes: ``{y:i}`` style, ``{c:$0000ff}`` colour, ``{f:Arial}`` font,
#: ``{s:20}`` size, ``{P:0}`` position, ``{H:...}`` charset, ``{o:...}`` offset.
MICRODVD_CODE = re.compile(r"\{[yYcCfFsSpPhHoO]:[^{}\n]*\}")
_MICRODVD_OTHER = re.compile(r"\{[A-Za-z]:[^{}\n]*\}")


_FONT_COLOUR = re.compile(r"""\bcolou?r[ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_ASS_STYLE = re.compile(r"\\([ibus])([0-9]+)")


def _marked(tag: str, markers: Markers) -> str:
    """The marker characters standing for one display tag (app.core.styling)."""
    if tag.startswith("{"):  # ASS override block: {\i1}, {\b0}, {\an8}...
        return "".join(markers.mark(value != "0", kind) for kind, value in _ASS_STYLE.findall(tag))
    closing = tag[1] == "/"
    name = tag[2 if closing else 1 :].split(None, 1)[0].rstrip(">").lower()
    if name == "font":
        if closing:
            return markers.mark(False, "color")
        found = _FONT_COLOUR.search(tag)
        colour = next((g for g in found.groups() if g), "") if found else ""
        return markers.mark(True, "color", colour.strip())
    return markers.mark(not closing, name)


def strip_tags(
    text: str,
    report: ImportReport,
    line_no: int,
    *,
    microdvd: bool = False,
    markers: Markers | None = None,
) -> str:
    """``text`` without markup; each unknown or malformed tag gets a repair line at ``line_no``.

    With ``markers``, each known display tag (i, b, u, s, font colour, ASS \\i1 \\b1 \\u1 \\s1)
    becomes a marker character instead, for the caller to take runs from (app.core.styling).
    """
    if markers is None:
        text = TAG.sub("", text)
    else:
        text = TAG.sub(lambda m: _marked(m.group(), markers), text)
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
