"""Moslik against Splink on the same files in the same run: speed, memory and accuracy.

For each data set both tools run from scratch several times, taking turns, and the section
reports medians of wall time and peak memory, accuracy of the last finished run, candidate
pairs and blocking recall, and Moslik/Splink ratios.
"""

import json
import logging
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from bench import evaluate, report, synthetic
from bench.compare_pairs import ratio
from bench.match_run import JOB_NOTE, MatchMeasurement, measure_match
from bench.splink_measure import SplinkMeasurement, measure_splink, splink_versions
from bench.suite_febrl import CONFIG as FEBRL_CONFIG
from bench.suite_synthetic import CONFIG as SYNTHETIC_CONFIG

logger = logging.getLogger(__name__)

# The report links it by this path, so the report must lie at the repository root.
PLOT_PATH = Path("bench/compare_wall_time.png")
GOAL_SIZE = 1_000_000
GOAL_SPEEDUP = 2.5  # Splink's wall time over Moslik's, at GOAL_SIZE


@dataclass
class Dataset:
    name: str
    size: int  # records per side
    file_a: Path
    file_b: Path
    truth: Path
    moslik_config: Path
    splink_model: str  # a name in bench/splink_settings.py
    runs: int


@dataclass
class Comparison:
    dataset: Dataset
    moslik: list[MatchMeasurement] = field(default_factory=list)
    splink: list[SplinkMeasurement] = field(default_factory=list)


@dataclass
class ToolSummary:
    """Medians over the finished runs, accuracy and blocking of the last finished one."""
    finished: int
    runs: int
    wall_s: float | None
    peak: float | None
    quality: evaluate.LinkQuality | None
    candidates: int | None
    blocking_recall: float | None
    failure: str | None  # the first failure, if any run failed


def summarize(measurements: list) -> ToolSummary:
    """Summarize MatchMeasurement or SplinkMeasurement runs, which share these attributes."""
    finished = [m for m in measurements if m.quality is not None]
    failures = [m.failure() for m in measurements if m.failure()]
    last = finished[-1] if finished else None
    return ToolSummary(
        len(finished), len(measurements),
        report.median([m.run.wall_s for m in finished]),
        report.median([m.run.peak for m in finished]),
        last.quality if last else None,
        last.candidates if last else None,
        last.blocking_recall if last else None,
        failures[0] if failures else None)


def febrl_dataset(data_dir: Path, work: Path, runs: int) -> Dataset | None:
    file_a, file_b = data_dir / "dataset4a.csv", data_dir / "dataset4b.csv"
    if not (file_a.is_file() and file_b.is_file()):
        return None
    truth = work / "compare" / "febrl4" / "truth.csv"
    evaluate.write_febrl_truth(file_a, file_b, truth)
    return Dataset("FEBRL4", 5_000, file_a, file_b, truth, FEBRL_CONFIG, "febrl4", runs)


def synthetic_dataset(work: Path, size: int, seed: int) -> Dataset:
    files = synthetic.write_files(work / "synthetic" / f"basic-{size}", size, seed, "basic")
    # One run per size was at the mercy of the machine: Splink's million-record run took
    # 18.6 s in one benchmark and 26.6 to 36.3 s in earlier ones. Medians of three are steadier.
    runs = 3
    return Dataset(f"synthetic {size:,}", size, files.file_a, files.file_b, files.truth,
                   SYNTHETIC_CONFIG, "synthetic", runs)


def measure(dataset: Dataset, work: Path, python: Path, timeout_s: float) -> Comparison:
    """Run both tools `dataset.runs` times, taking turns at going first."""
    comparison = Comparison(dataset)
    folder = work / "compare" / dataset.name.replace(" ", "-").replace(",", "")
    for number in range(dataset.runs):
        def run_moslik():
            comparison.moslik.append(measure_match(
                dataset.file_a, dataset.file_b, dataset.moslik_config, folder / "moslik",
                dataset.truth, timeout_s))

        def run_splink():
            comparison.splink.append(measure_splink(
                python, dataset.file_a, dataset.file_b, dataset.splink_model,
                folder / "splink", dataset.truth, timeout_s))

        # Taking turns spreads a slow spell of the shared machine over both tools.
        for step in (run_moslik, run_splink) if number % 2 == 0 else (run_splink, run_moslik):
            step()
        logger.info("compare %s run %d: Moslik %.1f s, Splink %.1f s", dataset.name,
                    number + 1, comparison.moslik[-1].run.wall_s,
                    comparison.splink[-1].run.wall_s)
    return comparison


