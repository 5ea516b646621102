import json

import pytest

from tests.cli.helpers import moslik


@pytest.fixture
def people(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,city\nAlisher Karimov,Tashkent\nNodira Tursunova,Namangan\n", encoding="utf-8")
    return path


def test_missing_column_names_column_and_choices(tmp_path, people):
    result = moslik("match", people, people, "--map", "full_name=name", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "'full_name' is not in file 1" in result.stderr
    assert "'name', 'city'" in result.stderr


def test_missing_column_reported_before_loading(tmp_path, people):
    # The second file's body is broken, so the column check must come from the header alone.
    broken = tmp_path / "broken.csv"
    broken.write_text('name,city\n"Alisher Karimov,Tashkent\n', encoding="utf-8")
    result = moslik("match", people, broken, "--map", "name=full_name", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "'full_name' is not in file 2" in result.stderr
    assert "line" not in result.stderr


def test_every_config_problem_reported_at_once(tmp_path, people):
    config = {"mappings": [{"file1_col": "name", "file2_col": "nam", "match_type": "fuzy",
                            "weight": 0}], "threshold": 120, "colour": "red"}
    (tmp_path / "c.json").write_text(json.dumps(config))
    result = moslik("match", people, people, "--config", tmp_path / "c.json", "--out", tmp_path / "out")
    assert result.returncode == 2
    for fragment in ("mappings[0].match_type", "'fuzy'", "mappings[0].weight: 0 is not above 0",
                     "threshold: 120 is above 100; give a value of at most 100",
                     "colour: unknown field", "mappings[0].file2_col: column 'nam' is not in file 2"):
        assert fragment in result.stderr


def test_config_not_json(tmp_path, people):
    (tmp_path / "c.json").write_text("{mappings: [")
    result = moslik("match", people, people, "--config", tmp_path / "c.json")
    assert result.returncode == 2
    assert "not valid JSON" in result.stderr


def test_no_mapping_given(tmp_path, people):
    result = moslik("match", people, people, "--out", tmp_path)
    assert result.returncode == 2
    assert "--map" in result.stderr


def test_bad_map_flag(tmp_path, people):
    result = moslik("match", people, people, "--map", "name", "--out", tmp_path)
    assert result.returncode == 2
    assert "COL1=COL2" in result.stderr


def test_missing_file(tmp_path, people):
    result = moslik("match", tmp_path / "nope.csv", people, "--map", "name=name")
    assert result.returncode == 2
    assert "nope.csv" in result.stderr


@pytest.mark.parametrize("content,fragment", [
    (b"", "empty"),
    (b"name,city\n", "no records"),
    (bytes(range(256)) * 8, "binary data"),
], ids=["empty file", "header only", "binary bytes"])
def test_unreadable_file(tmp_path, people, content, fragment):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    result = moslik("match", bad, people, "--map", "name=name", "--out", tmp_path / "out")
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    assert "bad.csv" in result.stderr
    assert fragment in result.stderr
    assert not list((tmp_path / "out").glob("*.json"))


def test_validate_json_report(people):
    result = moslik("validate", people, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["rows"] == 2
    assert report["column_names"] == ["name", "city"]
    assert report["delimiter"] == ","
    assert report["encoding"].lower().replace("-", "").startswith("utf8")
    assert report["errors"] == []
    assert report["preview"][0] == {"name": "Alisher Karimov", "city": "Tashkent"}


def test_validate_invalid_file_exit_2(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = moslik("validate", empty)
    assert result.returncode == 2
    assert "error" in result.stdout


def test_validate_invalid_csv_shows_no_row_count(tmp_path):
    # The file did not load, so its rows were never counted.
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("id,name\n1,Ali\n2,Vali,extra\n", encoding="utf-8")

    result = moslik("validate", ragged)

    assert result.returncode == 2
    assert "  2 columns: id, name" in result.stdout
    assert "rows" not in result.stdout
    assert "line 3: the row has 3 fields where the header has 2" in result.stdout


def test_out_naming_a_file(tmp_path, people):
    result = moslik("match", people, people, "--map", "name=name", "--out", people)
    assert result.returncode == 2
    assert f"--out {people} is a file, not a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_out_under_a_file(tmp_path, people):
    result = moslik("match", people, people, "--map", "name=name", "--out", people / "sub")
    assert result.returncode == 2
    assert f"--out {people / 'sub'} cannot be created as a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_threshold_flag_shown_as_given(tmp_path, people):
    result = moslik("match", people, people, "--map", "name=name", "--threshold", "150", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "threshold: 150 is above 100" in result.stderr


def test_threshold_flag_not_a_number(tmp_path, people):
    result = moslik("match", people, people, "--map", "name=name", "--threshold", "high", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "argument --threshold: invalid number value: 'high'" in result.stderr


def test_failed_run_names_earlier_results(tmp_path, people):
    out = tmp_path / "out"
    first = moslik("match", people, people, "--map", "name=name", "--out", out, "--quiet")
    broken = tmp_path / "broken.csv"
    broken.write_text('name,city\n"Alisher Karimov,Tashkent\n', encoding="utf-8")

    failed = moslik("match", people, broken, "--map", "name=name", "--out", out, "--quiet")

    assert first.returncode == 0
    assert failed.returncode == 2
    assert "broken.csv" in failed.stderr
    assert f"matched.json, low_confidence.json, unmatched_1.json, unmatched_2.json in {out} are from an earlier run" in failed.stderr


def test_config_error_names_earlier_results(tmp_path, people):
    out = tmp_path / "out"
    first = moslik("match", people, people, "--map", "name=name", "--out", out, "--quiet")

    failed = moslik("match", people, people, "--map", "name=fullname", "--out", out, "--quiet")

    assert first.returncode == 0
    assert failed.returncode == 2
    assert "'fullname'" in failed.stderr
    assert f"in {out} are from an earlier run; this run wrote no result" in failed.stderr


def test_failed_run_into_new_folder_names_no_results(tmp_path, people):
    broken = tmp_path / "broken.csv"
    broken.write_text('name,city\n"Alisher Karimov,Tashkent\n', encoding="utf-8")

    failed = moslik("match", people, broken, "--map", "name=name", "--out", tmp_path / "new")

    assert failed.returncode == 2
    assert "earlier run" not in failed.stderr


@pytest.mark.parametrize("missing", ["nowhere.csv", "folder"])
def test_input_path_not_a_file(tmp_path, people, missing):
    (tmp_path / "folder").mkdir()

    result = moslik("match", people, tmp_path / missing, "--map", "name=name", "--out",
                    tmp_path / "out")

    assert result.returncode == 2
    expected = "is a folder, not a file" if missing == "folder" else "File not found"
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
