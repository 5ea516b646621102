import csv
from pathlib import Path

import pytest

from engine.text import compare_names, name_score, script_mix

PAIRS_FILE = Path(__file__).parent.parent / "data" / "uzbek_name_pairs.csv"
KINDS = {
    "script", "apostrophe", "russian_form", "letters_2026", "order", "initials", "patronymic",
    "typo", "gender", "near_name", "father_son",
}


@pytest.fixture(scope="module")
def pairs():
    with PAIRS_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_dev_set_shape(pairs):
    assert len(pairs) >= 300
    assert KINDS <= {row["kind"] for row in pairs}
    assert {row["match"] for row in pairs} == {"0", "1"}


def test_dev_set_left_is_cyrillic(pairs):
    for row in pairs:
        assert script_mix(row["left"]) == "cyrillic", row["left"]


def test_dev_set_precision_recall(pairs):
    true_positive = false_positive = false_negative = 0
    errors = []
    for row in pairs:
        predicted = compare_names(row["left"], row["right"]).decision == "match"
        actual = row["match"] == "1"
        true_positive += predicted and actual
        false_positive += predicted and not actual
        false_negative += actual and not predicted
        if predicted != actual:
            errors.append((row["kind"], row["left"], row["right"]))

    precision = true_positive / (true_positive + false_positive)
    recall = true_positive / (true_positive + false_negative)
    print(f"uzbek_name dev set: precision {precision:.3f}, recall {recall:.3f}, errors {errors}")
    assert precision >= 0.95, errors
    assert recall >= 0.95, errors


# Russian passport romanisation (ICAO Doc 9303) of the Cyrillic names, with the Uzbek letters
# typed on a Russian keyboard first (ў as у, қ as к, ғ as г, ҳ as х).
ICAO_9303 = {
    **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufye")),
    "ё": "e", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie",
    "ь": "", "ю": "iu", "я": "ia", "ў": "u", "қ": "k", "ғ": "g", "ҳ": "kh",
}


def romanise_icao(value: str) -> str:
    letters = []
    for char in value:
        latin = ICAO_9303.get(char.lower(), char)
        letters.append(latin.capitalize() if char.isupper() else latin)
    return "".join(letters)


def test_dev_set_icao_recall(pairs):
    people = sorted({row["left"] for row in pairs if row["match"] == "1"})

    missed = [name for name in people if compare_names(name, romanise_icao(name)).decision != "match"]

    recall = 1 - len(missed) / len(people)
    print(f"uzbek_name ICAO 9303 romanisation: recall {recall:.3f}, missed {missed}")
    assert recall >= 0.95, missed


def test_dev_set_icao_keeps_negatives(pairs):
    negatives = [row for row in pairs if row["match"] == "0"]

    matched = [row for row in negatives if compare_names(romanise_icao(row["left"]), row["right"]).decision == "match"]

    assert matched == []


def test_name_score_equals_comparison_score(pairs):
    for row in pairs:
        for left, right in ((row["left"], row["right"]), (row["right"], row["left"])):
            assert name_score(left, right) == compare_names(left, right).score, (left, right)
