"""The change-log reader's window: nothing is missed when seqs commit out of order."""

from __future__ import annotations

from app.core.seq_window import SeqWindow


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_in_order_seqs_move_the_floor() -> None:
    window = SeqWindow(5)
    assert window.unseen([6, 7]) == [6, 7]
    window.take([6, 7])
    assert window.floor == 7
    assert not window.waiting


def test_a_late_commit_under_a_seen_seq_is_still_taken() -> None:
    window = SeqWindow(9)
    window.take(window.unseen([11]))  # 10 is not committed yet
    assert window.floor == 9 and window.waiting
    # read again from the floor: 11 is not taken twice, 10 is new once it commits
    assert window.unseen([10, 11]) == [10]
    window.take([10])
    assert window.floor == 11 and not window.waiting


def test_a_rolled_back_seq_is_given_up_after_the_wait() -> None:
    clock = Clock()
    window = SeqWindow(0, hole_wait_s=2.0, clock=clock)
    window.take([2])
    assert window.floor == 0
    clock.now = 3.0
    window.take([3])
    assert window.floor == 3 and not window.waiting
