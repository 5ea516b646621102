"""Accuracy figures: precision, recall and F1 of a matched file, and blocking recall of a job.

True pairs come as a CSV file with the columns `rec_id_a` and `rec_id_b`. A matched pair is
true when both its record ids appear together in that file; duplicate rows count once.
"""

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from engine.db import quote_ident

SQL_DIR = Path(__file__).resolve().parent / "sql"
FEBRL_ID = re.compile(r"rec-(\d+)-")


@dataclass(frozen=True)
class LinkQuality:
    true_positives: int
    predicted: int
    true_links: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.true_links if self.true_links else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@cache
def _sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def match_quality(matched_file: Path, truth_file: Path, id_column: str = "rec_id") -> LinkQuality:
    """Score a matched CSV file (with `f1_<id_column>`, `f2_<id_column>`) against the truth."""
    sql = _sql("match_quality").format(f1_id=quote_ident(f"f1_{id_column}"),
                                       f2_id=quote_ident(f"f2_{id_column}"))
    with duckdb.connect() as con:
        row = con.execute(sql, [str(matched_file), str(truth_file)]).fetchone()
    return LinkQuality(*row)


def blocking_recall(job_db: Path, truth_file: Path, id_column: str = "rec_id") -> tuple[int, int]:
    """Return (true pairs present in the job's `candidates` table, all true pairs)."""
    sql = _sql("blocking_recall").format(id=quote_ident(id_column))
    with duckdb.connect(str(job_db), read_only=True) as con:
        kept, total = con.execute(sql, [str(truth_file)]).fetchone()
    return kept, total


def count_rows(job_db: Path, table: str) -> int:
    """Row count of one of the job's tables (`candidates`, `pairs`, ...)."""
    with duckdb.connect(str(job_db), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM {quote_ident(table)}").fetchone()[0]


def _febrl_ids(path: Path) -> dict[str, str]:
    """Map the record number inside each FEBRL rec_id (rec-1070-org -> 1070) to the rec_id."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle, skipinitialspace=True)
        return {FEBRL_ID.match(row["rec_id"]).group(1): row["rec_id"] for row in reader}


def write_febrl_truth(file_a: Path, file_b: Path, truth_file: Path) -> int:
    """Write the FEBRL true pairs (same record number in both rec_ids); returns their count."""
    ids_a, ids_b = _febrl_ids(file_a), _febrl_ids(file_b)
    pairs = sorted((ids_a[number], ids_b[number]) for number in ids_a.keys() & ids_b.keys())
    truth_file.parent.mkdir(parents=True, exist_ok=True)
    with open(truth_file, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["rec_id_a", "rec_id_b"])
        writer.writerows(pairs)
    return len(pairs)
