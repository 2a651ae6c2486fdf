"""The 100k-row paths: lines, notes and highlights in and out as plain tuples.

Two things make these fast enough for a 100k-line transcript (about 0.5 s in, 0.15 s out):
- inserts compile the Core statement once and hand tuples to the driver's executemany, skipping
  SQLAlchemy's per-row parameter processing (which alone costs more than SQLite's own work);
- the garbage collector is paused while hundreds of thousands of small objects are made: each
  one otherwise counts toward a collection that walks every live object, for nothing.

The inserts are in app.store.bulk_write, the reads in app.store.bulk_read, the word timings'
JSON in app.store.line_words; this module is where the rest of the store takes them from.
"""

from __future__ import annotations

from app.store.bulk_read import count_annotations, read_annotations, read_lines
from app.store.bulk_write import insert_annotations, insert_lines
from app.store.line_words import words_from_json, words_json

__all__ = [
    "count_annotations",
    "insert_annotations",
    "insert_lines",
    "read_annotations",
    "read_lines",
    "words_from_json",
    "words_json",
]
