import json

import pytest

from engine.pipeline import run_match
from engine.results import (
    JobNotFinished,
    ResultRequestError,
    reselect,
    result_page,
    result_summary,
)
from tests.cli.test_match_febrl import CONFIG
from tests.conftest import DATA


@pytest.fixture(scope="module")
def febrl_job(tmp_path_factory):
    folder = tmp_path_factory.mktemp("febrl")
    files = DATA / "febrl4" / "dataset4a.csv", DATA / "febrl4" / "dataset4b.csv"
    summary = run_match(*files, json.loads(CONFIG.read_text()), job_dir=folder / "job",
                        out_dir=folder / "out")
    return folder / "job", summary


def test_walk_every_page(febrl_job):
    job_dir, summary = febrl_job
    seen, page = [], 1
    while True:
        assert page <= 100, "more pages than the total allows"
        result = result_page(job_dir, "matched", page=page, per_page=997)
        seen += result["data"]
        if page >= result["total_pages"]:
            break
        page += 1
    assert result["total"] == summary.counts["matched"] == len(seen)
    assert len({(r["f1_rec_id"], r["f2_rec_id"]) for r in seen}) == len(seen)


def test_pages_ordered_by_score(febrl_job):
    job_dir, _ = febrl_job
    scores = [r["confidence_score"] for r in result_page(job_dir, "matched", per_page=1000)["data"]]
    assert scores == sorted(scores, reverse=True)


def test_search_is_case_insensitive_over_all_columns(febrl_job):
    job_dir, _ = febrl_job
    result = result_page(job_dir, "matched", search="REC-1070-")
    assert result["total"] >= 1
    assert all("rec-1070-" in (r["f1_rec_id"] + r["f2_rec_id"]) for r in result["data"])


def test_search_wildcards_are_literal(febrl_job):
    job_dir, _ = febrl_job
    assert result_page(job_dir, "matched", search="%")["total"] == 0
    assert result_page(job_dir, "matched", search="_")["total"] == 0


def test_summary_matches_counts(febrl_job):
    job_dir, summary = febrl_job
    info = result_summary(job_dir)
    assert {name: item["count"] for name, item in info.items()} == summary.counts
    assert info["unmatched_1"]["columns"] == ["rec_id", "given_name", "surname", "date_of_birth"]


@pytest.mark.parametrize("kwargs,fragment", [
    ({"file_type": "everything"}, "Unknown result 'everything'"),
    ({"file_type": "matched", "page": 0}, "page 0"),
    ({"file_type": "matched", "per_page": 1001}, "per_page 1001"),
])
def test_bad_page_requests(febrl_job, kwargs, fragment):
    job_dir, _ = febrl_job
    with pytest.raises(ResultRequestError, match=fragment):
        result_page(job_dir, **kwargs)


def test_missing_job(tmp_path):
    with pytest.raises(JobNotFinished):
        result_page(tmp_path, "matched")


