"""The code that runs inside a job's worker process.

The process is started with the `spawn` method, so it shares nothing with the server but what
it is handed: a pipe end for messages and an event that requests cancellation. It sends
`("progress", dict)` messages, then exactly one final message: `("completed", summary)`,
`("failed", message)` or `("cancelled", message)`.
"""

import logging
import traceback
from dataclasses import asdict
from multiprocessing.connection import Connection
from pathlib import Path

from engine.errors import ConfigError, JobCancelled, MoslikError

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
        connection.send(("failed", "; ".join(exc.problems)))
    except MoslikError as exc:
        connection.send(("failed", str(exc.args[0]) if exc.args else type(exc).__name__))
    except Exception:  # noqa: BLE001 - any engine failure must end as a "failed" message
        # The stack trace stays in the worker's log; the client gets a message without it.
        logger.error("job %s failed:\n%s", request["job_id"], traceback.format_exc())
        message = (f"internal error in the matching engine (job {request['job_id']}); "
                   "the server log has the details")
        connection.send(("failed", message))
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
