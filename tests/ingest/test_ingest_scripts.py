import pytest

from engine.ingest import inspect_file


def write(tmp_path, text):
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_scripts_counted_per_column(tmp_path):
    path = write(tmp_path, "ism,shahar\nАлишер Каримов,Toshkent\nAlisher Karimov,Qoʻqon\n")
    scripts = inspect_file(path).column_scripts
    assert (scripts["ism"].cyrillic, scripts["ism"].latin) == (1, 1)
    assert (scripts["shahar"].cyrillic, scripts["shahar"].latin) == (0, 2)


def test_apostrophes_listed_by_frequency(tmp_path):
    path = write(tmp_path, "shahar\nQoʻqon\nFarg‘ona\nG'ijduvon\nO'zbekiston\n")
    assert inspect_file(path).column_scripts["shahar"].apostrophes == ["'", "ʻ", "‘"]


def test_mixed_word_warned(tmp_path):
    # "Мехринисo" ends with a Latin o typed on the other keyboard.
    path = write(tmp_path, "ism\nМехринисo Юсупова\nАнвар Усмонов\n")
    report = inspect_file(path)
    assert report.column_scripts["ism"].mixed_in_word == 1
    assert any("inside one word" in w for w in report.warnings)


def test_mixed_column_warned(tmp_path):
    path = write(tmp_path, "ism\nАнвар Усмонов\nAnvar Usmonov\n")
    assert any("mixes scripts" in w for w in inspect_file(path).warnings)


@pytest.mark.parametrize("text", ["id\n007\n0123\n", "sana\n2020-01-01\n"], ids=["ids", "dates"])
def test_columns_without_letters_left_out(tmp_path, text):
    assert inspect_file(write(tmp_path, text)).column_scripts == {}


def test_short_cp1251_file_decoded(tmp_path):
    path = tmp_path / "short.csv"
    path.write_bytes("ism\nИванов Пётр\nСидорова Анна\n".encode("cp1251"))
    report = inspect_file(path)
    assert report.encoding == "cp1251"
    assert report.preview[0] == {"ism": "Иванов Пётр"}
