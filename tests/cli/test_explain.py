import csv
import io
import json

from tests.cli.helpers import moslik


def test_explain_one_pair_shows_breakdown():
    result = moslik("explain", "Қодиров Алишер Баҳодирович", "Kadyrov Alisher Bakhodirovich")
    assert result.returncode == 0, result.stderr
    assert "score 100, match" in result.stdout
    assert "Qodirov Alisher" in result.stdout
    assert "patronymic" in result.stdout


def test_explain_gender_conflict_is_non_match():
    result = moslik("explain", "Karimov Alisher", "Karimova Alisher", "--json")
    item = json.loads(result.stdout)
    assert item["decision"] == "non-match"
    assert any("gender" in reason for reason in item["reasons"])


def test_explain_fuzzy_type():
    result = moslik("explain", "Smith John", "John Smith", "--type", "fuzzy", "--json")
    item = json.loads(result.stdout)
    assert item["score"] == 100
    assert item["normalised_left"] == "smith john"


def test_explain_pairs_file_writes_csv(tmp_path):
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("left,right\nЮсупов Тимур,Iusupov Temur\nKarimov Alisher,Karimova Alisher\n",
                     encoding="utf-8")
    result = moslik("explain", "--pairs", pairs)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["decision"] for r in rows] == ["match", "non-match"]
    assert rows[0]["roles"] == "surname=100;given=100"


def test_explain_pairs_json_lines(tmp_path):
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("left,right\na,a\nb,c\n", encoding="utf-8")
    result = moslik("explain", "--pairs", pairs, "--type", "exact", "--json")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["score"] for line in lines] == [100, 0]


def test_explain_bad_input():
    result = moslik("explain", "only-one")
    assert result.returncode == 2
    assert "two values" in result.stderr


def test_explain_pairs_without_columns(tmp_path):
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("a,b\n1,2\n", encoding="utf-8")
    result = moslik("explain", "--pairs", pairs)
    assert result.returncode == 2
    assert "left and right" in result.stderr


def test_explain_method_without_fuzzy_type():
    result = moslik("explain", "abc", "abd", "--method", "ratio")

    assert result.returncode == 2
    assert "--method ratio applies to fuzzy matching only" in result.stderr
    assert "add --type fuzzy" in result.stderr


def test_explain_keys_as_blocking_makes_them():
    pairs = [("+998 90 123-45-67", "901234567", "d:1234567"),
             ("Karimov Ali", "Ali Karimov", "v:ali karimov")]
    for left, right, shared in pairs:
        result = moslik("explain", left, right, "--type", "fuzzy", "--json")
        assert result.returncode == 0, result.stderr
        found = json.loads(result.stdout)
        assert shared in found["blocking_keys_left"]
        assert shared in found["blocking_keys_right"]
