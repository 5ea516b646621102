"""The rows to write: one DuckDB relation, a checked column list, streamed as Arrow batches."""

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from engine.db import quote_ident

# Rows converted to Python objects at a time. Python stores Cyrillic text at 2 bytes a
# character, so converting whole 100,000-row batches nearly doubled the JSON writer's peak
# memory (490 MB against 274 MB on 1,000,000 benchmark rows).
PYTHON_SLICE_ROWS = 10_000


@dataclass(frozen=True)
class Source:
    """A table or view of the connection and the columns to write from it, in output order."""

    con: duckdb.DuckDBPyConnection
    relation: str
    columns: tuple[str, ...]
    types: tuple[str, ...]

    def select_sql(self, expressions: list[str] | None = None) -> str:
        """Return SELECT text over the relation: the quoted columns, or `expressions` built from them."""
        items = expressions if expressions is not None else [quote_ident(c) for c in self.columns]
        return f"SELECT {', '.join(items)} FROM {quote_ident(self.relation)}"

    def count_rows(self) -> int:
        return self.con.execute(f"SELECT count(*) FROM {quote_ident(self.relation)}").fetchall()[0][0]

    @contextmanager
    def open_reader(self, batch_rows: int, sql: str | None = None) -> Iterator[pa.RecordBatchReader]:
        """Yield an Arrow reader over the rows of `sql` (default: the selected columns).

        DuckDB streams the rows in batches of about `batch_rows`. The reader holds the
        connection until it is closed, so it is closed however the block ends.
        """
        reader = self.con.sql(sql or self.select_sql()).to_arrow_reader(batch_rows)
        try:
            yield reader
        finally:
            reader.close()


def resolve_source(con: duckdb.DuckDBPyConnection, relation: str,
                   columns: list[str] | None) -> Source:
    """Check `columns` against the relation and return the Source to write.

    `relation` is one identifier in the connection's search path, chosen by the engine.
    None selects every column in table order.
    """
    described = con.sql(f"SELECT * FROM {quote_ident(relation)}")
    known = dict(zip(described.columns, (str(t) for t in described.types), strict=True))
    chosen = list(known) if columns is None else list(columns)
    _check_columns(relation, chosen, known)
    return Source(con, relation, tuple(chosen), tuple(known[c] for c in chosen))


def _check_columns(relation: str, chosen: list[str], known: dict[str, str]) -> None:
    if not chosen:
        raise ValueError(f"No columns to write from {relation!r}: pass None for all columns "
                         f"or a non-empty list of {list(known)}.")

    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise ValueError(f"Columns {unknown} not found in {relation!r}; "
                         f"the relation has {list(known)}.")

    repeated = sorted(c for c, count in Counter(chosen).items() if count > 1)
    if repeated:
        raise ValueError(f"Columns {repeated} are listed more than once; "
                         "list each column of the output once.")


def python_slices(batch: pa.RecordBatch) -> Iterator[pa.RecordBatch]:
    """Yield zero-copy slices of `batch` small enough to convert to Python objects."""
    for start in range(0, batch.num_rows, PYTHON_SLICE_ROWS):
        yield batch.slice(start, PYTHON_SLICE_ROWS)


def is_text(field: pa.Field) -> bool:
    """Return whether an Arrow field is text, in any of Arrow's string layouts."""
    kind = field.type
    return pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind)
