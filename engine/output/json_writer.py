"""JSON output: one array of objects, one object per row, in UTF-8.

DuckDB renders each row with to_json, which keeps VARCHAR as JSON strings ("007" stays
"007"), numbers as numbers, NULL as null and non-ASCII text unescaped. DuckDB writes NaN and
Infinity as bare words, which are not JSON, so non-finite floats become null first.

Python joins the rendered rows and writes the file. DuckDB 2.0.1's COPY ... TO ? (FORMAT
json, ARRAY true) accepts the path as a bound parameter, but it fails on a connection whose
file access is locked down to other folders. It was also no faster: 1.58 s against 1.42 s
for the 1,000,000 rows of bench/bench_writers.py on a shared 2-core machine.
"""

from pathlib import Path

from engine.db import quote_ident
from engine.output.source import Source, python_slices

FLOAT_TYPES = {"FLOAT", "DOUBLE", "REAL"}


def write_json(source: Source, target: Path, batch_rows: int) -> int:
    """Write the rows of `source` to `target` as a JSON array; return the number of rows."""
    rows = 0
    with open(target, "w", encoding="utf-8", newline="\n") as file:
        file.write("[")
        with source.open_reader(batch_rows, _row_json_sql(source)) as reader:
            for batch in reader:
                for part in python_slices(batch):
                    lines = part.column(0).to_pylist()
                    file.write(("\n" if rows == 0 else ",\n") + ",\n".join(lines))
                    rows += len(lines)
        file.write("\n]\n" if rows else "]\n")
    return rows


def _row_json_sql(source: Source) -> str:
    """Return SELECT text that yields one JSON object text per row, keys in column order."""
    fields = []
    for name, kind in zip(source.columns, source.types, strict=True):
        column = quote_ident(name)
        if kind in FLOAT_TYPES:
            fields.append(f"{column} := CASE WHEN isfinite({column}) THEN {column} END")
        else:
            fields.append(column)
    return source.select_sql([f"to_json(struct_pack({', '.join(fields)}))::VARCHAR"])
