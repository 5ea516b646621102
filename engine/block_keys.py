"""The blocking keys of one mapping, built with Arrow and numpy from its value ids.

Each distinct value is split into tokens. A token whose own records already make more pairs
than the per-key cap is left out: every key derived from it is shared by at least those
records, so it would be dropped anyway. Digit tokens (phones, IDs, dates) are keyed by
themselves and, when longer than seven digits, by their last seven, so that a phone with and
without its country code meet. Other tokens take the keys the plan gives them, computed once
per distinct token. Exact mappings key on the whole value.

The keys come in two tiers. mapping_keys gives the keys of whole values: a value of one word
takes that word's keys, and a value of several words (an email, a full name, an address) one
key for its set of words. word_keys gives the keys of each word of every value, which blocking
makes only when the first tier leaves room in its target. On a million synthetic records
per file, the rare name-and-digits words of emails ("ridgeson19") gave 620,000 of the 1.6
million candidates as own keys, nearly all of them false. Keys of whole emails instead cut the
candidates to 0.98 million and kept as many true pairs, and the word keys that the target then
never used had taken 0.5 s of the lanes.

Values are counted per file (engine.values), so each key's record counts are sums over its
values, and record-level keys are made only for the keys that can pair.
"""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from engine.arrays import (
    distinct,
    distinct_with_inverse,
    release_unused_memory,
    sorted_with_order,
    summed_by,
)
from engine.ascii_text import any_space, last_digits_number
from engine.mapping_plan import MappingPlan
from engine.value_numbers import Hashes
from engine.values import ValueIds

LAST_DIGITS = 7
# Values with more tokens than this are checked for repeated tokens by sorting instead.
MAX_TOKENS_COMPARED = 16


@dataclass
class MappingKeys:
    """Distinct (value id, key number) rows of one mapping, and each key's records per file."""
    vids: np.ndarray
    keys: np.ndarray     # key number, 0 to the mapping's key count - 1
    count1: np.ndarray   # records of file 1 per key number
    count2: np.ndarray
    # True for the keys of single words of longer values (word_keys), which own keys skip.
    words: bool = False
    several_words: bool = False  # some value has several words, so word_keys gives more keys


def mapping_keys(norms: pa.Array | None, plan: MappingPlan | None, ids: ValueIds,
                 max_key_pairs: int, hashes: Hashes | None = None) -> MappingKeys:
    """Return the keys of the whole values `norms` of one mapping, given in value id order.

    With no plan, or a plan without token keys, each whole value is its own key, and `norms`
    is not read. Otherwise a value of one word gets that word's keys, and a value of several
    words one key for its set of words, from the words' `hashes` (needed when some value has
    a space). word_keys gives the keys of each word of those.
    """
    per_value = [np.bincount(side, minlength=ids.count + 1) for side in (ids.side1, ids.side2)]
    if plan is None or plan.token_keys is None:
        # Key k is value k + 1, and the values are distinct already.
        vids = np.arange(1, ids.count + 1, dtype=np.int32)
        return MappingKeys(vids, vids - 1, per_value[0][1:], per_value[1][1:])

    if not any_space(norms):
        # Each value is its own token (phones, IDs): token t is value t + 1, so its records are
        # the value's, and its keys need no grouping by token.
        usable = per_value[0][1:] * per_value[1][1:] <= max_key_pairs
        key_tokens, key_numbers, key_count = _token_keys(norms, np.flatnonzero(usable), plan)
        return _counted(key_tokens + 1, key_numbers, key_count, per_value, rows_distinct=True)

    vids, hashed, rows, words = _hashed_words(norms, hashes)
    word_counts = np.bincount(vids, minlength=len(norms) + 1)
    alone = word_counts[vids] == 1
    encoded = pc.dictionary_encode(words.take(pa.array(rows[alone])))
    del words, rows
    # The split words are freed into Arrow's pool, which numpy cannot use.
    release_unused_memory()
    row_vids, row_keys, key_count = _word_rows(
        vids[alone], encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32),
        encoded.dictionary, per_value, max_key_pairs, plan)
    del encoded

    # Each value of several words is one key, numbered after the word keys. Values with the
    # same words in another order ("aliyev bekzod", "bekzod aliyev") share it.
    several = np.flatnonzero(word_counts[1:] > 1).astype(np.int32) + 1
    codes = word_set_codes(vids, hashed, len(norms) + 1)
    word_sets, set_keys = distinct_with_inverse(codes[several])
    found = _counted(np.concatenate((row_vids, several)),
                     np.concatenate((row_keys, key_count + set_keys.astype(np.int32))),
                     key_count + len(word_sets), per_value)
    found.several_words = len(several) > 0
    return found


