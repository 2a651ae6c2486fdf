"""The headless verbs as a user types them: `proofreel [--db X] VERB ...`, in a real process
where it matters (exit status, stderr, no traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.__main__ import main
from tests.helpers.postgres import PostgresServer

DATA = Path(__file__).parent / "data"
NEWS = DATA / "news-page.txt"


def run(
    *args: str, env_db: str | Path | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = None
    if env_db is not None:
        import os

        env = {**os.environ, "PROOFREEL_DB": str(env_db)}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )


def test_convert_page_to_json_carries_lines_and_metadata(tmp_path: Path) -> None:
    out = tmp_path / "news.json"
    assert main(["convert", str(NEWS), str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "proofreel-transcript" and doc["version"] == 1
    assert len(doc["lines"]) == 61
    first = doc["lines"][0]
    assert (first["start_ms"], first["end_ms"], first["end_inferred"]) == (0, 26_000, True)
    assert first["status"] == "unreviewed" and first["notes"] == [] and first["highlights"] == []
    assert doc["metadata"]["category"] == "News"
    assert len(doc["metadata"]["tags"]) == 20


def test_convert_page_to_srt_and_back(tmp_path: Path) -> None:
    srt = tmp_path / "news.srt"
    back = tmp_path / "back.json"
    assert main(["convert", str(NEWS), str(srt)]) == 0
    assert srt.read_text(encoding="utf-8").startswith(
        "1\n00:00:00,000 --> 00:00:26,000\nAfter months"
    )
    assert main(["convert", str(srt), str(back)]) == 0
    assert len(json.loads(back.read_text(encoding="utf-8"))["lines"]) == 61


def test_bad_input_is_one_line_and_no_traceback(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("no stamps here at all\njust words\n", encoding="utf-8")
    result = run("convert", str(junk), str(tmp_path / "out.json"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.json").exists()

    missing = run("convert", str(tmp_path / "nope.srt"), str(tmp_path / "out.json"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert "nope.srt" in missing.stderr


def test_unknown_output_format_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(NEWS), str(tmp_path / "out.xyz")]) == 1
    assert "--to" in capsys.readouterr().err
    assert not (tmp_path / "out.xyz").exists()


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty libraries on one back end, as typed after --db: SQLite files, or two fresh
    databases on the test session's PostgreSQL server (the verbs must work the same on both)."""
    if request.param == "sqlite":
        yield str(tmp_path / "lib.sqlite3"), str(tmp_path / "other.sqlite3")
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    urls = server.fresh_database(), server.fresh_database()
    yield urls
    for url in urls:
        server.drop(url)


