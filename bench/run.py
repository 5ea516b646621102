"""Run Moslik's benchmarks and write BENCHMARKS.md: `python -m bench.run [--quick] [--sizes ...]`.

Sections, in the order they run: FEBRL4 accuracy and speed (six fields, then all fields),
the figures of the other bench scripts, synthetic runs by size against the speed and memory
goals, the Uzbek synthetic variant, re-selection time, and with --compare the side-by-side
run against Splink. The report is rewritten after every section, so an interrupted run still
leaves what finished.
"""

import argparse
import logging
import os
import shlex
import sys
import time
from pathlib import Path

from bench import (
    environment,
    report,
    suite_compare,
    suite_febrl,
    suite_primitives,
    suite_reselect,
    suite_sample,
    suite_scripts,
    suite_synthetic,
    suite_term_frequency,
)

logger = logging.getLogger("bench.run")

DEFAULT_SIZES = "10000,100000,1000000"
QUICK_SIZES = "10000"
DEFAULT_SEED = 20261204
# The repository's copy of FEBRL4, then the shared data folder beside the repository.
FEBRL_DIRS = (environment.REPO_ROOT / "tests/data/febrl4",
              environment.REPO_ROOT.parent / "shared/data/febrl4")
# First size tried for a re-selection job of 1,000,000 pairs: 100,000 x 100,000 gave
# 1,126,138 pairs with bench/configs/synthetic.json on 2026-12-04. Other targets scale it in
# proportion, and the suite searches further when blocking has changed since.
RESELECT_FIRST_SIZE = 100_000
PRIMITIVES_SIZE = 100_000
COMPARE_SIZES = "10000,100000"
UZBEK_SIZES = "10000,100000"
STEAL_LABEL = "CPU time taken by the host during the run (steal)"


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid --sizes {text!r}: expected comma-separated whole numbers, "
            "e.g. 10000,100000") from None
    if not sizes or min(sizes) < 10:
        raise argparse.ArgumentTypeError(
            f"invalid --sizes {text!r}: give at least one size, each 10 or more")
    return sizes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help=f"fast subset: one FEBRL4 run, sizes {QUICK_SIZES} unless --sizes "
                             "is given, smaller inputs for the other scripts")
    parser.add_argument("--sizes", type=_sizes, default=None,
                        help=f"synthetic sizes N (N x N records), comma-separated "
                             f"(default {DEFAULT_SIZES})")
    parser.add_argument("--febrl-runs", type=int, default=3, help="FEBRL4 runs (default 3)")
    parser.add_argument("--febrl-dir", type=Path, default=None,
                        help="folder with dataset4a.csv and dataset4b.csv (default: the first of "
                             f"{', '.join(map(str, FEBRL_DIRS))} that exists)")
    parser.add_argument("--uzbek-sizes", type=_sizes, default=None,
                        help=f"sizes N of the Uzbek synthetic runs, comma-separated (default "
                             f"{UZBEK_SIZES}; {QUICK_SIZES} with --quick)")
    parser.add_argument("--reselect-pairs", type=int, default=1_000_000,
                        help="target scored pairs of the re-selection job (default 1000000)")
    parser.add_argument("--compare", action="store_true",
                        help="also run Moslik and Splink side by side (Splink from "
                             "--splink-python; `make bench-compare` installs it)")
    parser.add_argument("--compare-only", action="store_true",
                        help="run only the side-by-side comparison (implies --compare)")
    parser.add_argument("--compare-sizes", type=_sizes, default=_sizes(COMPARE_SIZES),
                        help=f"synthetic sizes N of the comparison (default {COMPARE_SIZES})")
    parser.add_argument("--compare-1m", action="store_true",
                        help="add 1,000,000 x 1,000,000 to the comparison (Splink takes "
                             "20 to 40 s and about 2 GB per run there)")
    parser.add_argument("--splink-python", type=Path, default=Path(".venv-bench/bin/python"),
                        help="Python of the venv with Splink (default .venv-bench/bin/python)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds before one run is killed and recorded as failed (default 600)")
    parser.add_argument("--work-dir", type=Path, default=Path("bench/.work"),
                        help="folder for generated data and job results (default bench/.work)")
    parser.add_argument("--output", type=Path, default=Path("BENCHMARKS.md"),
                        help="report file (default BENCHMARKS.md)")
    args = parser.parse_args(argv)
    if args.sizes is None:
        args.sizes = _sizes(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    if args.uzbek_sizes is None:
        args.uzbek_sizes = _sizes(QUICK_SIZES if args.quick else UZBEK_SIZES)
    if args.febrl_dir is None:
        found = [path for path in FEBRL_DIRS if (path / "dataset4a.csv").is_file()]
        args.febrl_dir = found[0] if found else FEBRL_DIRS[0]
    args.compare = args.compare or args.compare_only
    if args.compare_1m and 1_000_000 not in args.compare_sizes:
        args.compare_sizes = [*args.compare_sizes, 1_000_000]  # the default list stays as is
    return args


def _header(argv: list[str]) -> list[str]:
    command = " ".join(["python -m bench.run", *map(shlex.quote, argv)])
    origin = (f"Written by `{command}` (`make bench` runs it without options). Every figure "
              "below comes from that one run on the machine described next. Other programs "
              "running on the same machine at the time (see the load average) slow the timings "
              "down, and so does CPU time that a virtual machine's host takes for itself (the "
              "steal share). The configs are described in `bench/configs/README.md`.")
    return ["# Moslik benchmarks", "", origin, ""]


def _steps(args: argparse.Namespace) -> list:
    work = args.work_dir
    compare = [lambda: suite_compare.run(args.febrl_dir, work, args.febrl_runs,
                                         args.compare_sizes, args.seed, args.timeout,
                                         args.splink_python)] if args.compare else []
    if args.compare_only:
        return compare
    reselect_size = max(10, int(RESELECT_FIRST_SIZE * args.reselect_pairs / 1_000_000))
    return [
        lambda: suite_sample.run(work, args.timeout),
        lambda: suite_febrl.run(args.febrl_dir, work, 1 if args.quick else args.febrl_runs,
                                args.timeout),
        lambda: suite_term_frequency.run(work / "febrl4" / "out" / ".moslik" / "job.duckdb",
                                         work / "febrl4" / "truth.csv",
                                         suite_febrl.mapped_columns()),
        lambda: suite_febrl.run_all_fields(args.febrl_dir, work,
                                           1 if args.quick else args.febrl_runs, args.timeout),
        # The other scripts run before this process generates large files: some report their
        # own ru_maxrss, which Linux carries over from this parent's high-water mark.
        lambda: suite_scripts.run(work, args.quick, args.timeout),
        lambda: suite_synthetic.run_sizes(work, args.sizes, args.seed, args.timeout),
        lambda: suite_synthetic.run_uzbek(work, args.uzbek_sizes, args.seed, args.timeout),
        lambda: suite_reselect.run(work, args.reselect_pairs, reselect_size, args.seed,
                                   args.timeout),
        lambda: suite_primitives.run(work, PRIMITIVES_SIZE // (10 if args.quick else 1),
                                     args.seed),
        *compare,
    ]


def _from_repo_root(path: Path) -> Path:
    """Return the path as seen from the repository root, relative when it lies inside it."""
    absolute = path.resolve()
    return absolute.relative_to(environment.REPO_ROOT) if absolute.is_relative_to(
        environment.REPO_ROOT) else absolute


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    args = parse_args(argv)
    args.febrl_dir, args.work_dir, args.output = (
        _from_repo_root(path) for path in (args.febrl_dir, args.work_dir, args.output))
    # Not resolved like the paths above: resolving a venv's python link leaves the venv.
    splink_python = args.splink_python.absolute()
    args.splink_python = (splink_python.relative_to(environment.REPO_ROOT)
                          if splink_python.is_relative_to(environment.REPO_ROOT) else splink_python)
    # The configs and scripts are named relative to the repository root.
    os.chdir(environment.REPO_ROOT)
    args.work_dir.mkdir(parents=True, exist_ok=True)

    header, machine, sections = _header(argv), environment.describe(), []
    started, counters = time.perf_counter(), environment.cpu_counters()
    for step in _steps(args):
        section = step()
        sections.append(section)
        machine[STEAL_LABEL] = environment.steal_share(counters)
        logger.info("finished: %s (%.0f s so far)", section.title, time.perf_counter() - started)
        report.write(args.output, header, machine, sections)

    sections.append(report.Section("Total", [
        f"The whole benchmark took {time.perf_counter() - started:.0f} s.", ""]))
    report.write(args.output, header, machine, sections)
    logger.info("wrote %s", args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
