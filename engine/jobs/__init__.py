"""Running matches outside the server's event loop: worker processes, progress and cancellation."""

from engine.jobs.runner import JobRunner

__all__ = ["JobRunner"]
