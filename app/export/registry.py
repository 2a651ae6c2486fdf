"""The export formats and the one entry point that writes any of them.

Format modules are imported only when used: the PDF one pulls in Qt, and the CLI and the store
must be able to list formats without loading Qt.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.transcript import Transcript
from app.export.atomic import replace_atomically
from app.export.job import Job, Progress
from app.export.names import safe_filename
from app.export.options import ExportError, ExportOptions

__all__ = ["EXPORTERS", "Exporter", "export", "exporter_for", "suggested_filename"]


@dataclass(frozen=True, slots=True)
class Exporter:
    name: str  # what --to takes
    label: str  # for a file dialog
    extension: str  # without the dot
    binary: bool  # False: UTF-8 text
    module: str
    function: str = "write"

    def write(self, job: Job, path: Path) -> None:
        module = importlib.import_module(self.module)
        writer: Callable[[Job, Path], None] = getattr(module, self.function)
        writer(job, path)


EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter("html", "Web page (HTML)", "html", False, "app.export.html"),
        Exporter("docx", "Word document", "docx", True, "app.export.docx"),
        Exporter("pdf", "PDF document", "pdf", True, "app.export.pdf"),
        Exporter("md", "Markdown", "md", False, "app.export.markdown"),
        Exporter("csv", "Spreadsheet (CSV)", "csv", False, "app.export.csv"),
        Exporter("json", "Proofreel project (JSON)", "json", False, "app.export.project_json"),
        Exporter("srt", "SubRip subtitles", "srt", False, "app.export.subtitles"),
        Exporter("vtt", "WebVTT subtitles", "vtt", False, "app.export.vtt"),
        Exporter(
            "edl", "DaVinci Resolve markers (EDL)", "edl", False, "app.export.markers", "write_edl"
        ),
        Exporter(
            "markers-csv", "Editor markers (CSV)", "csv", False, "app.export.markers", "write_csv"
        ),
        Exporter("eaf", "ELAN annotations (EAF)", "eaf", False, "app.export.eaf"),
        Exporter("qda", "Timestamped text (MAXQDA, NVivo)", "txt", False, "app.export.qda"),
        Exporter("tags-csv", "Highlighted spans by tag (CSV)", "csv", False, "app.export.tag_csv"),
        Exporter(
            "docx-tracked",
            "Word document, corrections as tracked changes",
            "docx",
            True,
            "app.export.docx",
            "write_tracked",
        ),
    )
}
_ALIASES = {"htm": "html", "markdown": "md", "webvtt": "vtt", "elan": "eaf"}
_DOUBLE_EXTENSION = {"markers-csv": "markers.csv", "tags-csv": "tags.csv"}


def exporter_for(path: str | os.PathLike[str] | None = None, fmt: str | None = None) -> Exporter:
    """The exporter named ``fmt``, else the one the file extension suggests."""
    if fmt:
        found = EXPORTERS.get(_ALIASES.get(fmt.lower(), fmt.lower()))
        if found is None:
            raise ExportError(f"unknown export format {fmt!r} (known: {', '.join(EXPORTERS)})")
        return found
    ext = Path(path).suffix.lower().lstrip(".") if path is not None else ""
    ext = _ALIASES.get(ext, ext)
    # The first exporter with the extension wins: .csv is the line table, not the markers.
    found = next((e for e in EXPORTERS.values() if e.extension == ext), None)
    if found is None:
        raise ExportError(
            f"cannot tell the export format from {Path(path or '').name!r}: "
            f"name one of {', '.join(EXPORTERS)}"
        )
    return found


def suggested_filename(transcript: Transcript, fmt: str) -> str:
    """A file name from the project's title (or media name), safe on any file system."""
    exporter = exporter_for(fmt=fmt)
    title = transcript.title or (Path(transcript.media.path).stem if transcript.media else "")
    stem = safe_filename(title, exporter.extension)
    if fmt in _DOUBLE_EXTENSION:  # not the line table's name: both are .csv
        return f"{stem[: -len(exporter.extension) - 1]}.{_DOUBLE_EXTENSION[fmt]}"
    return stem


def export(
    transcript: Transcript,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    options: ExportOptions | None = None,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[str]:
    """Write ``transcript`` to ``path`` as ``fmt`` (default: from the extension); return the
    warnings about the written file (one line each, empty when all is well), such as characters
    the PDF has no font for.

    The file appears complete or not at all: the exporter writes a temporary file in the same
    directory that is renamed into place. ``cancel()`` is asked every ~1000 lines; when it says
    True, ExportCancelled is raised and an existing file at ``path`` is left as it was.
    """
    exporter = exporter_for(path, fmt)
    job = Job(transcript, options or ExportOptions(), progress=progress, cancel=cancel)
    target = Path(path)
    if target.is_dir():
        raise ExportError(f"'{target.name}' is a folder: name a file to export to")
    replace_atomically(target, lambda temp: exporter.write(job, temp))
    if progress is not None:
        progress(job.total, job.total)
    return list(job.warnings)
