import csv
import json

import pytest

from engine.pipeline import run_match

LEFT = [("1", "Қодиров Алишер Баҳодирович"), ("2", "Каримова Нилуфар"), ("3", "Исҳоқов Жасур"),
        ("4", "Юсупов Тимур"), ("5", "Нурматов Отабек")]
RIGHT = [("10", "Qodirov Alisher Bahodir o'g'li"), ("11", "Karimov Nilufar"),
         ("12", "Ishoqov Jasur"), ("13", "Iusupov Temur"), ("14", "Normatov Otabek")]
SAME_PERSON = {("1", "10"), ("3", "12"), ("4", "13")}


@pytest.fixture
def uzbek_files(tmp_path):
    paths = []
    for name, header, rows in (("a.csv", ["id", "ism"], LEFT), ("b.csv", ["id", "to_liq_ism"], RIGHT)):
        with open(tmp_path / name, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(rows)
        paths.append(tmp_path / name)
    return paths


def matched_ids(summary):
    rows = json.loads(summary.files["matched"].read_text(encoding="utf-8"))
    return {(r["f1_id"], r["f2_id"]) for r in rows}


def run(tmp_path, files, mapping, **extra):
    config = {"mappings": [{"file1_col": "ism", "file2_col": "to_liq_ism", **mapping}],
              "threshold": 80, **extra}
    return run_match(*files, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")


def test_uzbek_name_finds_same_people_only(tmp_path, uzbek_files):
    summary = run(tmp_path, uzbek_files, {"match_type": "uzbek_name"})
    assert matched_ids(summary) == SAME_PERSON


def test_uzbek_specific_turns_on_name_comparison(tmp_path, uzbek_files):
    mapping = {"match_type": "fuzzy", "uzbek_specific": {"script_conversion": True,
                                                         "phonetic_rules": True,
                                                         "common_variations": True}}
    summary = run(tmp_path, uzbek_files, mapping)
    assert matched_ids(summary) == SAME_PERSON


def test_script_conversion_turns_on_by_itself(tmp_path, uzbek_files):
    summary = run(tmp_path, uzbek_files, {"match_type": "fuzzy"})
    assert any("script conversion turned on" in note for note in summary.notes)
    assert ("3", "12") in matched_ids(summary)


def test_script_conversion_false_keeps_scripts_apart(tmp_path, uzbek_files):
    summary = run(tmp_path, uzbek_files, {"match_type": "fuzzy"},
                  uzbek_processing={"enabled": True, "script_conversion": False})
    assert not any("script conversion" in note for note in summary.notes)
    assert summary.counts["matched"] == 0


def test_uzbek_phonetic_mapping(tmp_path, uzbek_files):
    summary = run(tmp_path, uzbek_files, {"match_type": "phonetic"},
                  uzbek_processing={"enabled": True, "phonetic_matching": True})
    assert ("3", "12") in matched_ids(summary)


def test_near_names_stay_apart_at_low_threshold(tmp_path, uzbek_files):
    summary = run(tmp_path, uzbek_files, {"match_type": "uzbek_name"}, threshold=70)
    assert ("5", "14") not in matched_ids(summary)


def test_standardize_spelling_joins_name_variants(tmp_path):
    left, right = tmp_path / "l.csv", tmp_path / "r.csv"
    left.write_text("ism\nIbragimov Timur\n", encoding="utf-8")
    right.write_text("ism\nIbrohimov Temur\n", encoding="utf-8")
    config = {"mappings": [{"file1_col": "ism", "file2_col": "ism", "match_type": "exact"}],
              "text_processing": {"uzbek_normalization": {"enabled": True, "standardize_spelling": True}}}
    summary = run_match(left, right, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    assert summary.counts["matched"] == 1

    config["text_processing"]["uzbek_normalization"]["standardize_spelling"] = False
    summary = run_match(left, right, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    assert summary.counts["matched"] == 0


def test_remove_diacritics_false_keeps_accents(tmp_path):
    left, right = tmp_path / "l.csv", tmp_path / "r.csv"
    left.write_text("ism\nJosé\n", encoding="utf-8")
    right.write_text("ism\nJose\n", encoding="utf-8")
    base = {"mappings": [{"file1_col": "ism", "file2_col": "ism", "match_type": "exact"}]}
    kept = {**base, "text_processing": {"uzbek_normalization": {"enabled": True, "remove_diacritics": False}}}
    assert run_match(left, right, base, job_dir=tmp_path / "j", out_dir=tmp_path / "o").counts["matched"] == 1
    assert run_match(left, right, kept, job_dir=tmp_path / "j", out_dir=tmp_path / "o").counts["matched"] == 0
