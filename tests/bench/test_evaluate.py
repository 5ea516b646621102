import duckdb
import pytest

from bench.evaluate import (
    LinkQuality,
    blocking_recall,
    count_rows,
    match_quality,
    write_febrl_truth,
)

TRUTH = "rec_id_a,rec_id_b\nA1,B1\nA2,B2\nA3,B3\nA4,B4\n"


def write(path, text, bom=False):
    path.write_text(("\ufeff" if bom else "") + text, encoding="utf-8")
    return path


def test_quality_hand_made(tmp_path):
    """Two true of three distinct predictions (one repeated), four true links."""
    matched = write(tmp_path / "matched.csv",
                    "f1_rec_id,f1_name,f2_rec_id,f2_name,confidence_score\n"
                    "A1,Ann,B1,Ann,100\n"
                    "A2,Bob,B2,Bob,91.5\n"
                    "A3,Cid,B9,Sid,80\n"
                    "A1,Ann,B1,Ann,100\n", bom=True)
    quality = match_quality(matched, write(tmp_path / "truth.csv", TRUTH))
    assert quality == LinkQuality(true_positives=2, predicted=3, true_links=4)
    assert quality.precision == pytest.approx(2 / 3)
    assert quality.recall == pytest.approx(0.5)
    assert quality.f1 == pytest.approx(4 / 7)


def test_quality_ids_stay_text(tmp_path):
    """Ids with leading zeros must not be read as numbers (007 is not 7)."""
    matched = write(tmp_path / "matched.csv", "f1_rec_id,f2_rec_id\n007,7\n008,008\n")
    truth = write(tmp_path / "truth.csv", "rec_id_a,rec_id_b\n007,007\n008,008\n")
    assert match_quality(matched, truth) == LinkQuality(1, 2, 2)


def test_quality_other_id_column(tmp_path):
    matched = write(tmp_path / "matched.csv", "f1_key,f2_key\nA1,B1\nA4,B4\n")
    quality = match_quality(matched, write(tmp_path / "truth.csv", TRUTH), id_column="key")
    assert quality == LinkQuality(2, 2, 4)
    assert quality.precision == 1.0
    assert quality.f1 == pytest.approx(2 / 3)


@pytest.mark.parametrize("quality, precision, recall, f1", [
    (LinkQuality(0, 0, 5), 0.0, 0.0, 0.0),
    (LinkQuality(0, 3, 0), 0.0, 0.0, 0.0),
    (LinkQuality(5, 5, 5), 1.0, 1.0, 1.0),
    (LinkQuality(3, 4, 6), 0.75, 0.5, 0.6),
])
def test_quality_ratios(quality, precision, recall, f1):
    assert quality.precision == pytest.approx(precision)
    assert quality.recall == pytest.approx(recall)
    assert quality.f1 == pytest.approx(f1)


def make_job(path):
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE input_1 AS SELECT * FROM (VALUES "
                    "(1, 'A1'), (2, 'A2'), (3, 'A3'), (4, 'A4')) AS t(_row_id, rec_id)")
        con.execute("CREATE TABLE input_2 AS SELECT * FROM (VALUES "
                    "(1, 'B1'), (2, 'B2'), (3, 'B3'), (5, 'B5')) AS t(_row_id, rec_id)")
        con.execute("CREATE TABLE candidates AS SELECT * FROM (VALUES "
                    "(1, 1), (3, 3), (2, 5), (4, 2)) AS t(r1, r2)")
    return path


def test_blocking_recall_hand_made(tmp_path):
    """A1-B1 and A3-B3 are candidates; A2-B2 is not; B4 is not in file 2 at all."""
    job = make_job(tmp_path / "job.duckdb")
    assert blocking_recall(job, write(tmp_path / "truth.csv", TRUTH)) == (2, 4)
    assert count_rows(job, "candidates") == 4


def test_febrl_truth(tmp_path):
    file_a = write(tmp_path / "a.csv", "rec_id, given_name\nrec-10-org, ann\nrec-2-org, bob\n"
                                       "rec-7-org, cid\n")
    file_b = write(tmp_path / "b.csv", "rec_id, given_name\nrec-2-dup-0, bob\nrec-10-dup-0, an\n"
                                       "rec-99-dup-0, eve\n")
    truth = tmp_path / "truth.csv"
    assert write_febrl_truth(file_a, file_b, truth) == 2
    assert truth.read_text(encoding="utf-8").splitlines() == [
        "rec_id_a,rec_id_b", "rec-10-org,rec-10-dup-0", "rec-2-org,rec-2-dup-0"]
