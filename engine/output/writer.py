"""Write one DuckDB relation to a file in one of the output formats."""

import logging
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import duckdb

from engine.output.atomic import atomic_target
from engine.output.csv_writer import write_csv
from engine.output.formats import FORMATS
from engine.output.json_writer import write_json
from engine.output.parquet_writer import write_parquet
from engine.output.source import Source, resolve_source
from engine.output.xlsx_writer import write_xlsx

logger = logging.getLogger(__name__)

WRITERS: dict[str, Callable[[Source, Path, int], int]] = {
    "json": write_json,
    "csv": write_csv,
    "xlsx": write_xlsx,
    "parquet": write_parquet,
}


def write_relation(con: duckdb.DuckDBPyConnection, relation: str, path: Path, fmt: str, *,
                   columns: list[str] | None = None, batch_rows: int = 100_000) -> int:
    """Write the rows of `relation` to `path` in `fmt`; return the number of rows written.

    `relation` is a table or view name chosen by the engine, and `columns` picks and orders
    its columns (None: all, in table order). The file appears complete or not at all: it is
    written under a temporary name in the same folder and then renamed with os.replace.

    Raises ValueError for an unknown format, column or batch size, FileNotFoundError for a
    missing output folder, and OutputError when the rows do not fit the format. A DuckDB
    error raised while rows stream, such as a failing view, reaches the caller as OSError
    from the Arrow reader, with DuckDB's message.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Output format {fmt!r} is not supported; use one of {list(FORMATS)}.")
    if batch_rows < 1:
        raise ValueError(f"batch_rows is {batch_rows}; pass a positive number of rows per batch.")

    path = Path(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(f"Output folder {str(path.parent)!r} not found; create it before "
                                f"writing {path.name!r}.")

    source = resolve_source(con, relation, columns)
    started = time.perf_counter()
    with atomic_target(path) as target:
        rows = WRITERS[fmt](source, target, batch_rows)

    logger.info("wrote %d rows of %s as %s in %.2f s", rows, relation, fmt,
                time.perf_counter() - started)
    return rows


@dataclass(frozen=True)
class Target:
    """One relation to write, where, and which of its columns."""

    relation: str
    path: Path
    columns: list[str] | None = None


def write_relations(con: duckdb.DuckDBPyConnection, targets: list[Target], fmt: str, *,
                    threads: int, on_written: Callable[[Target, int], None]) -> None:
    """Write each target as write_relation does, up to `threads` at once.

    Each write runs its query on its own cursor, so the largest result (the matched pairs)
    is written while the others are. `on_written` is called in this thread as each file is
    done, with its row count. The first error is raised once the writes under way end, and
    the writes not yet started are dropped.
    """
    def write(target: Target) -> int:
        with con.cursor() as cursor:
            return write_relation(cursor, target.relation, target.path, fmt, columns=target.columns)

    with ThreadPoolExecutor(max(1, threads), thread_name_prefix="moslik-writer") as pool:
        waiting = {pool.submit(write, target): target for target in targets}
        try:
            while waiting:
                done, _ = wait(waiting, return_when=FIRST_COMPLETED)
                for future in done:
                    on_written(waiting.pop(future), future.result())
        finally:
            for future in waiting:
                future.cancel()
