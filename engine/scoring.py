"""Scoring: each distinct pair of normalised values is scored once per mapping.

Record pairs then take their per-mapping scores by joining value ids, and the `pairs` table
keeps one score column per mapping (`s0`, `s1`, ...) so that selection can re-weigh them.
"""

from collections.abc import Callable

import numpy as np
import pyarrow as pa

from engine.config import ProcessingConfig
from engine.db import drop_tables, run_sql, sql_text
from engine.mapping_plan import MappingPlan

# Called after each batch with (mapping index, batches done, batches in all).
BatchCallback = Callable[[int, int, int], None]


def build_candidate_values(con, mapping_count: int) -> None:
    """Give every record its value ids in one row, then every candidate both records' ids."""
    for side in (1, 2):
        columns = ", ".join(f"rv{i}.vid AS v{i}" for i in range(mapping_count))
        joins = "\n".join(f"LEFT JOIN rv{side}_{i} AS rv{i} ON rv{i}._row_id = t._row_id"
                          for i in range(mapping_count))
        run_sql(con, "records_values", side=side, value_columns=columns, value_joins=joins)
    columns = ", ".join(f"a.v{i} AS a{i}, b.v{i} AS b{i}" for i in range(mapping_count))
    run_sql(con, "candidate_values", value_columns=columns)
    drop_tables(con, ["records_1", "records_2"]
                + [f"rv{side}_{i}" for side in (1, 2) for i in range(mapping_count)])


def score_mapping(con, index: int, plan: MappingPlan, chunk_size: int,
                  on_batch: BatchCallback) -> int:
    """Fill `vscores_i` batch by batch; returns the number of distinct value pairs scored."""
    if plan.batch is not None:
        return _score_in_python(con, index, plan, chunk_size, on_batch)
    run_sql(con, "value_pairs", {"chunk_size": chunk_size}, i=index)
    run_sql(con, "value_scores_create", i=index)
    pair_count, batches = con.execute(
        f"SELECT count(*), coalesce(max(chunk) + 1, 0) FROM vpairs_{index}").fetchall()[0]

    expression = plan.expression
    for batch in range(batches):
        run_sql(con, "value_scores_chunk", {"chunk": batch}, i=index, expression=expression)
        on_batch(index, batch + 1, batches)
    return pair_count


def _score_in_python(con, index: int, plan: MappingPlan, chunk_size: int,
                     on_batch: BatchCallback) -> int:
    """Score the value pairs with `plan.batch`, handing it `chunk_size` pairs per call.

    One large hand-off costs far less than DuckDB's call per 2,048-row vector, and lets
    rapidfuzz spread a batch over all cores. Value ids run from 1 to the number of values
    (see mapping_values.sql), so a value's text is found by position.
    """
    run_sql(con, "value_pairs_plain", i=index)
    column = plan.batch_column
    texts = np.array(_column(con, f"SELECT {column} FROM values_{index} ORDER BY vid", column),
                     dtype=object)
    pairs = con.sql(f"SELECT v1, v2 FROM vpairs_{index}").to_arrow_table()
    first = pairs.column("v1").to_numpy()
    second = pairs.column("v2").to_numpy()

    scores = np.empty(len(first), dtype=np.float64)
    batches = max(1, -(-len(first) // chunk_size))
    for batch in range(batches):
        part = slice(batch * chunk_size, (batch + 1) * chunk_size)
        scores[part] = plan.batch(texts[first[part] - 1].tolist(), texts[second[part] - 1].tolist())
        on_batch(index, batch + 1, batches)

    con.register("batch_scores", pa.table({"v1": first, "v2": second, "score": scores}))
    run_sql(con, "value_scores_from_batches", i=index)
    con.unregister("batch_scores")
    drop_tables(con, [f"vpairs_{index}"])
    return len(first)


def _column(con, query: str, name: str) -> list:
    table = con.sql(query).to_arrow_table()
    return table.column(name).to_pylist()


def build_pairs(con, config: ProcessingConfig) -> int:
    """Create `pairs(r1, r2, s0, s1, ...)` from the candidates and the value scores."""
    count = len(config.mappings)
    columns = ", ".join(f"s{i}.score AS s{i}" for i in range(count))
    joins = "\n".join(sql_text("pairs_join").format(i=i) for i in range(count))
    run_sql(con, "pairs", score_columns=columns, score_joins=joins)
    drop_tables(con, ["candidate_values"] + [f"{kind}_{i}" for i in range(count)
                                             for kind in ("vscores", "vpairs")])
    return con.execute("SELECT count(*) FROM pairs").fetchall()[0][0]