def _hashed_words(norms: pa.Array,
                  hashes: Hashes) -> tuple[np.ndarray, np.ndarray, np.ndarray, pa.Array]:
    """Return the distinct (value id, word) rows of `norms`, and all their words.

    The rows come as value ids, word hashes and positions in the words, each value's rows
    adjacent. Hashing the 5.2 million words of two million synthetic emails took 0.1 s, where
    numbering them with Arrow's dictionary_encode took 0.72 to 0.79 s, and the email mapping's
    keys took 1.6 to 1.8 s instead of 2.1 to 2.3 s. DuckDB's string hash has collisions (see
    engine.value_numbers): two words of one value that share a hash count as one word, and two
    word sets that share a code share a key, so a collision can cost or add a candidate.
    """
    split = pc.split_pattern(norms, " ")
    longest = pc.max(pc.list_value_length(split)).as_py() or 0
    vids = pc.list_parent_indices(split).to_numpy().astype(np.int32) + 1
    words = pc.list_flatten(split)
    del split
    hashed = hashes(words)
    rows = np.flatnonzero(~_repeated_rows(vids, hashed, longest))
    return vids[rows], hashed[rows], rows, words


def word_keys(norms: pa.Array, plan: MappingPlan, ids: ValueIds, max_key_pairs: int) -> MappingKeys:
    """Return the keys of every word of the mapping's values, none of them a whole value's.

    Blocking makes them only when the keys of whole values leave room in its target.
    """
    per_value = [np.bincount(side, minlength=ids.count + 1) for side in (ids.side1, ids.side2)]
    vids, token_ids, tokens = _tokens(norms)
    row_vids, row_keys, key_count = _word_rows(vids, token_ids, tokens, per_value, max_key_pairs,
                                               plan)
    found = _counted(row_vids, row_keys, key_count, per_value)
    found.words = True
    return found


def _word_rows(vids: np.ndarray, token_ids: np.ndarray, tokens: pa.Array,
               per_value: list[np.ndarray], max_key_pairs: int,
               plan: MappingPlan) -> tuple[np.ndarray, np.ndarray, int]:
    """Return the (value id, key) rows of the keys of the given (value id, token id) rows.

    A token whose records already make more than `max_key_pairs` pairs gets no key.
    """
    counts = [summed_by(token_ids, n[vids], len(tokens)) for n in per_value]
    usable = counts[0] * counts[1] <= max_key_pairs
    usable &= (counts[0] > 0) | (counts[1] > 0)
    del counts
    key_tokens, key_numbers, key_count = _token_keys(tokens, np.flatnonzero(usable), plan)

    # Every key of every token: (token, key) rows grouped by token, so a token's keys are a slice.
    # Ids fit 32 bits, which halves the largest arrays of a million-record mapping.
    order = sorted_with_order(key_tokens)[1]
    offsets = np.concatenate(([0], np.cumsum(np.bincount(key_tokens, minlength=len(tokens)))))
    sorted_keys = key_numbers[order].astype(np.int32)
    del order, key_numbers, key_tokens
    row, position = expand(offsets, token_ids)
    return vids[row].astype(np.int32), sorted_keys[position], key_count


