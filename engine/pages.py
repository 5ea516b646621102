"""One page of a result through the job's lookups (engine.result_lookup).

First the page's row ids come from the narrow selection table, filtered by the per-record
search text when there is a search. Then only those rows are joined to the inputs and to
`pairs`, which their row-id indexes find without a scan.
"""

import pyarrow as pa

from engine.db import quote_ident, run_sql, scalar
from engine.selection import set_temp_key, temp_key

# The order and window of one page, filled into sql/page_ids_*.sql.
PAIRS_PAGE = "ORDER BY s.score DESC, s.r1, s.r2 LIMIT $limit OFFSET $offset"
UNMATCHED_PAGE = "ORDER BY u._row_id LIMIT $limit OFFSET $offset"
# From this offset on, a pair page without a search reads the numbered page order, because a
# top-N sort that skips this many rows costs more than reading the numbers. On the 2-core
# bench machine that was 27 ms against 2 ms at an offset of 88,000 of 176,000 matches.
# Numbering them is one sort (60 ms there), once per selection on each connection. Pages
# near the top skip it.
ORDERED_FROM = 1000


def read(con, file_type: str, select_list: str, selected: list[str], window: dict,
         pattern: str | None) -> tuple[int, list[dict]]:
    """Return (total rows, the page's rows as dicts of `selected`) for `file_type`."""
    params = {"pattern": pattern}
    if file_type.startswith("unmatched_"):
        fields = {"side": file_type[-1]}
        total = _count(con, "page_ids_unmatched", params, fields)
        found = run_sql(con, "page_ids_unmatched", params | window, columns="u._row_id",
                        order_limit=UNMATCHED_PAGE, **fields).fetchall()
        ids = pa.table({"_row_id": pa.array([row[0] for row in found], pa.int64())})
        return total, _rows(con, "page_rows_unmatched", ids, select_list, selected,
                            ids=_id_list(ids, "_row_id"), **fields)

    fields = {"name": file_type}
    total = _count(con, "page_ids_pairs", params, fields)
    if pattern is None and window["offset"] >= ORDERED_FROM:
        _prepare_page_order(con, file_type)
        found = run_sql(con, "page_ids_ordered", window, **fields).fetchall()
    else:
        found = run_sql(con, "page_ids_pairs", params | window, columns="s.r1, s.r2, s.score",
                        order_limit=PAIRS_PAGE, **fields).fetchall()
    ids = pa.table({"r1": pa.array([row[0] for row in found], pa.int64()),
                    "r2": pa.array([row[1] for row in found], pa.int64()),
                    "score": pa.array([row[2] for row in found], pa.float64()),
                    "k": pa.array(range(len(found)), pa.int64())})
    return total, _rows(con, "page_rows_pairs", ids, select_list, selected,
                        ids1=_id_list(ids, "r1"), ids2=_id_list(ids, "r2"))


def _prepare_page_order(con, file_type: str) -> None:
    """Number the pairs of `file_type` in page order, unless done for the current selection."""
    version = scalar(con, "SELECT value FROM job_meta WHERE key = 'selection_version'")
    table = f"page_order_{file_type}"
    if temp_key(con, table) == version:
        return
    set_temp_key(con, table, None)
    run_sql(con, "page_order_pairs", name=file_type)
    set_temp_key(con, table, version)


def _count(con, sql_name: str, params: dict, fields: dict) -> int:
    return run_sql(con, sql_name, params, columns="count(*)", order_limit="",
                   **fields).fetchall()[0][0]


def _rows(con, sql_name: str, page_ids: pa.Table, select_list: str, selected: list[str],
          **fields) -> list[dict]:
    if page_ids.num_rows == 0:
        return []
    con.register("page_ids", page_ids)
    try:
        cursor = run_sql(con, sql_name, select_list=select_list,
                         selected=", ".join(quote_ident(c) for c in selected), **fields)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
    finally:
        con.unregister("page_ids")


def _id_list(ids: pa.Table, column: str) -> str:
    """Return the ids as SQL integer literals; int() lets nothing else reach the query."""
    return ", ".join(str(int(value)) for value in ids.column(column).to_pylist())
