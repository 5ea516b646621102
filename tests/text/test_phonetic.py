import pytest

from engine.text import blocking_keys, phonetic_key

# Spellings of one name that must share the scoring key.
SAME_SCORING_KEY = [
    ("x, kh and h", ["Xurshid", "Khurshid", "Hurshid", "Хуршид"], "hurshid"),
    ("oʻ, u and Russian dzh", ["Joʻrayev", "Djuraev", "Dzhuraev", "Жўраев"], "juraiv"),
    ("oʻ and u", ["Oʻktam", "Uktam", "Ўктам", "Уктам"], "uktam"),
    ("tutuq and kh for сҳ", ["Isʼhoqov", "Ishoqov", "Iskhakov", "Исҳоқов"], "ishakav"),
    ("iu, yu and no glide", ["Yusupov", "Iusupov", "Usupov"], "usupav"),
    ("glide between vowels", ["Aliyev", "Aliev"], "aliv"),
    ("glide after consonant", ["Gulyamov", "Guliamov", "Gʻulomov", "Гулямов"], "gulamav"),
    ("glide in Dilyor", ["Dilyor", "Dilor"], "dilar"),
    ("final iy", ["Navoiy", "Navoi"], "navai"),
    ("a and o", ["Sultonov", "Sultanov"], "sultanav"),
    ("a and o in city", ["Tashkent", "Toshkent"], "tashkint"),
    ("q and k", ["Qodirov", "Kodirov", "Kadyrov", "Кадыров"], "kadirav"),
    ("gʻ, g and gh", ["Gʻani", "Gani", "Ghani"], "gani"),
    ("zh and j", ["Zhasur", "Jasur", "Dzhasur"], "jasur"),
    ("ts and s", ["Tsoy", "Soy", "Цой"], "sai"),
    ("w and v", ["Wahid", "Vahid"], "vahid"),
    ("initial y before vowel", ["Yergash", "Ergash"], "irgash"),
    ("tdin and ddin", ["Nuritdinov", "Nuriddinov"], "nuridinav"),
    ("final h after vowel", ["Abdulloh", "Abdullo"], "abdula"),
    ("doubled letters", ["Abdulla", "Abdula"], "abdula"),
    ("doubled y", ["Sayyora", "Sayora"], "sara"),
    ("tutuq dropped", ["Neʼmat", "Nemat", "Ne'mat"], "nimat"),
    ("i, e and y", ["Temur", "Timur"], "timur"),
    ("2026 letters", ["Şuhrat", "Shuhrat", "Шуҳрат"], "shuhrat"),
]


@pytest.mark.parametrize(("case", "spellings", "key"), SAME_SCORING_KEY, ids=[c[0] for c in SAME_SCORING_KEY])
def test_phonetic_key_folds_spellings(case, spellings, key):
    for spelling in spellings:
        assert phonetic_key(spelling) == key, spelling


DIFFERENT_SCORING_KEY = [
    ("vowel class keeps Normatov apart", "Normatov", "Nurmatov"),
    ("vowel class keeps Umarov apart", "Umarov", "Amirov"),
    ("dropped apostrophe reads as o", "Otkir", "Oʻtkir"),
    ("ch stays apart from sh", "Chori", "Shori"),
]


@pytest.mark.parametrize(("case", "left", "right"), DIFFERENT_SCORING_KEY, ids=[c[0] for c in DIFFERENT_SCORING_KEY])
def test_phonetic_key_keeps_apart(case, left, right):
    assert phonetic_key(left) != phonetic_key(right)


BLOCKING = [
    ("consonant skeleton", "Xurshid", ["hrshd"]),
    ("Normatov and Nurmatov share a block", "Normatov Nurmatov", ["nrmtv"]),
    ("Umarov and Amirov share a block", "Umarov Amirov", ["amrv"]),
    ("Otkir and Oʻtkir share a block", "Otkir Oʻtkir", ["atkr"]),
    ("one key per word", "Karimov Alisher", ["krmv", "alshr"]),
    ("initials are words", "A.Sh. Karimov", ["a", "sh", "krmv"]),
    ("empty value", "", []),
]


@pytest.mark.parametrize(("case", "value", "keys"), BLOCKING, ids=[c[0] for c in BLOCKING])
def test_blocking_keys_cases(case, value, keys):
    assert blocking_keys(value) == keys


def test_phonetic_key_whole_value():
    assert phonetic_key("Каримов Алишер Шавкатович") == "karimav alishir shavkatavich"


def test_phonetic_key_hyphen_joins():
    assert phonetic_key("Abdul-Aziz") == phonetic_key("Abdulaziz")
