"""When a supervisor (`strikewatch up`) starts a worker again, and when it gives up."""

from __future__ import annotations

from streams.process import EXIT_CRASHED, EXIT_STALLED, Restarts


def test_three_quick_crashes_in_a_row_end_the_restarts():
    restarts = Restarts(limit=3, quick=60)
    assert restarts.again(EXIT_CRASHED) and restarts.again(EXIT_CRASHED)
    assert not restarts.again(EXIT_CRASHED)


def test_a_worker_that_ran_a_while_starts_a_new_series():
    restarts = Restarts(limit=3, quick=60)
    assert restarts.again(EXIT_STALLED) and restarts.again(EXIT_STALLED)
    restarts.healthy_at -= 61  # the restarted worker then ran for more than a minute
    assert restarts.again(EXIT_STALLED) and restarts.in_a_row == 1


def test_other_exits_are_not_restarted():
    assert not Restarts().again(0) and not Restarts().again(1)
