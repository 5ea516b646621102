"""Progress of a job: stage, percent, message, elapsed and estimated remaining time."""

import time
from collections.abc import Callable
from dataclasses import dataclass

from engine.errors import JobCancelled

# Share of the whole job each stage takes, as (start, end) percent, from the stage times of
# the synthetic benchmark (BENCHMARKS.md) between 10,000 and 1,000,000 records per file.
# Normalising includes making the blocking keys (engine.mapping_lanes).
STAGES = {
    "loading": (0, 14),
    "normalising": (14, 55),
    "blocking": (55, 70),
    "scoring": (70, 85),
    "selecting": (85, 93),
    "writing": (93, 100),
}


@dataclass
class Progress:
    stage: str
    percent: float
    message: str
    elapsed: float
    remaining: float | None


class ProgressTracker:
    """Turns (stage, fraction) into Progress events and checks for cancellation at each one."""

    def __init__(self, callback: Callable[[Progress], None] | None = None,
                 should_cancel: Callable[[], bool] | None = None):
        self.callback = callback
        self.should_cancel = should_cancel
        self.started = time.monotonic()
        self.stage_starts: dict[str, float] = {}

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def report(self, stage: str, fraction: float, message: str) -> None:
        """Send one progress event; raise JobCancelled if the job was cancelled meanwhile."""
        self.check_cancelled()
        start, end = STAGES[stage]
        self.stage_starts.setdefault(stage, self.elapsed)
        percent = round(start + (end - start) * min(max(fraction, 0.0), 1.0), 1)
        elapsed = self.elapsed
        remaining = elapsed * (100 - percent) / percent if percent >= 1 else None
        if self.callback:
            self.callback(Progress(stage, percent, message, round(elapsed, 2),
                                   None if remaining is None else round(remaining, 1)))

    def stage_seconds(self) -> dict[str, float]:
        """Return the seconds from each stage's first report to the next stage's, or to now."""
        starts = sorted(self.stage_starts.items(), key=lambda item: item[1])
        ends = [started for _, started in starts[1:]] + [self.elapsed]
        return {stage: round(end - started, 2) for (stage, started), end in zip(starts, ends)}

    def check_cancelled(self) -> None:
        if self.should_cancel and self.should_cancel():
            raise JobCancelled("The job was cancelled; no result was kept")
