"""Link two CSV files with Splink's DuckDB backend: the peer side of `make bench-compare`.

Run inside `.venv-bench` from the repository root:

    .venv-bench/bin/python -m bench.splink_run A.csv B.csv MODEL PREDICTIONS.csv BLOCKED.parquet

MODEL is a name from bench/splink_settings.py. The script trains the model (prior from
deterministic rules, u by random sampling, m by EM), writes the pairs that `predict()` scores at
match probability >= THRESHOLD to PREDICTIONS.csv (columns rec_id_l, rec_id_r,
source_dataset_l, source_dataset_r, match_probability), writes the blocked id pairs to
BLOCKED.parquet, and prints one line `splink_timings {json}` with the seconds of each step.
"""

import argparse
import json
import sys
import time

import duckdb
import splink
from splink import DuckDBAPI, Linker

from bench.splink_settings import model

THRESHOLD = 0.5
# Splink's default. With 1e7, u estimation took 88 s of Splink's 99 s at 10,000 x 10,000
# synthetic records on the 2-core benchmark machine.
U_MAX_PAIRS = 1e6
SEED = 20261204
# Values of source_dataset_l/_r, and the prefix of the join keys in the blocked pairs.
SOURCE_A, SOURCE_B = "file_a", "file_b"


def _load(con: duckdb.DuckDBPyConnection, path: str, table: str, select_sql: str) -> None:
    """Load a CSV file as text, trimming names and values (FEBRL4 separates fields by ", ")."""
    con.execute("CREATE OR REPLACE TEMP TABLE raw_in AS "
                "SELECT * FROM read_csv(?, all_varchar = true, header = true)", [path])
    columns = [row[0] for row in con.execute("DESCRIBE raw_in").fetchall()]
    trimmed = ", ".join(f'nullif(trim("{name}"), \'\') AS "{name.strip()}"' for name in columns)
    con.execute(f"CREATE OR REPLACE TEMP TABLE raw AS SELECT {trimmed} FROM raw_in")
    con.execute(f"CREATE OR REPLACE TABLE {table} AS {select_sql}")
    con.execute("DROP TABLE raw_in; DROP TABLE raw")


def _train(linker: Linker, chosen) -> None:
    linker.training.estimate_probability_two_random_records_match(
        list(chosen.deterministic_rules), recall=chosen.deterministic_recall)
    linker.training.estimate_u_using_random_sampling(max_pairs=U_MAX_PAIRS, seed=SEED)
    for rule in chosen.training_rules:
        linker.training.estimate_parameters_using_expectation_maximisation(rule)


def run(file_a: str, file_b: str, model_name: str, predictions_out: str,
        blocked_out: str) -> dict[str, float]:
    timings, started = {}, time.perf_counter()
    chosen = model(model_name)
    con = duckdb.connect()
    _load(con, file_a, "file_a", chosen.select_sql)
    _load(con, file_b, "file_b", chosen.select_sql)
    db_api = DuckDBAPI(connection=con)
    inputs = [db_api.register("file_a", dataset_display_name=SOURCE_A),
              db_api.register("file_b", dataset_display_name=SOURCE_B)]
    linker = Linker(inputs, chosen.settings, log_level="WARNING")
    timings["load_s"] = time.perf_counter() - started

    step = time.perf_counter()
    _train(linker, chosen)
    timings["train_s"] = time.perf_counter() - step

    step = time.perf_counter()
    blocked = linker.inference.compute_blocked_pairs_for_predict()
    predictions = linker.inference.predict(threshold_match_probability=THRESHOLD)
    timings["predict_s"] = time.perf_counter() - step

    step = time.perf_counter()
    predictions.as_duckdbpyrelation().select(
        "rec_id_l, rec_id_r, source_dataset_l, source_dataset_r, match_probability"
    ).write_csv(predictions_out)
    # Writing the blocked pairs is only for the blocking recall figure; its time is printed
    # apart so a reader can take it out of Splink's wall time.
    timings["write_predictions_s"] = time.perf_counter() - step
    step = time.perf_counter()
    blocked.as_duckdbpyrelation().write_parquet(blocked_out)
    timings["write_blocked_s"] = time.perf_counter() - step
    timings["total_s"] = time.perf_counter() - started
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.splink_run", description=__doc__)
    for name in ("file_a", "file_b", "model", "predictions_out", "blocked_out"):
        parser.add_argument(name)
    args = parser.parse_args(argv)
    timings = run(args.file_a, args.file_b, args.model, args.predictions_out, args.blocked_out)
    timings["splink"] = splink.__version__
    timings["duckdb"] = duckdb.__version__
    print("splink_timings " + json.dumps(timings), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
