"""Parquet output: the Arrow batches DuckDB streams, written with their schema unchanged."""

from pathlib import Path

import pyarrow.parquet as pq

from engine.output.source import Source


def write_parquet(source: Source, target: Path, batch_rows: int) -> int:
    """Write the rows of `source` to `target` as Parquet; return the number of rows.

    Each batch becomes at least one row group, so `batch_rows` also bounds the memory a
    reader needs per row group.
    """
    rows = 0
    with source.open_reader(batch_rows) as reader:
        with pq.ParquetWriter(target, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
                rows += batch.num_rows
    return rows
