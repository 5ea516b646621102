"""Precision, recall and F1 of the uzbek_name match type on the development set, per kind.

Each pair of tests/data/uzbek_name_pairs.csv (Cyrillic left, Latin right, match 1 or 0, kind)
runs through the engine's own path (`engine.explain.explain_pairs`, as a one-mapping job) at the
default threshold of 80, which was not tuned on this set. Goal: F1 at least 0.98.

    python bench/bench_uzbek_names.py
"""

import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.explain import explain_pairs

DEV_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "uzbek_name_pairs.csv"
THRESHOLD = 80
GOAL_F1 = 0.98


def rates(true_positive: int, false_positive: int, false_negative: int) -> tuple[float, float, float]:
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 1.0
    recall = true_positive / (true_positive + false_negative) if true_positive + false_negative else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    with open(DEV_SET, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    started = time.perf_counter()
    results = explain_pairs([(r["left"], r["right"]) for r in rows], threshold=THRESHOLD)
    elapsed = time.perf_counter() - started

    counts = defaultdict(lambda: [0, 0, 0])  # true positives, false positives, false negatives
    for row, result in zip(rows, results):
        predicted, actual = result["decision"] == "match", row["match"] == "1"
        for kind in (row["kind"], "all"):
            if predicted and actual:
                counts[kind][0] += 1
            elif predicted:
                counts[kind][1] += 1
            elif actual:
                counts[kind][2] += 1

    print(f"{len(rows)} pairs, threshold {THRESHOLD}, {elapsed:.2f} s")
    print(f"{'kind':<14} {'pairs':>5} {'precision':>9} {'recall':>7} {'F1':>6} {'false matches':>13}")
    sizes = defaultdict(int)
    for row in rows:
        sizes[row["kind"]] += 1
    sizes["all"] = len(rows)
    # Kinds of non-matching pairs have no true matches: only their false matches count.
    for kind in sorted(sizes, key=lambda k: (k == "all", k)):
        precision, recall, f1 = rates(*counts[kind])
        print(f"{kind:<14} {sizes[kind]:>5} {precision:>9.3f} {recall:>7.3f} {f1:>6.3f} "
              f"{counts[kind][1]:>13}")
    f1_all = rates(*counts["all"])[2]
    print(f"goal F1 >= {GOAL_F1}: {'met' if f1_all >= GOAL_F1 else 'missed'} ({f1_all:.3f})")


if __name__ == "__main__":
    main()
