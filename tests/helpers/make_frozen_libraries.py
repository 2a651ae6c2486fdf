"""Make the frozen libraries of tests/data/libraries: one per past schema revision, with data.

Each file is made once, when its revision is still the newest, and then committed and never
regenerated: it stands for a real user's library of that time. tests/store/test_past_versions.py
migrates a copy of each to head and checks nothing was lost.

Run: python -m tests.helpers.make_frozen_libraries REVISION [REVISION...]  (existing files are
left alone unless --force). The schema comes from Alembic, upgraded to exactly that revision;
the rows are plain SQL, written as the Proofreel of that time would have stored them.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from alembic import command

from app.store.engine import make_engine
from app.store.migrate import alembic_config

LIBRARIES = Path(__file__).resolve().parent.parent / "data" / "libraries"
ORDER = (
    "0001",
    "0002_words",
    "0003_tags",
    "0004_media_identity",
    "0005_team_library",
    "0006_inline_styles",
    "0007_line_versions",
    "0008_line_origin",
    "0009_subtitle_rules",
    "0010_team_review",
    "0011_change_log",
    "0012_audio_marks",
)  # every revision that has (or had) a frozen file

PROJECTS = [
    # id, title, media_path, transcript_path, source_format, description, category, tags,
    # media_duration_ms, created_at, opened_at, last_position_ms, last_line_id
    (
        1,
        "Harbour interview",
        "/media/harbour.mp4",
        "/media/harbour.srt",
        "srt",
        "Raw cut",
        "interview",
        '["draft", "harbour"]',
        95_000,
        "2024-11-02T09:00:00.000+00:00",
        "2024-11-03T10:00:00.000+00:00",
        4_200,
        11,
    ),
    (
        2,
        "Notes only",
        None,
        "/docs/notes.vtt",
        "vtt",
        "",
        "",
        "[]",
        None,
        "2024-11-04T09:00:00.000+00:00",
        "2024-11-04T09:30:00.000+00:00",
        0,
        None,
    ),
]
LINES = [
    # id, project_id, position, start_ms, end_ms, end_inferred, speaker, text, original_text,
    # status
    (
        10,
        1,
        0,
        0,
        2_000,
        0,
        "ANNA",
        "Welcome to the harbour.",
        "Welcome to the harbor.",
        "approved",
    ),
    (11, 1, 1, 2_000, 4_500, 0, "BEN", "Thanks for having me.", "Thanks for having me.", "flagged"),
    (
        12,
        1,
        2,
        4_500,
        7_000,
        1,
        "",
        "Ships come and go — all day.",
        "Ships come and go — all day.",
        "unreviewed",
    ),
    (20, 2, 0, 0, 1_000, 0, "", "Zürich, naïve café.", "Zürich, naïve café.", "approved"),
]
NOTES = [
    # id, line_id, author, body, created_at, updated_at
    (
        100,
        10,
        "ed",
        "Spelling: British or American?",
        "2024-11-03T10:01:00.000+00:00",
        "2024-11-03T10:02:00.000+00:00",
    ),
    (
        101,
        11,
        "ada",
        "Check the name against the credits.",
        "2024-11-03T10:03:00.000+00:00",
        "2024-11-03T10:03:00.000+00:00",
    ),
    (
        102,
        11,
        "",
        "Second note, no author",
        "2024-11-03T10:04:00.000+00:00",
        "2024-11-03T10:04:00.000+00:00",
    ),
]
HIGHLIGHTS = [
    # id, line_id, start, end, tag, color, note
    (200, 10, 15, 22, "Quote", "#f9d65c", "place name"),
    (201, 12, 0, 5, "Fact-check", "#7cc4f5", ""),
    (202, 20, 0, 6, "", "", ""),
]
WORDS = {10: '[[0,600,"Welcome",0.98],[600,900,"to",0.99]]', 20: '[[0,400,"Zürich,",0.7]]'}
TAGS = [("Legal", "#88cc88", 4)]  # a tag the user added next to the four defaults
SETTINGS = [("review/author", "ed")]
MEDIA_IDENTITY = (3_221_225_472, "ab" * 32)
#: a second opinion as app.asr.passes (version 1) kept it: one line heard, its words timed
AUDIO_PASS = (
    '{"version":1,"title":"Harbour interview","media":"/media/harbour.mp4",'
    '"lines":[[0,2000,"Welcome to the harbour.",[[0,600,"Welcome",0.98],[600,900,"to",0.99],'
    '[900,1200,"the",0.99],[1200,2000,"harbour.",0.71]]]],"language":"en",'
    '"language_probability":0.99,"duration_ms":95000,"model":"small","elapsed_s":4.2,'
    '"speech":[[0,2000]]}'
)


def _schema(path: Path, revision: str) -> None:
    engine = make_engine(f"sqlite:///{path}")
    try:
        config = alembic_config()
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            connection.commit()
    finally:
        engine.dispose()


def _rows(conn: sqlite3.Connection, revision: str) -> None:
    project_columns = (
        "id, title, media_path, transcript_path, source_format, description, category, tags, "
        "media_duration_ms, created_at, opened_at, last_position_ms, last_line_id"
    )
    conn.executemany(f"INSERT INTO projects ({project_columns}) VALUES ({'?,' * 12}?)", PROJECTS)
    later = ORDER.index(revision)
    if later >= ORDER.index("0004_media_identity"):  # a 3 GB video: past 32 bits
        conn.execute(
            "UPDATE projects SET media_size = ?, media_head_sha256 = ? WHERE id = 1",
            MEDIA_IDENTITY,
        )
    line_columns = (
        "id, project_id, position, start_ms, end_ms, end_inferred, speaker, text, "
        "original_text, status"
    )
    if later >= ORDER.index("0002_words"):
        rows = [(*row, WORDS.get(row[0])) for row in LINES]
        conn.executemany(f"INSERT INTO lines ({line_columns}, words) VALUES ({'?,' * 10}?)", rows)
    else:
        conn.executemany(f"INSERT INTO lines ({line_columns}) VALUES ({'?,' * 9}?)", LINES)
    if later >= ORDER.index("0007_line_versions"):  # line 11 re-timed twice since its import
        conn.execute(
            "UPDATE lines SET version = 3, original_start_ms = 2000, original_end_ms = 4500, "
            "start_ms = 2300 WHERE id = 11"
        )
    conn.executemany(
        "INSERT INTO notes (id, line_id, author, body, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?)",
        NOTES,
    )
    if later >= ORDER.index("0010_team_review"):  # a resolved thread with a reply, two reviewers
        conn.execute(
            "INSERT INTO notes (id, line_id, author, body, created_at, updated_at, parent_id) "
            "VALUES (103, 10, 'ana', 'British.', '2024-11-03T10:05:00.000+00:00', "
            "'2024-11-03T10:05:00.000+00:00', 100)"
        )
        conn.execute(
            "UPDATE notes SET resolved_by = 'ana', resolved_at = '2024-11-03T10:06:00.000+00:00' "
            "WHERE id = 100"
        )
        conn.execute("INSERT INTO line_reviews VALUES (10, 'ana', 'approved', '2024-11-03')")
    conn.executemany(
        'INSERT INTO highlights (id, line_id, start, "end", tag, color, note) '
        "VALUES (?,?,?,?,?,?,?)",
        HIGHLIGHTS,
    )
    if later >= ORDER.index("0010_team_review"):
        conn.execute(
            "UPDATE highlights SET author = 'ed', created_at = '2024-11-03T10:03:00.000+00:00' "
            "WHERE id = 200"
        )
    if later >= ORDER.index("0007_line_versions"):  # a line edited twice and re-timed once
        conn.execute(
            "UPDATE lines SET version = 3, original_start_ms = start_ms, "
            "original_end_ms = end_ms, start_ms = start_ms + 100 WHERE id = 11"
        )
    if later >= ORDER.index("0012_audio_marks"):  # a second opinion kept, by ed
        conn.execute(
            "INSERT INTO audio_marks VALUES (1, 'small', 'en', '2024-11-03T10:07:00.000+00:00', "
            "'ed', ?)",
            (AUDIO_PASS,),
        )
    if later >= ORDER.index("0003_tags"):
        conn.executemany("INSERT INTO tags VALUES (?,?,?)", TAGS)
        conn.execute("UPDATE tags SET color = '#ffee00' WHERE name = 'Quote'")  # user's colour
        conn.executemany("INSERT INTO settings VALUES (?,?)", SETTINGS)


def make(revision: str, *, force: bool = False) -> Path:
    target = LIBRARIES / f"library-{revision}.sqlite3"
    if target.exists() and not force:
        print(f"{target} exists; left alone (frozen files are never regenerated)")
        return target
    LIBRARIES.mkdir(parents=True, exist_ok=True)
    work = target.with_suffix(".tmp")
    for stale in (work, Path(f"{work}-wal"), Path(f"{work}-shm")):
        stale.unlink(missing_ok=True)
    _schema(work, revision)
    conn = sqlite3.connect(work, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("BEGIN")
        _rows(conn, revision)
        conn.execute("COMMIT")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # One self-contained file: no -wal beside it, compact, as a user's file would be copied.
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("VACUUM")
    finally:
        conn.close()
    work.replace(target)
    print(f"wrote {target}")
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revisions", nargs="+", choices=ORDER)
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    args = parser.parse_args(argv)
    for revision in args.revisions:
        make(revision, force=args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
