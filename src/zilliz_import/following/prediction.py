"""When a job will end, read from its state and percent, and when to look next: densely near that end only.

The server reports progress in bands (reference sheet, section 3): `Pending` 0-10, pre-import 10-40,
import 40-80, index building 80-90, then 100 when `Completed` (99 while a two-phase job waits for or
runs its commit). Within a band the percent moves steadily; between bands its speed changes. So the
end is predicted as the end of the current band at the speed seen within it, plus the bands still
ahead at the job's pace so far (`PACE`); a band whose speed grows is capped by that pace too, since
an early guess costs a poll or two and a late one costs lateness. Decisions only, without I/O or
clock: the caller says when each answer came.
"""

from __future__ import annotations

from dataclasses import dataclass

from zilliz_import.following.progress import AWAITING_COMMIT

PENDING, COMMITTING = "Pending", "Committing"
BAND_ENDS = (10, 40, 80, 90)  # Pending, pre-import, import, index building; past 90 the job is finishing
PACE = 1.0  # the bands ahead are guessed at this multiple of the job's pace so far (seconds per percent)
ROUNDING = 0.5  # percents are rounded down: half a step more than shown is done, on average
APPROACH = 0.65  # far from the predicted end, look again after this share of the time left to it
DEFAULT_LATENESS = 1.5  # seconds: the default budget for short jobs ...
LATENESS_SHARE = 0.015  # ... and for long ones this share of the time waited, when more


@dataclass(frozen=True)
class Seen:
    """One answer: when it came (the caller's clock) and the percent it gave."""

    at: float
    percent: int


def band_of(state: str, percent: int) -> int:
    """The band a job is in: 0 `Pending` ... 3 index building; `len(BAND_ENDS)` once past the last."""
    if state == PENDING:
        return 0
    return next((band for band, end in enumerate(BAND_ENDS) if percent < end), len(BAND_ENDS))


def lateness_budget(max_lateness: float | None, waited: float) -> float:
    """Seconds between looks near a predicted end: `max_lateness`, or by default 1.5 s or 1.5 % of `waited`.

    A share of the time waited keeps long jobs cheap: a one-hour job near its end is looked at about
    once a minute, a one-minute job every 1.5 s.
    """
    if max_lateness is not None:
        return max_lateness
    return max(DEFAULT_LATENESS, LATENESS_SHARE * waited)


class EndPrediction:
    """The earliest plausible end of one job, from the answers seen so far.

    Feed it every answer (`observe`); `end` is then the predicted end on the caller's clock, or None
    when the answers foretell nothing (no percent has moved yet, or the job waits for someone's commit).
    """

    def __init__(self) -> None:
        self._first: Seen | None = None  # the job's pace is measured from the first answer ...
        self._band_first: Seen | None = None  # ... and the band's speed from the first answer in it
        self._last: Seen | None = None
        self._before: Seen | None = None  # the answer before the last one that moved the percent
        self._band = -1
        self._state = ""

    def observe(self, at: float, state: str, percent: int) -> None:
        """Take one answer that came at `at`."""
        seen = Seen(at, percent)
        band = band_of(state, percent)
        if self._first is None:
            self._first = seen
        if band != self._band:
            self._band, self._band_first, self._before = band, seen, None
        elif self._last is not None and percent != self._last.percent:
            self._before = self._last
        self._last, self._state = seen, state

    @property
    def band(self) -> int:
        """The band of the last answer (-1 before any)."""
        return self._band

    @property
    def pace(self) -> float | None:
        """Seconds per percent since the first answer; None while the percent has not moved."""
        first, last = self._first, self._last
        if first is None or last is None or last.percent <= first.percent:
            return None
        return (last.at - first.at) / (last.percent - first.percent)

    @property
    def end(self) -> float | None:
        """When the job ends at the earliest, as far as its answers tell; None when they tell nothing."""
        last, pace = self._last, self.pace
        if last is None or self._state == AWAITING_COMMIT:
            return None  # at `Uncommitted` nothing moves until someone commits: no percent says when
        if self._state == COMMITTING or self._band == len(BAND_ENDS):
            return last.at  # finishing: the end may come at any moment
        if pace is None:
            return None
        high = BAND_ENDS[self._band]
        # The percent is rounded down: one more may already be done, so the band's end may be one step nearer.
        left = max(0.0, high - last.percent - ROUNDING)
        # A band's speed may grow (files starting one after another): the job's pace so far caps its guess.
        speed = self._band_speed()
        band_left = left * pace * PACE if speed is None else min(left / speed, left * pace * PACE)
        return last.at + band_left + (BAND_ENDS[-1] - high) * pace * PACE

    def _band_speed(self) -> float | None:
        """Percent per second within the current band, at the fastest the rounded answers allow.

        Both since the band's first answer and over the last step: a band whose speed grows (files
        that start one after another) is then not predicted late.
        """
        speeds = [_speed(start, self._last) for start in (self._band_first, self._before)]
        return max((speed for speed in speeds if speed is not None), default=None)

    def next_look(self, now: float, budget: float) -> float | None:
        """Seconds until the next look: `budget` within it of the predicted end (or past it), else a share of the way.

        Returns:
            The interval, or None when nothing is predicted (the caller keeps its own schedule).
        """
        end = self.end
        if end is None:
            return None
        # Shortening the way to the end by a share per look reaches it in a few looks, each correcting it;
        # past it (the prediction missed) every look is `budget` apart until the end comes or a new prediction.
        return max(budget, APPROACH * (end - now))


def _speed(start: Seen | None, last: Seen | None) -> float | None:
    if start is None or last is None or last.percent <= start.percent or last.at <= start.at:
        return None
    return (last.percent - start.percent + ROUNDING) / (last.at - start.at)
