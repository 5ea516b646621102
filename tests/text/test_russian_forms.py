import pytest

from engine.text import parse_name
from engine.text.name_compare import AGREE
from engine.text.name_similarity import name_similarity, surname_similarity

# Uzbek form against its Russian form and Russian-style romanisations, one row per spelling.
SURNAMES = [
    ("қ→к, о→а, и→ы", "Қодиров", "Кадыров"),
    ("қ→к in Latin", "Qodirov", "Kadyrov"),
    ("ғ→г, о→я", "Ғуломов", "Гулямов"),
    ("Gulyamov", "Gʻulomov", "Gulyamov"),
    ("Guliamov", "Gʻulomov", "Guliamov"),
    ("ж→дж, ў→у", "Жўраев", "Джураев"),
    ("Djuraev", "Joʻrayev", "Djuraev"),
    ("Dzhuraev", "Joʻrayev", "Dzhuraev"),
    ("Dzhurayev", "Joʻrayev", "Dzhurayev"),
    ("йў→ю, о→а", "Йўлдошев", "Юлдашев"),
    ("Yuldashev", "Yoʻldoshev", "Yuldashev"),
    ("Iuldashev", "Yoʻldoshev", "Iuldashev"),
    ("о→а, ў→у", "Тошпўлатов", "Ташпулатов"),
    ("Tashpulatov", "Toshpoʻlatov", "Tashpulatov"),
    ("-ддин→-тдин", "Нуриддинов", "Нуритдинов"),
    ("Nuritdinov", "Nuriddinov", "Nuritdinov"),
    ("Sultanov", "Султонов", "Султанов"),
    ("Usmanov", "Усмонов", "Усманов"),
    ("ҳ→г by dictionary", "Иброҳимов", "Ибрагимов"),
    ("Ibragimov", "Ibrohimov", "Ibragimov"),
    ("э→и, о→а", "Эшонқулов", "Ишанкулов"),
    ("Ishankulov", "Eshonqulov", "Ishankulov"),
    ("Yakubov", "Ёқубов", "Якубов"),
    ("Yakubov in Latin", "Yoqubov", "Yakubov"),
    ("ю→iu", "Юсупов", "Iusupov"),
    ("Yusupov", "Юсупов", "Yusupov"),
]


@pytest.mark.parametrize(("case", "uzbek", "russian"), SURNAMES, ids=[c[0] for c in SURNAMES])
def test_russian_form_surnames(case, uzbek, russian):
    score, reason = surname_similarity(parse_name(uzbek).surname, parse_name(russian).surname)

    assert score >= AGREE, reason


GIVEN_NAMES = [
    ("Batyr", "Botir", "Batyr"),
    ("Батыр", "Ботир", "Батыр"),
    ("Timur", "Temur", "Timur"),
    ("Islam", "Islom", "Islam"),
    ("Khurshid", "Xurshid", "Khurshid"),
    ("Hurshid", "Xurshid", "Hurshid"),
    ("Shakhzod", "Shahzod", "Shakhzod"),
    ("Shaxzod", "Shahzod", "Shaxzod"),
    ("Saiera", "Sayyora", "Saiera"),
    ("Sayora", "Sayyora", "Sayora"),
    ("Ibragim", "Ibrohim", "Ibragim"),
    ("Ishan", "Eshon", "Ishan"),
    ("Yakub", "Yoqub", "Yakub"),
]


@pytest.mark.parametrize(("case", "uzbek", "russian"), GIVEN_NAMES, ids=[c[0] for c in GIVEN_NAMES])
def test_russian_form_given_names(case, uzbek, russian):
    score, reason = name_similarity(parse_name(uzbek).given, parse_name(russian).given)

    assert score >= AGREE, reason
