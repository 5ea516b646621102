"""Weights estimated from the data: a Fellegi-Sunter model fitted by EM on the stored scores.

Each mapping's score puts a pair in one of three agreement levels: exact, close or different
(a missing value gives no evidence). How often unrelated records fall in each level (u) is
measured on record pairs drawn at random, before blocking. EM then fits, over the candidate
pairs and assuming mappings independent given the class as Fellegi and Sunter did, the share
of true matches and how often matches fall in each level (m). A level's weight is log2(m/u):
agreement on a rare passport counts for far more than agreement on a city. The prior is the
chance that two records drawn at random match, so the confidence score of a pair is its match
probability, 0-100. Splink estimates u the same way, because candidates chosen by blocking
agree far more often than unrelated records do.
"""

import logging
import math
from dataclasses import dataclass

import numpy as np

from engine.db import run_sql

logger = logging.getLogger(__name__)

LEVELS = ("different", "close", "exact")
EXACT_FROM = 99.5
CLOSE_FROM = 85.0
RANDOM_PAIRS = 50_000
RANDOM_SEED = 20_241
MAX_ITERATIONS = 200
TOLERANCE = 1e-7
# Bits are kept within this range, so that one level seen only in matches cannot decide alone.
MAX_BITS = 30.0
SMOOTHING = 1e-6


@dataclass
class FittedModel:
    prior_bits: float        # log2 of the odds that a candidate pair is a match
    bits: list[list[float]]  # per mapping, the weight of each level in LEVELS order
    match_share: float
    m: list[list[float]]
    u: list[list[float]]
    iterations: int


def draw_random_pairs(rows1: int, rows2: int) -> tuple[np.ndarray, np.ndarray]:
    """Return RANDOM_PAIRS record pairs as 0-based record positions, the same on every run."""
    generator = np.random.default_rng(RANDOM_SEED)
    return generator.integers(0, rows1, RANDOM_PAIRS), generator.integers(0, rows2, RANDOM_PAIRS)


def random_levels(scores: np.ndarray, floor: float) -> list[float]:
    """Return the share of each level among the scores of random pairs where both values exist."""
    scores = scores[~np.isnan(scores)]
    levels = np.where(scores < floor, 0, _level_of(scores))
    counts = np.bincount(levels, minlength=len(LEVELS)).astype(float)
    return ((counts + SMOOTHING) / (counts.sum() + SMOOTHING * len(LEVELS))).tolist()


def _level_of(scores: np.ndarray) -> np.ndarray:
    return np.where(scores >= EXACT_FROM, 2, np.where(scores >= CLOSE_FROM, 1, 0))


def fit(con, floors: list[float], random_u: list[list[float]], rows1: int,
        rows2: int) -> FittedModel:
    """Fit m and the match share on `pairs`. A score under its mapping's floor counts as different."""
    levels, counts = _patterns(con, floors)
    mappings = levels.shape[1]
    share, m, u = 0.2, _start(mappings, (0.05, 0.15, 0.8)), _start(mappings, (0.8, 0.15, 0.05))

    for iteration in range(1, MAX_ITERATIONS + 1):
        match = _match_probability(levels, share, m, u)
        new_share = float((counts * match).sum() / counts.sum())
        m = _level_shares(levels, counts * match)
        u = _level_shares(levels, counts * (1 - match))
        if abs(new_share - share) < TOLERANCE:
            share = new_share
            break
        share = new_share

    u = np.array(random_u)
    bits = np.clip(np.log2(m / u), -MAX_BITS, MAX_BITS)
    # A level no candidate reached (close, for an exact mapping) carries no evidence.
    bits[_level_totals(levels, counts) == 0] = 0.0
    matches = max(share * counts.sum(), 1.0)
    prior = math.log2(matches / max(rows1 * rows2 - matches, 1.0))
    model = FittedModel(prior, _rounded(bits), round(share, 6), _rounded(m, 6), _rounded(u, 6),
                        iteration)
    logger.info("auto_weights: match share %.4f after %d EM iterations", share, iteration)
    return model


def implausible_mappings(model: FittedModel) -> list[int]:
    """Return the mappings whose exact agreement weighs less than disagreement.

    Matches agree more often than other pairs, so such a fit has taken another group of pairs
    for the matches. With only common first and last names and a birth date, EM settled on
    pairs that share a surname and little else, and every match it made was wrong.
    """
    return [index for index, bits in enumerate(model.bits) if bits[2] < bits[0]]


def describe(model: FittedModel, labels: list[str], threshold: float) -> list[str]:
    """Return the job summary lines: the bits of each level, and a warning when no pair can match."""
    parts = [f"{label} {bits[2]:+.1f}/{bits[1]:+.1f}/{bits[0]:+.1f}"
             for label, bits in zip(labels, model.bits, strict=True)]
    lines = ["auto_weights: bits for exact/close/different per mapping: " + "; ".join(parts)
             + f"; share of candidates that match {model.match_share:.3f}, prior "
             f"{model.prior_bits:+.1f} bits"]
    best = 100 / (1 + 2 ** -(model.prior_bits + sum(max(bits) for bits in model.bits)))
    if best < threshold:
        lines.append(f"auto_weights: even a pair that agrees exactly on every mapping scores "
                     f"{best:.2f}, under the threshold {threshold:g}; map more columns (an ID, a "
                     "birth date) or lower the threshold")
    return lines


def _patterns(con, floors: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """Return the distinct agreement patterns of the pairs (-1 for missing) and their pair counts."""
    levels = ", ".join(
        f"CASE WHEN s{i} IS NULL THEN -1 WHEN s{i} < {float(floor)} THEN 0 "
        f"WHEN s{i} >= {EXACT_FROM} THEN 2 WHEN s{i} >= {CLOSE_FROM} THEN 1 ELSE 0 END AS l{i}"
        for i, floor in enumerate(floors))
    rows = run_sql(con, "pair_patterns", levels=levels).fetchall()
    if not rows:
        return np.zeros((0, len(floors)), dtype=np.int64), np.zeros(0)
    table = np.array(rows, dtype=np.int64)
    return table[:, :-1], table[:, -1].astype(np.float64)


def _level_totals(levels: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Sum `weights` per mapping and level over the patterns where the value is present."""
    totals = np.zeros((levels.shape[1], len(LEVELS)))
    for k in range(levels.shape[1]):
        present = levels[:, k] >= 0
        totals[k] = np.bincount(levels[present, k], weights=weights[present],
                                minlength=len(LEVELS))
    return totals


def _start(mappings: int, shares: tuple[float, float, float]) -> np.ndarray:
    return np.tile(np.array(shares), (mappings, 1))


def _match_probability(levels: np.ndarray, share: float, m: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Return P(match | pattern) per pattern, in log space so that many mappings cannot underflow."""
    log_m = np.full(len(levels), math.log(share))
    log_u = np.full(len(levels), math.log(1 - share))
    for k in range(levels.shape[1]):
        seen = levels[:, k] >= 0
        log_m[seen] += np.log(m[k, levels[seen, k]])
        log_u[seen] += np.log(u[k, levels[seen, k]])
    return 1 / (1 + np.exp(np.clip(log_u - log_m, -700, 700)))


def _level_shares(levels: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Return, per mapping, each level's share of the weighted patterns that have the value."""
    totals = _level_totals(levels, weights)
    return (totals + SMOOTHING) / (totals.sum(axis=1, keepdims=True) + SMOOTHING * len(LEVELS))


def _rounded(values: np.ndarray, digits: int = 3) -> list[list[float]]:
    return [[round(float(v), digits) for v in row] for row in values]
