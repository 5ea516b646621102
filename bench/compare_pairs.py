"""Splink's output read back in Moslik's venv: matched id pairs, blocking recall and ratios.

bench/splink_run.py writes the pairs at match probability >= 0.5 as a CSV file with rec_id_l,
rec_id_r, source_dataset_l, source_dataset_r and match_probability. A link job can list a pair
either way round, so each pair is turned to (id in file A, id in file B) by its source names.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

import duckdb

from bench.evaluate import SQL_DIR

SOURCE_A, SOURCE_B = "file_a", "file_b"  # the names bench/splink_run.py registers
PREDICTION_COLUMNS = ("rec_id_l", "rec_id_r", "source_dataset_l", "source_dataset_r",
                      "match_probability")


@dataclass(frozen=True)
class ScoredPair:
    id_a: str
    id_b: str
    probability: float


def _oriented(row: dict[str, str], path: Path) -> ScoredPair:
    sources = (row["source_dataset_l"], row["source_dataset_r"])
    probability = float(row["match_probability"])
    if sources == (SOURCE_A, SOURCE_B):
        return ScoredPair(row["rec_id_l"], row["rec_id_r"], probability)
    if sources == (SOURCE_B, SOURCE_A):
        return ScoredPair(row["rec_id_r"], row["rec_id_l"], probability)
    raise ValueError(f"invalid source_dataset pair {sources!r} in {path}: expected "
                     f"{SOURCE_A!r} and {SOURCE_B!r}; was it written by bench/splink_run.py?")


def read_predictions(path: Path) -> list[ScoredPair]:
    """Read Splink's predictions CSV as pairs of (id in file A, id in file B, probability)."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = set(PREDICTION_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path} is missing the columns {sorted(missing)}: expected "
                             f"{', '.join(PREDICTION_COLUMNS)} as bench/splink_run.py writes")
        return [_oriented(row, path) for row in reader]


def one_to_one(pairs: list[ScoredPair]) -> list[ScoredPair]:
    """Keep each record in at most one pair, taking pairs by falling probability.

    Ties go to the smaller ids, so the result does not depend on the input order.
    """
    ranked = sorted(pairs, key=lambda pair: (-pair.probability, pair.id_a, pair.id_b))
    used_a, used_b, kept = set(), set(), []
    for pair in ranked:
        if pair.id_a in used_a or pair.id_b in used_b:
            continue
        used_a.add(pair.id_a)
        used_b.add(pair.id_b)
        kept.append(pair)
    return kept


def write_matched(pairs: list[ScoredPair], path: Path, id_column: str = "rec_id") -> None:
    """Write the pairs in the layout bench/evaluate.match_quality reads (f1_<id>, f2_<id>)."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([f"f1_{id_column}", f"f2_{id_column}", "match_probability"])
        writer.writerows((pair.id_a, pair.id_b, repr(pair.probability)) for pair in pairs)


def blocking_recall(blocked_parquet: Path, truth_file: Path) -> tuple[int, int, int]:
    """Return (true pairs among Splink's blocked pairs, all true pairs, blocked pairs)."""
    sql = (SQL_DIR / "splink_blocking_recall.sql").read_text(encoding="utf-8")
    with duckdb.connect() as con:
        kept, total, candidates = con.execute(
            sql, [str(blocked_parquet), str(truth_file), SOURCE_A, SOURCE_B]).fetchone()
    return kept, total, candidates


def ratio(moslik: float | None, splink: float | None) -> float | None:
    """Moslik's figure divided by Splink's, or None when either is missing or Splink's is 0."""
    if moslik is None or splink is None or splink == 0:
        return None
    return moslik / splink
