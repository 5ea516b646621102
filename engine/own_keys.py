"""Each record's own blocking keys: its rarest few, gathered mapping by mapping in numpy.

A record of one file keeps up to `per_record` of its keys, fewest partners in the other file
first (ties by key number), while their partners add up to at most `max_partners`. Its first
key may have up to `max_partners` partners, each later one only `later_partners`. Keys kept
globally still count in that ranking; blocking leaves them out afterwards, because they already
pair every record that has them.

Each key is packed with its partner count above the key number into one int64 code, so that
comparing codes ranks keys by (partners, key). A record's best codes so far are updated with
each mapping's keys, which needs memory for the records only, not for all their keys at once.
On a million records per file this replaced a window over three million rows per file in SQL.
"""

import threading

import numpy as np

# Key numbers stay below 2**PARTNER_SHIFT: blocking puts the mapping index at bit 40, so up to
# 2**19 mappings fit. Partner counts up to 15 fit above them in a signed int64.
PARTNER_SHIFT = 59
MAX_PARTNERS = 15
NO_KEY = np.iinfo(np.int64).max


class OwnKeys:
    """The `per_record` lowest codes of each record of one file, lowest first."""

    def __init__(self, records: int, per_record: int, max_partners: int,
                 later_partners: int | None = None):
        if max_partners > MAX_PARTNERS:
            raise ValueError(f"max_partners {max_partners} is above {MAX_PARTNERS}, the most a "
                             "key code holds; lower it")
        self.best = np.full((per_record, records), NO_KEY, dtype=np.int64)
        self.shape = self.best.shape
        self.max_partners = max_partners
        self.later_partners = max_partners if later_partners is None else later_partners
        self._merging = threading.Lock()

    def add(self, records: np.ndarray, keys: np.ndarray, partners: np.ndarray) -> None:
        """Offer (record index, key number, partner count) rows of one mapping.

        Each record must come with a given key at most once. Rows with more partners than
        `max_partners` can never be chosen, so they are ignored.
        """
        self.merge(self.lowest_codes(records, keys, partners))

    def lowest_codes(self, records: np.ndarray, keys: np.ndarray,
                     partners: np.ndarray) -> np.ndarray:
        """Return one mapping's lowest codes per record, as `add` offers them, without merging.

        It only reads the settings, so threads may compute several mappings' codes at once.
        """
        usable = partners <= self.max_partners
        records = records[usable]
        codes = (partners[usable].astype(np.int64) << PARTNER_SHIFT) | keys[usable].astype(np.int64)

        # The mapping's own lowest codes per record, one rank after the other.
        found = np.full(self.shape, NO_KEY, dtype=np.int64)
        for rank in range(len(found)):
            if rank:
                higher = codes > found[rank - 1][records]
                records, codes = records[higher], codes[higher]
            np.minimum.at(found[rank], records, codes)
        return found

    def merge(self, found: np.ndarray) -> None:
        """Keep each record's lowest codes of its best so far and `found` (from lowest_codes).

        Threads may merge at once, in any order: the lowest codes of all mappings do not depend
        on the order they came in.
        """
        with self._merging:
            self.best = _merge_lowest(self.best, found)

    def chosen(self) -> tuple[np.ndarray, np.ndarray]:
        """Return (record index, key number) of each record's own keys.

        A record takes its keys lowest first while their partners add up to at most
        `max_partners`, and a key after the first only with at most `later_partners`.
        """
        present = self.best != NO_KEY
        partners = np.where(present, self.best >> PARTNER_SHIFT, 0)
        within_cap = present & (np.cumsum(partners, axis=0) <= self.max_partners)
        within_cap[1:] &= partners[1:] <= self.later_partners
        rank, records = np.nonzero(within_cap)
        keys = self.best[rank, records] & ((1 << PARTNER_SHIFT) - 1)
        return records, keys


def _merge_lowest(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Return the lowest k codes per column of two (k, n) arrays, each sorted down its columns.

    The i-th lowest of two sorted lists is the least, over the ways of taking i + 1 items from
    their fronts, of the largest item taken. Element-wise, that is a few passes over the
    columns, where sorting the stacked arrays along the short axis took five times as long.
    """
    count = len(first)
    merged = np.empty_like(first)
    for rank in range(count):
        lowest = None
        for from_first in range(rank + 2):
            from_second = rank + 1 - from_first
            if from_first == 0:
                largest = second[from_second - 1]
            elif from_second == 0:
                largest = first[from_first - 1]
            else:
                largest = np.maximum(first[from_first - 1], second[from_second - 1])
            lowest = largest if lowest is None else np.minimum(lowest, largest)
        merged[rank] = lowest
    return merged
