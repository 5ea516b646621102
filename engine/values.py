"""Per-mapping value tables: distinct raw values, their normalised form and a compact id.

For mapping i the engine keeps `norm_i(raw, norm)` and `values_i(vid, norm[, pkey])`, and
each file's value id per record. Later steps work on integer ids instead of strings.

The ids are found in Arrow rather than by SQL joins: both columns are dictionary-encoded, the
dictionary of distinct raw values is normalised, and the normalised values are encoded again.
Because `_row_id` is the record number, each file's ids also come back as a numpy array indexed
by `_row_id - 1` (0 where the value is missing), so scoring looks them up by position.
"""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from engine.config import Mapping
from engine.db import quote_ident, run_sql
from engine.mapping_plan import MappingPlan
from engine.normalize import run_steps


@dataclass
class ValueIds:
    """The value id of every record of each file for one mapping; 0 where it has none."""
    side1: np.ndarray
    side2: np.ndarray
    count: int


def build_value_tables(con, index: int, mapping: Mapping, plan: MappingPlan,
                       threads: int = 1) -> ValueIds:
    """Normalise mapping `index`'s distinct values and map every record to a value id."""
    columns = [_read_column(con, side, col)
               for side, col in ((1, mapping.file1_col), (2, mapping.file2_col))]
    raw = pc.dictionary_encode(pa.concat_arrays([values for _, values in columns]))
    normalised = run_steps(raw.dictionary, plan.steps, threads)
    _store_lookup(con, index, raw.dictionary, normalised)

    encoded = pc.dictionary_encode(normalised)
    # The id of each distinct raw value (0 when it is empty after normalisation), then of each
    # record. A missing raw value has no dictionary entry, so it points at the extra 0.
    raw_vid = np.append(_filled(encoded.indices, -1) + 1, 0).astype(np.int32)
    record_vid = raw_vid[_filled(raw.indices, len(raw.dictionary))]
    first_count = len(columns[0][1])
    ids = ValueIds(_by_row(columns[0][0], record_vid[:first_count]),
                   _by_row(columns[1][0], record_vid[first_count:]), len(encoded.dictionary))

    table = pa.table({"vid": np.arange(1, ids.count + 1, dtype=np.int32),
                      "norm": encoded.dictionary})
    _register_and_run(con, "norm_values", table, "mapping_values", index)
    if plan.phonetic is not None:
        _add_phonetic_keys(con, index, plan.phonetic, encoded.dictionary)
    return ids


def value_texts(con, index: int, column: str = "norm") -> pa.Array:
    """Return `column` of values_i in value id order, so that value id v is at position v - 1.

    The table is written in id order and a plain scan returns it so; the ids are checked, and
    sorted only if a scan ever returns another order.
    """
    table = con.sql(f"SELECT vid, {column} FROM values_{index}").to_arrow_table()
    vids = table.column("vid").to_numpy()
    texts = table.column(column).combine_chunks() if table.num_rows else pa.array([], pa.string())
    if len(vids) and not np.all(vids[1:] > vids[:-1]):
        texts = texts.take(pa.array(np.argsort(vids, kind="stable")))
    return texts


def _read_column(con, side: int, column: str) -> tuple[np.ndarray, pa.Array]:
    table = con.sql(f"SELECT _row_id, {quote_ident(column)} AS v FROM input_{side}").to_arrow_table()
    values = table.column("v").combine_chunks() if table.num_rows else pa.array([], pa.string())
    return table.column("_row_id").to_numpy(), pc.cast(values, pa.string())


def _store_lookup(con, index: int, raw: pa.Array, normalised: pa.Array) -> None:
    lookup = pa.table({"raw": raw, "norm": normalised})
    _register_and_run(con, "norm_lookup", lookup, "norm_lookup", index)


def _filled(indices: pa.Array, fill: int) -> np.ndarray:
    return pc.fill_null(indices, fill).to_numpy(zero_copy_only=False).astype(np.int64)


def _by_row(row_ids: np.ndarray, vids: np.ndarray) -> np.ndarray:
    ids = np.zeros(len(row_ids), dtype=np.int32)
    ids[row_ids - 1] = vids
    return ids


def _register_and_run(con, name: str, table: pa.Table, sql: str, index: int) -> None:
    con.register(name, table)
    try:
        run_sql(con, sql, i=index)
    finally:
        con.unregister(name)


def _add_phonetic_keys(con, index: int, phonetic, norms: pa.Array) -> None:
    """Compute the phonetic code of each distinct value once, in a `pkey` column."""
    codes = [phonetic(v) for v in norms.to_pylist()]
    table = pa.table({"vid": np.arange(1, len(codes) + 1, dtype=np.int32), "pkey": codes})
    _register_and_run(con, "pkeys", table, "value_pkeys", index)
