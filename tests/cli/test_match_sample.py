import csv
import json

import duckdb

from tests.cli.helpers import moslik
from tests.conftest import EXAMPLES


def email_of_person(path):
    with open(path, encoding="utf-8") as f:
        return {row["name"]: row["email"].lower() for row in csv.DictReader(f)}


def emails_in_file2(path):
    return {row["email"].lower() for row in json.loads(path.read_text(encoding="utf-8"))}


def test_sample_pair_matches_everyone_present(tmp_path, sample_pair):
    file1, file2 = sample_pair
    result = moslik("match", file1, file2, "--config", EXAMPLES / "basic_config.json",
                    "--out", tmp_path)
    assert result.returncode == 0, result.stderr

    emails = email_of_person(file1)
    present = {name for name, email in emails.items() if email in emails_in_file2(file2)}
    matched = json.loads((tmp_path / "matched.json").read_text(encoding="utf-8"))
    matched_names = {row["f1_name"] for row in matched}
    assert matched_names == present
    assert len(present) == 27

    wrong = [row for row in matched if row["f2_email"].lower() != emails[row["f1_name"]]]
    assert wrong == []
    unmatched = {row["name"] for row in json.loads((tmp_path / "unmatched_1.json").read_text())}
    assert unmatched == set(emails) - present


def test_sample_pair_summary_and_files(tmp_path, sample_pair):
    result = moslik("match", *sample_pair, "--map", "name=full_name:fuzzy", "--threshold", "80",
                    "--format", "csv", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "matched" in result.stdout
    assert str(tmp_path) in result.stdout
    assert "  time: loading " in result.stdout
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert names == ["low_confidence.csv", "matched.csv", "unmatched_1.csv", "unmatched_2.csv"]
    assert (tmp_path / "matched.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_scores_flag_adds_breakdown(tmp_path, sample_pair):
    result = moslik("match", *sample_pair, "--map", "name=full_name", "--map", "email=email:exact",
                    "--scores", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    row = json.loads((tmp_path / "matched.json").read_text())[0]
    assert {"score_name", "score_email", "confidence_score"} <= set(row)
    unmatched = json.loads((tmp_path / "unmatched_1.json").read_text())
    assert all(r["unmatched_reason"] in {"no_candidate", "below_threshold", "taken", "low_confidence"}
               for r in unmatched)


def test_no_unmatched_files_when_not_asked(tmp_path, sample_pair):
    config = json.loads((EXAMPLES / "basic_config.json").read_text())
    config["generate_unmatched"] = False
    (tmp_path / "config.json").write_text(json.dumps(config))
    result = moslik("match", *sample_pair, "--config", tmp_path / "config.json", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "out" / "unmatched_1.json").exists()
    assert (tmp_path / "out" / "matched.json").exists()


def test_auto_weights_flag_fits_and_reports_weights(tmp_path, sample_pair):
    result = moslik("match", *sample_pair, "--map", "name=full_name", "--map", "email=email:exact",
                    "--map", "phone=phone", "--auto-weights", "--threshold", "50",
                    "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "auto_weights: bits for exact/close/different" in result.stdout + result.stderr
    matched = json.loads((tmp_path / "matched.json").read_text())
    assert matched and all(50 <= row["confidence_score"] <= 100 for row in matched)


def test_rerun_removes_old_results(tmp_path, sample_pair):
    first = moslik("match", *sample_pair, "--map", "name=full_name", "--format", "csv",
                   "--out", tmp_path)
    assert first.returncode == 0, first.stderr
    (tmp_path / "notes.txt").write_text("the analyst's own file")
    config = json.loads((EXAMPLES / "basic_config.json").read_text())
    config["generate_unmatched"] = False
    (tmp_path / "config.json").write_text(json.dumps(config))

    second = moslik("match", *sample_pair, "--config", tmp_path / "config.json", "--out", tmp_path)

    assert second.returncode == 0, second.stderr
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert names == ["config.json", "low_confidence.json", "matched.json", "notes.txt"]


def test_job_database_kept_only_when_asked(tmp_path, sample_pair):
    with_job = moslik("match", *sample_pair, "--map", "name=full_name", "--out", tmp_path,
                      "--keep-job")
    assert with_job.returncode == 0, with_job.stderr
    with duckdb.connect(str(tmp_path / ".moslik" / "job.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM candidates").fetchone()[0] > 0

    plain = moslik("match", *sample_pair, "--map", "name=full_name", "--out", tmp_path)

    assert plain.returncode == 0, plain.stderr
    # The older job's database no longer matches the results, so it goes too.
    assert not (tmp_path / ".moslik").exists()
    assert (tmp_path / "matched.json").exists()
