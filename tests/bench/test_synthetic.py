import csv
import re

import pytest

from bench import synthetic
from bench.name_pools import to_cyrillic

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("variant", synthetic.VARIANTS)
def test_same_seed_same_files(tmp_path, variant):
    first = synthetic.write_files(tmp_path / "first", 300, seed=11, variant=variant)
    second = synthetic.write_files(tmp_path / "second", 300, seed=11, variant=variant)
    for name in ("file_a", "file_b", "truth"):
        assert getattr(first, name).read_bytes() == getattr(second, name).read_bytes(), name


def test_other_seed_other_files(tmp_path):
    first = synthetic.write_files(tmp_path / "first", 300, seed=11)
    second = synthetic.write_files(tmp_path / "second", 300, seed=12)
    assert first.file_a.read_bytes() != second.file_a.read_bytes()
    assert first.file_b.read_bytes() != second.file_b.read_bytes()


@pytest.mark.parametrize("size, overlap, expected_pairs", [
    (10, 0.7, 7),
    (1000, 0.7, 700),
    (999, 0.5, 500),
    (50, 0.0, 0),
    (50, 1.0, 50),
])
def test_sizes_and_true_pairs(tmp_path, size, overlap, expected_pairs):
    files = synthetic.write_files(tmp_path, size, seed=3, overlap=overlap)
    rows_a, rows_b, truth = (read_rows(files.file_a), read_rows(files.file_b),
                             read_rows(files.truth))
    assert len(rows_a) == size
    assert len(rows_b) == size
    assert len(truth) == expected_pairs
    assert files.true_pairs == expected_pairs
    assert list(rows_a[0]) == list(synthetic.COLUMNS)
    assert list(rows_b[0]) == list(synthetic.COLUMNS)


def test_truth_names_real_rows(tmp_path):
    files = synthetic.write_files(tmp_path, 500, seed=5)
    ids_a = {row["rec_id"] for row in read_rows(files.file_a)}
    ids_b = {row["rec_id"] for row in read_rows(files.file_b)}
    truth = read_rows(files.truth)
    assert {pair["rec_id_a"] for pair in truth} <= ids_a
    assert {pair["rec_id_b"] for pair in truth} <= ids_b
    assert len({pair["rec_id_a"] for pair in truth}) == len(truth)
    assert len({pair["rec_id_b"] for pair in truth}) == len(truth)


def test_true_pairs_are_copies(tmp_path):
    """At least 90% of true pairs show the same birth year on both sides."""
    files = synthetic.write_files(tmp_path, 500, seed=5)
    rows_a = {row["rec_id"]: row for row in read_rows(files.file_a)}
    rows_b = {row["rec_id"]: row for row in read_rows(files.file_b)}
    truth = read_rows(files.truth)

    def year(value):
        found = re.search(r"(19|20)\d\d", value)
        return found.group(0) if found else None

    same = sum(year(rows_a[p["rec_id_a"]]["birth_date"]) == year(rows_b[p["rec_id_b"]]["birth_date"])
               for p in truth)
    assert same >= 0.9 * len(truth)


def test_ids_keep_leading_zeros(tmp_path):
    files = synthetic.write_files(tmp_path, 400, seed=9)
    passports = [row["passport"] for row in read_rows(files.file_a)]
    assert all(re.fullmatch(r"\d{9}", value) for value in passports)
    assert sum(value.startswith("0") for value in passports) > 100
    assert '"0' in files.file_a.read_text(encoding="utf-8")


def test_dates_iso_or_dotted_in_a(tmp_path):
    files = synthetic.write_files(tmp_path, 400, seed=9)
    dates = [row["birth_date"] for row in read_rows(files.file_a)]
    iso = sum(bool(re.fullmatch(r"\d{4}-\d\d-\d\d", d)) for d in dates)
    dotted = sum(bool(re.fullmatch(r"\d\d\.\d\d\.\d{4}", d)) for d in dates)
    assert iso + dotted == len(dates)
    assert iso > 100
    assert dotted > 100


def test_b_is_corrupted(tmp_path):
    files = synthetic.write_files(tmp_path, 2000, seed=1)
    rows_b = read_rows(files.file_b)
    assert sum(row["email"] == "" for row in rows_b) > 100
    assert sum(row["surname"].isupper() for row in rows_b) > 20
    assert len({len(row["phone"]) for row in rows_b if row["phone"]}) >= 3


def test_uzbek_scripts_and_apostrophes(tmp_path):
    files = synthetic.write_files(tmp_path, 2000, seed=2, variant="uzbek")
    rows_a, rows_b = read_rows(files.file_a), read_rows(files.file_b)
    assert all(CYRILLIC.search(row["surname"]) for row in rows_a)
    assert not any(CYRILLIC.search(row["surname"] + row["given_name"]) for row in rows_b)
    names_b = " ".join(row["given_name"] + " " + row["surname"] for row in rows_b)
    for apostrophe in ("ʻ", "'", "‘", "`"):
        assert apostrophe in names_b, apostrophe


def test_uzbek_surnames_both_genders(tmp_path):
    files = synthetic.write_files(tmp_path, 2000, seed=2, variant="uzbek")
    surnames = [row["surname"] for row in read_rows(files.file_a)]
    for ending in ("ов", "ова", "ев", "ева"):
        assert any(name.endswith(ending) for name in surnames), ending


@pytest.mark.parametrize("latin, cyrillic", [
    ("yoʻldoshev", "йўлдошев"),
    ("gʻofurova", "ғофурова"),
    ("eshmat", "эшмат"),
    ("shahrisabz", "шаҳрисабз"),
    ("chust", "чуст"),
    ("qoʻqon", "қўқон"),
    ("yusuf", "юсуф"),
])
def test_to_cyrillic(latin, cyrillic):
    assert to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize("size, variant, overlap", [
    (0, "basic", 0.7),
    (10, "klingon", 0.7),
    (10, "basic", 1.5),
])
def test_bad_arguments(size, variant, overlap):
    with pytest.raises(ValueError):
        synthetic.generate(size, seed=1, variant=variant, overlap=overlap)
