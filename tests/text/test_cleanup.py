import string
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.text import clean_text, fold_case, script_mix
from engine.text.scripts import count_scripts, script_of_counts

CLEANUP_CASES = [
    ("NFD o with diaeresis", "Do\u0308rmon", "Dörmon"),
    ("zero-width space", "Ka\u200brimov", "Karimov"),
    ("zero-width joiner", "Ali\u200dsher", "Alisher"),
    ("byte order mark", "\ufeffKarimov", "Karimov"),
    ("soft hyphen", "Kari\u00admov", "Karimov"),
    ("control character", "Kari\x07mov", "Karimov"),
    ("left-to-right mark", "\u200eKarimov", "Karimov"),
    ("no-break space", "Karimov\u00a0Alisher", "Karimov Alisher"),
    ("narrow no-break space", "Karimov\u202fAlisher", "Karimov Alisher"),
    ("ideographic space", "Karimov\u3000Alisher", "Karimov Alisher"),
    ("double and edge spaces", "  Karimov   Alisher ", "Karimov Alisher"),
    ("tab and newline", "Karimov\t\nAlisher", "Karimov Alisher"),
    ("en dash", "Abdul\u2013Aziz", "Abdul-Aziz"),
    ("em dash", "Abdul\u2014Aziz", "Abdul-Aziz"),
    ("minus sign", "Abdul\u2212Aziz", "Abdul-Aziz"),
    ("non-breaking hyphen", "Abdul\u2011Aziz", "Abdul-Aziz"),
    ("legacy font Ќ for Ҳ", "Ќамидов", "Ҳамидов"),
    ("legacy font Љ for Қ", "Љодиров", "Қодиров"),
    ("legacy font Ђ for Ғ", "Ђуломов", "Ғуломов"),
    ("legacy font Њ for Ў", "Њринов", "Ўринов"),
    ("legacy font lower case", "Раќимов Тошпњлатов", "Раҳимов Тошпўлатов"),
    ("Turkish dotted capital I", "İLHOM", "ILHOM"),
    ("Turkish dotless i", "Ismoılov", "Ismoilov"),
    ("i with combining dot", "i\u0307lhom", "ilhom"),
    ("s with comma below", "Eșonqulov", "Eşonqulov"),
    ("S with comma below", "Șukurov", "Şukurov"),
    ("draft o tilde", "Tõxtayev", "Töxtayev"),
    ("draft o macron", "Yōldoshev", "Yöldoshev"),
    ("draft o acute", "Tólqin", "Tölqin"),
    ("draft g caron", "Uluǧbek", "Uluğbek"),
    ("draft g macron", "Uluḡbek", "Uluğbek"),
    ("draft g acute", "Uluǵbek", "Uluğbek"),
    ("Cyrillic o inside Latin word", "Mehrinis\u043e", "Mehriniso"),
    ("Cyrillic a inside Latin word", "Hamm\u0430m", "Hammam"),
    ("Latin capitals inside Cyrillic word", "KАРИМОВ", "КАРИМОВ"),
    ("Latin a and o inside Cyrillic word", "Кaримoв", "Каримов"),
    ("whole Cyrillic word in Latin column", "Макка", "Макка"),
    ("script of each word kept", "Каримов Alisher", "Каримов Alisher"),
    ("quoted name", "'Alisher'", "Alisher"),
    ("empty", "", ""),
    ("only spaces and marks", " \u200b \u00a0 ", ""),
]


@pytest.mark.parametrize(("case", "value", "expected"), CLEANUP_CASES, ids=[c[0] for c in CLEANUP_CASES])
def test_clean_text_cases(case, value, expected):
    assert clean_text(value) == expected


def test_clean_text_output_is_nfc():
    value = clean_text("Do\u0308rmon Gu\u0308lnora")

    assert unicodedata.is_normalized("NFC", value)


FOLD_CASES = [
    ("Turkish dotted capital", "İLHOM", "ilhom"),
    ("plain capital I", "ISMOILOV", "ismoilov"),
    ("okina letter", "Oʻ", "oʻ"),
    ("2026 capitals", "ÖĞŞÇ", "öğşç"),
    ("Cyrillic Uzbek capitals", "ЎҚҒҲ", "ўқғҳ"),
    ("Cyrillic Ё", "ЁҚУБОВ", "ёқубов"),
    ("lower case unchanged", "karimov", "karimov"),
    ("fullwidth Latin", "ＫＡＲＩＭ", "ｋａｒｉｍ"),
]


@pytest.mark.parametrize(("case", "value", "expected"), FOLD_CASES, ids=[c[0] for c in FOLD_CASES])
def test_fold_case_cases(case, value, expected):
    assert fold_case(value) == expected


def test_fold_case_dotted_capital_single_code_point():
    assert len(fold_case("İ")) == 1


SCRIPT_CASES = [
    ("Cyrillic", "Каримов Алишер", "cyrillic"),
    ("Latin", "Karimov Alisher", "latin"),
    ("Latin with one Cyrillic letter", "Mehrinis\u043e", "latin"),
    ("words in both scripts", "Каримов Alisher", "mixed"),
    ("digits only", "12345", "none"),
    ("empty", "", "none"),
]


@pytest.mark.parametrize(("case", "value", "expected"), SCRIPT_CASES, ids=[c[0] for c in SCRIPT_CASES])
def test_script_mix_cases(case, value, expected):
    assert script_mix(value) == expected


@given(st.text(alphabet=string.printable, max_size=16))
def test_script_mix_ascii_matches_cleanup(value):
    # The ASCII shortcut gives what counting the cleaned value's letters gives.
    assert script_mix(value) == script_of_counts(*count_scripts(clean_text(value)))
