"""Comparison functions: each scores two values 0-100.

A job hands whole batches of value pairs to rapidfuzz's `process.cpdist` (batch_scorer), so
Python is entered once per batch rather than once per pair. The `date` method takes Arrow
arrays instead and scores them with numpy, with no Python string per value: 100,000 pairs of
birth dates took 21 ms this way, against 29 ms from Python strings. The scorers are
registered in DuckDB as vectorised Arrow UDFs for `moslik explain`; Jaro-Winkler there is
DuckDB's built-in, which gives rapidfuzz's scores.
"""

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import duckdb
import jellyfish
import numpy as np
import pyarrow as pa
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler, Levenshtein

from engine.date_scores import date_scores, date_similarity
from engine.text import name_score


@dataclass(frozen=True)
class Scorer:
    name: str
    label: str
    udf: Callable | None = None
    builtin_sql: str | None = None
    # Scores two whole arrays at once (lists or Arrow arrays); None: rapidfuzz's cpdist with `udf`.
    vectorised: Callable[[pa.Array | list[str], pa.Array | list[str]], np.ndarray] | None = None
    # True when `vectorised` is quickest on Arrow arrays, which a job then hands it.
    takes_arrow: bool = False
    # True when score(a, b) equals score(b, a), so that a pair and its mirror are scored once.
    # rapidfuzz marks each of its scorers so (RF_SCORER_FLAG_SYMMETRIC).
    symmetric: bool = False

    @property
    def sql_function(self) -> str:
        return f"moslik_{self.name.lower()}"

    def expression(self, left: str, right: str) -> str:
        """SQL that scores the columns `left` and `right` (engine-built identifiers)."""
        if self.builtin_sql:
            return self.builtin_sql.format(a=left, b=right)
        return f"{self.sql_function}({left}, {right})"


def _jaro_winkler_scores(left: Sequence[str], right: Sequence[str], workers: int = -1) -> np.ndarray:
    # rapidfuzz's Jaro-Winkler gives DuckDB's jaro_winkler_similarity to within 1e-13 (checked
    # on 200,000 name pairs), and scores distinct pairs without joins to the value tables.
    # DuckDB's, run on texts taken in Arrow, took 31 ms per 311,000 surname pairs against
    # cpdist's 26 ms with the Python strings made.
    scores = process.cpdist(left, right, scorer=JaroWinkler.normalized_similarity,
                            dtype=np.float64, workers=workers)
    return scores * 100


def _levenshtein(a, b, **kwargs):
    return Levenshtein.normalized_similarity(a, b, **kwargs) * 100


SCORERS = {
    "ratio": Scorer("ratio", "ratio (Indel similarity)", fuzz.ratio, symmetric=True),
    "partial_ratio": Scorer("partial_ratio", "partial ratio", fuzz.partial_ratio, symmetric=True),
    "token_sort_ratio": Scorer("token_sort_ratio", "token sort ratio", fuzz.token_sort_ratio,
                               symmetric=True),
    "token_set_ratio": Scorer("token_set_ratio", "token set ratio", fuzz.token_set_ratio,
                              symmetric=True),
    "WRatio": Scorer("WRatio", "weighted ratio", fuzz.WRatio, symmetric=True),
    "QRatio": Scorer("QRatio", "quick ratio", fuzz.QRatio, symmetric=True),
    "levenshtein": Scorer("levenshtein", "normalised Levenshtein similarity", _levenshtein,
                          symmetric=True),
    "jaro_winkler": Scorer("jaro_winkler", "Jaro-Winkler similarity",
                           builtin_sql="jaro_winkler_similarity({a}, {b}) * 100",
                           vectorised=_jaro_winkler_scores, symmetric=True),
    "date": Scorer("date", "date similarity (day-month swaps, one wrong digit)", date_similarity,
                   vectorised=date_scores, takes_arrow=True),
}


def batch_scorer(method: str,
                 workers: int = -1) -> Callable[[Sequence[str], Sequence[str]], np.ndarray]:
    """Return a function that scores two equal-length sequences of texts with `method`.

    The pairs run on `workers` threads with the GIL released, and -1 uses every core. Methods
    whose scorer takes_arrow also take two Arrow string arrays, and are quickest with them.
    """
    scorer = SCORERS[method]
    if scorer.vectorised is not None:
        return functools.partial(scorer.vectorised, workers=workers)

    def score_lists(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        return process.cpdist(left, right, scorer=scorer.udf, dtype=np.float64, workers=workers)
    return score_lists


def uzbek_name_scores(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    """Score two sequences of person names with the Uzbek name comparison, pair by pair."""
    return np.fromiter((name_score(a, b) for a, b in zip(left, right, strict=True)),
                       dtype=np.float64, count=len(left))


def _batch_udf(scorer: Scorer) -> Callable[[pa.Array, pa.Array], pa.Array]:
    if scorer.vectorised is not None:
        return lambda left, right: pa.array(scorer.vectorised(left, right), type=pa.float64())
    scorer_fn = scorer.udf

    def score_batch(left: pa.Array, right: pa.Array) -> pa.Array:
        scores = process.cpdist(left.to_pylist(), right.to_pylist(), scorer=scorer_fn,
                                dtype=np.float64, workers=1)
        return pa.array(scores, type=pa.float64())
    return score_batch


def _uzbek_name_batch(left: pa.Array, right: pa.Array) -> pa.Array:
    scores = [name_score(a, b) for a, b in zip(left.to_pylist(), right.to_pylist())]
    return pa.array(scores, type=pa.float64())


def register_scorers(con: duckdb.DuckDBPyConnection) -> None:
    """Register every rapidfuzz scorer and the Uzbek name comparison as Arrow UDFs on `con`."""
    con.create_function("moslik_uzbek_name", _uzbek_name_batch,
                        [duckdb.sqltype("VARCHAR"), duckdb.sqltype("VARCHAR")],
                        duckdb.sqltype("DOUBLE"), type="arrow", side_effects=False)
    for scorer in SCORERS.values():
        if scorer.udf is None:
            continue
        con.create_function(scorer.sql_function, _batch_udf(scorer),
                            [duckdb.sqltype("VARCHAR"), duckdb.sqltype("VARCHAR")],
                            duckdb.sqltype("DOUBLE"), type="arrow", side_effects=False)


def score_pair(method: str, left: str, right: str) -> float:
    """Score one pair in plain Python; the reference the vectorised path is tested against."""
    scorer = SCORERS[method]
    if scorer.udf is None:
        # rapidfuzz's Jaro-Winkler agrees with DuckDB's; jellyfish 1.3 gives 0 for some
        # strings with combining marks.
        return JaroWinkler.normalized_similarity(left, right) * 100
    return float(scorer.udf(left, right))


def phonetic_code(value: str) -> str:
    """Metaphone code of each token, in token order; digits-only tokens are kept as they are.

    A value with no letters (a phone number) is compared by its digits instead of a sound code.
    """
    codes = []
    for token in value.split():
        if token.isdigit():
            codes.append(token)
        else:
            code = jellyfish.metaphone(token)
            codes.append(code or token)
    return " ".join(codes)
