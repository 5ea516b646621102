"""Text functions as Arrow steps for the normalisation pipeline, computed per distinct value."""

from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

from engine.text.casefold import fold_case
from engine.text.cleanup import PLAIN_CHARACTERS, clean_text
from engine.text.phonetic import phonetic_key
from engine.text.transliterate import to_latin

ArrowStep = Callable[[pa.Array], pa.Array]


# Values of plain tokens (engine.text.cleanup.PLAIN_CHARACTERS), one space between them:
# clean_text and to_latin give them back unchanged, because their only work on ASCII is on
# apostrophes, control characters and runs of whitespace.
PLAIN_ASCII = f"^[{PLAIN_CHARACTERS}]+( [{PLAIN_CHARACTERS}]+)*$"


def arrow_step(fn: Callable[[str], str], plain_unchanged: bool = False) -> ArrowStep:
    """Wrap a str -> str function as a step from a string array to a string array.

    The step calls fn once per distinct value and keeps the length, the order and the nulls.
    A chunked array is combined first; a string or large string type is kept. With
    `plain_unchanged`, values matching PLAIN_ASCII are kept as they are without calling fn:
    phones, dates, IDs and emails, which made most of the calls of a Cyrillic-to-Latin job.
    """

    def step(values: pa.Array) -> pa.Array:
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
            raise TypeError(
                f"invalid input type {values.type} for text step {fn.__name__}: expected string "
                "or large_string; cast the column to string first"
            )
        if not plain_unchanged:
            return _per_distinct(fn, values)
        plain = pc.fill_null(pc.match_substring_regex(values, PLAIN_ASCII), True)
        if pc.all(plain).as_py():
            return values
        others = pc.invert(plain)
        return pc.replace_with_mask(values, others, _per_distinct(fn, values.filter(others)))

    step.__name__ = f"arrow_{fn.__name__}"
    return step


def _per_distinct(fn: Callable[[str], str], values: pa.Array) -> pa.Array:
    encoded = pc.dictionary_encode(values)
    dictionary = pa.array([fn(value) for value in encoded.dictionary.to_pylist()], type=values.type)
    return pc.take(dictionary, encoded.indices)


STEPS: dict[str, ArrowStep] = {
    "clean": arrow_step(clean_text, plain_unchanged=True),
    "to_latin": arrow_step(to_latin, plain_unchanged=True),
    "fold_case": arrow_step(fold_case),
    "phonetic_key": arrow_step(phonetic_key),
}
