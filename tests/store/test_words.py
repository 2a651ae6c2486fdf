"""Word timings: kept by the library and by the project JSON, and a library made before they
existed (schema 0001) opens, migrated, with its data and a backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

from app.core.formats import registry
from app.core.formats.project_json import read_json, write_json
from app.core.transcript import Line, Transcript, Word
from app.store.engine import make_engine, resolve_url
from app.store.library import Library
from app.store.migrate import alembic_config
from tests.conftest import DATA
from tests.store.conftest import sample_transcript

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def _timed() -> Transcript:
    transcript = sample_transcript()
    transcript.lines[0].words = [
        Word(0, 600, "Welcome", 0.91),
        Word(600, 900, "back", None),
        Word(900, 1500, "to the show. «ünïcode»", 1.0),
    ]
    return transcript


def test_words_round_trip_through_the_library(library: Library) -> None:
    transcript = _timed()
    project = library.create_project(transcript, media_path=None, transcript_path="/t.json")
    assert library.load_transcript(project).lines == transcript.lines
    with library.engine.connect() as conn:
        query = "SELECT words FROM lines ORDER BY position"
        stored = [row[0] for row in conn.exec_driver_sql(query)]
    assert stored[1:] == [None, None]  # no words: NULL, not "[]"
    assert stored[0] == (
        '[[0,600,"Welcome",0.91],[600,900,"back",null],[900,1500,"to the show. «ünïcode»",1.0]]'
    )


def test_whisper_import_keeps_words_and_speakers(library: Library) -> None:
    result = registry.read_path(DATA / "whisperx.json")
    project = library.create_project(
        result.transcript, media_path=None, transcript_path=str(DATA / "whisperx.json")
    )
    loaded = library.load_transcript(project).lines
    assert loaded == result.transcript.lines
    assert loaded[1].words[-1] == Word(3_800, 5_100, "1990.", None)
    assert loaded[1].speaker == "SPEAKER_01"


def test_project_json_keeps_words_and_leaves_other_files_unchanged() -> None:
    timed = _timed()
    back = read_json(write_json(timed))
    assert back.report.clean
    assert back.transcript.lines[0].words == timed.lines[0].words
    assert back.transcript.lines[1].words == []
    assert write_json(back.transcript) == write_json(timed)
    untimed = sample_transcript()
    assert '"words"' not in write_json(untimed)  # files without word timings: same bytes as before


def test_project_json_drops_a_bad_word_with_a_report() -> None:
    text = write_json(_timed()).replace('"end_ms": 600', '"end_ms": -1', 1)
    result = read_json(text)
    assert [w.text for w in result.transcript.lines[0].words] == ["back", "to the show. «ünïcode»"]
    assert [i.reason for i in result.report.issues] == [
        "line 1: word 1 dropped: 'end_ms' is negative"
    ]


def _library_at_0001(db_path: Path) -> None:
    """A library as Proofreel 0001 left it: schema 0001 and a project with two lines."""
    engine = make_engine(resolve_url(str(db_path)))
    try:
        config = alembic_config()
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0001")
            conn.commit()
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO projects (id, title, transcript_path, created_at, opened_at)"
                " VALUES (1, 'Old talk', '/old.srt', '2024-01-01', '2024-01-02')"
            )
            conn.exec_driver_sql(
                "INSERT INTO lines (project_id, position, start_ms, end_ms, speaker, text,"
                " original_text, status) VALUES"
                " (1, 0, 0, 1000, 'ANNA', 'Hello.', 'Helo.', 'approved'),"
                " (1, 1, 1000, 2500, '', 'Bye.', 'Bye.', 'unreviewed')"
            )
            conn.exec_driver_sql(
                "INSERT INTO notes (line_id, author, body, created_at, updated_at)"
                " VALUES (1, 'ed', 'typo', '2024-01-01', '2024-01-01')"
            )
    finally:
        engine.dispose()


def test_library_at_0001_is_migrated_with_data_and_backup(db_path: Path) -> None:
    _library_at_0001(db_path)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    with Library.open(str(db_path)) as lib:
        old = lib.load_transcript(1)
        assert old.title == "Old talk"
        assert [(x.text, x.original_text, x.speaker, x.status, x.words) for x in old.lines] == [
            ("Hello.", "Helo.", "ANNA", "approved", []),
            ("Bye.", None, "", "unreviewed", []),
        ]
        assert [n.body for n in old.lines[0].notes] == ["typo"]
        new = lib.create_project(_timed(), media_path=None, transcript_path="/new.json")
        assert lib.load_transcript(new).lines[0].words[0] == Word(0, 600, "Welcome", 0.91)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    (copy,) = (db_path.parent / "backups").iterdir()
    assert copy.name.endswith("-0001.sqlite3")
    with sqlite3.connect(copy) as conn:  # the copy is the library as it was before
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        columns = [row[1] for row in conn.execute("PRAGMA table_info(lines)")]
        assert "words" not in columns
        assert conn.execute("SELECT count(*) FROM lines").fetchone() == (2,)


def test_lines_without_words_compare_equal_to_old_style_lines() -> None:
    assert Line(0, 1, "x") == Line(0, 1, "x", words=[])
    assert Line(0, 1, "x", id=4).words == []
