"""The API document's Uzbek configuration end to end on a few hundred invented people.

File 1 contains invented people's full names in Cyrillic. File 2 contains 70% of them in Latin,
with typos, swapped order, apostrophe variants and blanks, plus 30% other people (the
benchmark's seeded generator). Names alone must find the partners and keep the others apart.
"""

import csv
import json
from pathlib import Path

from bench import synthetic
from tests.cli.helpers import moslik
from tests.conftest import EXAMPLES


def build_files(folder: Path, size: int = 400) -> dict[str, str]:
    """Write a.csv (id, ism) and b.csv (id, to_liq_ism); return the true pairs by id."""
    file_a, file_b, (ids_a, ids_b) = synthetic.generate(size, seed=2026, variant="uzbek")
    for path, header, columns in ((folder / "a.csv", "ism", file_a), (folder / "b.csv", "to_liq_ism", file_b)):
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["id", header])
            for rec_id, surname, given in zip(columns["rec_id"], columns["surname"], columns["given_name"]):
                writer.writerow([rec_id, f"{surname} {given}".strip()])
    return dict(zip(ids_a.tolist(), ids_b.tolist()))


def test_document_uzbek_config_finds_people(tmp_path):
    truth = build_files(tmp_path)
    assert len(truth) == 280
    config = json.loads((EXAMPLES / "uzbek_config.json").read_text())
    config |= {"output_cols1": ["id", "ism"], "output_cols2": ["id", "to_liq_ism"]}
    (tmp_path / "config.json").write_text(json.dumps(config))

    result = moslik("match", tmp_path / "a.csv", tmp_path / "b.csv", "--config",
                    tmp_path / "config.json", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr

    matched = json.loads((tmp_path / "out" / "matched.json").read_text(encoding="utf-8"))
    correct = sum(truth.get(row["f1_id"]) == row["f2_id"] for row in matched)
    precision, recall = correct / len(matched), correct / len(truth)
    f1 = 2 * precision * recall / (precision + recall)
    # NOTE: the generator's invented syllable names (Ollatov, Hamlatov) resemble each other more
    # than real names do, and at the document's threshold of 70 one-to-one pairs some of the
    # 120 people without a partner with look-alikes: precision was 0.90, recall 0.98.
    assert recall >= 0.95, f"recall {recall:.3f}"
    assert f1 >= 0.9, f"precision {precision:.3f} recall {recall:.3f} f1 {f1:.3f}"
