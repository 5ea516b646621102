import pytest

from engine.text import parse_name

# value, surname, given, patronymic (father's name), patronymic form, initials, gender
PARSE_CASES = [
    ("official order", "Каримов Алишер Шавкатович", "karimov", "alisher", "shavkat", "russian", (), "male"),
    ("Russian order", "Alisher Shavkatovich Karimov", "karimov", "alisher", "shavkat", "russian", (), "male"),
    ("given name first, no patronymic", "Alisher Karimov", "karimov", "alisher", "", "", (), "male"),
    ("female suffixes", "Жўраева Дилноза Алиевна", "joʻrayeva", "dilnoza", "ali", "russian", (), "female"),
    ("-yevich after vowel", "Nuriddinov Farrux Abdullayevich", "nuriddinov", "farrux", "abdulla", "russian", (), "male"),
    ("son marker", "Karimov Alisher Shavkat o'g'li", "karimov", "alisher", "shavkat", "uzbek", (), "male"),
    ("son marker ugli", "Qodirov Botir Ergash ugli", "qodirov", "botir", "ergash", "uzbek", (), "male"),
    ("daughter marker in Cyrillic", "Жўраева Дилноза Али қизи", "joʻrayeva", "dilnoza", "ali", "uzbek", (), "female"),
    ("daughter marker kizi", "Sultonova Malika Usmon kizi", "sultonova", "malika", "usmon", "uzbek", (), "female"),
    ("digraph initials", "Karimov A.Sh.", "karimov", "", "", "", ("a", "sh"), "male"),
    ("initials with a space", "Karimov A. Sh.", "karimov", "", "", "", ("a", "sh"), "male"),
    ("initials before surname", "Sh.Mirzayev", "mirzayev", "", "", "", ("sh",), "male"),
    ("Cyrillic digraph initials", "Ўринов Ш.Ғ.", "oʻrinov", "", "", "", ("sh", "gʻ"), "male"),
    ("okina initial", "Eshonqulov Oʻ.Gʻ.", "eshonqulov", "", "", "", ("oʻ", "gʻ"), "male"),
    ("Russian romanised initial", "Abdullaev Kh.Sh.", "abdullaev", "", "", "", ("kh", "sh"), "male"),
    ("Korean surname", "Ким Валерий Николаевич", "kim", "valeriy", "nikola", "russian", (), "male"),
    ("Korean surname last", "Viktor Tsoy", "tsoy", "viktor", "", "", (), ""),
    ("two-letter Korean surname", "Li Valeriy", "li", "valeriy", "", "", (), ""),
    ("-zoda surname", "Hakimzoda Feruza Ravshanovna", "hakimzoda", "feruza", "ravshan", "russian", (), "female"),
    ("hyphenated given name", "Hakimov Abdul-Aziz Karimovich", "hakimov", "abdulaziz", "karim", "russian", (), "male"),
    ("trailing comma", "Karimov, Alisher", "karimov", "alisher", "", "", (), "male"),
    ("patronymic typo", "Saidov Dilyor Eldorovic", "saidov", "dilyor", "eldor", "russian", (), "male"),
    ("female patronymic typo", "Zokirova Nodira Farhodvna", "zokirova", "nodira", "farhod", "russian", (), "female"),
    ("given name alone", "Alisher", "", "alisher", "", "", (), ""),
    ("empty", "", "", "", "", "", (), ""),
]


@pytest.mark.parametrize(
    ("case", "value", "surname", "given", "patronymic", "form", "initials", "gender"),
    PARSE_CASES,
    ids=[c[0] for c in PARSE_CASES],
)
def test_parse_name_cases(case, value, surname, given, patronymic, form, initials, gender):
    parsed = parse_name(value)

    assert parsed.surname == surname
    assert parsed.given == given
    assert parsed.patronymic == patronymic
    assert parsed.patronymic_form == form
    assert parsed.initials == initials
    assert parsed.gender == gender


def test_parse_name_keeps_original():
    parsed = parse_name("Каримов Алишер")

    assert parsed.original == "Каримов Алишер"
    assert parsed.latin == "Karimov Alisher"


def test_parse_name_gender_disagreement():
    parsed = parse_name("Karimova Alisher Shavkatovich")

    assert parsed.gender == ""
    assert parsed.notes


def test_parse_name_initial_roles():
    parsed = parse_name("Karimov Alisher Sh.")

    assert parsed.given_initial == ""
    assert parsed.patronymic_initial == "sh"


def test_parse_name_records_script():
    assert parse_name("Каримов Алишер").script == "cyrillic"
    assert parse_name("Karimov Alisher").script == "latin"


def test_parse_name_flags_bare_c():
    parsed = parse_name("Cori Karimov")

    assert parsed.given == "cori"
    assert any("bare Latin c" in note for note in parsed.notes)


REMARK_CASES = [
    ("bracketed ID", "Karimov Alisher (ID 123)"),
    ("square brackets", "Karimov Alisher [old record]"),
    ("quotes", '"Karimov" Alisher'),
    ("digits", "Karimov Alisher 1985"),
]


@pytest.mark.parametrize(("case", "value"), REMARK_CASES, ids=[c[0] for c in REMARK_CASES])
def test_parse_name_skips_remarks(case, value):
    parsed = parse_name(value)

    assert parsed.surname == "karimov"
    assert parsed.given == "alisher"
