import pytest

from engine.text import compare_names, fold_case, to_latin
from engine.text.name_compare import initial_class

# left, right, expected decision: one row per rule of Uzbek person-name matching.
DECISIONS = [
    ("same person across scripts", "Каримов Алишер Шавкатович", "Karimov Alisher Shavkatovich", "match"),
    ("2026 Latin", "Ғуломов Жасур Рустамович", "Ğulomov Jasur Rustamoviç", "match"),
    ("Russian-style Cyrillic", "Кадыров Батыр Эргашевич", "Qodirov Botir Ergashevich", "match"),
    ("Russian romanisation", "Жўраева Дилноза Алиевна", "Dzhuraeva Dilnoza Alievna", "match"),
    ("ICAO romanisation", "Юсупов Баҳодир Исҳоқович", "Iusupov Bakhodir Iskhakovich", "match"),
    ("apostrophe dropped", "Эшонқулов Ўткир Ғайратович", "Eshonqulov Otkir Gayratovich", "match"),
    ("dictionary variant", "Иброҳимов Улуғбек", "Ibragimov Ulugbek", "match"),
    ("order swapped", "Каримов Алишер Шавкатович", "Alisher Shavkatovich Karimov", "match"),
    ("digraph initials", "Каримов Алишер Шавкатович", "Karimov A.Sh.", "match"),
    ("Uzbek patronymic", "Каримов Алишер Шавкатович", "Karimov Alisher Shavkat oʻgʻli", "match"),
    ("soft -jon", "Ҳамидов Акмалжон Анварович", "Hamidov Akmal Anvarovich", "match"),
    ("male and female given name", "Ким Валерий", "Kim Valeriya", "non-match"),
    ("Karimov and Karimova", "Каримов Азиз Шавкатович", "Karimova Aziza Shavkatovna", "non-match"),
    ("son and daughter markers", "Сафаров Ҳилол Шавкат ўғли", "Safarova Hilola Shavkat qizi", "non-match"),
    ("Alisher and Alijon", "Каримов Алишер Шавкатович", "Karimov Alijon Shavkatovich", "non-match"),
    ("Normatov and Nurmatov", "Норматов Алишер Шавкатович", "Nurmatov Alisher Shavkatovich", "non-match"),
    ("Ali and Vali", "Каримов Али Рустамович", "Karimov Vali Rustamovich", "non-match"),
    ("father and son", "Каримов Шавкат Рустамович", "Karimov Alisher Shavkatovich", "non-match"),
    ("named after grandfather", "Ғуломов Рустам Жасурович", "Gʻulomov Jasur Rustamovich", "non-match"),
    ("son's initials on father", "Каримов Шавкат Рустамович", "Karimov A.Sh.", "non-match"),
    ("namesakes with other fathers", "Каримов Алишер Шавкатович", "Karimov Alisher Shuhratovich", "non-match"),
    ("different people", "Каримов Алишер Шавкатович", "Yusupov Bahodir Isʼhoqovich", "non-match"),
]


@pytest.mark.parametrize(("case", "left", "right", "decision"), DECISIONS, ids=[c[0] for c in DECISIONS])
def test_compare_names_decisions(case, left, right, decision):
    assert compare_names(left, right).decision == decision


def test_compare_names_role_scores():
    result = compare_names("Каримов Алишер Шавкатович", "Karimov Alisher Shuhratovich")

    assert set(result.roles) == {"surname", "given", "patronymic"}
    assert result.roles["surname"] == 100.0
    assert result.roles["given"] == 100.0
    assert result.roles["patronymic"] < 60.0


def test_compare_names_reasons_name_roles():
    result = compare_names("Каримов Алишер Шавкатович", "Karimov A.Sh.")

    assert any(reason.startswith("given: initials agree") for reason in result.reasons)
    assert any(reason.startswith("patronymic: initials agree") for reason in result.reasons)


def test_compare_names_gender_reason():
    result = compare_names("Каримов Азиз Шавкатович", "Karimova Aziza Shavkatovna")

    assert result.reasons[0] == "gender differs: male and female"
    assert result.score <= 20.0


def test_compare_names_father_reason():
    result = compare_names("Каримов Шавкат", "Karimov Alisher Shavkatovich")

    assert "father and son" in result.reasons[0]


def test_compare_names_symmetric_decision():
    left, right = "Жўраева Дилноза Алиевна", "Dilnoza Aliyevna Dzhuraeva"

    assert compare_names(left, right).decision == compare_names(right, left).decision
    assert compare_names(left, right).score == compare_names(right, left).score


def test_compare_names_keeps_parsed_sides():
    result = compare_names("Каримов Алишер", "Alisher Karimov")

    assert result.left.original == "Каримов Алишер"
    assert result.right.surname == "karimov"


def test_compare_names_empty_values():
    result = compare_names("", "")

    assert result.decision == "non-match"
    assert result.roles == {}


INITIAL_CLASSES = [
    ("Cyrillic Ш and Latin Sh", "Ш", "sh"),
    ("X and Kh", "x", "kh"),
    ("Ё and Yo", "Ё", "yo"),
    ("okina dropped", "oʻtkir", "otkir"),
    ("Russian У for Ў", "Ў", "u"),
    ("q and k", "q", "k"),
]


@pytest.mark.parametrize(("case", "left", "right"), INITIAL_CLASSES, ids=[c[0] for c in INITIAL_CLASSES])
def test_initial_class_agrees(case, left, right):
    assert initial_class(fold_case(to_latin(left))) == initial_class(fold_case(to_latin(right)))


def test_initial_class_keeps_s_and_sh():
    assert initial_class("s") != initial_class("sh")


UNRELATED = [
    ("Anna Petrova", "Olga Ivanova"),
    ("Laylo Nazarova", "Lola Karimova"),
    ("Sevara Umarova", "Maria Garcia"),
]


@pytest.mark.parametrize("left,right", UNRELATED, ids=[f"{a} / {b}" for a, b in UNRELATED])
def test_unrelated_names_stay_below_review(left, right):
    comparison = compare_names(left, right)
    assert comparison.decision == "non-match"
    assert comparison.score <= 50
