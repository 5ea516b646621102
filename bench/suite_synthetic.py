"""Synthetic runs: speed and peak memory per size against the goals, and the Uzbek variant."""

import time
from pathlib import Path

from bench import report, synthetic
from bench.match_run import (
    JOB_NOTE,
    MatchMeasurement,
    match_command,
    measure_match,
    shown,
)
from bench.peak_memory import HWM_METHOD, SAMPLE_METHOD
from engine.progress import STAGES

CONFIG = Path("bench/configs/synthetic.json")
UZBEK_CONFIG = Path("bench/configs/synthetic_uzbek.json")
GOAL_SIZE = 1_000_000
GOAL_SECONDS = 10.0
GOAL_MIB = 1536  # 1.5 GB read as 1.5 GiB


def _generate(work: Path, size: int, seed: int, variant: str):
    started = time.perf_counter()
    files = synthetic.write_files(work / "synthetic" / f"{variant}-{size}", size, seed, variant)
    return files, time.perf_counter() - started


def _row(size: int, generation_s: float, measured: MatchMeasurement) -> list[str]:
    quality, run = measured.quality, measured.run
    return [f"{size:,}", report.seconds(generation_s),
            f"{measured.candidates:,}" if measured.candidates is not None else "n/a",
            report.seconds(run.wall_s), report.seconds(measured.engine_elapsed_s),
            report.mib(run.peak),
            *(report.ratio(value) for value in
              ((quality.precision, quality.recall, quality.f1) if quality else (None,) * 3)),
            report.ratio(measured.blocking_recall), measured.failure() or "ok"]


def _goals(measured: MatchMeasurement | None) -> list[str]:
    """Compare the run at GOAL_SIZE with the speed and memory goals, as bullet lines."""
    name = f"synthetic {GOAL_SIZE:,} x {GOAL_SIZE:,}"
    if measured is None:
        return [f"- {name}: not run, because --sizes left it out."]
    if measured.failure():
        failed = (f"- {name}: goals of {GOAL_SECONDS:g} s and {GOAL_MIB:,} MiB not reached, "
                  f"because the run failed: {measured.failure()}")
        return [failed]
    peak_mib = measured.run.peak / report.MIB
    lines = [report.goal_line(f"{name} wall time", measured.run.wall_s, GOAL_SECONDS, "s")]
    if measured.run.wall_s > GOAL_SECONDS and measured.stages:
        lines.append(_where_time_went(measured.stages))
    return lines + [report.goal_line(f"{name} peak memory", peak_mib, GOAL_MIB, "MiB")]


def _where_time_went(stages: dict[str, float]) -> str:
    """Explain a missed speed goal by the engine's stages, longest first."""
    longest = sorted(stages.items(), key=lambda item: -item[1])
    parts = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in longest)
    return (f"  Why: no single step is to blame ({parts}). Each stage is one or more passes over "
            "two million values on 2 cores (normalising includes making the blocking keys, "
            "grouping each file's records by key and scoring 50,000 random pairs for "
            "auto_weights), so 10 s needs fewer passes, not faster ones.")


def _measure_size(work: Path, size: int, seed: int, variant: str, config: Path,
                  timeout_s: float):
    """Generate the files of one size and variant, and match them once with `config`.

    Returns the files, the output folder, the generation seconds and the measured run.
    """
    files, generation_s = _generate(work, size, seed, variant)
    out_dir = work / "runs" / f"{variant}-{size}"
    measured = measure_match(files.file_a, files.file_b, config, out_dir, files.truth, timeout_s)
    return files, out_dir, generation_s, measured


def run_sizes(work: Path, sizes: list[int], seed: int, timeout_s: float) -> report.Section:
    section = report.Section("Synthetic people: speed and memory by size")
    rows, stage_rows, at_goal_size, example = [], [], None, None
    for size in sizes:
        files, out_dir, generation_s, measured = _measure_size(work, size, seed, "basic", CONFIG,
                                                               timeout_s)
        rows.append(_row(size, generation_s, measured))
        stage_rows.append([f"{size:,}", *(report.seconds((measured.stages or {}).get(stage))
                                          for stage in STAGES)])
        at_goal_size = measured if size == GOAL_SIZE else at_goal_size
        example = example or match_command(files.file_a, files.file_b, CONFIG, out_dir)

    data = (f"Data: `bench/synthetic.py`, variant `basic`, seed {seed}: A has N people, B has "
            "N rows, 70% of them corrupted copies of A's people (typos, swapped given name and "
            "surname, blanks, upper case, other date and phone formats) and 30% new people.")
    config = (f"Config: `{CONFIG}`. One run per size, killed after {timeout_s:.0f} s. "
              "Command, for example:")
    memory = (f"Peak memory is the larger of two figures: the {SAMPLE_METHOD}, and the "
              f"{HWM_METHOD}. The command line does not build the lookups that result pages "
              "and searches read; a job of the app or the API builds them in its `selecting` "
              f"stage (1.4 s at 1,000,000 x 1,000,000). {JOB_NOTE}")
    section.goals = _goals(at_goal_size)
    section.lines = [
        data, config, "", *report.code_block(shown(example) if example else ""), memory, "",
        *report.table(["N x N", "generate", "candidates", "wall", "engine", "peak memory",
                       "precision", "recall", "F1", "blocking recall", "status"], rows),
        "Where the engine's time goes, by the stages the command reports (`time:` line):", "",
        *report.table(["N x N", *STAGES], stage_rows),
        *section.goals, ""]
    return section


def run_uzbek(work: Path, sizes: list[int], seed: int, timeout_s: float) -> report.Section:
    section = report.Section("Synthetic people, Uzbek variant: Cyrillic against Latin")
    rows, out_dir, files = [], None, None
    for size in sizes:
        files, out_dir, generation_s, measured = _measure_size(work, size, seed, "uzbek",
                                                               UZBEK_CONFIG, timeout_s)
        rows.append(_row(size, generation_s, measured))
    section.lines = [
        (f"Data: `bench/synthetic.py`, variant `uzbek`, seed {seed}: names in Cyrillic in A and "
        "in Latin in B, the apostrophe of oʻ and gʻ written as ʻ ' ‘ or ` in B, day and month "
        "swapped in 3% of B's birth dates whose day is 12 or less, with the corruptions of the "
        f"basic variant. Config: `{UZBEK_CONFIG}`. The command of the largest size:"), "",
        *report.code_block(shown(match_command(files.file_a, files.file_b, UZBEK_CONFIG,
                                               out_dir))),
        *report.table(["N x N", "generate", "candidates", "wall", "engine", "peak memory",
                       "precision", "recall", "F1", "blocking recall", "status"], rows)]
    return section