def _count(value: int | None) -> str:
    return "n/a" if value is None else f"{value:,}"


def _tool_row(name: str, tool: str, summary: ToolSummary) -> list[str]:
    quality = summary.quality
    accuracy = ((quality.precision, quality.recall, quality.f1) if quality else (None,) * 3)
    status = summary.failure or "ok"
    return [name, tool, f"{summary.finished} of {summary.runs}", report.seconds(summary.wall_s),
            report.mib(summary.peak), *(report.ratio(value) for value in accuracy),
            _count(summary.candidates), report.ratio(summary.blocking_recall), status]


def _times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _ratio_row(name: str, moslik: ToolSummary, splink: ToolSummary) -> list[str]:
    f1_moslik = moslik.quality.f1 if moslik.quality else None
    f1_splink = splink.quality.f1 if splink.quality else None
    f1_gap = (None if f1_moslik is None or f1_splink is None else f1_moslik - f1_splink)
    return [name, _times(ratio(moslik.wall_s, splink.wall_s)),
            _times(ratio(splink.wall_s, moslik.wall_s)),
            _times(ratio(moslik.peak, splink.peak)),
            "n/a" if f1_gap is None else f"{f1_gap:+.4f}"]


def results_tables(comparisons: list[Comparison]) -> list[str]:
    """Render the per-tool table and the ratio table as Markdown lines."""
    tool_rows, ratio_rows = [], []
    for comparison in comparisons:
        name = comparison.dataset.name
        moslik, splink = summarize(comparison.moslik), summarize(comparison.splink)
        tool_rows += [_tool_row(name, "Moslik", moslik), _tool_row(name, "Splink", splink)]
        ratio_rows.append(_ratio_row(name, moslik, splink))
    return [*report.table(["data", "tool", "finished runs", "median wall", "median peak memory",
                           "precision", "recall", "F1", "candidate pairs", "blocking recall",
                           "status"], tool_rows),
            *report.table(["data", "wall time Moslik/Splink", "Splink/Moslik (speed-up)",
                           "peak memory Moslik/Splink", "F1 Moslik - Splink"], ratio_rows)]


def splink_steps_table(comparisons: list[Comparison]) -> list[str]:
    """Render the median seconds of each step that bench/splink_run.py reports."""
    steps = ("load_s", "train_s", "predict_s", "write_predictions_s", "write_blocked_s",
             "total_s")
    rows = []
    for comparison in comparisons:
        timed = [m.timings for m in comparison.splink if m.timings]
        rows.append([comparison.dataset.name, *(
            report.seconds(report.median([t[step] for t in timed if step in t]))
            for step in steps)])
    return report.table(["data", "load and clean", "train", "block and predict",
                         "write predictions", "write blocked pairs", "total in script"], rows)


def goals(comparisons: list[Comparison]) -> list[str]:
    """Compare the run at GOAL_SIZE with the speed-up and F1 goals, as bullet lines."""
    name = f"Moslik against Splink, synthetic {GOAL_SIZE:,} x {GOAL_SIZE:,}"
    at_goal = [c for c in comparisons if c.dataset.size == GOAL_SIZE]
    if not at_goal:
        return [f"- {name}: not run; pass --compare-1m."]
    moslik, splink = summarize(at_goal[0].moslik), summarize(at_goal[0].splink)
    speedup = ratio(splink.wall_s, moslik.wall_s)
    if speedup is None or moslik.quality is None or splink.quality is None:
        return [f"- {name}: not measured, a run failed: {moslik.failure or splink.failure}"]
    speed = "met" if speedup >= GOAL_SPEEDUP else "missed"
    accuracy = "met" if moslik.quality.f1 > splink.quality.f1 else "missed"
    speed_part = (f"Splink's wall time over Moslik's {speedup:.2f} against at least "
                  f"{GOAL_SPEEDUP:g}: {speed}")
    f1_part = (f"F1 {moslik.quality.f1:.4f} against Splink's {splink.quality.f1:.4f}: "
               f"{accuracy}")
    lines = [f"- {name}: {speed_part}; {f1_part}."]
    if speedup < GOAL_SPEEDUP and moslik.candidates and splink.candidates:
        lines.append(f"  Why: the goal needs Moslik at {splink.wall_s / GOAL_SPEEDUP:.1f} s. "
                     "Loading and normalising take most of its time (see the stage table of "
                     f"the size runs), and it scored {moslik.candidates:,} candidate pairs "
                     f"against Splink's {splink.candidates:,}.")
    return lines


