"""Plot median wall time against records per side for Moslik and Splink.

Runs in `.venv-bench`, where matplotlib is installed:
`python -m bench.compare_plot POINTS.json OUT.png`, where POINTS.json contains the lists `sizes`,
`moslik` and `splink` (seconds, or null for a failed run).
"""

import json
import sys

import matplotlib

matplotlib.use("Agg")  # no display on a benchmark machine
import matplotlib.pyplot as plt
from matplotlib.ticker import ScalarFormatter


def main(argv: list[str]) -> int:
    points_file, out_file = argv
    with open(points_file, encoding="utf-8") as handle:
        points = json.load(handle)

    figure, axes = plt.subplots(figsize=(6, 4), dpi=100)
    for tool in ("moslik", "splink"):
        pairs = [(size, wall) for size, wall in zip(points["sizes"], points[tool]) if wall]
        if pairs:
            axes.plot(*zip(*pairs), marker="o", label=tool.capitalize())
    axes.set_xscale("log")
    axes.set_yscale("log")
    # Plain numbers (30 rather than 3 x 10^1) on the major and minor ticks of the log axis.
    axes.yaxis.set_major_formatter(ScalarFormatter())
    axes.yaxis.set_minor_formatter(ScalarFormatter())
    axes.set_xlabel("records per side (synthetic, N x N)")
    axes.set_ylabel("median wall time (s)")
    axes.set_title("Moslik and Splink, same files, same run")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(out_file)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
