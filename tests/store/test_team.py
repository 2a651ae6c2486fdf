"""Team library, part 1: one shared library on a real PostgreSQL server (and the same promises on
SQLite): big media, concurrent structural edits, whole-library copies, media by identity, the
library verbs, and SQLite refused for writing on a network share."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.transcript import Line
from app.store import EditStore
from app.store.copying import copy_library
from app.store.errors import (
    NetworkFileSystemError,
    StoreError,
)
from app.store.library import Library
from app.store.media import MediaIdentity
from app.store.models import lines as lines_table
from app.store.review import ReviewStore
from tests.helpers.postgres import PostgresServer
from tests.store.conftest import sample_transcript

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, check=False, cwd=ROOT
    )


def test_a_3_gb_video_keeps_its_size(library: Library, library_url: str) -> None:
    project = library.create_project(
        sample_transcript(), media_path="/v/big.mp4", transcript_path="/b"
    )
    big = MediaIdentity(3 * 1024**3 + 7, "cd" * 32)  # past int4's 2 147 483 647
    library.record_media_identity(project, big)
    with Library.open(library_url) as other:
        assert other.media_identity(project) == big


def test_a_video_can_belong_to_two_projects_with_different_transcripts(library: Library) -> None:
    """The one-sided unique indexes are partial on PostgreSQL too (they were plain there)."""
    first = library.create_project(sample_transcript(), media_path="/v/a.mp4", transcript_path="/1")
    second = library.create_project(
        sample_transcript(), media_path="/v/a.mp4", transcript_path="/2"
    )
    assert first != second
    assert library.find_project("/v/a.mp4", "/2") == second


def _positions(library: Library, project: int) -> list[int]:
    with library.engine.connect() as conn:
        query = select(lines_table.c.position).where(lines_table.c.project_id == project)
        return sorted(conn.scalars(query))


def test_two_editors_change_structure_at_once_and_keep_every_line(library_url: str) -> None:
    """Two reviewers (two Library objects) insert and delete lines in one project at once:
    positions stay 0..n-1, each on one line, and every insert and delete is there."""
    with Library.open(library_url) as setup:
        project = setup.create_project(sample_transcript(), media_path=None, transcript_path="/t")
    rounds = 25
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def editor(who: str) -> None:
        try:
            with Library.open(library_url) as lib:
                edit = EditStore(lib)
                start.wait()
                for i in range(rounds):
                    # insert two lines at the top, then delete the second of them again
                    _removed, added = edit.replace_lines(
                        project,
                        [],
                        0,
                        [Line(0, 10, f"{who} {i}"), Line(0, 10, f"{who} {i} gone")],
                    )
                    gone = added[1].id
                    assert gone is not None
                    while True:  # the other may move it between our read and our write
                        try:
                            edit.replace_lines(project, [gone], edit.position_of(gone), [])
                            break
                        except ValueError as err:  # refused whole, nothing written: read again
                            assert "next to each other" in str(err)
        except BaseException as err:  # reported below, with the thread's failure
            errors.append(err)

    threads = [threading.Thread(target=editor, args=(who,)) for who in ("ana", "ben")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Library.open(library_url) as lib:
        texts = [line.text for line in lib.load_transcript(project).lines]
        assert _positions(lib, project) == list(range(3 + 2 * rounds))
    assert sorted(t for t in texts if t.startswith(("ana", "ben"))) == sorted(
        f"{who} {i}" for who in ("ana", "ben") for i in range(rounds)
    )
    assert texts[-3:] == [line.text for line in sample_transcript().lines]


def test_copy_sqlite_to_postgresql_and_back_is_identical(
    sqlite_library: Library, db_path: Path, postgres_server: PostgresServer, tmp_path: Path
) -> None:
    first = sqlite_library.create_project(
        sample_transcript(), media_path="/v/a.mp4", transcript_path="/a"
    )
    second = sqlite_library.create_project(
        sample_transcript(), media_path=None, transcript_path="/b"
    )
    sqlite_library.delete_project(second)  # a gap in the ids, and a used-up id
    third = sqlite_library.create_project(
        sample_transcript(), media_path=None, transcript_path="/c"
    )
    review = ReviewStore(sqlite_library)
    review.set_setting("keys.approve", "Ctrl+1")
    sqlite_library.record_media_identity(first, MediaIdentity(3 * 1024**3, "ef" * 32))
    sqlite_library.close()

    server_url = postgres_server.fresh_database(empty=True)
    back = tmp_path / "back.sqlite3"
    try:
        there = copy_library(str(db_path), server_url)
        assert there.rows["projects"] == 2 and there.rows["lines"] == 6
        copy_library(server_url, str(back))
        with (
            Library.open(str(db_path)) as a,
            Library.open(server_url) as b,
            Library.open(str(back)) as c,
        ):
            for lib in (b, c):
                assert [p.id for p in lib.list_projects()] == [p.id for p in a.list_projects()]
                for project in (first, third):
                    assert lib.load_transcript(project) == a.load_transcript(project)
                    assert lib.get_project(project) == a.get_project(project)
                assert ReviewStore(lib).list_tags() == ReviewStore(a).list_tags()
                assert ReviewStore(lib).get_setting("keys.approve") == "Ctrl+1"
                # ids are not handed out again after the copy either: the deleted one stays used
                fresh = lib.create_project(
                    sample_transcript(), media_path=None, transcript_path="/d"
                )
                assert fresh > third
        # an export of the copy that came back is byte-identical to the original's
        for name, db in (("a", db_path), ("c", back)):
            done = _cli(
                "--db",
                str(db),
                "export",
                str(first),
                "--to",
                "json",
                "-o",
                str(tmp_path / f"{name}.json"),
            )
            assert done.returncode == 0, done.stderr
        assert (tmp_path / "a.json").read_bytes() == (tmp_path / "c.json").read_bytes()
    finally:
        postgres_server.drop(server_url)


def test_copy_refuses_a_target_with_projects_and_leaves_no_file(
    library: Library, library_url: str, tmp_path: Path
) -> None:
    library.create_project(sample_transcript(), media_path=None, transcript_path="/x")
    with pytest.raises(StoreError, match="another library than its source"):
        copy_library(library_url, library_url)
    other = tmp_path / "other.sqlite3"
    with Library.open(str(other)) as lib:
        lib.create_project(sample_transcript(), media_path=None, transcript_path="/y")
    with pytest.raises(StoreError, match="exists"):
        copy_library(library_url, str(other))
    with pytest.raises(StoreError, match=r"already has projects|exists"):
        copy_library(str(other), library_url)
    target = tmp_path / "out" / "copy.sqlite3"
    with pytest.raises(StoreError, match="folder does not exist"):
        copy_library(library_url, str(target))
    assert not target.parent.exists()


# -- SQLite on a network share ------------------------------------------------------------------


def test_sqlite_on_a_network_share_is_read_only_and_points_to_postgresql(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library.open(str(db_path)) as lib:
        project = lib.create_project(sample_transcript(), media_path=None, transcript_path="/n")
    mounts = tmp_path / "mounts"
    mounts.write_text(
        f"/dev/sda1 / ext4 rw 0 0\nfileserver:/export {tmp_path} nfs4 rw,relatime 0 0\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("app.store.mounts.MOUNTS", mounts)
    before = db_path.read_bytes()
    with Library.open(str(db_path)) as lib:
        assert lib.read_only
        assert len(lib.load_transcript(project).lines) == 3  # reading works
        with pytest.raises(NetworkFileSystemError, match="network share") as refused:
            lib.rename_project(project, "changed")
        assert "PostgreSQL" in str(refused.value)
    assert db_path.read_bytes() == before


def test_a_local_disk_and_a_space_in_a_mount_point_are_told_apart(tmp_path: Path) -> None:
    from app.store.mounts import network_share

    share = tmp_path / "team share"
    share.mkdir()
    mounts = tmp_path / "mounts"
    escaped = str(share).replace(" ", "\\040")
    mounts.write_text(
        f"/dev/sda1 / ext4 rw 0 0\n//nas/team {escaped} cifs rw 0 0\nana@host:/x /mnt/x fuse.sshfs rw 0 0\n",
        encoding="utf-8",
    )
    assert network_share(share / "library.sqlite3", mounts) == "cifs"
    assert network_share(tmp_path / "library.sqlite3", mounts) is None
    assert network_share(Path("/mnt/x/library.sqlite3"), mounts) == "fuse.sshfs"


# -- media by identity, with a per-machine path map ---------------------------------------------


def test_two_machines_with_the_video_at_different_paths_open_the_same_project(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.store.importing import open_pair

    video = bytes(range(256)) * 9000  # the same file on both machines
    transcript = "1\n00:00:01,000 --> 00:00:02,000\nHello there.\n"
    machines = {}
    for name in ("ana", "ben"):
        home = tmp_path / name
        (home / "videos").mkdir(parents=True)
        (home / "videos" / "news.mp4").write_bytes(video)
        (home / "news.srt").write_text(transcript, encoding="utf-8")
        machines[name] = home

    def on(name: str) -> None:  # each machine has its own user data folder (its path map)
        monkeypatch.setenv("XDG_DATA_HOME", str(machines[name] / "data"))

    on("ana")
    with Library.open(postgres_url) as lib:
        first = open_pair(
            lib, machines["ana"] / "news.srt", machines["ana"] / "videos" / "news.mp4"
        )
        assert first.created
    on("ben")
    with Library.open(postgres_url) as lib:
        again = open_pair(
            lib, machines["ben"] / "news.srt", machines["ben"] / "videos" / "news.mp4"
        )
        assert not again.created and again.project_id == first.project_id
        assert again.transcript.media is not None
        assert again.transcript.media.path == str(machines["ben"] / "videos" / "news.mp4")
        # Ben moves his copy and relinks: his machine follows, Ana's path is untouched.
        moved = machines["ben"] / "archive.mp4"
        (machines["ben"] / "videos" / "news.mp4").rename(moved)
        lib.relink_media(first.project_id, moved)
        assert lib.get_project(first.project_id).media_path == str(moved)
    on("ana")
    with Library.open(postgres_url) as lib:
        assert lib.get_project(first.project_id).media_path == str(
            machines["ana"] / "videos" / "news.mp4"
        )
        assert [p.id for p in lib.list_projects()] == [first.project_id]  # one project, shared


def test_the_library_verbs_work_the_same_on_both_back_ends(
    library_url: str, tmp_path: Path
) -> None:
    news = ROOT / "tests" / "data" / "news-page.txt"
    imported = _cli("--db", library_url, "import", str(news), "--title", "Talks")
    assert imported.returncode == 0, imported.stderr
    project = imported.stdout.strip()
    listed = _cli("list", "--db", library_url)
    assert listed.returncode == 0 and f"{project}\tTalks\t-\t61" in listed.stdout
    out = tmp_path / "talks.srt"
    exported = _cli("--db", library_url, "export", project, "--to", "srt", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.read_text(encoding="utf-8").startswith(
        "1\n00:00:00,000 --> 00:00:26,000\nAfter months"
    )
    checked = _cli("--db", library_url, "check-db")
    assert checked.returncode == 0 and checked.stdout.strip() == "ok"
    missing = _cli("--db", library_url, "export", "4242", "-o", str(tmp_path / "x.json"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


def test_db_upgrade_refuses_an_sqlite_library_on_a_network_share(
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.cli import main as cli_main

    Library.open(str(db_path)).close()
    mounts = tmp_path / "mounts"
    mounts.write_text(f"//nas/team {tmp_path} cifs rw 0 0\n", encoding="utf-8")
    monkeypatch.setattr("app.store.mounts.MOUNTS", mounts)
    before = db_path.read_bytes()
    assert cli_main(["db", "upgrade"], db=str(db_path)) == 1
    said = capsys.readouterr().err.strip()
    assert "network share (cifs)" in said and "PostgreSQL" in said and "\n" not in said
    assert db_path.read_bytes() == before
