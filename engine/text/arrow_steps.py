"""Text functions as Arrow steps for the normalisation pipeline, computed per distinct value."""

from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

from engine.text.casefold import fold_case
from engine.text.cleanup import clean_text
from engine.text.phonetic import phonetic_key
from engine.text.transliterate import to_latin

ArrowStep = Callable[[pa.Array], pa.Array]


def arrow_step(fn: Callable[[str], str]) -> ArrowStep:
    """Wrap a str -> str function as a step from a string array to a string array.

    The step calls fn once per distinct value and keeps the length, the order and the nulls.
    A chunked array is combined first; a string or large string type is kept.
    """

    def step(values: pa.Array) -> pa.Array:
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
            raise TypeError(
                f"invalid input type {values.type} for text step {fn.__name__}: expected string "
                "or large_string; cast the column to string first"
            )
        encoded = pc.dictionary_encode(values)
        dictionary = pa.array([fn(value) for value in encoded.dictionary.to_pylist()], type=values.type)
        return pc.take(dictionary, encoded.indices)

    step.__name__ = f"arrow_{fn.__name__}"
    return step


STEPS: dict[str, ArrowStep] = {
    "clean": arrow_step(clean_text),
    "to_latin": arrow_step(to_latin),
    "fold_case": arrow_step(fold_case),
    "phonetic_key": arrow_step(phonetic_key),
}
