"""The result views: selection tables joined back to the input columns the config names.

`out_matched` and `out_low_confidence` carry `f1_<column>`, `f2_<column>`, `confidence_score`
and, with `include_confidence_scores`, one `score_<column>` per mapping. `out_unmatched_1/2`
carry the file's own columns and, with scores asked for, the best candidate and the reason.

Each view also carries internal columns named `__<name>` (row ids, per-mapping scores, the
decision, the unmatched reason) for the review screens; files and API pages select only the
result columns, which `job_meta` lists under 'columns'.
"""

import json
from pathlib import Path

from engine.config import ProcessingConfig
from engine.db import quote_ident, run_sql, scalar

PAIR_RESULTS = ("matched", "low_confidence")
# Unmatched records' extra columns: the SQL that gives each, and its name in the results. The
# score is rounded to two decimals like confidence_score.
UNMATCHED_EXTRA = {"u.best_row_id": "best_candidate_row",
                   "round(u.best_score, 2)": "best_candidate_score",
                   "u.reason": "unmatched_reason"}


def create_views(con, config: ProcessingConfig, columns1: list[str], columns2: list[str]) -> dict:
    """Create the four `out_*` views; returns the column names of each result.

    Once an analyst has decided a pair, matched and low-confidence rows gain a `decision`
    column (accept or reject), so downloads show which matches a person confirmed.
    """
    out1 = config.output_cols1 or columns1
    out2 = config.output_cols2 or columns2
    with_decisions = scalar(con, "SELECT count(*) FROM decisions") > 0
    result_columns, select_lists = {}, {}

    for name in PAIR_RESULTS:
        select, names = _pair_select(config, out1, out2, with_decisions)
        run_sql(con, "view_matched", name=name, select_list=select)
        result_columns[name], select_lists[name] = names, select
    for side, own in ((1, out1), (2, out2)):
        select, names = _unmatched_select(config, own)
        run_sql(con, "view_unmatched", side=side, select_list=select)
        result_columns[f"unmatched_{side}"], select_lists[f"unmatched_{side}"] = names, select

    con.execute("CREATE TABLE IF NOT EXISTS job_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT OR REPLACE INTO job_meta VALUES ('columns', ?)", [json.dumps(result_columns)])
    # The select lists let a page join just its own rows to the inputs (sql/page_*.sql).
    con.execute("INSERT OR REPLACE INTO job_meta VALUES ('select_lists', ?)", [json.dumps(select_lists)])
    con.execute("INSERT OR REPLACE INTO job_meta VALUES ('config', ?)", [config.model_dump_json()])
    con.execute("INSERT OR REPLACE INTO job_meta VALUES ('input_columns', ?)",
                [json.dumps([columns1, columns2])])
    return result_columns


def score_column_names(config: ProcessingConfig) -> list[str]:
    """`score_<file1_col>`, made unique with the file-2 column where two mappings share it."""
    firsts = [m.file1_col for m in config.mappings]
    return [f"score_{m.file1_col}" if firsts.count(m.file1_col) == 1
            else f"score_{m.file1_col}_{m.file2_col}" for m in config.mappings]


def _pair_select(config, out1, out2, with_decisions: bool) -> tuple[str, list[str]]:
    items = [(f"a.{quote_ident(c)}", f"f1_{c}") for c in out1]
    items += [(f"b.{quote_ident(c)}", f"f2_{c}") for c in out2]
    items.append(("round(m.score, 2)", "confidence_score"))
    if config.include_confidence_scores:
        items += [(f"round(p.s{i}, 2)", name) for i, name in enumerate(score_column_names(config))]
    if with_decisions:
        items.append(("d.decision", "decision"))
    internal = [("m.r1", "__r1"), ("m.r2", "__r2"), ("d.decision", "__decision")]
    internal += [(f"round(p.s{i}, 2)", f"__s{i}") for i in range(len(config.mappings))]
    return _select_list(items, internal)


def _unmatched_select(config, own) -> tuple[str, list[str]]:
    items = [(f"t.{quote_ident(c)}", c) for c in own]
    if config.include_confidence_scores:
        items += list(UNMATCHED_EXTRA.items())
    internal = [("u._row_id", "__row_id"), ("u.best_row_id", "__best_row_id"),
                ("u.best_score", "__best_score"), ("u.reason", "__reason")]
    return _select_list(items, internal)


def _select_list(items: list[tuple[str, str]], internal: list[tuple[str, str]]) -> tuple[str, list[str]]:
    select = ", ".join(f"{expr} AS {quote_ident(alias)}" for expr, alias in items + internal)
    return select, [alias for _, alias in items]


def record_files(con, files: dict[str, Path]) -> None:
    """Note where the result files are and which selection they show, to spot stale ones."""
    version = scalar(con, "SELECT value FROM job_meta WHERE key = 'selection_version'")
    paths = {name: str(path) for name, path in files.items()}
    con.execute("INSERT OR REPLACE INTO job_meta VALUES ('files', ?)", [json.dumps(paths)])
    con.execute("INSERT OR REPLACE INTO job_meta VALUES ('files_version', ?)", [version])