def write_plot(comparisons: list[Comparison], python: Path, work: Path) -> str | None:
    """Draw median wall time against size in `.venv-bench`; return why not, or None if drawn."""
    synthetic_runs = [c for c in comparisons if c.dataset.splink_model == "synthetic"]
    points = {"sizes": [c.dataset.size for c in synthetic_runs],
              "moslik": [summarize(c.moslik).wall_s for c in synthetic_runs],
              "splink": [summarize(c.splink).wall_s for c in synthetic_runs]}
    if not points["sizes"]:
        return "no synthetic size was run"
    data_file = work / "compare" / "plot.json"
    data_file.write_text(json.dumps(points), encoding="utf-8")
    result = subprocess.run([str(python), "-m", "bench.compare_plot", str(data_file),
                             str(PLOT_PATH)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return f"bench/compare_plot.py failed: {result.stderr.strip().splitlines()[-1:]}"
    return None


def _load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def _method_lines(python: Path, versions: dict[str, str], load_start: str, load_end: str,
                  plot_problem: str | None) -> list[str]:
    splink_side = ", ".join(f"{name} {value}" for name, value in versions.items())
    plot = (f"![Median wall time against records per side]({PLOT_PATH})" if
            plot_problem is None else f"No plot: {plot_problem}.")
    command = ("Command: `make bench-compare`, which installs `bench/requirements-compare.txt` "
               "into `.venv-bench` and runs `python -m bench.run --compare` with Moslik's venv. "
               f"Splink runs as `{python} -m bench.splink_run` ({splink_side}), Moslik as "
               f"`moslik match` with `{FEBRL_CONFIG}` or `{SYNTHETIC_CONFIG}`.")
    model = ("Splink model (`bench/splink_settings.py`): Jaro-Winkler levels on names, "
             "Levenshtein levels on dates, phones, passports and emails, exact match on state "
             "or city. The prior comes from deterministic rules at recall 0.7, u from random "
             "sampling (1,000,000 pairs, Splink's default, fixed seed), m from EM on two "
             "blocking rules. Then `predict()` keeps pairs at match probability 0.5 or more, "
             "and one-to-one pairs are taken by falling probability.")
    cleaning = ("For the synthetic files the script first lower-cases names and brings dates "
                "and phones to one form in DuckDB, and that time counts in Splink's wall time. "
                "So does writing its blocked pairs to Parquet for the blocking recall figure "
                "(see the step table).")
    method = ("Wall time is the whole command, Python start-up included. Peak memory is the "
              "larger of the summed VmRSS of the process tree and the largest VmHWM of one "
              "process. The tools take turns at going first. The machine is shared with other "
              f"work (load average at the start of this section {load_start}, at the end "
              f"{load_end}, over 1, 5 and 15 minutes), so timings are noisy. {JOB_NOTE}")
    return [
        command, "", model, "", cleaning, "", method, "",
        plot,
        "",
    ]


def run(febrl_dir: Path, work: Path, febrl_runs: int, sizes: list[int], seed: int,
        timeout_s: float, python: Path) -> report.Section:
    section = report.Section("Side by side with Splink")
    if not python.exists():
        skipped = f"Skipped: {python} not found; run `make bench-compare`, which creates it."
        section.lines = [skipped, ""]
        return section

    load_start, versions = _load_average(), splink_versions(python)
    datasets = [febrl_dataset(febrl_dir, work, febrl_runs)]
    datasets += [synthetic_dataset(work, size, seed) for size in sizes]
    comparisons = [measure(dataset, work, python, timeout_s) for dataset in datasets if dataset]
    plot_problem = write_plot(comparisons, python, work)

    section.goals = goals(comparisons)
    section.lines = [
        *_method_lines(python, versions, load_start, _load_average(), plot_problem),
        *results_tables(comparisons),
        "Median seconds of Splink's steps, as bench/splink_run.py reports them:", "",
        *splink_steps_table(comparisons),
        *section.goals, ""]
    return section
