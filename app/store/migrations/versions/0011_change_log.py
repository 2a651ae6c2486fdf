"""The change log filled by the server: who did what, for the audit trail and the live refresh.

Revision ID: 0011_change_log
Revises: 0010_team_review
Create Date: 2026-12-07

On PostgreSQL, triggers on lines, notes, highlights and line_reviews append to ``change_log``
(actor = ``current_user``, so no client can write another's name) and ``pg_notify`` the channel
``proofreel_changes`` with the project id (one payload per project: PostgreSQL folds duplicates
within a transaction). A line insert or delete is logged by a statement-level trigger over its
transition table: one row per project and statement, so a 100k-line import (one COPY) or a
project's delete is one row ("100000 lines"), not 100k. A line update is logged only for
text, times, speaker and status (a row trigger: PostgreSQL refuses transition tables on a
trigger with a column list), so the two-step position renumbering of structural edits logs
nothing.

On SQLite the same rows come from TEMP triggers each Proofreel connection makes
(app.store.change_log_sqlite): nothing is stored in the file, which other tools open as before.
There this revision only adds the index both have: a line's history reads its log rows by
(table_name, row_id).
"""

from __future__ import annotations

from alembic import op

# The SQL is written out here, not imported: a revision must keep doing what it did.
_AT = """
CREATE FUNCTION proofreel_log_at() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')
$$
"""

# Lines added or removed: one row per project per statement, one notification per project. A
# statement of one line names it; one of many (an import's COPY, a project's delete) says how
# many in ``detail`` ("100000 lines") and names none.
_LINES_SET = """
CREATE FUNCTION proofreel_log_lines_{op}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  stamp text := proofreel_log_at();
BEGIN
  INSERT INTO change_log (project_id, table_name, row_id, op, actor, at, detail)
  SELECT project_id, 'lines', CASE WHEN count(*) = 1 THEN min(id) END, '{op}', current_user,
         stamp, CASE WHEN count(*) > 1 THEN count(*) || ' lines' END
  FROM {rows} GROUP BY project_id ORDER BY project_id;
  PERFORM pg_notify('proofreel_changes', project_id::text)
  FROM (SELECT DISTINCT project_id FROM {rows}) AS projects;
  RETURN NULL;
END
$$
"""

_LINES_UPDATE = """
CREATE FUNCTION proofreel_log_lines_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  what text := concat_ws(', ',
    CASE WHEN OLD.text IS DISTINCT FROM NEW.text THEN 'text' END,
    CASE WHEN OLD.start_ms IS DISTINCT FROM NEW.start_ms
              OR OLD.end_ms IS DISTINCT FROM NEW.end_ms THEN 'timing' END,
    CASE WHEN OLD.speaker IS DISTINCT FROM NEW.speaker THEN 'speaker' END,
    CASE WHEN OLD.status IS DISTINCT FROM NEW.status THEN 'status ' || NEW.status END);
BEGIN
  INSERT INTO change_log (project_id, table_name, row_id, op, actor, at, detail)
  VALUES (NEW.project_id, 'lines', NEW.id, 'update', current_user, proofreel_log_at(), what);
  PERFORM pg_notify('proofreel_changes', NEW.project_id::text);
  RETURN NULL;
END
$$
"""

# Notes, highlights and reviews: the project through their line. A row whose line is gone (a
# cascade from a deleted line) is not logged: the line's own delete says it.
_ANNOTATION = """
CREATE FUNCTION proofreel_log_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  line integer;
  project integer;
  what text;
BEGIN
  IF TG_OP = 'DELETE' THEN line := OLD.line_id; ELSE line := NEW.line_id; END IF;
  SELECT project_id INTO project FROM lines WHERE id = line;
  IF project IS NULL THEN RETURN NULL; END IF;
  {detail}
  IF what IS NULL THEN RETURN NULL; END IF;
  INSERT INTO change_log (project_id, table_name, row_id, op, actor, at, detail)
  VALUES (project, '{table}', {row_id}, lower(TG_OP), current_user, proofreel_log_at(),
          NULLIF(what, ''));
  PERFORM pg_notify('proofreel_changes', project::text);
  RETURN NULL;
END
$$
"""

