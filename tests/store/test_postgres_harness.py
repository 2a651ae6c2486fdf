"""The test session's own PostgreSQL: in CI a missing server fails the run, it never skips."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

INNER = """
import tests.helpers.postgres as harness

harness.pg_bin_dir = lambda: None  # as on a machine without the postgresql package

pytest_plugins = ["tests.helpers.postgres"]
"""

TEST = """
def test_needs_the_server(postgres_url):
    assert postgres_url
"""


@pytest.mark.parametrize(("ci", "outcome"), [("true", "failed"), ("", "skipped")])
def test_a_missing_postgresql_fails_in_ci_and_skips_elsewhere(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, ci: str, outcome: str
) -> None:
    monkeypatch.setenv("CI", ci)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest(INNER)
    pytester.makepyfile(test_inner=TEST)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q", "-rs")
    result.assert_outcomes(**{("errors" if outcome == "failed" else outcome): 1})
    if outcome == "failed":
        result.stdout.fnmatch_lines(["*PostgreSQL*required in CI but missing*"])
    else:
        result.stdout.fnmatch_lines(["*PostgreSQL*missing*"])
