"""Parquet output: the Arrow batches DuckDB streams, written with their schema unchanged."""

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from engine.output.source import Source


def write_parquet(source: Source, target: Path, batch_rows: int) -> int:
    """Write the rows of `source` to `target` as Parquet; return the number of rows.

    DuckDB's batches can be smaller than `batch_rows` (a 122,880-row storage group splits
    into 100,000 and 22,880 rows), so batches are gathered into row groups of at least
    `batch_rows` rows, the last one excepted. Memory stays under about two row groups.
    """
    rows = 0
    pending: list[pa.RecordBatch] = []
    pending_rows = 0
    with source.open_reader(batch_rows) as reader, pq.ParquetWriter(target, reader.schema) as writer:
        for batch in reader:
            pending.append(batch)
            pending_rows += batch.num_rows
            if pending_rows >= batch_rows:
                writer.write_table(pa.Table.from_batches(pending, reader.schema))
                rows += pending_rows
                pending, pending_rows = [], 0

        if pending_rows:
            writer.write_table(pa.Table.from_batches(pending, reader.schema))
            rows += pending_rows
    return rows
