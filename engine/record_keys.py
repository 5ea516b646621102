"""The records of each blocking key of one mapping in one file, and the record pairs keys make.

Blocking joins the two files on shared keys. Within a mapping, key numbers run from 0 to the
mapping's key count, so each file's (record, key) rows are grouped by key with a counting
sort and a key's records are one slice. Joining is then slicing, in numpy, with no hash table.
On a million synthetic records per file, the blocking stage took 1.8 to 2.3 s this way, against
2.8 to 3.0 s when the rows were stored in DuckDB and joined there (three alternating runs each).
"""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from engine.arrays import distinct, sorted_with_order
from engine.block_keys import expand


@dataclass
class RecordKeys:
    """Record indexes (0-based) grouped by key: key k's are records[starts[k]:starts[k + 1]]."""
    records: np.ndarray
    starts: np.ndarray

    @classmethod
    def grouped(cls, records: np.ndarray, keys: np.ndarray, key_count: int) -> "RecordKeys":
        """Group (record, key) rows by key number, records in their given order within a key."""
        order = sorted_with_order(keys)[1]
        # Most keys of a wide mapping have no rows here, so 32-bit starts halve the largest array.
        starts = np.zeros(key_count + 1, dtype=np.int32 if len(keys) < 2**31 else np.int64)
        np.cumsum(np.bincount(keys, minlength=key_count), out=starts[1:])
        return cls(records[order].astype(np.int32), starts)

    def partners(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return, for every record of each of `keys`, the key's position in `keys` and the record."""
        owner, position = expand(self.starts, keys)
        return owner, self.records[position]


def shared_key_pairs(first: RecordKeys, second: RecordKeys, keys: np.ndarray,
                     second_count: int) -> np.ndarray:
    """Return a pair code (see pair_code) for every record pair of the two files with one of `keys`."""
    owner, records1 = first.partners(keys)
    row, records2 = second.partners(keys[owner])
    return pair_code(records1[row], records2, second_count)


def probe_pairs(records: np.ndarray, keys: np.ndarray, other: RecordKeys,
                second_count: int, records_first: bool) -> np.ndarray:
    """Return the pair codes of each given (record, key) row with the other file's records of the key.

    `records_first` is True when `records` are of file 1. `second_count` is file 2's record count.
    """
    row, found = other.partners(keys)
    if records_first:
        return pair_code(records[row], found, second_count)
    return pair_code(found, records[row], second_count)


def pair_code(records1: np.ndarray, records2: np.ndarray, second_count: int) -> np.ndarray:
    """Pack record pairs into one int64 each, ordered by file 1's record, then file 2's."""
    return records1.astype(np.int64) * second_count + records2


def pairs_table(codes: list[np.ndarray], second_count: int) -> pa.Table:
    """Return the distinct pairs of the codes as `(r1, r2)` record numbers, counted from 1."""
    unique = distinct(np.concatenate(codes)) if codes else np.empty(0, dtype=np.int64)
    return pa.table({"r1": unique // second_count + 1, "r2": unique % second_count + 1})
