import pytest

from engine.text import to_latin

# Examples of the 1995 spelling rules (Cabinet of Ministers Resolution 339 and its appendix).
CONTEXT_RULES = [
    ("е at word start", "ер", "yer"),
    ("е after vowel", "поезд", "poyezd"),
    ("е at name start", "Елена", "Yelena"),
    ("е after vowel in surname", "Алиев", "Aliyev"),
    ("е after consonant", "кел", "kel"),
    ("е in -ev suffix", "Эргашев", "Ergashev"),
    ("э always e", "Эркин", "Erkin"),
    ("ц at word start", "цирк", "sirk"),
    ("ц at word end", "кварц", "kvars"),
    ("ц after consonant", "концерт", "konsert"),
    ("ц after consonant before vowel", "акция", "aksiya"),
    ("ц after vowel", "лицей", "litsey"),
    ("ц after vowel twice", "конституция", "konstitutsiya"),
    ("ц after vowel in militsiya", "милиция", "militsiya"),
    ("ё at word start", "ёмғир", "yomgʻir"),
    ("ё after й", "Сайёра", "Sayyora"),
    ("ё after consonant in name", "Дилёр", "Dilyor"),
    ("я after consonant in name", "Марям", "Maryam"),
    ("ё after л in name", "Илёс", "Ilyos"),
    ("ю after consonant in name", "Муҳаммадюсуф", "Muhammadyusuf"),
    ("ё after ф in name", "Суфён", "Sufyon"),
    ("month name exception", "сентябрь", "sentabr"),
    ("month name exception October", "октябрь", "oktabr"),
    ("loanword exception", "бюджет", "budjet"),
    ("ь softening dropped", "альбом", "albom"),
    ("ь at word end dropped", "апрель", "aprel"),
    ("ь before е", "премьера", "premyera"),
    ("ь before ю", "интервью", "intervyu"),
    ("ь before е in patronymic", "Юрьевна", "Yuryevna"),
    ("ь before о", "павильон", "pavilyon"),
    ("ь before и", "Ильин", "Ilyin"),
    ("ъ before е", "объект", "obyekt"),
    ("ъ before е after prefix", "съезд", "syezd"),
    ("ъ before ю", "адъютант", "adyutant"),
    ("ъ in Arabic word", "маъно", "maʼno"),
    ("ъ in Persian word", "санъат", "sanʼat"),
    ("ъ in surname", "Неъматов", "Neʼmatov"),
    ("ъ in given name", "Раъно", "Raʼno"),
    ("ъ after ў dropped", "мўъжиза", "moʻjiza"),
    ("ъ after ў in name", "Мўътабар", "Moʻtabar"),
    ("сҳ is s tutuq h", "Исҳоқ", "Isʼhoq"),
    ("сҳ in patronymic", "Исҳоқович", "Isʼhoqovich"),
    ("сҳ inside compound", "Мирисҳоқ", "Mirisʼhoq"),
    ("ш is sh", "Шавкат", "Shavkat"),
    ("щ is sh", "община", "obshina"),
    ("ы is i", "Кадыров", "Kadirov"),
    ("х is x", "Хуршид", "Xurshid"),
    ("ҳ is h", "Ҳамид", "Hamid"),
    ("қ is q", "Қодир", "Qodir"),
    ("ғ is gʻ", "Ғулом", "Gʻulom"),
    ("ў is oʻ", "Ўктам", "Oʻktam"),
    ("ч is ch", "Чори", "Chori"),
    ("нг is ng", "Жаҳонгир", "Jahongir"),
    ("Korean surname exception", "Цой", "Tsoy"),
]


@pytest.mark.parametrize(("rule", "cyrillic", "latin"), CONTEXT_RULES, ids=[c[0] for c in CONTEXT_RULES])
def test_to_latin_context_rules(rule, cyrillic, latin):
    assert to_latin(cyrillic) == latin


NEW_LETTERS = [
    ("2026 ö", "Örinov", "Oʻrinov"),
    ("2026 ğ", "Ğulomov", "Gʻulomov"),
    ("2026 ş", "Şukurov", "Shukurov"),
    ("2026 ç", "Çoriyev", "Choriyev"),
    ("2026 capitals in capital word", "ŞUKUROV ÖKTAM", "SHUKUROV OʻKTAM"),
    ("2026 initial", "Ş.", "Sh."),
    ("draft õ", "Toşpõlatov", "Toshpoʻlatov"),
    ("draft ō", "Yōldoshev", "Yoʻldoshev"),
    ("draft ǧ", "Uluǧbek", "Ulugʻbek"),
    ("Romanian ș", "Eșonqulov", "Eshonqulov"),
]


@pytest.mark.parametrize(("case", "value", "expected"), NEW_LETTERS, ids=[c[0] for c in NEW_LETTERS])
def test_to_latin_new_letters(case, value, expected):
    assert to_latin(value) == expected


CASE_AND_FORM = [
    ("capital word", "ШАВКАТОВИЧ", "SHAVKATOVICH"),
    ("capital word with ё", "ЁҚУБОВ", "YOQUBOV"),
    ("initials", "А.Ш. Каримов", "A.Sh. Karimov"),
    ("hyphenated name", "Абдул-Азиз", "Abdul-Aziz"),
    ("Russian-keyboard Cyrillic", "Рахимов", "Raximov"),
    ("legacy font letters", "Ќамидов Њринов", "Hamidov Oʻrinov"),
    ("mixed scripts per word", "Каримов Alisher", "Karimov Alisher"),
    ("canonical Latin unchanged", "Gʻulomov Neʼmat Oʻktam", "Gʻulomov Neʼmat Oʻktam"),
    ("bare c left alone", "Cori", "Cori"),
    ("apostrophes canonicalised", "G'ulomov Ne'mat", "Gʻulomov Neʼmat"),
    ("digits kept", "Каримов 2", "Karimov 2"),
]


@pytest.mark.parametrize(("case", "value", "expected"), CASE_AND_FORM, ids=[c[0] for c in CASE_AND_FORM])
def test_to_latin_case_and_form(case, value, expected):
    assert to_latin(value) == expected