_NOTE_DETAIL = """
  IF TG_OP = 'INSERT' THEN
    what := CASE WHEN NEW.parent_id IS NULL THEN 'note' ELSE 'reply' END;
  ELSIF TG_OP = 'DELETE' THEN
    what := CASE WHEN OLD.parent_id IS NULL THEN 'note' ELSE 'reply' END;
  ELSIF OLD.resolved_by IS NULL AND NEW.resolved_by IS NOT NULL THEN what := 'resolved';
  ELSIF OLD.resolved_by IS NOT NULL AND NEW.resolved_by IS NULL THEN what := 'reopened';
  ELSIF OLD.body IS DISTINCT FROM NEW.body THEN what := 'edited';
  END IF;
"""

_HIGHLIGHT_DETAIL = """
  IF TG_OP = 'DELETE' THEN what := OLD.tag;
  ELSIF TG_OP = 'INSERT' THEN what := NEW.tag;
  ELSIF (OLD.tag, OLD.color, OLD.note) IS DISTINCT FROM (NEW.tag, NEW.color, NEW.note)
    THEN what := NEW.tag;
  ELSIF (OLD.start, OLD."end") IS DISTINCT FROM (NEW.start, NEW."end") THEN what := 'moved';
  END IF;
"""

_REVIEW_DETAIL = """
  IF TG_OP = 'DELETE' THEN what := 'status cleared';
  ELSIF TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status THEN
    what := 'status ' || NEW.status;
  END IF;
"""

_LINES_TRIGGERS = (
    "CREATE TRIGGER proofreel_log_lines_insert AFTER INSERT ON lines "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION proofreel_log_lines_insert()",
    "CREATE TRIGGER proofreel_log_lines_delete AFTER DELETE ON lines "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION proofreel_log_lines_delete()",
    "CREATE TRIGGER proofreel_log_lines_update AFTER UPDATE OF text, start_ms, end_ms, speaker, "
    "status ON lines FOR EACH ROW WHEN ("
    "OLD.text IS DISTINCT FROM NEW.text OR OLD.start_ms IS DISTINCT FROM NEW.start_ms OR "
    "OLD.end_ms IS DISTINCT FROM NEW.end_ms OR OLD.speaker IS DISTINCT FROM NEW.speaker OR "
    "OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION proofreel_log_lines_update()",
)

_ANNOTATIONS = {
    "notes": (_NOTE_DETAIL, "COALESCE(NEW.id, OLD.id)"),
    "highlights": (_HIGHLIGHT_DETAIL, "COALESCE(NEW.id, OLD.id)"),
    "line_reviews": (_REVIEW_DETAIL, "line"),
}

PG_UPGRADE = (
    _AT,
    _LINES_SET.format(op="insert", rows="new_rows"),
    _LINES_SET.format(op="delete", rows="old_rows"),
    _LINES_UPDATE,
    *_LINES_TRIGGERS,
    *(
        _ANNOTATION.format(table=table, detail=detail, row_id=row_id)
        for table, (detail, row_id) in _ANNOTATIONS.items()
    ),
    *(
        f"CREATE TRIGGER proofreel_log_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION proofreel_log_{table}()"
        for table in _ANNOTATIONS
    ),
)

_OPS = ("insert", "delete", "update")

PG_DOWNGRADE = (
    *(f"DROP TRIGGER IF EXISTS proofreel_log_{t} ON {t}" for t in _ANNOTATIONS),
    *(f"DROP TRIGGER IF EXISTS proofreel_log_lines_{o} ON lines" for o in _OPS),
    *(f"DROP FUNCTION IF EXISTS proofreel_log_{t}()" for t in _ANNOTATIONS),
    *(f"DROP FUNCTION IF EXISTS proofreel_log_lines_{o}()" for o in _OPS),
    "DROP FUNCTION IF EXISTS proofreel_log_at()",
)

revision: str = "0011_change_log"
down_revision: str | None = "0010_team_review"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # A line's history reads its rows by (table, row): without this, a scan of the whole log.
    op.create_index("ix_change_log_table_name_row_id", "change_log", ["table_name", "row_id"])
    if op.get_context().dialect.name != "postgresql":
        return
    for statement in PG_UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for statement in PG_DOWNGRADE:
            op.execute(statement)
    op.drop_index("ix_change_log_table_name_row_id", table_name="change_log")
