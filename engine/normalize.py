"""Value normalisation as a pipeline of Arrow steps, run once per distinct value.

A step is a function from a pyarrow string array to a string array of the same length; nulls
stay null. Steps are vectorised with pyarrow.compute where it has the operation, so that a
column of a million distinct values normalises in well under a second.
"""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pyarrow as pa
import pyarrow.compute as pc

from engine import ascii_text
from engine.config import Mapping
from engine.dates import dates_to_iso_digits

Step = Callable[[pa.Array], pa.Array]

# Below this many values a single thread is quicker than starting more.
MIN_PARALLEL_VALUES = 50_000
# Values per slice of a large array. The byte masks of the ASCII forms are as large as the
# slice's text. On two million emails, slices of this size kept the steps' extra memory at
# 210 MB instead of 420 MB, and the steps took 0.40 s instead of 0.54 s.
SLICE_VALUES = 100_000

# Removed as plain text before the digits regex, which then runs on few values.
PHONE_SEPARATORS = (" ", "-", "+", "(", ")", ".", "/")

# Apostrophe-like characters that registries type inside words (O'Brien, Qo‘qon, oʻzbek).
# They are removed rather than turned into spaces, so that "Qo'qon" and "Qoqon" agree.
APOSTROPHES = "'`´‘’ʻʼʹʽ′＇‛"


def nfkc(values: pa.Array) -> pa.Array:
    return _on_non_ascii(values, lambda part: pc.utf8_normalize(part, "NFKC"))


def casefold(values: pa.Array) -> pa.Array:
    # ascii_lower gives the same text for ASCII, and with the check it took a fifth of the time
    # of utf8_lower on two million phones.
    return pc.ascii_lower(values) if ascii_text.all_ascii(values) else pc.utf8_lower(values)


def strip_diacritics(values: pa.Array) -> pa.Array:
    """Drop combining marks: "José" and "Jose" agree. Uzbek ʻ is a letter, not a mark."""
    def strip(part: pa.Array) -> pa.Array:
        decomposed = pc.utf8_normalize(part, "NFKD")
        stripped = pc.replace_substring_regex(decomposed, r"\p{Mn}+", "")
        return pc.utf8_normalize(stripped, "NFC")
    return _on_non_ascii(values, strip)


def _on_non_ascii(values: pa.Array, step: Step) -> pa.Array:
    """Run a Unicode step only on the values outside ASCII, which it leaves unchanged.

    Phones, IDs and emails are nearly all ASCII, and Unicode normalisation is the costly part.
    """
    wider = pc.invert(pc.fill_null(pc.string_is_ascii(values), True))
    if not pc.any(wider).as_py():
        return values
    return pc.replace_with_mask(values, wider, step(pc.filter(values, wider)))


def drop_apostrophes(values: pa.Array) -> pa.Array:
    # Finding the few values with an apostrophe is three times quicker than rewriting all.
    pattern = "[" + APOSTROPHES + "]"
    found = pc.fill_null(pc.match_substring_regex(values, pattern), False)
    if not pc.any(found).as_py():
        return values
    return pc.replace_with_mask(values, found,
                                pc.replace_substring_regex(pc.filter(values, found), pattern, ""))


def punctuation_or_digits(values: pa.Array) -> pa.Array:
    """Turn punctuation runs into one space in values with letters; keep only digits in the rest.

    "+998 90 123-45-67" and "+998901234567" both become "998901234567", leading zeros kept, so
    phones and IDs in any format agree; "al-Farobi, Abu" becomes "al Farobi Abu". Each rewrite
    runs only on the values it changes, as a million IDs of digits need none.
    """
    has_letter = pc.fill_null(pc.match_substring_regex(values, r"\pL"), False)
    return _punctuation_or_digits(values, has_letter, _words, _digits)


def _ascii_punctuation_or_digits(values: pa.Array) -> pa.Array:
    return _punctuation_or_digits(values, ascii_text.has_letter(values),
                                  ascii_text.punctuation_to_spaces, ascii_text.digits_only)


def _punctuation_or_digits(values: pa.Array, has_letter: pa.Array, words: Step,
                           digits: Step) -> pa.Array:
    # Values of digits only, such as most IDs, are already in their final form.
    digits_only = pc.fill_null(pc.ascii_is_decimal(values), True)
    no_letter = pc.and_(pc.invert(has_letter), pc.invert(digits_only))
    if pc.any(has_letter).as_py():
        values = _rewrite_where(values, has_letter, words)
    if pc.any(no_letter).as_py():
        values = _rewrite_where(values, no_letter, digits)
    return values


def _rewrite_where(values: pa.Array, where: pa.Array, step: Step) -> pa.Array:
    """Apply `step` to the values where `where` is true, leaving the others as they are.

    Steps keep missing values missing, so when `where` leaves out only those, the step runs on
    the whole array without a copy of the chosen values.
    """
    if pc.all(pc.or_(where, pc.is_null(values))).as_py():
        return step(values)
    return pc.replace_with_mask(values, where, step(pc.filter(values, where)))


