from hypothesis import given
from hypothesis import strategies as st

from engine.text import (
    blocking_keys,
    clean_text,
    compare_names,
    fold_case,
    name_score,
    parse_name,
    phonetic_key,
    script_mix,
    spelling,
    text_forms,
    to_latin,
)

OKINA = "\u02bb"
TUTUQ = "\u02bc"

# Text mixing the characters registry data is made of: Latin, Uzbek and Russian Cyrillic,
# the 2026 and draft letters, apostrophes, invisible characters, spaces and punctuation.
REGISTRY_ALPHABET = (
    "abcdeghijklmnopqrstuvxyzABGHIOSXQ"
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳАЕЁЦЪЬЮЯЎҚҒҲ"
    "öğşçÖĞŞÇõōóǧḡǵșİıЌЉЂЊ"
    "'`´ʹʻʼʽ‘’‛′＇"
    "\u200b\u200d\u00ad\ufeff\u00a0\u2013\u0308\u0307 -.,"
)
registry_text = st.text(alphabet=REGISTRY_ALPHABET, max_size=40)
any_text = st.text(max_size=40)


@given(st.one_of(registry_text, any_text))
def test_clean_text_idempotent(value):
    once = clean_text(value)

    assert clean_text(once) == once


@given(st.one_of(registry_text, any_text))
def test_to_latin_idempotent(value):
    once = to_latin(value)

    assert to_latin(once) == once


@given(st.one_of(registry_text, any_text))
def test_fold_case_idempotent(value):
    once = fold_case(value)

    assert fold_case(once) == once


@given(st.one_of(registry_text, any_text), st.one_of(registry_text, any_text))
def test_public_functions_never_raise(left, right):
    clean_text(left)
    to_latin(left)
    fold_case(left)
    phonetic_key(left)
    blocking_keys(left)
    script_mix(left)
    parse_name(left)
    compare_names(left, right)


# Canonical 1995 Latin: the 26 letters, oʻ and gʻ with U+02BB, a tutuq U+02BC between a
# letter other than o or g and a following letter, words separated by single spaces.
_letter = st.sampled_from(list("abdefhijklmnpqrstuvxyzABDEFHIJKLMNPQRSTUVXYZ"))
_okina_letter = st.sampled_from(["o", "g", "O", "G", "o" + OKINA, "g" + OKINA, "O" + OKINA, "G" + OKINA])
_piece = st.one_of(_letter, _okina_letter, _letter.map(lambda letter: letter + TUTUQ))


def _word(pieces: list[str]) -> str:
    word = "".join(pieces)
    return word[:-1] if word.endswith(TUTUQ) else word


canonical_word = st.lists(_piece, min_size=1, max_size=8).map(_word)
canonical_value = st.lists(canonical_word, max_size=4).map(" ".join)


@given(canonical_value)
def test_canonical_latin_unchanged(value):
    assert clean_text(value) == value
    assert to_latin(value) == value


@given(st.one_of(registry_text, any_text))
def test_text_forms_equal_functions(value):
    forms = text_forms(value)

    assert forms.clean == clean_text(value)
    assert forms.latin == to_latin(value)
    assert forms.phonetic_key == phonetic_key(value)
    assert forms.blocking_keys == blocking_keys(value)


@given(st.one_of(registry_text, any_text), st.one_of(registry_text, any_text))
def test_name_score_equals_comparison_score(left, right):
    assert name_score(left, right) == compare_names(left, right).score


@given(st.text(alphabet="0123456789 +-./:()#,;'`@_", max_size=20))
def test_spelling_keeps_tokens_without_letters(token):
    assert spelling._standard_token(token) == token