def test_import_list_export_round_trip(
    databases: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, db2 = databases
    media = tmp_path / "news.mp4"
    media.write_bytes(b"")
    assert (
        main(["--db", str(db), "import", str(NEWS), "--media", str(media), "--title", "Talks"]) == 0
    )
    project = int(capsys.readouterr().out.strip())

    assert main(["--db", str(db), "list"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split("\t") == ["id", "title", "media", "lines"]
    assert listing[1].split("\t") == [str(project), "Talks", str(media), "61"]

    first = tmp_path / "first.json"
    assert main(["--db", str(db), "export", str(project), "--to", "json", "-o", str(first)]) == 0
    # Importing the export into a fresh library and exporting again gives the same file.
    assert main(["--db", str(db2), "import", str(first)]) == 0
    again_id = capsys.readouterr().out.strip()
    second = tmp_path / "second.json"
    assert main(["--db", str(db2), "export", again_id, "--to", "json", "-o", str(second)]) == 0
    assert second.read_bytes() == first.read_bytes()

    # In the same library the ids are taken: a second copy gets new ids, the same content.
    assert main(["--db", str(db), "import", str(first)]) == 0
    copy_id = capsys.readouterr().out.strip()
    third = tmp_path / "third.json"
    assert main(["--db", str(db), "export", copy_id, "--to", "json", "-o", str(third)]) == 0
    a, b = json.loads(first.read_text()), json.loads(third.read_text())
    assert [line["id"] for line in a["lines"]] != [line["id"] for line in b["lines"]]
    without_ids = lambda doc: [{k: v for k, v in x.items() if k != "id"} for x in doc["lines"]]  # noqa: E731
    assert without_ids(a) == without_ids(b)


def test_environment_chooses_the_library(databases: tuple[str, str]) -> None:
    db, other = databases
    result = run("import", str(NEWS), env_db=db)
    assert result.returncode == 0, result.stderr
    listed = run("list", env_db=db)
    assert "news-page" in listed.stdout
    assert "news-page" not in run("list", env_db=other).stdout  # that library, no other


def test_unknown_project_is_a_clear_error(databases: tuple[str, str], tmp_path: Path) -> None:
    result = run("--db", databases[0], "export", "42", "-o", str(tmp_path / "x.json"))
    assert result.returncode == 1
    assert "42" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# What a verb loads decides how fast it starts: these check what each command imports, in a
# fresh process, as the user would run it (the speed itself is bench/bench_cli.py's figure).
HEAVY = ("sqlalchemy", "alembic", "PySide6", "vlc", "docx", "charset_normalizer", "app.store")


def loaded_by(argv: list[str]) -> tuple[int, str, list[str]]:
    """Exit status, stdout and the heavy modules loaded when `proofreel ARGV` runs."""
    code = (
        "import contextlib, io, json, sys\n"
        "from app.__main__ import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n"
        f"        status = main({argv!r})\n"
        "    except SystemExit as stop:\n"
        "        status = stop.code or 0\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r} or m.startswith('app.store'))\n"
        "print(json.dumps([status, out.getvalue(), heavy]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    status, out, heavy = json.loads(result.stdout.splitlines()[-1])
    return status, out, heavy


def test_convert_loads_no_database_qt_vlc_or_docx(tmp_path: Path) -> None:
    out = tmp_path / "news.vtt"
    status, _, heavy = loaded_by(["convert", str(NEWS), str(out)])
    assert status == 0
    assert out.read_text(encoding="utf-8").startswith("WEBVTT")
    assert heavy == []


def test_version_and_help_load_nothing_heavy() -> None:
    status, out, heavy = loaded_by(["--version"])
    assert (status, out.strip(), heavy) == (0, "proofreel 0.1.0", [])
    status, out, heavy = loaded_by(["--help"])
    assert status == 0 and "convert" in out and heavy == []
    # A library verb's help and usage errors answer before the store (~0.3 s) is loaded.
    for verb in ("convert", "import", "list", "export", "check-db", "backup"):
        status, out, heavy = loaded_by([verb, "--help"])
        assert status == 0 and out.startswith(f"usage: proofreel {verb}") and heavy == [], verb


def test_help_lists_every_verb_and_each_verb_explains_itself() -> None:
    from app.cli import VERBS

    top = run("--help")
    assert top.returncode == 0
    for name, (_, summary) in VERBS.items():
        assert f"  {name}" in top.stdout and summary in top.stdout
        own = run(name, "--help")
        assert own.returncode == 0, own.stderr
        assert own.stdout.startswith("usage: proofreel ") and f" {name} " in own.stdout
        assert "Traceback" not in own.stderr


def test_a_value_of_db_named_like_a_verb_is_not_the_verb(tmp_path: Path) -> None:
    # --db list names a library file called "list" in the working folder.
    result = run("--db", "list", "import", str(NEWS), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "list").is_file()


def test_no_verb_or_an_unknown_one_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main as verbs

    assert verbs(["frobnicate"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "convert" in err and "frobnicate" in err


def test_bad_usage_of_a_verb_exits_2_naming_the_verb() -> None:
    result = run("convert", "only-one-file.srt")
    assert result.returncode == 2
    assert result.stderr == (
        "proofreel convert: the following arguments are required: OUTPUT "
        "(see: proofreel convert --help)\n"
    )
    result = run("--no-such-option")
    assert result.returncode == 2
    assert result.stderr == (
        "proofreel: unrecognized arguments: --no-such-option (see: proofreel --help)\n"
    )


def test_an_unwritable_output_is_named_as_typed_not_as_a_temporary_file(tmp_path: Path) -> None:
    result = run("convert", str(NEWS), str(tmp_path / "gone" / "news.srt"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"proofreel convert: cannot write {tmp_path / 'gone' / 'news.srt'}: "
        f"the folder {tmp_path / 'gone'} does not exist"
    )


def test_a_folder_or_a_pipe_is_never_replaced_by_the_output(tmp_path: Path) -> None:
    import os
    import stat

    folder = tmp_path / "out.srt"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    result = run("convert", str(NEWS), str(folder))
    assert result.returncode == 1
    assert result.stderr.strip().endswith("it is a folder")
    assert (folder / "keep.txt").read_text(encoding="utf-8") == "mine"

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = run("convert", str(NEWS), str(pipe), "--to", "srt")
    assert result.returncode == 1 and "not a regular file" in result.stderr
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_formats_convert_cannot_write_are_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.srt"
    assert main(["convert", str(NEWS), str(out), "--to", "docx"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("proofreel convert: cannot write the format 'docx'") and "srt" in err
    assert not out.exists()


def test_a_bug_in_a_verb_is_one_line_and_its_traceback_goes_to_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import app.cli.convert

    def broken(*_: object) -> None:
        raise ZeroDivisionError("division by zero\nsecond row")

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(app.cli.convert, "read_path", broken)
    assert main(["convert", str(NEWS), str(tmp_path / "out.srt")]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "unexpected error (ZeroDivisionError: division by zero)" in err
    log = tmp_path / "state" / "proofreel" / "log" / "errors.log"
    assert str(log) in err
    assert "Traceback" in log.read_text(encoding="utf-8")
    assert not (tmp_path / "out.srt").exists()


def test_ctrl_c_is_one_line_and_status_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import app.cli.convert

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(app.cli.convert, "read_path", interrupted)
    assert main(["convert", str(NEWS), str(tmp_path / "out.srt")]) == 130
    assert capsys.readouterr().err.strip() == (
        "proofreel convert: interrupted; no file was left half-written"
    )


def test_db_may_come_after_the_verb_too(tmp_path: Path) -> None:
    db = tmp_path / "after.sqlite3"
    imported = run("import", str(NEWS), "--db", str(db))
    assert imported.returncode == 0, imported.stderr
    listed = run("list", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[1].split("\t")[:2] == [imported.stdout.strip(), "news-page"]
    before = run("--db", str(db), "list")
    assert before.stdout == listed.stdout


def test_a_reader_that_stops_early_gets_no_complaint(tmp_path: Path) -> None:
    """`proofreel list | head -0`: the pipe closes before the rows are written."""
    import os

    db = tmp_path / "lib.sqlite3"
    assert run("--db", str(db), "import", str(NEWS)).returncode == 0
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    read, write = os.pipe()
    os.close(read)  # nobody reads: the first write fails with EPIPE
    try:
        result = subprocess.run(
            [sys.executable, "-m", "app", "--db", str(db), "list"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
        )
    finally:
        os.close(write)
    assert result.stderr == ""
    assert result.returncode == 1


@pytest.mark.parametrize(("rows", "said"), [(1, "1 import issue and"), (2, "2 import issues and")])
def test_strict_convert_counts_its_issues(tmp_path: Path, rows: int, said: str) -> None:
    cues = "".join(f"00:00:0{i}.000 --> 00:00:0{i}.900\nWord\0 {i}\n\n" for i in range(1, rows + 1))
    source = tmp_path / "nul.vtt"
    source.write_text("WEBVTT\n\n" + cues, encoding="utf-8")
    result = run("convert", "--strict", str(source), str(tmp_path / "out.json"))
    assert result.returncode == 1
    assert said in result.stderr.splitlines()[-1] and "(s)" not in result.stderr


@pytest.mark.parametrize(("orphans", "said"), [(1, "1 problem found in"), (2, "2 problems found")])
def test_check_db_counts_its_problems(tmp_path: Path, orphans: int, said: str) -> None:
    import sqlite3

    from app.store.library import Library

    db = tmp_path / "lib.sqlite3"
    Library.open(str(db)).close()
    conn = sqlite3.connect(db)  # foreign keys are off on a bare connection: orphans go in
    conn.executemany(
        "INSERT INTO notes (line_id, body, created_at, updated_at) VALUES (?, 'x', '', '')",
        [(424242 + n,) for n in range(orphans)],
    )
    conn.commit()
    conn.close()
    result = run("--db", str(db), "check-db")
    assert result.returncode == 1
    assert said in result.stderr.splitlines()[-1]