def word_set_codes(vids: np.ndarray, word_ids: np.ndarray, size: int) -> np.ndarray:
    """Return a 64-bit code for the words of each value id below `size`, whatever their order.

    (vids, word_ids) rows list each value's words, a value's rows adjacent. The code is the sum
    of a hash of each word id, so no sort is needed, and a value without words gets 0. Two
    different sets of words get one code with a chance of about one in 2**64 per pair of
    values, and then only share a key, and scoring still compares their values.
    """
    codes = np.zeros(size, dtype=np.uint64)
    if not len(vids):
        return codes.view(np.int64)

    hashed = (word_ids.astype(np.uint64) + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
    hashed ^= hashed >> np.uint64(31)
    starts = np.flatnonzero(np.concatenate(([True], vids[1:] != vids[:-1])))
    codes[vids[starts]] = np.add.reduceat(hashed, starts)
    return codes.view(np.int64)


def expand(offsets: np.ndarray, owners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return a row for every item of each owner's slice offsets[o]:offsets[o + 1].

    Each row is the index in `owners` and the item's position, as two arrays, of 32-bit
    integers where they fit, which halves the largest arrays of a mapping's keys.
    """
    sizes = (offsets[1:] - offsets[:-1])[owners]
    total = int(sizes.sum())
    kind = np.int32 if max(len(owners), int(offsets[-1]), total) < 2**31 else np.int64
    entry = np.repeat(np.arange(len(owners), dtype=kind), sizes)
    positions = np.repeat((offsets[owners] - (np.cumsum(sizes) - sizes)).astype(kind), sizes)
    positions += np.arange(total, dtype=kind)
    return entry, positions


def _tokens(norms: pa.Array) -> tuple[np.ndarray, np.ndarray, pa.Array]:
    """Distinct (value id, token id) rows and the distinct tokens.

    Values of one token each (phones, IDs, dates) are their own tokens, with no hashing.
    """
    if not any_space(norms):
        vids = np.arange(1, len(norms) + 1, dtype=np.int64)
        return vids, vids - 1, norms
    split = pc.split_pattern(norms, " ")
    longest = pc.max(pc.list_value_length(split)).as_py() or 0
    vids = pc.list_parent_indices(split).to_numpy().astype(np.int32) + 1
    encoded = pc.dictionary_encode(pc.list_flatten(split))
    del split
    tokens = encoded.dictionary
    token_ids = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    del encoded
    # The split lists are freed into Arrow's pool, which numpy cannot use: on two million
    # emails they held 150 MB until the end of the mapping.
    release_unused_memory()
    first_rows = ~_repeated_rows(vids, token_ids, longest)
    return vids[first_rows], token_ids[first_rows], tokens


def _repeated_rows(vids: np.ndarray, tokens: np.ndarray, longest: int) -> np.ndarray:
    """Mark each (value id, token) row whose token an earlier row of its value has.

    A value's rows are adjacent, so each row is compared with the few rows before it. On two
    million emails the mapping's keys took 1.8 s instead of 2.15 s, against sorting 5.2
    million packed 64-bit rows. The rows of values longer than MAX_TOKENS_COMPARED tokens are
    sorted instead.
    """
    repeated = np.zeros(len(vids), dtype=bool)
    for lag in range(1, min(longest, MAX_TOKENS_COMPARED)):
        repeated[lag:] |= (vids[lag:] == vids[:-lag]) & (tokens[lag:] == tokens[:-lag])
    if longest <= MAX_TOKENS_COMPARED:
        return repeated

    long_rows = np.flatnonzero(np.bincount(vids)[vids] > MAX_TOKENS_COMPARED)
    # lexsort is stable, so the first row of each run is the value's first with that token.
    order = long_rows[np.lexsort((tokens[long_rows], vids[long_rows]))]
    same = (vids[order[1:]] == vids[order[:-1]]) & (tokens[order[1:]] == tokens[order[:-1]])
    repeated[order[1:][same]] = True
    return repeated


def _token_keys(tokens: pa.Array, usable: np.ndarray,
                plan: MappingPlan) -> tuple[np.ndarray, np.ndarray, int]:
    """(token id, key number) for every key of every usable token, and the number of keys.

    The rows are distinct: a token has one key of each digit kind, and the plan's keys of a
    token differ (the default keys by their prefixes "t:", "p:" and "f:", the Uzbek keys as
    blocking_keys drops repeats). Key numbers come in three ranges, so that no two kinds of
    key meet. A digit token is its
    own key, numbered by its token id. The distinct last-seven-digit numbers come after the
    token ids, and the plan's keys of other tokens, numbered by their text, after both.
    """
    # Nearly every token of a mapping of phones or IDs is usable, and taking them all is a copy.
    chosen = tokens if len(usable) == len(tokens) else tokens.take(pa.array(usable))
    digits = pc.fill_null(pc.ascii_is_decimal(chosen), False).to_numpy(zero_copy_only=False)
    number_ids = usable[digits]
    numbers = _where(chosen, digits)
    longer = pc.greater(pc.utf8_length(numbers), LAST_DIGITS).to_numpy(zero_copy_only=False)
    tails = last_digits_number(_where(numbers, longer), LAST_DIGITS)

    distinct_tails, tail_numbers = distinct_with_inverse(tails)

    word_tokens, word_keys = _word_keys(usable[~digits], _where(chosen, ~digits), plan)
    encoded = pc.dictionary_encode(word_keys)
    words_from = len(tokens) + len(distinct_tails)
    owners = np.concatenate((number_ids, number_ids[longer], word_tokens))
    keys = np.concatenate((number_ids, len(tokens) + tail_numbers,
                           words_from + encoded.indices.to_numpy(zero_copy_only=False)))
    key_count = words_from + len(encoded.dictionary)
    del encoded, chosen, numbers, word_keys
    # The Arrow arrays above are freed into Arrow's pool, which numpy cannot use.
    release_unused_memory()
    return owners.astype(np.int64, copy=False), keys.astype(np.int64, copy=False), key_count


def _where(values: pa.Array, mask: np.ndarray) -> pa.Array:
    """Return the values where `mask` is true, without a copy when it is true everywhere."""
    return values if mask.all() else values.filter(pa.array(mask))


def _word_keys(token_ids: np.ndarray, words: pa.Array,
               plan: MappingPlan) -> tuple[np.ndarray, pa.Array]:
    """Return (token id, key text) rows of the plan's keys of each word."""
    if plan.token_keys_batch is not None:
        positions, keys = plan.token_keys_batch(words)
        return token_ids[positions], keys
    owners, keys = [], []
    for token_id, word in zip(token_ids.tolist(), words.to_pylist()):
        # dict.fromkeys drops a repeated key, as _token_keys promises distinct rows.
        for key in dict.fromkeys(plan.token_keys(word)):
            owners.append(token_id)
            keys.append(key)
    return np.array(owners, dtype=np.int64), pa.array(keys, pa.string())


def _counted(vids: np.ndarray, keys: np.ndarray, key_count: int, per_value: list[np.ndarray],
             rows_distinct: bool = False) -> MappingKeys:
    """Return the distinct (value, key) rows, grouped by value, and each key's records per file.

    With `rows_distinct`, the rows are known to be distinct and are only grouped: a stable
    sort of their value ids, which come in a few ascending runs. For 1.8 million phones that
    took 20 to 28 ms, where finding the distinct rows took 141 to 356 ms.
    """
    if rows_distinct:
        order = np.argsort(vids, kind="stable")
        vids, keys = vids[order].astype(np.int32), keys[order].astype(np.int32)
    else:
        width = max(key_count, 1)
        unique = distinct(vids.astype(np.int64, copy=False) * width + keys)
        vids, keys = (unique // width).astype(np.int32), (unique % width).astype(np.int32)
        del unique
    count1, count2 = (summed_by(keys, n[vids], key_count) for n in per_value)
    return MappingKeys(vids, keys, count1, count2)
