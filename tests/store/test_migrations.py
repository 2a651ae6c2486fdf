"""Alembic at open: new files, up-to-date files, newer and foreign files, and backups."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.store.engine import make_engine, resolve_url
from app.store.errors import NewerDatabaseError, NotADatabaseError
from app.store.library import Library
from app.store.migrate import MIGRATIONS, alembic_config, backup, upgrade
from app.store.models import Base
from tests.store.conftest import sample_transcript

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def _revisions(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]


def test_upgrade_of_an_empty_file_reaches_head(db_path: Path) -> None:
    db_path.touch()  # zero bytes: what a "new library" file chooser may leave
    engine = make_engine(resolve_url(str(db_path)))
    try:
        assert upgrade(engine) == [HEAD]
        assert upgrade(engine) == [HEAD]  # already there: nothing to do
    finally:
        engine.dispose()
    assert _revisions(db_path) == [HEAD]
    assert not (db_path.parent / "backups").exists()  # nothing existed worth a copy


def test_migrated_schema_matches_the_models(library: Library, library_url: str) -> None:
    """No drift between the models and the migrations, on SQLite and on PostgreSQL."""
    engine = make_engine(library_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_newer_database_is_refused_and_left_byte_identical(db_path: Path) -> None:
    with Library.open(str(db_path)) as lib:
        lib.create_project(sample_transcript(), media_path=None, transcript_path="/a.srt")
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version of Proofreel") as caught:
        Library.open(str(db_path))
    assert "not changed" in str(caught.value)
    assert db_path.read_bytes() == before
    assert not (db_path.parent / "backups").exists()


def test_text_file_is_not_a_database(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("this is a transcript, not a database\n" * 20)
    before = notes.read_bytes()
    with pytest.raises(NotADatabaseError, match="not a database"):
        Library.open(str(notes))
    assert notes.read_bytes() == before


def test_another_programs_sqlite_file_is_refused_unchanged(tmp_path: Path) -> None:
    other = tmp_path / "photos.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    before = other.read_bytes()
    with pytest.raises(NotADatabaseError, match="not a Proofreel library"):
        Library.open(str(other))
    assert other.read_bytes() == before


def test_backup_copies_the_data_and_keeps_the_last_five(
    sqlite_library: Library, db_path: Path
) -> None:
    library = sqlite_library
    project = library.create_project(sample_transcript(), media_path=None, transcript_path="/a.srt")
    made = []
    for _ in range(7):
        made.append(backup(db_path))
        time.sleep(0.002)  # distinct stamps even on a coarse clock
    folder = db_path.parent / "backups"
    assert sorted(folder.iterdir()) == made[-5:]
    # The copy is a complete library (WAL content included), readable on its own.
    with Library.open(str(made[-1])) as copy:
        assert len(copy.load_transcript(project).lines) == 3


def test_backup_pruning_spares_other_libraries(tmp_path: Path) -> None:
    for name in ("lib.sqlite3", "lib-2.sqlite3"):
        Library.open(str(tmp_path / name)).close()
    backup(tmp_path / "lib-2.sqlite3")
    backup(tmp_path / "lib.sqlite3", keep=1)
    backup(tmp_path / "lib.sqlite3", keep=1)
    names = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert len(names) == 2 and names[0].startswith("lib-2-")


def test_existing_library_is_backed_up_before_a_migration(tmp_path: Path, db_path: Path) -> None:
    """Only one real revision exists so far, so a second one is made up in a copy of the
    migrations folder: opening an existing library then migrates, after a backup."""
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0002_test.py").write_text(
        "import sqlalchemy as sa\nfrom alembic import op\n"
        f"revision = '0002'\ndown_revision = {HEAD!r}\nbranch_labels = None\ndepends_on = None\n"
        "def upgrade() -> None:\n"
        # recreate: the table copy-and-swap that SQLite needs for most changes
        "    with op.batch_alter_table('projects', recreate='always') as batch:\n"
        "        batch.add_column(sa.Column('extra', sa.Text(), nullable=True))\n"
        "def downgrade() -> None:\n"
        "    with op.batch_alter_table('projects') as batch:\n"
        "        batch.drop_column('extra')\n"
    )
    with Library.open(str(db_path)) as lib:
        project = lib.create_project(sample_transcript(), media_path=None, transcript_path="/a")
    engine = make_engine(resolve_url(str(db_path)))
    try:
        assert upgrade(engine, script_location=scripts) == ["0002"]
        with engine.connect() as conn:  # the pooled connection got its foreign keys back
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
    copies = list((db_path.parent / "backups").iterdir())
    assert len(copies) == 1 and copies[0].name.endswith(f"-{HEAD}.sqlite3")
    assert _revisions(copies[0]) == [HEAD]  # the copy is the library as it was
    with sqlite3.connect(db_path) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(projects)")]
        # The batch copy of projects kept the lines' foreign keys and the data.
        kept = conn.execute("SELECT count(*) FROM lines WHERE project_id=?", (project,))
        assert kept.fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM notes").fetchone() == (1,)
    assert "extra" in columns and _revisions(db_path) == ["0002"]


def test_head_constant_is_alembics_head() -> None:
    """app.store.migrations.HEAD lets start-up skip Alembic; it must name the real head."""
    from alembic.script import ScriptDirectory

    from app.store.migrate import MIGRATIONS, alembic_config
    from app.store.migrations import HEAD

    assert ScriptDirectory.from_config(alembic_config(MIGRATIONS)).get_heads() == [HEAD]
