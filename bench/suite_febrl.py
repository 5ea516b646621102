"""FEBRL4 accuracy and speed of the six-field and all-field configs, medians of several runs."""

import json
from pathlib import Path

from bench import evaluate, report
from bench.match_run import (
    JOB_NOTE,
    MatchMeasurement,
    match_command,
    measure_match,
    shown,
)
from bench.peak_memory import HWM_METHOD, SAMPLE_METHOD

CONFIG = Path("bench/configs/febrl4.json")
ALL_FIELDS_CONFIG = Path("bench/configs/febrl4_all.json")
F1_GOAL = 0.99


def _run_rows(runs: list[MatchMeasurement]) -> list[list[str]]:
    rows = []
    for number, measured in enumerate(runs, start=1):
        quality = measured.quality
        rows.append([str(number), report.seconds(measured.run.wall_s),
                     report.seconds(measured.engine_elapsed_s),
                     report.mib(measured.run.peak_tree_rss), report.mib(measured.run.max_hwm),
                     report.ratio(quality.f1) if quality else "n/a",
                     measured.failure() or "ok"])
    return rows


def _summary(runs: list[MatchMeasurement], goal: bool) -> list[str]:
    finished = [m for m in runs if m.quality is not None]
    if not finished:
        return ["Every run failed; see the table above.", ""]
    last = finished[-1]
    quality, kept = last.quality, last.blocking
    f1_values = sorted({round(m.quality.f1, 6) for m in finished})
    differed = "" if len(f1_values) == 1 else f" (F1 differed between runs: {f1_values})"
    wall = report.median([m.run.wall_s for m in finished])
    engine = report.median([m.engine_elapsed_s or 0 for m in finished])
    peak = report.median([m.run.peak for m in finished])
    matched = (f"- matched pairs: {quality.predicted:,}, of which true: "
               f"{quality.true_positives:,} (true links: {quality.true_links:,})")
    accuracy = (f"- precision {quality.precision:.4f}, recall {quality.recall:.4f}, "
                f"F1 {quality.f1:.4f}{differed}")
    blocking = (f"- blocking recall: {kept[0]:,} of {kept[1]:,} true pairs in `candidates` "
                f"({last.blocking_recall:.4f}); candidate pairs: {last.candidates:,}")
    medians = (f"- median of {len(finished)} runs: wall time {report.seconds(wall)}, engine "
               f"time {report.seconds(engine)}, peak memory {report.mib(peak)}")
    return [matched, accuracy, blocking, medians, *([_goal(quality.f1)] if goal else []), ""]


def _goal(f1: float) -> str:
    verdict = "met" if f1 >= F1_GOAL else f"missed by {F1_GOAL - f1:.4f}"
    return f"- FEBRL4 F1: {f1:.4f} against at least {F1_GOAL}: {verdict}."


def run(data_dir: Path, work: Path, runs: int, timeout_s: float) -> report.Section:
    """Measure the six-field config that the FEBRL4 F1 goal is set for."""
    section, measured = _measured_section("FEBRL4: accuracy and speed", CONFIG, "febrl4",
                                          data_dir, work, runs, timeout_s, goal=True)
    if measured is not None:
        finished = [m for m in measured if m.quality is not None]
        section.goals = [_goal(finished[-1].quality.f1) if finished
                         else "- FEBRL4 F1: not measured, every run failed."]
    return section


def mapped_columns(config: Path = CONFIG) -> list[str]:
    """Return the file-1 column of each mapping of `config`, in mapping order."""
    mappings = json.loads(config.read_text(encoding="utf-8"))["mappings"]
    return [mapping["file1_col"] for mapping in mappings]


def run_all_fields(data_dir: Path, work: Path, runs: int, timeout_s: float) -> report.Section:
    """Measure the config that maps every FEBRL4 field except rec_id. No goal is set for it."""
    section, _ = _measured_section("FEBRL4, all fields: accuracy and speed", ALL_FIELDS_CONFIG,
                                   "febrl4_all", data_dir, work, runs, timeout_s, goal=False)
    return section


def _measured_section(title: str, config: Path, name: str, data_dir: Path, work: Path,
                      runs: int, timeout_s: float,
                      goal: bool) -> tuple[report.Section, list[MatchMeasurement] | None]:
    section = report.Section(title)
    file_a, file_b = data_dir / "dataset4a.csv", data_dir / "dataset4b.csv"
    if not (file_a.is_file() and file_b.is_file()):
        section.lines = [f"Skipped: {file_a} or {file_b} not found; pass --febrl-dir.", ""]
        return section, None

    truth = work / name / "truth.csv"
    true_links = evaluate.write_febrl_truth(file_a, file_b, truth)
    out_dir = work / name / "out"
    measured = [measure_match(file_a, file_b, config, out_dir, truth, timeout_s)
                for _ in range(runs)]

    data = (f"Data: `{file_a}` and `{file_b}` (5,000 records each; {true_links:,} true links: "
            "the same number in `rec_id`, as in rec-1070-org and rec-1070-dup-0).")
    method = ("Wall time is the whole command, Python start-up included. Engine time is what "
              f"the command reports. Peak tree RSS: {SAMPLE_METHOD}. Max HWM: {HWM_METHOD}. "
              f"Peak memory below is the larger of the two. {JOB_NOTE}")
    section.lines = [
        data, f"Config: `{config}`. Command, run from scratch {runs} times:", "",
        *report.code_block(shown(match_command(file_a, file_b, config, out_dir))), method, "",
        *report.table(["run", "wall", "engine", "peak tree RSS", "max HWM", "F1", "status"],
                      _run_rows(measured)),
        *_summary(measured, goal)]
    return section, measured
