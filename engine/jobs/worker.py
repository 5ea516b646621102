"""The code that runs inside a job's worker process.

The process is started with the `spawn` method, so it shares nothing with the server but what
it is handed: a pipe end for messages and an event that requests cancellation. It sends
`("progress", dict)` messages, then exactly one final message: `("completed", summary)`,
`("failed", failure)` or `("cancelled", message)`.

A failure is `{"message": text, "errors": [record, ...]}`. The text is the English message the
job stores. Each record is `{"text", "key", "params"}` for one engine message (one per problem
of a ConfigError), so that a face can translate it from its catalogue. In `params`, a message
becomes a nested record, a list or tuple a list, and any value other than a string, a number or
None becomes its text. An internal error sends no records.
"""

import logging
import traceback
from dataclasses import asdict
from multiprocessing.connection import Connection
from pathlib import Path

from engine.errors import ConfigError, JobCancelled, Message, MoslikError

logger = logging.getLogger(__name__)


def run_job(connection: Connection, request: dict, cancel_event) -> None:
    """Run one match and report through `connection`; the worker process's target."""
    try:
        from engine.pipeline import (
            run_match,  # imported here so the server need not load it
        )

        summary = run_match(
            Path(request["file1"]), Path(request["file2"]), request["config"],
            job_dir=Path(request["job_dir"]), out_dir=Path(request["out_dir"]),
            progress=lambda update: connection.send(("progress", asdict(update))),
            should_cancel=cancel_event.is_set,
            display_names=tuple(request["display_names"]),
        )
    except JobCancelled:
        connection.send(("cancelled", "Processing cancelled successfully"))
    except ConfigError as exc:
        connection.send(("failed", failure("; ".join(exc.problems), exc.problems)))
    except MoslikError as exc:
        text = str(exc.args[0]) if exc.args else type(exc).__name__
        connection.send(("failed", failure(text, [Message(text, exc.key, exc.params)])))
    except Exception:  # noqa: BLE001 - any engine failure must end as a "failed" message
        # The stack trace stays in the worker's log; the client gets a message without it.
        logger.error("job %s failed:\n%s", request["job_id"], traceback.format_exc())
        message = (f"internal error in the matching engine (job {request['job_id']}); "
                   "the server log has the details")
        connection.send(("failed", failure(message, [])))
    else:
        connection.send(("completed", summary_record(summary, Path(request["out_dir"]))))
    finally:
        connection.close()


def summary_record(summary, out_dir: Path) -> dict:
    """Turn a MatchSummary into JSON-ready data; file paths become names inside `out_dir`."""
    files = {}
    for kind, path in summary.files.items():
        path = Path(path)
        files[kind] = str(path.relative_to(out_dir)) if path.is_relative_to(out_dir) else path.name
    return {"counts": dict(summary.counts), "files": files,
            "columns": {kind: list(names) for kind, names in summary.columns.items()},
            "elapsed": summary.elapsed, "notes": list(summary.notes)}


def failure(text: str, problems: list[str]) -> dict:
    """Build the payload of a `failed` message from the English text and the engine's messages."""
    return {"message": text, "errors": [error_record(problem) for problem in problems]}


def error_record(message: str | MoslikError) -> dict:
    """Turn a Message (or a MoslikError) into JSON-ready data with its catalogue key and params."""
    params = getattr(message, "params", {})
    return {"text": str(message), "key": getattr(message, "key", None),
            "params": {name: _json_value(value) for name, value in params.items()}}


def _json_value(value):
    if isinstance(value, Message | MoslikError):
        return error_record(value)
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    return str(value)
