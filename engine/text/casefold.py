"""Lower case from an explicit table, the same on every machine and locale.

Locale-aware lowering turns I into ı under a Turkish locale, and Python's "İ".lower() returns
two code points. The table maps İ and I to i and every other capital of the Latin and Cyrillic
blocks to its single lower-case letter.
"""

import functools

# Latin (Basic, Latin-1, Extended-A and B, Extended Additional), Cyrillic and its supplement,
# fullwidth Latin capitals.
_RANGES = ((0x0041, 0x024F), (0x0400, 0x052F), (0x1E00, 0x1EFF), (0xFF21, 0xFF3A))


def _build_table() -> dict[int, str]:
    table = {}
    for first, last in _RANGES:
        for code in range(first, last + 1):
            lower = chr(code).lower()
            if len(lower) == 1 and lower != chr(code):
                table[code] = lower
    table[ord("İ")] = "i"
    table[ord("I")] = "i"
    return table


_TABLE = _build_table()


@functools.lru_cache(maxsize=1 << 18)
def fold_case_token(token: str) -> str:
    """Fold one token to lower case with the explicit table."""
    return token.translate(_TABLE)


def fold_case(value: str) -> str:
    """Fold a value to lower case: İ and I to i, Oʻ to oʻ, Ш to ш; other scripts unchanged."""
    return value.translate(_TABLE)
