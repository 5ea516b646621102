import json
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pytest

from engine import auto_weights
from engine.pipeline import run_match
from engine.results import reselect

# Per mapping, the share of matches and of candidate non-matches at each level
# (different, close, exact), and the share of candidates that match.
TRUE_M = [[0.05, 0.15, 0.80], [0.02, 0.08, 0.90], [0.10, 0.10, 0.80]]
TRUE_U = [[0.70, 0.20, 0.10], [0.90, 0.05, 0.05], [0.50, 0.30, 0.20]]
SHARE = 0.3
SCORE_OF_LEVEL = (40.0, 90.0, 100.0)


@pytest.fixture
def con():
    """A `pairs` table drawn from the two-class model above."""
    rng = np.random.default_rng(7)
    size = 60_000
    is_match = rng.random(size) < SHARE
    connection = duckdb.connect()
    columns = {}
    for k in range(len(TRUE_M)):
        levels = np.where(is_match, _draw(rng, TRUE_M[k], size), _draw(rng, TRUE_U[k], size))
        columns[f"s{k}"] = np.array(SCORE_OF_LEVEL)[levels]
    # Some missing values, which give no evidence.
    columns["s0"] = np.where(np.arange(size) % 50 == 0, np.nan, columns["s0"])
    connection.register("frame", pa.table({"r1": np.arange(size), "r2": np.arange(size), **columns}))
    connection.execute("CREATE TABLE pairs AS SELECT r1, r2, " +
                       ", ".join(f"CASE WHEN isnan(s{k}) THEN NULL ELSE s{k} END AS s{k}"
                                 for k in range(len(TRUE_M))) + " FROM frame")
    yield connection
    connection.close()


def _draw(rng, shares, size):
    return rng.choice(3, size=size, p=shares)


def test_em_recovers_share_and_m(con):
    random_u = [[0.9, 0.09, 0.01]] * len(TRUE_M)

    model = auto_weights.fit(con, [0.0] * len(TRUE_M), random_u, 1000, 1000)

    assert model.match_share == pytest.approx(SHARE, abs=0.02)
    assert np.array(model.m) == pytest.approx(np.array(TRUE_M), abs=0.03)
    # A level's bits compare m with the random-pair u, not with the candidates' u.
    assert model.bits[1][2] == pytest.approx(np.log2(model.m[1][2] / 0.01), abs=0.01)


def test_floor_counts_as_different(con):
    random_u = [[0.9, 0.09, 0.01]] * len(TRUE_M)

    model = auto_weights.fit(con, [95.0, 0.0, 0.0], random_u, 1000, 1000)

    assert model.m[0][1] < 0.01  # every "close" score of mapping 0 is under its floor


