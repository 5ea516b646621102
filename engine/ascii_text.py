"""Byte-level checks and rewrites of ASCII string arrays, for normalisation and blocking keys.

Arrow's regex replacement costs about 400 ns a value. These functions work on the whole data
buffer at once instead, and rebuild the offsets. On two million phones and two million emails,
the step that uses them took 0.38 s and 0.42 s instead of 0.77 s and 1.02 s. Each function
gives the same result as its regex (see tests/engine/test_ascii_text.py) and, but for
all_ascii and any_space, expects an array whose values are all ASCII.
"""

import string

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# The ASCII characters that RE2's [\p{P}\p{S}\s] matches: punctuation, symbols, and the
# whitespace of \s, which leaves out \v.
PUNCTUATION_OR_SPACE = (string.punctuation + " \t\n\f\r").encode("ascii")
# A lookup table indexed by byte: the byte that replaces it.
TO_SPACE = bytes.maketrans(PUNCTUATION_OR_SPACE, b" " * len(PUNCTUATION_OR_SPACE))
# The ASCII apostrophes among normalize.APOSTROPHES; the others are outside ASCII.
APOSTROPHES = b"'`"


def all_ascii(values: pa.Array) -> bool:
    """Tell whether every byte of the array's values is ASCII.

    Looking at the data buffer took 4 ms on two million emails, against 50 ms for
    string_is_ascii. Bytes left in the slots of missing values count too, so such an array
    may be reported as not ASCII, which only sends it down the Unicode path.
    """
    data = _parts(values)[2]
    return not len(data) or int(data.max()) < 128


def any_space(values: pa.Array) -> bool:
    """Tell whether any value contains a space, as pc.any(pc.match_substring(values, " ")).

    Works on any UTF-8 text, as the space byte never occurs inside a longer character. For 1.8
    million phone numbers it took 10 to 14 ms against 108 ms. Bytes left in the slots of
    missing values count too, as in all_ascii.
    """
    return bool((_parts(values)[2] == np.uint8(32)).any())


def has_letter(values: pa.Array) -> pa.Array:
    """Tell for each value whether it has a letter A-Z or a-z, as match_substring_regex(r"\\pL")."""
    values, offsets, data = _parts(values)
    # Setting bit 5 lowers A-Z, and bytes below "a" wrap around, so one comparison finds letters.
    letters = ((data | np.uint8(32)) - np.uint8(97)) < np.uint8(26)
    found = np.zeros(len(values), dtype=bool)
    if letters.any():
        filled = np.flatnonzero(np.diff(offsets))
        found[filled] = np.logical_or.reduceat(letters, offsets[filled].astype(np.intp))
    return pa.array(found)


def drop_apostrophes(values: pa.Array) -> pa.Array:
    """Remove the apostrophes ' and ` from each value."""
    values, offsets, data = _parts(values)
    found = np.zeros(len(data), dtype=bool)
    for apostrophe in APOSTROPHES:
        found |= data == apostrophe
    if not found.any():
        return values
    return _kept(values, offsets, data, ~found)


def digits_only(values: pa.Array) -> pa.Array:
    """Keep only the digits 0-9 of each value, as replace_substring_regex(r"\\D+", "") does."""
    values, offsets, data = _parts(values)
    # Bytes below "0" wrap around to large values, so one comparison finds the digits: on two
    # million phones, 10 ms against 70 ms for a lookup table.
    return _kept(values, offsets, data, (data - np.uint8(48)) < np.uint8(10))


def last_digits_number(values: pa.Array, count: int) -> np.ndarray:
    """Return the number that the last `count` characters of each value make.

    Every value must be at least `count` ASCII digits long. For 1.6 million phone numbers this
    took 83 to 112 ms, where slicing the texts and casting the slices took 120 to 151 ms.
    """
    _, offsets, data = _parts(values)
    ends = offsets[1:].astype(np.int64)
    numbers = np.zeros(len(ends), dtype=np.int64)
    for place in range(count, 0, -1):
        numbers *= 10
        numbers += data[ends - place] - np.uint8(48)
    return numbers


def punctuation_to_spaces(values: pa.Array) -> pa.Array:
    """Turn each run of punctuation, symbols and whitespace into one space, and trim the ends.

    Gives what replace_substring_regex(r"[\\p{P}\\p{S}\\s]+", " ") and utf8_trim_whitespace
    give. Each character becomes a space in one pass, and only values with two spaces in a row
    go through a regex.
    """
    values, offsets, data = _parts(values)
    # bytes.translate took a third of the time of indexing a numpy table with the bytes.
    spaced_data = np.frombuffer(data.tobytes().translate(TO_SPACE), np.uint8)
    spaced = _rebuilt(values, offsets, spaced_data)
    runs = _with_double_space(offsets, spaced_data)
    if runs.any():
        runs = pa.array(runs)
        collapsed = pc.replace_substring_regex(pc.filter(spaced, runs), " {2,}", " ")
        spaced = pc.replace_with_mask(spaced, runs, collapsed)
    return pc.utf8_trim_whitespace(spaced)


def _with_double_space(offsets: np.ndarray, data: np.ndarray) -> np.ndarray:
    """Mark the values with two spaces in a row, and some that end or start with a space.

    A pair of spaces across the end of one value and the start of the next marks the first
    value too, which only sends it through the regex for nothing. On two million emails this
    took a tenth of the time of match_substring.
    """
    found = np.zeros(len(offsets) - 1, dtype=bool)
    space = data == np.uint8(32)
    pairs = np.flatnonzero(space[:-1] & space[1:])
    if len(pairs):
        found[np.searchsorted(offsets, pairs, side="right") - 1] = True
    return found


def _parts(values: pa.Array) -> tuple[pa.Array, np.ndarray, np.ndarray]:
    """Return the array with offset 0, its value offsets from 0 and a view of its data bytes."""
    if values.offset:
        values = pa.concat_arrays([values])
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int32, count=len(values) + 1)
    data = values.buffers()[2]
    start, end = int(offsets[0]), int(offsets[-1])
    view = np.frombuffer(data, dtype=np.uint8)[start:end] if data is not None else np.empty(0, np.uint8)
    return values, offsets - start, view


def _kept(values: pa.Array, offsets: np.ndarray, data: np.ndarray, keep: np.ndarray) -> pa.Array:
    """Return the values with only the bytes where `keep` is true."""
    counts = np.zeros(len(values), dtype=np.int32)
    filled = np.flatnonzero(np.diff(offsets))
    if len(filled):
        # reduceat counts each value's kept bytes; it needs the starts of non-empty values only.
        counts[filled] = np.add.reduceat(keep, offsets[filled].astype(np.intp), dtype=np.int32)
    new_offsets = np.concatenate((np.zeros(1, np.int32), np.cumsum(counts, dtype=np.int32)))
    return _rebuilt(values, new_offsets, data[keep])


def _rebuilt(values: pa.Array, offsets: np.ndarray, data: np.ndarray) -> pa.Array:
    # py_buffer wraps the numpy arrays without copying them.
    return pa.StringArray.from_buffers(len(values), pa.py_buffer(offsets.astype(np.int32)),
                                       pa.py_buffer(data), values.buffers()[0], values.null_count)
