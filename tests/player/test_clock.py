"""The interpolated clock, driven by a hand-moved wall clock."""

from __future__ import annotations

import pytest

from app.player.clock import InterpolatedClock


class Wall:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t

    def advance(self, ms: float) -> None:
        self.t += ms / 1000.0


@pytest.fixture
def wall() -> Wall:
    return Wall()


@pytest.fixture
def clock(wall: Wall) -> InterpolatedClock:
    c = InterpolatedClock(now=wall)
    c.set_duration(60_000)
    return c


def test_stands_still_until_playing(clock: InterpolatedClock, wall: Wall) -> None:
    wall.advance(500)
    assert clock.time() == 0


def test_interpolates_between_backend_updates(clock: InterpolatedClock, wall: Wall) -> None:
    clock.update(1000)
    clock.set_playing(True)
    wall.advance(120)
    assert clock.time() == 1120
    wall.advance(130)
    assert clock.time() == 1250


def test_rate_scales_elapsed_time_from_the_change_on(clock: InterpolatedClock, wall: Wall) -> None:
    clock.set_playing(True)
    wall.advance(1000)
    clock.set_rate(0.5)
    wall.advance(1000)
    assert clock.time() == 1500
    clock.set_rate(2.0)
    wall.advance(100)
    assert clock.time() == 1700


def test_a_late_update_holds_the_clock_instead_of_going_back(
    clock: InterpolatedClock, wall: Wall
) -> None:
    clock.update(0)
    clock.set_playing(True)
    wall.advance(400)
    assert clock.time() == 400
    assert clock.update(300) is False  # backend 100 ms behind what we showed
    assert clock.time() == 400  # held, not pulled back
    wall.advance(60)
    assert clock.time() == 400  # still catching up (300 + 60)
    wall.advance(60)
    assert clock.time() == 420  # overtaken: runs again from the backend's truth


def test_late_update_holds_even_if_nobody_looked(clock: InterpolatedClock, wall: Wall) -> None:
    clock.set_playing(True)
    wall.advance(400)  # the UI did not poll: 400 was never shown, but could have been
    clock.update(300)
    assert clock.time() == 400


def test_an_early_update_jumps_forward(clock: InterpolatedClock, wall: Wall) -> None:
    clock.set_playing(True)
    wall.advance(250)
    clock.update(500)
    assert clock.time() == 500


def test_far_behind_update_is_a_resync(clock: InterpolatedClock, wall: Wall) -> None:
    clock.update(10_000)
    clock.set_playing(True)
    wall.advance(2_000)
    assert clock.update(5_000) is True  # e.g. the backend restarted: follow, and say so
    assert clock.time() == 5_000


def test_seek_goes_backwards_and_ignores_stale_reports(
    clock: InterpolatedClock, wall: Wall
) -> None:
    clock.update(20_000)
    clock.set_playing(True)
    clock.seek(3_000)
    assert clock.time() == 3_000
    wall.advance(50)
    clock.update(20_250)  # queued before the seek landed
    assert clock.time() == 3_050
    clock.update(3_050)
    wall.advance(30)
    assert clock.time() == 3_080


def test_stale_report_after_settle_time_counts_again(clock: InterpolatedClock, wall: Wall) -> None:
    clock.seek(3_000)
    wall.advance(InterpolatedClock.SEEK_SETTLE_S * 1000 + 1)
    clock.update(20_000)
    assert clock.time() == 20_000


def test_after_a_seek_vlc_restarting_its_outputs_does_not_jump_the_playhead(
    clock: InterpolatedClock, wall: Wall
) -> None:
    # Seen from libVLC 3 seeking while playing (under load): a report from the target, then
    # 0 and the old spot for about half a second, then the target again.
    clock.update(3_300)
    clock.set_playing(True)
    clock.seek(7_500)
    wall.advance(100)
    clock.update(7_500)
    for report in (0, 0, 3_556):
        wall.advance(150)
        assert clock.update(report) is False
        assert 7_500 <= clock.time() <= 8_100  # the playhead stays where the user sent it
    wall.advance(450)
    clock.update(7_820)
    assert 8_000 <= clock.time() <= 8_400


def test_a_zero_report_while_playing_far_in_is_no_time_yet(
    clock: InterpolatedClock, wall: Wall
) -> None:
    clock.update(20_000)
    clock.set_playing(True)
    wall.advance(250)
    assert clock.update(0) is False
    assert clock.time() == 20_250
    wall.advance(250)
    assert clock.update(250) is True  # the media really restarted: follow from the next report
    assert clock.time() == 250


def test_a_zero_report_on_the_first_tick_after_the_end_is_the_restart(
    clock: InterpolatedClock, wall: Wall
) -> None:
    clock.update(60_000)  # ended, Play again: VLC starts over from 0
    clock.update(0)
    clock.set_playing(True)
    wall.advance(100)
    assert clock.time() == 100


def test_pause_freezes_at_the_shown_value(clock: InterpolatedClock, wall: Wall) -> None:
    clock.set_playing(True)
    wall.advance(700)
    clock.update(600)
    clock.set_playing(False)
    wall.advance(5_000)
    assert clock.time() == 700
    clock.set_playing(True)
    wall.advance(100)
    assert clock.time() == 800


def test_clamped_to_duration(clock: InterpolatedClock, wall: Wall) -> None:
    clock.seek(59_900)
    clock.set_playing(True)
    wall.advance(1_000)
    assert clock.time() == 60_000
    clock.seek(90_000)
    assert clock.time() == 60_000


def test_no_duration_no_upper_clamp_and_never_negative(wall: Wall) -> None:
    clock = InterpolatedClock(now=wall)
    clock.seek(-50)
    assert clock.time() == 0
    clock.seek(5_000_000)
    assert clock.time() == 5_000_000


def test_reset_goes_back_to_zero_stopped(clock: InterpolatedClock, wall: Wall) -> None:
    clock.set_playing(True)
    wall.advance(3_000)
    clock.reset()
    wall.advance(1_000)
    assert (clock.time(), clock.playing, clock.duration) == (0, False, 0)


def test_monotonic_under_jittery_reports(clock: InterpolatedClock, wall: Wall) -> None:
    # Reports every ~250 ms, each up to 80 ms off the truth, polled every 20 ms.
    clock.set_playing(True)
    jitter = [0, -80, 40, -60, 80, -20, -80, 10]
    shown = []
    for step in range(200):
        wall.advance(20)
        true_ms = (step + 1) * 20
        if step % 12 == 0:
            clock.update(true_ms + jitter[(step // 12) % len(jitter)])
        shown.append(clock.time())
    assert shown == sorted(shown)
    assert abs(shown[-1] - 4000) <= 100


def test_rate_must_be_positive(clock: InterpolatedClock) -> None:
    with pytest.raises(ValueError):
        clock.set_rate(0)
