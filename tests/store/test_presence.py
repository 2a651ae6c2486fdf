"""Presence on SQLite and PostgreSQL: a reviewer's lease is seen by the others (not by
themselves), renewing it moves it, it ends when dropped, and once run out nobody sees it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.store.library import Library
from app.store.presence import Lease, Presence
from tests.store.conftest import sample_transcript


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_a_lease_is_seen_by_the_others_until_dropped_or_run_out(
    reviewers: tuple[Library, ...],
) -> None:
    clock = Clock()
    ana_lib, ben_lib, _cy = reviewers
    project = ana_lib.create_project(sample_transcript(), media_path=None, transcript_path="/p")
    ana, ben = Presence(ana_lib, clock), Presence(ben_lib, clock)
    assert ben.others(project) == []
    ana.hold(project, 760_000, 785_000)
    seen = ben.others(project)
    assert [(lease.first_ms, lease.last_ms) for lease in seen] == [(760_000, 785_000)]
    assert seen[0].actor == ana.actor != ben.actor  # Library.actor: who holds it
    assert ana.others(project) == []  # nobody is shown their own lease
    ana.hold(project, 790_000, 800_000)  # renewed on other lines: still one lease
    assert [(x.first_ms, x.last_ms) for x in ben.others(project)] == [(790_000, 800_000)]
    ana.drop(project)
    assert ben.others(project) == []
    ana.hold(project, 1_000, 2_000, seconds=60)
    clock.now += timedelta(seconds=59)
    assert len(ben.others(project)) == 1
    clock.now += timedelta(seconds=2)  # not renewed: it has run out
    assert ben.others(project) == []


def test_two_reviewers_leases_are_listed_by_start(reviewers: tuple[Library, ...]) -> None:
    ana_lib, ben_lib, cy_lib = reviewers
    project = ana_lib.create_project(sample_transcript(), media_path=None, transcript_path="/p")
    Presence(ben_lib).hold(project, 5_000, 6_000)
    Presence(ana_lib).hold(project, 1_000, 3_000)
    found = Presence(cy_lib).others(project)
    assert [lease.first_ms for lease in found] == [1_000, 5_000]
    assert all(isinstance(lease, Lease) for lease in found)
