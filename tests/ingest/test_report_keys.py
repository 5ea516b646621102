from engine.ingest import inspect_file


def test_report_errors_keep_catalogue_keys(tmp_path):
    path = tmp_path / "one.json"
    path.write_text("42", encoding="utf-8")

    report = inspect_file(path)

    assert not report.valid
    assert [error.key for error in report.errors] == ["input.json_single_value"]
    assert report.model_dump_json()  # the keys ride along without changing the JSON form
