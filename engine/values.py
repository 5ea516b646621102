"""Per-mapping value tables: distinct raw values, their normalised form and a compact id.

For mapping i the engine keeps `norm_i(raw, norm)`, `values_i(vid, norm[, pkey])` and, for
each file, `rv<side>_i(_row_id, vid)`. Later steps join integer ids instead of strings.
"""

import pyarrow as pa

from engine.config import Mapping
from engine.db import quote_ident, run_sql, scalar, sql_text
from engine.mapping_plan import MappingPlan
from engine.normalize import run_steps


def build_value_tables(con, index: int, mapping: Mapping, plan: MappingPlan,
                       threads: int = 1) -> int:
    """Normalise mapping `index`'s distinct values and map every record to a value id.

    Returns the number of distinct normalised values.
    """
    col1, col2 = quote_ident(mapping.file1_col), quote_ident(mapping.file2_col)
    raw = con.sql(sql_text("distinct_raw_values").format(col1=col1, col2=col2)).to_arrow_table()
    raw_values = raw.column("v").combine_chunks() if raw.num_rows else pa.array([], pa.string())
    normalised = run_steps(raw_values, plan.steps, threads)

    lookup = pa.table({"raw": pa.compute.cast(raw_values, pa.string()), "norm": normalised})
    con.register("norm_lookup", lookup)
    run_sql(con, "norm_lookup", i=index)
    con.unregister("norm_lookup")

    run_sql(con, "mapping_values", i=index)
    for side, col in ((1, col1), (2, col2)):
        run_sql(con, "record_values", i=index, side=side, col=col)
    if plan.phonetic is not None:
        _add_phonetic_keys(con, index, plan.phonetic)
    return scalar(con, f"SELECT count(*) FROM values_{index}")


def _add_phonetic_keys(con, index: int, phonetic) -> None:
    """Compute the phonetic code of each distinct value once, in a `pkey` column."""
    values = con.sql(f"SELECT vid, norm FROM values_{index}").to_arrow_table()
    codes = [phonetic(v) for v in values.column("norm").to_pylist()]
    con.register("pkeys", pa.table({"vid": values.column("vid"), "pkey": codes}))
    run_sql(con, "value_pkeys", i=index)
    con.unregister("pkeys")