def test_reselect_changes_counts_and_back(tmp_path, sample_pair):
    config = {"mappings": [{"file1_col": "name", "file2_col": "full_name"}], "threshold": 80}
    summary = run_match(*sample_pair, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    strict = reselect(tmp_path / "job", threshold=100)
    assert strict["matched"] < summary.counts["matched"]
    assert result_page(tmp_path / "job", "matched")["total"] == strict["matched"]
    again = reselect(tmp_path / "job", threshold=80)
    assert again == summary.counts


def test_reselect_rejects_bad_settings(tmp_path, sample_pair):
    config = {"mappings": [{"file1_col": "name", "file2_col": "full_name"}]}
    run_match(*sample_pair, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    with pytest.raises(ResultRequestError, match="weights"):
        reselect(tmp_path / "job", weights=[1.0, 2.0])
    with pytest.raises(ResultRequestError, match="outside 0-100"):
        reselect(tmp_path / "job", threshold=101)
    with pytest.raises(ResultRequestError, match="above threshold"):
        reselect(tmp_path / "job", threshold=50, low_confidence_threshold=60)


def test_concurrent_reselects_and_pages(tmp_path, sample_pair):
    from concurrent.futures import ThreadPoolExecutor

    config = {"mappings": [{"file1_col": "name", "file2_col": "full_name"}], "threshold": 80}
    run_match(*sample_pair, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")

    def work(k):
        counts = reselect(tmp_path / "job", threshold=70 + k % 30)
        page = result_page(tmp_path / "job", "matched", per_page=10)
        return counts, page["total"]

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(work, range(24)))
    assert len(results) == 24
    final = reselect(tmp_path / "job", threshold=80)
    assert result_page(tmp_path / "job", "matched")["total"] == final["matched"]


@pytest.mark.parametrize("file_type", ["matched", "low_confidence", "unmatched_1", "unmatched_2"])
@pytest.mark.parametrize("search", [None, "smith", "SMITH", "100", "%", "_", "zzz-none"])
def test_indexed_pages_equal_the_view(febrl_job, file_type, search):
    from engine import results

    job_dir, _ = febrl_job
    with results.job_connection(job_dir) as con:
        columns = results._columns(con)[file_type]
        window = {"limit": 40, "offset": 40}
        pattern = "%" + results._escape_like(search) + "%" if search else None
        expected = results._view_page(con, file_type, columns, columns, window, pattern)

    found = result_page(job_dir, file_type, page=2, per_page=40, search=search)
    assert (found["total"], found["data"]) == expected


def test_saved_scores_follow_the_weights(febrl4, tmp_path):
    """A threshold change reuses the last scores; a weight change must replace them."""
    config = json.loads(CONFIG.read_text()) | {"auto_weights": False, "threshold": 75}
    jobs = [tmp_path / "stepwise", tmp_path / "at_once"]
    for job in jobs:
        run_match(*febrl4, config, job_dir=job, out_dir=tmp_path / f"out_{job.name}")

    weights = [1.0, 3.0, 1.0, 1.0, 1.0, 0.5]
    reselect(jobs[0], threshold=70)
    reselect(jobs[0], weights=weights)
    stepwise = reselect(jobs[0], threshold=60)

    assert stepwise == reselect(jobs[1], threshold=60, weights=weights)
    first = result_page(jobs[0], "unmatched_1", page=1, per_page=200)["data"]
    assert first == result_page(jobs[1], "unmatched_1", page=1, per_page=200)["data"]


def view_page(job_dir, file_type, page, per_page):
    from engine import results

    with results.job_connection(job_dir) as con:
        columns = results._columns(con)[file_type]
        window = {"limit": per_page, "offset": (page - 1) * per_page}
        return results._view_page(con, file_type, columns, columns, window, None)


@pytest.mark.parametrize("page", [26, 27, 60, 10_000])
def test_deep_pages_equal_the_view(febrl_job, page):
    job_dir, _ = febrl_job
    found = result_page(job_dir, "matched", page=page, per_page=40)
    assert (found["total"], found["data"]) == view_page(job_dir, "matched", page, 40)


def test_deep_page_follows_reselect(tmp_path, febrl4):
    config = json.loads(CONFIG.read_text()) | {"threshold": 75}
    job_dir = tmp_path / "job"
    run_match(*febrl4, config, job_dir=job_dir, out_dir=tmp_path / "out")
    for threshold in (75, 95, 60):
        counts = reselect(job_dir, threshold=threshold)
        last = -(-counts["matched"] // 50)
        found = result_page(job_dir, "matched", page=last, per_page=50)
        assert found["data"], f"no rows on the last page at threshold {threshold}"
        assert (found["total"], found["data"]) == view_page(job_dir, "matched", last, 50)


def test_added_lookups_equal_built_ones(febrl_job, tmp_path):
    from engine.db import connect
    from engine.result_lookup import add_lookups, has_lookups

    job_dir, _ = febrl_job
    files = DATA / "febrl4" / "dataset4a.csv", DATA / "febrl4" / "dataset4b.csv"
    run_match(*files, json.loads(CONFIG.read_text()), job_dir=tmp_path / "job",
              out_dir=tmp_path / "out", lookups=False)
    with connect(tmp_path / "job" / "job.duckdb") as con:
        assert not has_lookups(con)
        add_lookups(con)
        assert has_lookups(con)

    for search in (None, "smith"):
        assert (result_page(tmp_path / "job", "matched", page=3, search=search)
                == result_page(job_dir, "matched", page=3, search=search))
