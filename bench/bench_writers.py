"""Time each output writer on generated result rows and print rows per second.

Usage: python bench/bench_writers.py [--rows N] [--formats json,csv,xlsx,parquet]

The rows mimic a matched result: 8 text columns (Cyrillic and Latin names with the ʻ
apostrophe, leading-zero IDs, phones with +, formula-like notes, NULL dates) and one DOUBLE
confidence_score. Files are written to a temporary folder that is removed afterwards.
"""

import argparse
import resource
import tempfile
import time
from pathlib import Path

from engine.db import connect
from engine.output import EXTENSIONS, FORMATS, write_relation

GENERATE_SQL = """
CREATE TABLE result AS
SELECT
    'Иванов Пётр ' || (i % 9973) AS f1_name,
    'Ivanov Petr ' || (i % 777) AS f2_name,
    lpad((i % 100000)::VARCHAR, 7, '0') AS f1_id,
    '+99890' || lpad(i::VARCHAR, 7, '0') AS f1_phone,
    'Toshkent, Navoiy koʻchasi ' || i AS f1_address,
    'Gʻulomov ' || (i % 31) AS f2_surname,
    CASE WHEN i % 50 = 0 THEN '=1+1' ELSE 'note ' || i END AS f2_note,
    CASE WHEN i % 10 = 0 THEN NULL ELSE '1990-01-' || lpad((i % 28 + 1)::VARCHAR, 2, '0') END
        AS f2_birth_date,
    (i % 1000) / 10.0 + 0.5::DOUBLE AS confidence_score
FROM range(?) AS t(i)
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="number of result rows to generate")
    parser.add_argument("--formats", default=",".join(FORMATS),
                        help=f"comma-separated formats to time, from {','.join(FORMATS)}")
    args = parser.parse_args()
    unknown = sorted(set(args.formats.split(",")) - set(FORMATS))
    if unknown:
        parser.error(f"unknown formats {unknown}; choose from {','.join(FORMATS)}")
    return args


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-writers-") as folder:
        con = connect(Path(folder) / "result.duckdb")
        # DuckDB 2.0.1 draws its progress bar on stdout for long queries, even when piped.
        con.execute("SET enable_progress_bar = false")
        con.execute(GENERATE_SQL, [args.rows])
        print(f"{args.rows:,} rows, 8 text columns and 1 DOUBLE column")
        for fmt in args.formats.split(","):
            path = Path(folder) / f"result{EXTENSIONS[fmt]}"
            started = time.perf_counter()
            rows = write_relation(con, "result", path, fmt)
            seconds = time.perf_counter() - started
            size_mb = path.stat().st_size / 1e6
            print(f"{fmt:8} {seconds:7.2f} s  {rows / seconds:12,.0f} rows/s  {size_mb:8.1f} MB")
            path.unlink()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
