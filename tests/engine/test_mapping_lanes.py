import threading
import time

import numpy as np
import pyarrow as pa
import pytest

from engine import mapping_lanes
from engine.blocking import new_own_keys
from engine.config import parse_config
from engine.db import connect
from engine.mapping_lanes import _lanes, prepare_mappings
from engine.mapping_plan import plan_for
from engine.values import mapping_values

ROWS = 400


@pytest.fixture
def job(tmp_path):
    """A job database with two inputs: repeated names and cities, distinct phones."""
    con = connect(tmp_path / "job.duckdb")
    for side in (1, 2):
        con.execute(f"""CREATE TABLE input_{side} AS
            SELECT i AS _row_id, 'Name ' || (i % 30) AS name, 'City ' || (i % 7) AS city,
                   '+998 90 ' || lpad(CAST(i * {side} AS VARCHAR), 7, '0') AS phone
            FROM range(1, {ROWS + 1}) AS t(i)""")
    config = parse_config({"mappings": [
        {"file1_col": "name", "file2_col": "name", "match_type": "fuzzy"},
        {"file1_col": "phone", "file2_col": "phone", "match_type": "fuzzy"},
        {"file1_col": "city", "file2_col": "city", "match_type": "exact"}]})
    plans = [plan_for(con, config, mapping) for mapping in config.mappings]
    yield con, config, plans
    con.close()


def test_lanes_equal_sequential_values(job):
    con, config, plans = job

    prepared = list(prepare_mappings(con, config.mappings, plans, 2 * ROWS, 2, own=new_own_keys(ROWS, ROWS)))

    for index, (mapping, plan, done) in enumerate(zip(config.mappings, plans, prepared)):
        alone, _ = mapping_values(con, mapping, plan)
        assert np.array_equal(done.ids.side1, alone.side1)
        assert np.array_equal(done.ids.side2, alone.side2)
        assert done.keys is not None and len(done.keys.keys.vids) > 0


def test_lanes_without_keys(job):
    con, config, plans = job

    prepared = list(prepare_mappings(con, config.mappings, plans, 2 * ROWS, 2, own=None))

    assert [done.keys for done in prepared] == [None, None, None]


def test_lanes_balance_costs():
    # 10 and 9 go to different lanes, then each next one to the lighter lane: 6 to the 9, 5 to
    # the 10, and 3 to the first lane when both reach 15.
    assert _lanes([6, 10, 5, 9, 3]) == [[1, 2, 4], [0, 3]]
    assert _lanes([10]) == [[0], []]
    assert _lanes([1, 1, 1]) == [[0, 2], [1]]


def test_costliest_mapping_gets_lane_of_its_own():
    # The emails of the synthetic files cost more than phones, IDs and names together.
    assert _lanes([2, 2, 2, 9, 7, 30, 2]) == [[5], [0, 1, 2, 3, 4, 6]]


def test_lane_error_reaches_caller(job):
    con, config, plans = job
    started = []

    def broken(values: pa.Array) -> pa.Array:
        started.append(threading.current_thread().name)
        raise ValueError("step failed")
    plans[0].steps = [broken]

    with pytest.raises(ValueError, match="step failed"):
        list(prepare_mappings(con, config.mappings, plans, 2 * ROWS, 2, own=new_own_keys(ROWS, ROWS)))

    assert started and all(name.startswith("moslik-lane") for name in started)
    assert not any(t.name.startswith("moslik-lane") for t in threading.enumerate())


def test_early_close_stops_lanes(job):
    con, config, plans = job

    prepared = prepare_mappings(con, config.mappings, plans, 2 * ROWS, 2, own=new_own_keys(ROWS, ROWS))
    first = next(prepared)
    prepared.close()

    assert len(first.ids.side1) == ROWS
    assert not any(t.name.startswith("moslik-lane") for t in threading.enumerate())


class _SlowCursors:
    """The job's connection, whose cursors open late, so lanes start after the caller waits."""

    def __init__(self, con):
        self.con = con

    def __getattr__(self, name):
        return getattr(self.con, name)

    def cursor(self):
        time.sleep(0.3)
        return self.con.cursor()


def test_lanes_that_start_late(job):
    con, config, plans = job
    found = []

    def consume():
        found.extend(prepare_mappings(_SlowCursors(con), config.mappings, plans, 2 * ROWS, 2,
                                      own=new_own_keys(ROWS, ROWS)))
    consumer = threading.Thread(target=consume, daemon=True)
    consumer.start()
    consumer.join(timeout=60)

    assert not consumer.is_alive()
    assert len(found) == 3


def test_one_thread_uses_one_lane(job, monkeypatch):
    con, config, plans = job
    lanes_seen = set()
    normalise = mapping_lanes.normalise_mapping

    def recorded(*args, **kwargs):
        lanes_seen.add(threading.current_thread().name)
        return normalise(*args, **kwargs)
    monkeypatch.setattr(mapping_lanes, "normalise_mapping", recorded)

    prepared = list(prepare_mappings(con, config.mappings, plans, 2 * ROWS, 1, own=new_own_keys(ROWS, ROWS)))

    assert len(prepared) == 3
    assert len(lanes_seen) == 1
