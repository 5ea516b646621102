"""Downloads are safe to open in a spreadsheet, and pairs processed at once match one at a time."""

import csv
import io

from tests.api.server import SAMPLE_CONFIG, upload_sample, wait_for_job


def start(client, upload_id: str, **config) -> str:
    response = client.post("/api/v1/processing/start", json={**SAMPLE_CONFIG, **config, "upload_id": upload_id})
    assert response.status_code == 200, response.text
    return response.json()["operation_id"]


def matched_rows(client, operation_id: str) -> list[tuple]:
    page = client.get("/api/v1/results/data/matched",
                      params={"operation_id": operation_id, "per_page": 1000}).json()
    return sorted((row["f1_name"], row["f2_full_name"], row["confidence_score"]) for row in page["data"])


def test_csv_download_escapes_formulas(client, tmp_path):
    hostile = tmp_path / "hostile.csv"
    hostile.write_text('name,age\n"=HYPERLINK(""http://x"")",1\n@SUM(A1),2\n', encoding="utf-8")
    other = tmp_path / "other.csv"
    other.write_text('full_name,email\n"=HYPERLINK(""http://x"")",a@x\n@SUM(A1),b@x\n', encoding="utf-8")
    upload_id = upload_sample(client, hostile, other).json()[0]["upload_id"]
    operation_id = start(client, upload_id, output_format="csv", output_cols1=["name", "age"],
                         output_cols2=["full_name", "email"])
    assert wait_for_job(client, operation_id)["status"] == "completed"

    response = client.get("/api/v1/results/download/matched", params={"operation_id": operation_id})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(row["f1_name"] for row in rows) == ["'=HYPERLINK(\"http://x\")", "'@SUM(A1)"]
    assert all(not cell.startswith(("=", "@", "+", "-")) for row in rows for cell in row.values())


def test_three_at_once_equal_one_at_a_time(server, client):
    # Two users, because six starts in a minute would pass one user's processing limit of five.
    uploads = [upload_sample(client).json()[0]["upload_id"] for _ in range(3)]
    together = [start(client, upload_id) for upload_id in uploads]
    for operation_id in together:
        assert wait_for_job(client, operation_id)["status"] == "completed"

    with server.client(server.new_user()[1]) as second:
        alone = []
        for _ in range(3):
            operation_id = start(second, upload_sample(second).json()[0]["upload_id"])
            assert wait_for_job(second, operation_id)["status"] == "completed"
            alone.append(matched_rows(second, operation_id))

    assert [matched_rows(client, operation_id) for operation_id in together] == alone
    assert len(alone[0]) == 27
