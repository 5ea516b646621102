from bench import page_timing
from tests.bench import test_review_update

# The small synthetic job that the review update tests time, made once per module.
job_dir = test_review_update.job_dir


def test_requests_per_kind(job_dir):
    times = page_timing.time_requests(job_dir)
    assert set(times) == {"matched", "unmatched_1", "search"}
    assert len(times["search"]) == page_timing.ROUNDS * len(page_timing.SEARCHES)
    for kind in ("matched", "unmatched_1"):
        assert len(times[kind]) % page_timing.ROUNDS == 0
        assert all(value > 0 for value in times[kind])


def test_pages_cover_top_and_end(job_dir):
    pages = page_timing._pages_to_read(job_dir, "matched")
    assert pages[0] == 1
    assert pages == sorted(set(pages))
    assert len(pages) >= 2


def test_section_has_table_and_goals(job_dir):
    lines, goals = page_timing.section_lines(job_dir, 1234)
    rows = [line for line in lines if line.startswith("| ")]
    assert [row.split(" | ")[0] for row in rows[2:]] == ["| matched", "| unmatched_1", "| search"]
    assert len(goals) == 2
    assert goals[0].startswith("- results page of 50 rows at 1,234 pairs (median): ")
    assert goals[1].startswith("- search at 1,234 pairs (median): ")
