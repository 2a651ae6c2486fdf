"""Where the library lives: --db, PROOFREEL_DB, the default, and any SQLAlchemy URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.store import engine as store_engine
from app.store.engine import default_db_path, resolve_url, sqlite_file
from app.store.library import Library


def test_env_var_is_used_when_no_argument(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("PROOFREEL_DB", str(target))
    assert resolve_url(None) == f"sqlite:///{target}"
    # An explicit argument wins over the environment.
    assert resolve_url(str(tmp_path / "arg.db")) == f"sqlite:///{tmp_path / 'arg.db'}"


def test_plain_relative_path_becomes_absolute(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_url("lib.sqlite3") == f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    assert sqlite_file(resolve_url("lib.sqlite3")) == tmp_path / "lib.sqlite3"


def test_sqlalchemy_urls_pass_through() -> None:
    for url in ("sqlite://", "sqlite:////abs/x.db", "postgresql+psycopg://u:p@host/db"):
        assert resolve_url(url) == url
    assert sqlite_file("sqlite://") is None
    assert sqlite_file("postgresql+psycopg://u@h/db") is None


def test_default_is_in_user_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PROOFREEL_DB", raising=False)
    data = tmp_path / "data" / "proofreel"
    monkeypatch.setattr(store_engine.platformdirs, "user_data_dir", lambda *a, **k: str(data))
    assert default_db_path() == data / "library.sqlite3"
    assert data.is_dir()  # created, so SQLite can make the file
    assert resolve_url(None) == f"sqlite:///{data / 'library.sqlite3'}"


def test_library_open_honours_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "env.sqlite3"
    monkeypatch.setenv("PROOFREEL_DB", str(target))
    with Library.open(None) as lib:
        assert lib.path == target
    assert target.exists()


def test_in_memory_url_works_without_a_path() -> None:
    with Library.open("sqlite://") as lib:
        assert lib.path is None
        assert lib.list_projects() == []
