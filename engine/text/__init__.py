"""Text core of Uzbek name matching: clean-up, transliteration, phonetic keys, names."""

from engine.text.arrow_steps import STEPS, arrow_step
from engine.text.casefold import fold_case
from engine.text.cleanup import clean_text
from engine.text.name_compare import NameComparison, compare_names, name_score
from engine.text.names import ParsedName, parse_name
from engine.text.phonetic import blocking_keys, phonetic_key
from engine.text.script_mix import script_mix
from engine.text.text_forms import TextForms, text_forms
from engine.text.transliterate import to_latin

__all__ = [
    "STEPS",
    "NameComparison",
    "ParsedName",
    "TextForms",
    "arrow_step",
    "blocking_keys",
    "clean_text",
    "compare_names",
    "fold_case",
    "name_score",
    "parse_name",
    "phonetic_key",
    "script_mix",
    "text_forms",
    "to_latin",
]
