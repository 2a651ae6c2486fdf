"""Team roles enforced by the server (issue 15, item 7): `proofreel team` sets them up, and each
role's writes are allowed or refused by PostgreSQL itself, each refusal in words."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from app.core.transcript import Line
from app.store import EditStore
from app.store.audio_marks import AudioMarksStore
from app.store.errors import NotPermittedError
from app.store.library import Library
from app.store.review import ReviewStore
from tests.store.conftest import sample_transcript
from tests.store.team_logins import Team
from tests.store.team_logins import proofreel_cli as _cli


def test_add_user_twice_list_change_role_and_remove(team: Team) -> None:
    again = _cli("--db", team.url, "team", "add-user", team.logins["editor"], "--role", "editor")
    assert again.returncode == 0, again.stderr  # idempotent: nothing new, no error
    assert "new login" not in again.stdout
    listed = _cli("--db", team.url, "team", "list")
    assert listed.returncode == 0, listed.stderr
    rows = dict(line.split("\t")[:2] for line in listed.stdout.splitlines())
    assert {rows[name] for name in team.logins.values()} == set(team.logins)
    # A change of role replaces the old one.
    viewer = team.logins["viewer"]
    moved = _cli("team", "add-user", viewer, "--role", "commenter", "--db", team.url)
    assert moved.returncode == 0, moved.stderr
    with team.open("viewer") as lib:
        assert lib.role == "commenter" and not lib.read_only
    removed = _cli("--db", team.url, "team", "remove", viewer)
    assert removed.returncode == 0 and "removed from the team" in removed.stdout
    listed = _cli("--db", team.url, "team", "list")
    assert viewer not in listed.stdout
    gone = _cli("--db", team.url, "team", "remove", viewer)
    assert gone.returncode == 1 and "is not a user of this team" in gone.stderr


def test_team_commands_refuse_a_login_that_may_not_create_roles_and_sqlite(
    team: Team, tmp_path: Path
) -> None:
    as_editor = team.server.url(team.database, user=team.logins["editor"], password="pw")
    done = _cli("--db", as_editor, "team", "add-user", "mallory", "--role", "approver")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "may not set up team roles" in done.stderr and "CREATEROLE" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    local = _cli("--db", str(tmp_path / "lib.sqlite3"), "team", "list")
    assert local.returncode == 1 and "PostgreSQL" in local.stderr
    bad = _cli("--db", team.url, "team", "add-user", "proofreel_x", "--role", "viewer")
    assert bad.returncode == 1 and "cannot be a user name" in bad.stderr


def test_a_viewer_reads_and_every_write_is_refused_naming_the_role(team: Team) -> None:
    with team.open("viewer") as lib:
        assert lib.role == "viewer" and lib.read_only
        assert not lib.permissions.writes
        assert len(lib.load_transcript(team.project).lines) == 3
        review = ReviewStore(lib)
        with pytest.raises(NotPermittedError, match="You are a viewer on this library"):
            review.add_note(team.lines[1], "mine", "anyone")
        with pytest.raises(NotPermittedError, match="You are a viewer"):
            review.set_status([team.lines[1]], "flagged")


def test_a_commenter_writes_its_own_notes_and_highlights_only(team: Team) -> None:
    login = team.logins["commenter"]
    with team.open("commenter") as lib:
        assert lib.role == "commenter" and not lib.read_only
        assert lib.permissions.comment and not lib.permissions.edit
        review, edit = ReviewStore(lib), EditStore(lib)
        note = review.add_note(team.lines[1], "Check the name", "Preferences Name")
        assert note.author == login  # the server's login, whatever the UI said
        assert note.id is not None
        review.update_note(note.id, "Check the spelling")
        mark = review.add_highlight(team.lines[1], 0, 6, "name", "")
        assert mark.id is not None
        review.update_highlight(mark.id, note="who?")
        line, old = review.delete_highlight(mark.id)
        review.put_highlight(line, old)  # undo of its own delete
        line, gone = review.delete_note(note.id)
        review.put_note(line, gone)
        assert team.ed_note.id is not None
        with pytest.raises(NotPermittedError, match="You are a commenter on this library"):
            review.update_note(team.ed_note.id, "overwritten")
        with pytest.raises(NotPermittedError, match="only its author may change this note"):
            review.delete_note(team.ed_note.id)
        _line, reply = review.reply(team.ed_note.id, "I checked: it is right", "")  # its own
        assert reply.author == login
        with pytest.raises(NotPermittedError, match="commenter"):
            review.resolve(team.ed_note.id, "")  # resolving changes ed's note: not its own
        with pytest.raises(NotPermittedError, match="commenter"):
            edit.set_text(team.lines[1], "Thanks, so glad to be here.")
        with pytest.raises(NotPermittedError, match="commenter"):
            edit.set_times(team.lines[1], 1500, 4100)
        with pytest.raises(NotPermittedError, match="commenter"):
            review.set_status([team.lines[1]], "flagged")
        with pytest.raises(NotPermittedError, match="commenter"):
            AudioMarksStore(lib).keep(team.project, "tiny.en", "en", "[]")
        lib.touch_opened(team.project)  # opening a project still works
    with Library.open(team.url) as owner:
        lines = owner.load_transcript(team.project).lines
        assert lines[0].notes[0].body == "Typo fixed"  # ed's note is untouched
        assert [(n.author, n.body) for n in lines[1].notes] == [(login, "Check the spelling")]
        assert [(h.tag, h.note) for h in lines[1].highlights] == [("name", "who?")]
        assert lines[1].text == "Thanks, glad to be here." and lines[1].status == "approved"


def test_an_editor_corrects_and_restructures_but_sets_no_status(team: Team) -> None:
    with team.open("editor") as lib:
        assert lib.role == "editor" and not lib.permissions.review
        review, edit = ReviewStore(lib), EditStore(lib)
        lib.load_transcript(team.project)
        edit.set_text(team.lines[0], "Welcome back to our show.")  # moves ed's highlights
        edit.set_times(team.lines[1], 1500, 4100)
        edit.set_speaker([team.lines[2]], "ANNA")
        AudioMarksStore(lib).keep(team.project, "tiny.en", "en", "[]")  # a second opinion
        first = lib.load_transcript(team.project).lines[0]
        halves = [
            Line(0, 700, "Welcome back", speaker="ANNA", notes=first.notes),
            Line(700, 1500, "to our show.", speaker="ANNA"),
        ]
        removed, added = edit.replace_lines(team.project, [team.lines[0]], 0, halves)
        assert len(added) == 2 and removed[0].notes[0].author == "ed"
        with pytest.raises(NotPermittedError, match="You are an editor on this library"):
            review.set_status([team.lines[1]], "flagged")
        assert team.ed_note.id is not None
        with pytest.raises(NotPermittedError, match="editor"):
            review.delete_note(added[0].notes[0].id or 0)
    with Library.open(team.url) as owner:
        lines = owner.load_transcript(team.project).lines
        assert [line.text for line in lines[:2]] == ["Welcome back", "to our show."]
        assert lines[0].notes[0].author == "ed"  # a split keeps the note's author
        assert lines[2].end_ms == 4100 and lines[3].speaker == "ANNA"
        assert lines[2].status == "approved"


def test_an_approver_sets_statuses(team: Team) -> None:
    with team.open("approver") as lib:
        assert lib.role == "approver"
        assert lib.permissions.review and lib.permissions.edit and lib.permissions.comment
        ReviewStore(lib).set_status([team.lines[0], team.lines[2]], "approved")
        EditStore(lib).set_text(team.lines[2], "Let us start.")
    with Library.open(team.url) as owner:
        lines = owner.load_transcript(team.project).lines
        assert lines[0].status == "approved" and lines[2].text == "Let us start."
        # Line 2 came flagged: the import's flag is another reviewer's, and it stands.
        state, marks = ReviewStore(owner).line_marks("", line_ids=[team.lines[2]])[team.lines[2]]
        assert state == "flagged" and marks.approvers == (team.logins["approver"],)


def test_row_level_security_at_the_server_with_set_role(team: Team) -> None:
    """Past the app: SET ROLE on a plain connection, the statements a client could send."""
    with psycopg.connect(
        host=str(team.server.socket_dir), dbname=team.database, user="postgres"
    ) as conn:
        conn.execute(f"SET ROLE {team.logins['commenter']}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # others' notes: not its own
            conn.execute("UPDATE notes SET body = 'mine now' WHERE author = 'ed'")
        conn.rollback()
        conn.execute(f"SET ROLE {team.logins['commenter']}")
        hidden = conn.execute("DELETE FROM notes WHERE author = 'ed'")
        assert hidden.rowcount == 0  # a delete does not even find them
        mine = team.logins["commenter"]
        conn.execute(
            "INSERT INTO notes (line_id, author, body, created_at, updated_at) "
            "VALUES (%s, %s, 'my own', '', '')",
            (team.lines[1], mine),
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="author's own name"):
            conn.execute("UPDATE notes SET author = 'ed' WHERE author = %s", (mine,))
        conn.rollback()
        conn.execute(f"SET ROLE {mine}")
        assert conn.execute("SELECT count(*) FROM notes").fetchone() == (1,)  # but it reads them
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO notes (line_id, author, body, created_at, updated_at) "
                "VALUES (%s, 'ed', 'forged', '', '')",
                (team.lines[1],),
            )
        conn.rollback()
        conn.execute(f"SET ROLE {team.logins['editor']}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE lines SET status = 'approved'")
        conn.rollback()
        conn.execute(f"SET ROLE {team.logins['approver']}")
        done = conn.execute("UPDATE lines SET status = 'approved' WHERE id = %s", (team.lines[2],))
        assert done.rowcount == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM projects")


def test_db_upgrade_gives_the_team_grants_again(team: Team) -> None:
    """A table a later schema adds has no grants yet: db upgrade gives them (here, one taken
    away stands for it)."""
    team.server.admin("REVOKE SELECT ON tags FROM proofreel_viewer", database=team.database)
    done = _cli("--db", team.url, "db", "upgrade")
    assert done.returncode == 0, done.stderr
    assert "team roles: grants and policies given again" in done.stdout
    with team.open("viewer") as lib:
        assert "Quote" in [tag.name for tag in ReviewStore(lib).list_tags()]  # read again


def test_a_project_limited_to_its_members_is_hidden_from_the_rest_of_the_team(team: Team) -> None:
    editor, approver = team.logins["editor"], team.logins["approver"]
    with Library.open(team.url) as owner:
        other = owner.create_project(sample_transcript(), media_path=None, transcript_path="/o")
    done = _cli("--db", team.url, "team", "limit", str(team.project), editor)
    assert done.returncode == 0, done.stderr
    assert f"project {team.project}: only {editor}" in done.stdout
    listed = _cli("--db", team.url, "team", "list")
    assert f"project {team.project}\tonly {editor}" in listed.stdout
    with team.open("editor") as lib:  # a member: sees it and works on it
        assert {p.id for p in lib.list_projects()} == {team.project, other}
        EditStore(lib).set_text(team.lines[2], "Let us begin.")
    with team.open("approver") as lib:  # not a member: the project is not there for it
        assert [p.id for p in lib.list_projects()] == [other]
        with pytest.raises(LookupError):
            lib.load_transcript(team.project)
        with pytest.raises(LookupError):
            ReviewStore(lib).set_status([team.lines[2]], "approved")
        with pytest.raises(LookupError):
            ReviewStore(lib).add_note(team.lines[2], "sneaking in", "")
        assert len(lib.load_transcript(other).lines) == 3
    with Library.open(team.url) as owner:  # the owner sees everything, unchanged by the rest
        lines = owner.load_transcript(team.project).lines
        assert lines[2].text == "Let us begin." and lines[2].status == "flagged"
        assert [n.body for n in lines[2].notes] == []
    stranger = _cli("--db", team.url, "team", "limit", str(other), "nobody_here")
    assert stranger.returncode == 1 and "Not users of this team: nobody_here" in stranger.stderr
    opened = _cli("--db", team.url, "team", "open", str(team.project))
    assert opened.returncode == 0 and "open to the team" in opened.stdout
    with team.open("approver") as lib:
        assert {p.id for p in lib.list_projects()} == {team.project, other}
    assert approver not in listed.stdout.splitlines()[-1]


def test_team_init_on_an_older_schema_says_to_upgrade_first(team: Team) -> None:
    team.server.admin(
        "UPDATE alembic_version SET version_num = '0009_subtitle_rules'", database=team.database
    )
    done = _cli("--db", team.url, "team", "init")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "0009_subtitle_rules" in done.stderr and "db upgrade first" in done.stderr
