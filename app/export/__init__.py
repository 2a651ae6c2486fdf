"""Annotated exports: notes, highlights, status and corrections in every format that holds them.

    from app.export import EXPORTERS, ExportOptions, export
    export(transcript, "review.html", "html", ExportOptions(only="flagged"))

Only ``app.export.pdf`` imports Qt (QtGui), and only when a PDF is written.
"""

from __future__ import annotations

from app.export.options import ONLY_CHOICES, ExportCancelled, ExportError, ExportOptions
from app.export.registry import EXPORTERS, Exporter, export, exporter_for, suggested_filename

__all__ = [
    "EXPORTERS",
    "ONLY_CHOICES",
    "ExportCancelled",
    "ExportError",
    "ExportOptions",
    "Exporter",
    "export",
    "exporter_for",
    "suggested_filename",
]