def test_job_scores_are_probabilities_and_survive_reselect(tmp_path, febrl4):
    config_file = Path(__file__).parents[2] / "bench" / "configs" / "febrl4.json"
    config = json.loads(config_file.read_text(encoding="utf-8"))
    config |= {"auto_weights": True, "threshold": 50}
    summary = run_match(*febrl4, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")

    note = next(n for n in summary.notes if n.startswith("auto_weights"))
    assert "surname -> surname" in note
    with duckdb.connect(str(tmp_path / "job" / "job.duckdb"), read_only=True) as db:
        low, high = db.execute("SELECT min(confidence_score), max(confidence_score) "
                               "FROM out_matched").fetchall()[0]
    assert 50 <= low <= high <= 100

    stricter = reselect(tmp_path / "job", threshold=99)
    assert stricter["matched"] < summary.counts["matched"]
    assert reselect(tmp_path / "job", threshold=50)["matched"] == summary.counts["matched"]


def test_exact_mapping_has_no_close_level(tmp_path, febrl4):
    config_file = Path(__file__).parents[2] / "bench" / "configs" / "febrl4.json"
    config = json.loads(config_file.read_text(encoding="utf-8"))
    summary = run_match(*febrl4, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")

    note = next(n for n in summary.notes if n.startswith("auto_weights: bits"))
    assert "state -> state" in note
    state_bits = note.split("state -> state")[1].split(";")[0]
    assert "/+0.0/" in state_bits


def test_unreachable_threshold_is_noted(tmp_path, sample_pair):
    config = {"mappings": [{"file1_col": "name", "file2_col": "full_name"}], "auto_weights": True,
              "threshold": 80}
    summary = run_match(*sample_pair, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")

    assert summary.counts["matched"] == 0
    assert any("under the threshold 80" in note for note in summary.notes)


@pytest.mark.parametrize("value", ["yes", "true", 1, None])
def test_auto_weights_takes_only_true_or_false(value):
    from engine.config import parse_config
    from engine.errors import ConfigError

    with pytest.raises(ConfigError, match="auto_weights: .* is not true or false"):
        parse_config({"mappings": [{"file1_col": "a", "file2_col": "b"}], "auto_weights": value})


@pytest.mark.parametrize("threshold, noted", [(None, True), (80, False)])
def test_default_threshold_noted(tmp_path, threshold, noted):
    left, right = tmp_path / "a.csv", tmp_path / "b.csv"
    left.write_text("name\nAli Valiyev\nZarina Qodirova\n", encoding="utf-8")
    right.write_text("name\nAli Valiev\nZafar Qosimov\n", encoding="utf-8")
    config = {"mappings": [{"file1_col": "name", "file2_col": "name"}], "auto_weights": True}
    if threshold is not None:
        config["threshold"] = threshold
    summary = run_match(left, right, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    assert any("left at its default" in note for note in summary.notes) is noted


FIRST_NAMES = ["John", "Mary", "Peter", "Anna", "James", "Linda", "Robert", "Susan", "Michael",
               "Karen", "David", "Laura", "Thomas", "Emma", "Daniel", "Olivia", "Mark", "Sofia",
               "Paul", "Nina", "George", "Helen", "Frank", "Alice", "Henry", "Grace", "Oscar",
               "Ruth", "Victor", "Irene"]
LAST_NAMES = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Garcia",
              "Wilson", "Moore", "Taylor", "Anderson", "Thomas", "Jackson", "White", "Harris",
              "Martin", "Thompson", "Clark", "Lewis", "Walker", "Hall", "Allen", "Young", "King",
              "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell",
              "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Torres"]


def _common_names_files(folder: Path, size: int, seed: int) -> tuple[Path, Path, dict]:
    """Two files of people with common first and last names and a birth date; 70% shared.

    Names alone pair most records with strangers, so only the birth date separates people.
    Returns the files and the true partner of each shared record of file 2, by id.
    """
    rng = np.random.default_rng(seed)
    people = [(str(rng.choice(FIRST_NAMES)), str(rng.choice(LAST_NAMES)),
               f"{rng.integers(1940, 2006)}-{rng.integers(1, 13):02d}-{rng.integers(1, 29):02d}")
              for _ in range(2 * size)]
    shared = rng.choice(size, int(size * 0.7), replace=False)
    second = [people[i] for i in shared] + people[size:2 * size - len(shared)]
    paths = []
    for name, rows in (("a.csv", people[:size]), ("b.csv", second)):
        lines = ["id,first_name,last_name,birth_date"]
        lines += [f"{name[0]}{i},{first},{last},{born}" for i, (first, last, born) in enumerate(rows)]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(folder / name)
    return paths[0], paths[1], {f"b{j}": f"a{i}" for j, i in enumerate(shared)}


def test_exact_below_different_is_implausible():
    model = auto_weights.FittedModel(-5.0, [[0.0, -21.5, -28.9], [-16.2, 4.9, 5.7]], 0.4,
                                     [], [], 10)

    assert auto_weights.implausible_mappings(model) == [0]


def test_common_names_job_keeps_configured_weights(tmp_path):
    *files, truth = _common_names_files(tmp_path, 2000, 11)
    config = {"mappings": [
        {"file1_col": "first_name", "file2_col": "first_name", "match_type": "fuzzy"},
        {"file1_col": "last_name", "file2_col": "last_name", "match_type": "fuzzy"},
        {"file1_col": "birth_date", "file2_col": "birth_date", "match_type": "fuzzy",
         "fuzzy_method": "date"}],
        "output_cols1": ["id"], "output_cols2": ["id"], "threshold": 50, "auto_weights": True}

    summary = run_match(*files, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")

    fitted = [note for note in summary.notes if note.startswith("auto_weights: bits")]
    rejected = [note for note in summary.notes if "did not find the matches" in note]
    assert fitted
    assert rejected
    with duckdb.connect(str(tmp_path / "job" / "job.duckdb"), read_only=True) as con:
        pairs = con.execute("SELECT f1_id, f2_id FROM out_matched").fetchall()
    correct = sum(1 for first, second in pairs if truth.get(second) == first)
    assert correct > len(pairs) / 2
