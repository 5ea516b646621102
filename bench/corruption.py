"""Column-wise corruptions for the second synthetic file: typos, blanks, swaps, upper case.

Each function takes a numpy object array of strings and a numpy Generator, draws every random
choice for the whole column at once, and returns a new array. Only the string edits themselves
run per value, on the rows picked for them.
"""

import numpy as np

LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
DIGITS = "0123456789"
UZBEK_APOSTROPHES = ("ʻ", "'", "‘", "`")


def _edit(value: str, operation: int, spot: float, letter: str) -> str:
    """Apply one edit at a relative position: 0 substitute, 1 delete, 2 insert, 3 transpose."""
    if not value:
        return value
    i = min(int(spot * len(value)), len(value) - 1)
    if operation == 0:
        return value[:i] + letter + value[i + 1:]
    if operation == 1 and len(value) > 2:
        return value[:i] + value[i + 1:]
    if operation == 3 and i + 1 < len(value):
        return value[:i] + value[i + 1] + value[i] + value[i + 2:]
    return value[:i] + letter + value[i:]


def add_typos(values: np.ndarray, rate: float, rng: np.random.Generator,
              alphabet: str = LATIN_LETTERS, operations: int = 4) -> np.ndarray:
    """Give a share `rate` of the values one random edit; `operations=1` only substitutes."""
    chosen = np.flatnonzero(rng.random(len(values)) < rate)
    kinds = rng.integers(0, operations, size=len(chosen))
    spots = rng.random(len(chosen))
    letters = rng.integers(0, len(alphabet), size=len(chosen))
    out = values.copy()
    for i, kind, spot, letter in zip(chosen.tolist(), kinds.tolist(), spots.tolist(),
                                     letters.tolist()):
        out[i] = _edit(out[i], kind, spot, alphabet[letter])
    return out


def blank(values: np.ndarray, rate: float, rng: np.random.Generator) -> np.ndarray:
    """Replace a share `rate` of the values with the empty string (a missing value in CSV)."""
    out = values.copy()
    out[rng.random(len(values)) < rate] = ""
    return out


def swap(first: np.ndarray, second: np.ndarray, rate: float,
         rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Swap the two columns' values on a share `rate` of the rows (given name and surname)."""
    swapped = rng.random(len(first)) < rate
    return np.where(swapped, second, first), np.where(swapped, first, second)


def swap_day_month(iso_dates: np.ndarray, rate: float, rng: np.random.Generator) -> np.ndarray:
    """Write day and month the other way round on a share `rate` of the ISO dates that allow it.

    Only a date whose day is 12 or less and differs from its month stays a valid date when
    swapped, so `rate` is a share of those dates.
    """
    days = np.array([int(value[8:10]) for value in iso_dates.tolist()], dtype=np.int64)
    months = np.array([int(value[5:7]) for value in iso_dates.tolist()], dtype=np.int64)
    chosen = np.flatnonzero((days <= 12) & (days != months) & (rng.random(len(iso_dates)) < rate))
    out = iso_dates.copy()
    out[chosen] = [f"{value[:4]}-{value[8:10]}-{value[5:7]}" for value in iso_dates[chosen].tolist()]
    return out


def upper_case(values: np.ndarray, rate: float, rng: np.random.Generator) -> np.ndarray:
    out = values.copy()
    chosen = np.flatnonzero(rng.random(len(values)) < rate)
    out[chosen] = [value.upper() for value in values[chosen].tolist()]
    return out


def vary_apostrophes(values: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Write the Uzbek ʻ (U+02BB) as one of ʻ ' ‘ ` chosen per value."""
    variants = rng.integers(0, len(UZBEK_APOSTROPHES), size=len(values))
    return np.array([value.replace("ʻ", UZBEK_APOSTROPHES[k]) if "ʻ" in value else value
                     for value, k in zip(values.tolist(), variants.tolist())], dtype=object)
