"""The connections that engine.connection_cache keeps open between result requests."""

import json
import shutil
import subprocess
import sys
import textwrap

import pytest

from engine import connection_cache
from engine.pipeline import run_match
from engine.results import JOB_DB, JobNotFinished, reselect, result_page
from engine.review import decide, review_page
from tests.engine.test_review import CONFIG


@pytest.fixture
def job(tmp_path, sample_pair):
    summary = run_match(*sample_pair, CONFIG, job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    yield tmp_path / "job", summary
    connection_cache.close(tmp_path / "job" / JOB_DB)


def decide_in_subprocess(job_dir, pair, decision):
    """Decide a pair in another process, as the app does while the API serves pages."""
    code = textwrap.dedent(f"""
        import json, sys
        from pathlib import Path
        from engine.review import decide
        print(json.dumps(decide(Path({str(job_dir)!r}), [{tuple(pair)!r}], {decision!r})))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def low_pair(job_dir):
    row = review_page(job_dir, "low_confidence", per_page=1)["data"][0]
    return row["_r1"], row["_r2"]


def test_reader_sees_decision_of_other_process(job):
    job_dir, summary = job
    pair = low_pair(job_dir)
    assert result_page(job_dir, "matched")["total"] == summary.counts["matched"]

    counts = decide_in_subprocess(job_dir, pair, "accept")

    assert counts["matched"] == summary.counts["matched"] + 1
    assert result_page(job_dir, "matched")["total"] == counts["matched"]
    decided = [r for r in review_page(job_dir, "matched", per_page=100)["data"]
               if (r["_r1"], r["_r2"]) == pair]
    assert [r["_decision"] for r in decided] == ["accept"]


def test_reader_sees_decision_of_same_process(job):
    job_dir, _ = job
    pair = low_pair(job_dir)
    before = review_page(job_dir, "matched", per_page=100)["total"]

    reselect(job_dir, threshold=99, low_confidence_threshold=80)
    decide(job_dir, [pair], "accept")

    assert review_page(job_dir, "matched", per_page=100)["total"] == before + 1


def test_deleted_job_not_served(job):
    job_dir, _ = job
    assert result_page(job_dir, "matched")["total"] > 0

    shutil.rmtree(job_dir)

    with pytest.raises(JobNotFinished):
        result_page(job_dir, "matched")


def test_rerun_job_not_served_stale(job, sample_pair, tmp_path):
    job_dir, _ = job
    loose = reselect(job_dir, threshold=50, low_confidence_threshold=40)
    assert result_page(job_dir, "matched")["total"] == loose["matched"]

    rerun = run_match(*sample_pair, CONFIG, job_dir=job_dir, out_dir=tmp_path / "out2")

    assert rerun.counts["matched"] != loose["matched"]
    assert result_page(job_dir, "matched")["total"] == rerun.counts["matched"]
    assert reselect(job_dir, threshold=99, low_confidence_threshold=80) == rerun.counts


def test_other_process_writer_gets_file(job):
    """A connection cached here closes when another process's writer requests the file."""
    job_dir, summary = job
    pair = low_pair(job_dir)
    reselect(job_dir, threshold=99, low_confidence_threshold=80)  # leaves a read-write connection cached here

    counts = decide_in_subprocess(job_dir, pair, "reject")

    assert counts["low_confidence"] == summary.counts["low_confidence"] - 1
    assert result_page(job_dir, "low_confidence")["total"] == counts["low_confidence"]
