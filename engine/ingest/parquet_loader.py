"""Parquet reading with pyarrow, every column turned into text."""

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from engine.ingest.report import FileRejected


def read_parquet_table(path: Path, file_name: str) -> pa.Table:
    """Return the Parquet file as an Arrow table of strings, struct fields flattened to `a.b`.

    Values are cast with pyarrow: 25 gives "25", dates "2020-01-31", timestamps
    "2020-01-31 10:05:00.000000", booleans "true". Lists and maps, which have no cast to text,
    are written as JSON text.
    """
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise FileRejected(f"{file_name} could not be read as Parquet: {exc}. Write the file "
                            "again with a Parquet writer and use that copy.") from exc

    while any(pa.types.is_struct(field.type) for field in table.schema):
        table = table.flatten()
    columns = [_as_text(table.column(index)) for index in range(table.num_columns)]
    return pa.table(columns, names=table.column_names)


def _as_text(column: pa.ChunkedArray) -> pa.ChunkedArray | pa.Array:
    try:
        return pc.cast(column, pa.string())
    except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
        values = column.to_pylist()
        return pa.array([None if value is None else json.dumps(value, ensure_ascii=False, default=str)
                         for value in values], type=pa.string())