def _words(values: pa.Array) -> pa.Array:
    if ascii_text.all_ascii(values):
        return ascii_text.punctuation_to_spaces(values)
    return pc.utf8_trim_whitespace(pc.replace_substring_regex(values, r"[\p{P}\p{S}\s]+", " "))


def _digits(values: pa.Array) -> pa.Array:
    """Keep only the digits of each value.

    ASCII values (phones as registries write them) are rewritten byte by byte. Others have
    their common separators removed as plain text, which took half the time of the regex on
    two million phones, and the regex then runs only on what is left.
    """
    if ascii_text.all_ascii(values):
        return ascii_text.digits_only(values)
    for separator in PHONE_SEPARATORS:
        if pc.any(pc.match_substring(values, separator)).as_py():
            values = pc.replace_substring(values, separator, "")
    rest = pc.invert(pc.fill_null(pc.ascii_is_decimal(values), True))
    if not pc.any(rest).as_py():
        return values
    return pc.replace_with_mask(values, rest,
                                pc.replace_substring_regex(pc.filter(values, rest), r"\D+", ""))


def collapse_spaces(values: pa.Array) -> pa.Array:
    single = pc.replace_substring_regex(values, r"\s+", " ")
    return pc.utf8_trim_whitespace(single)


def empty_to_null(values: pa.Array) -> pa.Array:
    blank = pc.equal(pc.utf8_trim_whitespace(values), "")
    return pc.if_else(blank, pa.scalar(None, pa.string()), values)


def steps_for(mapping: Mapping, extra: list[Step] | None = None, *,
              after_case: list[Step] | None = None, diacritics: bool = False) -> list[Step]:
    """Choose the steps for one mapping from its options.

    `extra` steps (script conversion) run right after NFKC, before case folding and
    punctuation removal, because they need the original letters. `after_case` steps (spelling
    standardisation) run on the case-folded text. `diacritics=True` keeps accents. Dates in
    the common forms become YYYYMMDD before punctuation is removed.
    """
    if not mapping.use_normalization:
        return [empty_to_null]

    steps = [nfkc, *(extra or [])]
    if not mapping.case_sensitive:
        steps.append(casefold)
    steps += after_case or []
    steps.append(dates_to_iso_digits)
    if not diacritics:
        steps.append(strip_diacritics)
    steps += [drop_apostrophes, punctuation_or_digits, empty_to_null]
    return steps


def run_steps(values: pa.Array, steps: list[Step], threads: int = 1) -> pa.Array:
    """Apply the steps in order to an array of distinct values, on `threads` threads at once.

    Arrow's compute functions release the GIL, and every step works value by value, so
    slices of a large array normalise side by side on several cores. Slices hold at most
    SLICE_VALUES values, because the ASCII forms make byte masks as large as a slice's text.
    """
    values = pc.cast(values, pa.string())
    if len(values) <= SLICE_VALUES and (threads <= 1 or len(values) < MIN_PARALLEL_VALUES):
        return _run_in_order(values, steps)

    count = max(threads, -(-len(values) // SLICE_VALUES))
    size = -(-len(values) // count)
    slices = [values.slice(start, size) for start in range(0, len(values), size)]
    with ThreadPoolExecutor(max(threads, 1)) as pool:
        parts = list(pool.map(lambda part: _run_in_order(part, steps), slices))
    return pa.concat_arrays(parts)


def _run_in_order(values: pa.Array, steps: list[Step]) -> pa.Array:
    """Apply the steps, taking a step's ASCII form while the values are known to be ASCII.

    Whether they are is checked again after any step that ran in its general form, as such a
    step may add or remove characters outside ASCII.
    """
    ascii_only = None
    for step in steps:
        ascii_form = ASCII_FORMS.get(step)
        if ascii_form is not None:
            if ascii_only is None:
                ascii_only = ascii_text.all_ascii(values)
            if ascii_only:
                values = ascii_form(values)
                continue
        values = step(values)
        ascii_only = None
    return values


def _unchanged(values: pa.Array) -> pa.Array:
    return values


# Steps that have a quicker form for arrays whose values are all ASCII. Each form gives what
# the step gives on such an array (tests/engine/test_normalize.py checks it), and returns ASCII
# values again. Two million emails went through the steps in 0.40 s instead of 1.06 s.
ASCII_FORMS: dict[Step, Step] = {
    nfkc: _unchanged,
    casefold: pc.ascii_lower,
    strip_diacritics: _unchanged,
    drop_apostrophes: ascii_text.drop_apostrophes,
    punctuation_or_digits: _ascii_punctuation_or_digits,
}
