"""Term-frequency adjustments measured on a finished FEBRL4 job, without changing the engine.

The job's stored pair scores and its fitted auto_weights model give each pair's log2 odds.
Splink's adjustment sets the u probability of an exact agreement on value v to v's term
frequency f(v), its share of both files stacked, which adds log2(u_exact / f(v)) bits. So
agreement on a rare surname counts more, and on a common one less. Both scorings then pick pairs by the same
greedy one-to-one pass; without the adjustment it reproduces the job's own F1, which checks the
pass. The adjustment is within +-MAX_BITS, as the model's level bits are bounded.
"""

import json
from pathlib import Path

import duckdb
import numpy as np

from bench import report
from engine.config import ProcessingConfig
from engine.values import normalised_texts

EXACT_FROM, CLOSE_FROM = 99.5, 85.0
MAX_BITS = 10.0
THRESHOLDS = (20.0, 50.0, 80.0)


def run(job_db: Path, truth: Path, columns: list[str]) -> report.Section:
    section = report.Section("Term-frequency adjustments on FEBRL4")
    if not job_db.is_file():
        section.lines = [f"Skipped: no FEBRL4 job at {job_db}; the FEBRL4 suite makes it.", ""]
        return section
    with duckdb.connect(str(job_db), read_only=True) as con:
        base, adjusted, pairs = _log_odds(con, columns)
        ids = [_column(con, f"SELECT rec_id FROM input_{side} ORDER BY _row_id", "rec_id")
               for side in (1, 2)]
    true_pairs = _truth(truth)

    rows = []
    for threshold in THRESHOLDS:
        scores = [_f1(odds, pairs, ids, true_pairs, threshold) for odds in (base, adjusted)]
        rows.append([f"{threshold:g}", *(f"{p:.4f} / {r:.4f} / {f:.4f}" for p, r, f in scores)])
    section.lines = [
        (f"Job: `{job_db}` (the FEBRL4 six-field config, auto_weights on), rescored from its "
         "stored pair scores and fitted model. Adjustment: log2(u_exact / f(v)) for pairs whose "
         "normalised values are equal, f(v) the share of v in both files stacked, "
         f"within +-{MAX_BITS:g} bits. Both columns pick pairs by one greedy one-to-one pass; "
         "without the adjustment it gives the job's own F1 at threshold 50."), "",
        *report.table(["threshold", "model: P / R / F1", "model + term frequency: P / R / F1"],
                      rows)]
    return section


def _log_odds(con, columns: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return each pair's log2 odds under the job's model, without and with the adjustment."""
    model = json.loads(con.execute("SELECT value FROM job_meta WHERE key = 'selection'")
                       .fetchall()[0][0])["model"]
    names = ", ".join(f"s{i}" for i in range(len(columns)))
    pairs = con.sql(f"SELECT r1, r2, {names} FROM pairs").fetchnumpy()
    pair_ids = np.stack([pairs["r1"], pairs["r2"]]).astype(np.int64)

    base = np.full(pair_ids.shape[1], float(model["prior_bits"]))
    adjustment = np.zeros(pair_ids.shape[1])
    for i in range(len(columns)):
        scores = np.ma.filled(np.ma.asarray(pairs[f"s{i}"], dtype=float), np.nan)
        levels = np.where(scores >= EXACT_FROM, 2, np.where(scores >= CLOSE_FROM, 1, 0))
        bits = np.array(model["bits"][i])
        base += np.where(np.isnan(scores), 0.0, bits[levels])
        rarity = _value_bits(con, i, pair_ids, float(model["u"][i][2]))
        adjustment += np.where(levels == 2, np.nan_to_num(rarity), 0.0)
    return base, base + adjustment, pair_ids


def _value_bits(con, index: int, pair_ids: np.ndarray, u_exact: float) -> np.ndarray:
    """Return log2(u_exact / f(v)) for pairs that share normalised value v, NaN elsewhere."""
    config = ProcessingConfig.model_validate_json(
        con.execute("SELECT value FROM job_meta WHERE key = 'config'").fetchall()[0][0])
    mapping = config.mappings[index]
    norms = [normalised_texts(con, config, mapping, _column(
        con, f'SELECT "{name}" FROM input_{side} ORDER BY _row_id', name))
        for side, name in ((1, mapping.file1_col), (2, mapping.file2_col))]
    stacked = np.array([v or "" for v in norms[0] + norms[1]])
    found, counts = np.unique(stacked, return_counts=True)
    frequency = dict(zip(found, counts / len(stacked)))
    left = [norms[0][r - 1] for r in pair_ids[0]]
    right = [norms[1][r - 1] for r in pair_ids[1]]
    bits = np.full(len(left), np.nan)
    for k, (a, b) in enumerate(zip(left, right)):
        if a is not None and a == b:
            bits[k] = np.clip(np.log2(max(u_exact, 1e-12) / frequency[a]), -MAX_BITS, MAX_BITS)
    return bits


def _f1(log_odds: np.ndarray, pairs: np.ndarray, ids: list[list[str]], truth: set,
        threshold: float) -> tuple[float, float, float]:
    """Pick pairs one-to-one, best score first and each record once, down to the threshold."""
    scores = 100 / (1 + np.power(2.0, -log_odds))
    used1, used2, chosen = set(), set(), []
    for k in np.argsort(-scores, kind="stable"):
        if scores[k] < threshold:
            break
        r1, r2 = int(pairs[0][k]), int(pairs[1][k])
        if r1 in used1 or r2 in used2:
            continue
        used1.add(r1)
        used2.add(r2)
        chosen.append((ids[0][r1 - 1], ids[1][r2 - 1]))
    hits = sum(pair in truth for pair in chosen)
    precision, recall = hits / max(len(chosen), 1), hits / max(len(truth), 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-12)


def _column(con, query: str, name: str) -> list:
    return con.sql(query).fetchnumpy()[name].tolist()


def _truth(path: Path) -> set[tuple[str, str]]:
    with duckdb.connect() as con:
        return set(con.execute("SELECT * FROM read_csv(?, all_varchar = true)",
                               [str(path)]).fetchall())
