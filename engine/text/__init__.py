"""Text core of Uzbek name matching: clean-up, transliteration, phonetic keys, names."""

from engine.text.casefold import fold_case
from engine.text.cleanup import clean_text
from engine.text.phonetic import blocking_keys, phonetic_key
from engine.text.script_mix import script_mix
from engine.text.transliterate import to_latin

__all__ = [
    "blocking_keys",
    "clean_text",
    "fold_case",
    "phonetic_key",
    "script_mix",
    "to_latin",
]
