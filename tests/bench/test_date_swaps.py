"""Day-month swaps in the synthetic `uzbek` variant, and the FEBRL4 all-fields config."""

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from bench import corruption, suite_febrl, synthetic
from engine.config import parse_config
from engine.dates import canonical_date

ROOT = Path(__file__).resolve().parents[2]
FEBRL_A = ROOT / "tests" / "data" / "febrl4" / "dataset4a.csv"

SWAP_CASES = [
    # (description, ISO date, written when chosen)
    ("day below 13", "1985-03-12", "1985-12-03"),
    ("day 13 cannot be a month", "1985-03-13", "1985-03-13"),
    ("day equal to month", "1985-04-04", "1985-04-04"),
    ("first of the month", "2001-11-01", "2001-01-11"),
]


@pytest.mark.parametrize("description,iso,expected", SWAP_CASES, ids=[c[0] for c in SWAP_CASES])
def test_swap_day_month_cases(description, iso, expected):
    dates = np.array([iso], dtype=object)
    swapped = corruption.swap_day_month(dates, 1.0, np.random.default_rng(0))
    assert swapped.tolist() == [expected]


def test_swap_day_month_rate_zero():
    dates = np.array(["1985-03-12", "2001-11-01"], dtype=object)
    assert corruption.swap_day_month(dates, 0.0, np.random.default_rng(0)).tolist() == dates.tolist()


def _read(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["rec_id"]: row for row in csv.DictReader(handle)}


def _swapped_true_pairs(folder, variant: str) -> int:
    files = synthetic.write_files(folder, 4000, seed=5, variant=variant)
    rows_a, rows_b = _read(files.file_a), _read(files.file_b)
    swapped = 0
    with open(files.truth, encoding="utf-8", newline="") as handle:
        for pair in csv.DictReader(handle):
            born_a = canonical_date(rows_a[pair["rec_id_a"]]["birth_date"])
            born_b = canonical_date(rows_b[pair["rec_id_b"]]["birth_date"])
            if born_a != born_b and born_a[:4] + born_a[6:] + born_a[4:6] == born_b:
                swapped += 1
    return swapped


def test_uzbek_variant_has_swaps(tmp_path):
    assert _swapped_true_pairs(tmp_path / "uzbek", "uzbek") > 0


def test_basic_variant_no_swaps(tmp_path):
    assert _swapped_true_pairs(tmp_path / "basic", "basic") == 0


def test_febrl_all_fields_config():
    body = json.loads((ROOT / suite_febrl.ALL_FIELDS_CONFIG).read_text(encoding="utf-8"))
    config = parse_config(body)
    columns = {m.file1_col for m in config.mappings}
    with open(FEBRL_A, encoding="utf-8", newline="") as handle:
        header = [name.strip() for name in next(csv.reader(handle))]
    assert columns == set(header) - {"rec_id"}
    assert config.auto_weights
