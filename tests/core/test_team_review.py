"""The team's state from each reviewer's mark, by the done rule (app.core.team_review)."""

from __future__ import annotations

from app.core.team_review import LineMarks, approvals_needed, normalise_rule, team_status


def test_a_flag_wins_and_the_rule_says_how_many_approvals_make_a_line_done() -> None:
    assert team_status(approvals=3, flags=1, rule="two") == "flagged"
    assert team_status(approvals=1, flags=0, rule="any") == "approved"
    assert team_status(approvals=1, flags=0, rule="two") == "unreviewed"
    assert team_status(approvals=2, flags=0, rule="two") == "approved"
    assert team_status(approvals=0, flags=0, rule="any") == "unreviewed"


def test_an_unknown_rule_reads_as_one_approval() -> None:
    assert normalise_rule(" Two ") == "two" and approvals_needed("two") == 2
    assert normalise_rule("three") == "any" and normalise_rule(None) == "any"
    assert approvals_needed("from a newer Proofreel") == 1


def test_others_are_anyone_but_me_and_the_unknown_reviewer_of_older_marks() -> None:
    assert not LineMarks(approvers=("", "ana")).others_than("ana")
    assert LineMarks(approvers=("ana",), flaggers=("ben",)).others_than("ana")
    assert LineMarks().mine == "unreviewed"
