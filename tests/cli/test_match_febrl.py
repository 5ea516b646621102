import csv
import json
import re
from pathlib import Path

from tests.cli.helpers import moslik

CONFIG = Path(__file__).parents[2] / "bench" / "configs" / "febrl4.json"
TRUE_LINKS = 5000


def record_number(rec_id: str) -> str:
    return re.match(r"rec-(\d+)-", rec_id.strip()).group(1)


def test_febrl4_f1_at_least_099(tmp_path, febrl4):
    result = moslik("match", *febrl4, "--config", CONFIG, "--out", tmp_path, "--quiet")
    assert result.returncode == 0, result.stderr

    with open(tmp_path / "matched.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    true_positives = sum(record_number(r["f1_rec_id"]) == record_number(r["f2_rec_id"]) for r in rows)
    precision = true_positives / len(rows)
    recall = true_positives / TRUE_LINKS
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.99, f"precision {precision:.4f} recall {recall:.4f} f1 {f1:.4f}"


def test_budget_error_names_mapping(tmp_path, febrl4):
    config = json.loads(CONFIG.read_text()) | {"performance": {"max_candidate_pairs": 1000}}
    (tmp_path / "config.json").write_text(json.dumps(config))
    result = moslik("match", *febrl4, "--config", tmp_path / "config.json", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "max_candidate_pairs" in result.stderr
    assert re.search(r"Mapping '\w+ -> \w+'", result.stderr)
    assert not (tmp_path / "out" / "matched.csv").exists()
