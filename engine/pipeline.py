"""The job pipeline: load, normalise, block, score, select and write, with progress.

Everything a job builds goes to temporary names first: `job.partial.duckdb` and a hidden folder
inside the output folder. They are renamed into place only when the job finishes, so a failed
or cancelled job never leaves a half-written result that looks complete.
"""

import logging
import shutil
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa

from engine import auto_weights, blocking, output, scoring, selection
from engine.arrays import release_unused_memory, tune_process_memory
from engine.config import ProcessingConfig, check_columns, parse_config
from engine.db import connect, lock_down, run_sql, scalar
from engine.ingest import csv_columns, load_table
from engine.mapping_lanes import prepare_mappings
from engine.mapping_plan import plan_for
from engine.progress import Progress, ProgressTracker
from engine.result_lookup import build_lookups
from engine.result_views import create_views, record_files
from engine.values import ValueIds, ValueTexts, value_texts

logger = logging.getLogger(__name__)

RESULT_TYPES = ("matched", "low_confidence", "unmatched_1", "unmatched_2")
JOB_DB = "job.duckdb"
# Above this share of non-date values, a mapping with the date method gets a note.
DATE_NOTE_SHARE = 0.05
# Result files written at once. The matched file is the largest by far, so a second writer
# takes the other three meanwhile: the four files of the million-record benchmark took
# 1.7 s instead of 2.2 s.
WRITE_THREADS = 2
# Mappings scored at once (see engine.scoring.score_candidates).
SCORE_THREADS = 2

__all__ = ["RESULT_TYPES", "MatchSummary", "Progress", "run_match"]


@dataclass
class MatchSummary:
    counts: dict[str, int]
    files: dict[str, Path]
    columns: dict[str, list[str]]
    elapsed: float
    notes: list[str] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)  # seconds per progress stage


def run_match(file1: Path, file2: Path, config: dict | ProcessingConfig, *, job_dir: Path,
              out_dir: Path, progress=None, should_cancel=None,
              display_names: tuple[str, str] | None = None, lookups: bool = True,
              keep_database: bool = True) -> MatchSummary:
    """Match two files and write the four results to `out_dir`.

    `lookups=False` leaves out the indexes and search text that result pages read
    (engine.result_lookup); pages of such a job scan the whole result instead.

    `keep_database=False` runs the job in an in-memory DuckDB and keeps no `job.duckdb` (an
    older one in `job_dir` is removed, as it no longer matches the results). On a million
    records per file, loading took 1.3 to 1.5 s instead of 1.7 s, because storing the inputs in a
    database file costs more than keeping them in memory. Memory over DuckDB's limit still
    spills to `job_dir`.

    Raises ConfigError, InputError, BudgetError, or JobCancelled after removing what the job
    had written.
    """
    if not isinstance(config, ProcessingConfig):
        config = parse_config(config)
    tune_process_memory()
    job_dir, out_dir = Path(job_dir), Path(out_dir)
    created = [path for path in (job_dir, out_dir) if not path.exists()]
    job_dir.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    partial_db = job_dir / "job.partial.duckdb" if keep_database else None
    partial_out = out_dir / f".moslik-partial-{uuid.uuid4().hex}"
    tracker = ProgressTracker(progress, should_cancel)

    try:
        summary = _run(Path(file1), Path(file2), config, partial_db, partial_out, out_dir,
                       job_dir, tracker, display_names or (Path(file1).name, Path(file2).name),
                       lookups)
    except BaseException:
        _remove(partial_db, partial_out)
        shutil.rmtree(job_dir / "tmp", ignore_errors=True)
        _remove_if_empty(created)
        raise
    finally:
        shutil.rmtree(job_dir / "tmp", ignore_errors=True)

    summary.files = _publish(partial_out, out_dir, summary.files)
    if partial_db is None:
        _remove(job_dir / JOB_DB, None)
        _remove_if_empty([job_dir])
    else:
        _replace_db(partial_db, job_dir / JOB_DB)
    summary.elapsed = round(tracker.elapsed, 3)
    summary.stages = tracker.stage_seconds()
    logger.info("job finished in %.2f s: %s", summary.elapsed, summary.counts)
    return summary


def _run(file1, file2, config, db_path, partial_out, out_dir, job_dir, tracker,
         names, lookups: bool) -> MatchSummary:
    """Run the job in the database file `db_path`, or in memory when it is None."""
    if db_path is not None:
        _remove(db_path, None)
    partial_out.mkdir(parents=True)
    tmp_dir = job_dir / "tmp"
    tmp_dir.mkdir(exist_ok=True)
    con = connect(db_path or ":memory:", threads=config.performance.threads,
                  memory_limit_mb=config.performance.memory_limit_mb)
    try:
        con.execute("SET temp_directory = ?", [str(tmp_dir)])
        reports = _load_inputs(con, file1, file2, config, job_dir, tracker, names)
        columns = tuple(report.column_names for report in reports)
        lock_down(con, [job_dir, partial_out])
        notes, model = _match(con, config, columns, tracker)
        # The loader's warnings (a guessed encoding, renamed columns) come first.
        notes = [warning for report in reports for warning in report.warnings] + notes
        counts = selection.select(con, selection.SelectionSettings.from_config(config, model))
        result_columns = create_views(con, config, *columns)
        if lookups:
            build_lookups(con, config, *columns)
        files = _write(con, config, result_columns, partial_out, tracker)
        record_files(con, {name: out_dir / path.name for name, path in files.items()})
    finally:
        con.close()
    return MatchSummary(counts, files, result_columns, 0.0, notes)


def _load_inputs(con, file1, file2, config, job_dir, tracker, names):
    # CSV headers name the columns before a million rows are read, so a misspelt column fails
    # at once. With another format on either side, both are checked after loading, so that one
    # error still lists the problems of both files.
    headers = csv_columns(file1), csv_columns(file2)
    if None not in headers:
        check_columns(config, *headers)
    # The inputs are stored uncompressed. DuckDB's string compression took 0.75 s per million
    # rows and made the copy a third of the source file's size instead of about its size.
    con.execute("SET force_compression = 'uncompressed'")
    files = [(file1, "input_1", names[0]), (file2, "input_2", names[1])]
    if None not in headers and config.performance.threads > 1:
        reports = _load_together(con, files, job_dir, tracker)
    else:
        reports = []
        for k, (path, table, name) in enumerate(files):
            tracker.report("loading", k / 2, f"Loading {name}")
            reports.append(load_table(con, path, table, work_dir=job_dir, display_name=name))
    con.execute("RESET force_compression")
    check_columns(config, *(report.column_names for report in reports))
    return reports


def _load_together(con, files, job_dir, tracker) -> list:
    """Load two CSV files at once, each on its own cursor; raise the first file's error first.

    Storing a million rows spends about half its time writing pages (0.5 of 1.05 s), so the
    second file is read meanwhile. Only CSV files: DuckDB reads them in its own memory, while
    JSON and Excel rows pass through Python objects, and two at once would double that peak.
    """
    def load(path, table, name):
        with con.cursor() as cursor:
            cursor.execute("SET force_compression = 'uncompressed'")
            return load_table(cursor, path, table, work_dir=job_dir, display_name=name)

    tracker.report("loading", 0.0, "Loading " + " and ".join(name for _, _, name in files))
    with ThreadPoolExecutor(len(files), thread_name_prefix="moslik-load") as pool:
        futures = [pool.submit(load, *file) for file in files]
        _first_numpy_conversion()
        for future in futures:
            future.exception()
    return [future.result() for future in futures]


def _first_numpy_conversion() -> None:
    """Make pyarrow's first conversion to numpy while DuckDB reads the input files.

    That conversion imports pandas (apache/arrow#34994), which keeps the interpreter lock for
    about 0.3 s. Made later by a normalising lane, it stalled both lanes.
    """
    pa.array([0]).to_numpy()


def _match(con, config: ProcessingConfig, columns,
           tracker: ProgressTracker) -> tuple[list[str], dict | None]:
    """Normalise, block and score; returns notes for the job summary and the auto_weights model."""
    mappings = config.mappings
    plans = [plan_for(con, config, mapping) for mapping in mappings]
    notes = [plan.note for plan in plans if plan.note]
    rows = [scalar(con, f"SELECT count(*) FROM input_{side}") for side in (1, 2)]
    ids, texts, keys, own, random_u = _prepare(con, config, plans, rows, tracker, notes)

    tracker.report("blocking", 0.0, "Finding candidate pairs")
    labels = [mapping.label for mapping in mappings]
    norms = [mapping_texts.norm for mapping_texts in texts]
    if own is not None:
        keys, block_ids, labels = blocking.with_compound_keys(
            keys, ids, norms, plans, labels, own, config.performance.threads)
    else:
        block_ids = ids
    report = blocking.build_candidates(
        con, config, *rows, keys, block_ids, own, labels,
        words=lambda index: blocking.word_keys_of(norms[index], plans[index], ids[index]))
    del keys, own, block_ids
    notes += _blocking_notes(report)

    _score(con, config, plans, ids, texts, tracker, report.candidates)
    del texts

    tracker.report("selecting", 0.0, "Selecting matches")
    model = _fit_model(con, config, random_u, rows, notes) if random_u is not None else None
    return notes, model


def _prepare(con, config: ProcessingConfig, plans, rows: list[int], tracker: ProgressTracker,
             notes: list[str]):
    """Normalise each mapping's values and keep its blocking keys.

    Returns each mapping's value ids, value texts and blocking rows, each file's own keys
    (None when every pair is compared), and with auto_weights each mapping's level shares on
    random record pairs (else None). Those pairs are scored as soon as a mapping's values are
    stored, while the lanes prepare the next mappings: after the lanes they took 0.26 s of
    the million-record job on their own.
    """
    mappings = config.mappings
    own = blocking.new_own_keys(*rows) if blocking.uses_keys(*rows) else None
    random_pairs = auto_weights.draw_random_pairs(*rows) if config.auto_weights else None
    ids, texts, keys, random_u = [], [], [], []
    prepared = prepare_mappings(con, mappings, plans, sum(rows), config.performance.threads, own)
    with closing(prepared):
        for i, (mapping, plan) in enumerate(zip(mappings, plans)):
            tracker.report("normalising", i / len(mappings), f"Normalising {mapping.label}")
            done = next(prepared)
            texts.append(value_texts(plan, done.norms))
            if random_pairs is not None:
                random_u.append(_random_levels(config, i, plan, done.ids, texts[i], random_pairs))
            ids.append(done.ids)
            keys.append(done.keys)
            del done
            release_unused_memory()
            notes += _date_notes(con, texts[i], mapping)
            notes += _single_value_notes(ids[i], mapping)
    return ids, texts, keys, own, (random_u if random_pairs is not None else None)


def _single_value_notes(value_ids: ValueIds, mapping) -> list[str]:
    """Return a note when every value the mapping has in either file is the same."""
    present = int((value_ids.side1 > 0).sum() + (value_ids.side2 > 0).sum())
    if value_ids.count != 1 or present < 3:
        return []
    note = (f"{mapping.label}: all {present:,} values are the same after normalisation, so this "
            "mapping cannot tell records apart; map a column whose values differ, or leave it out")
    return [note]


def _score(con, config: ProcessingConfig, plans, ids, texts: list[ValueTexts],
           tracker: ProgressTracker, candidates: int) -> None:
    mappings = config.mappings
    # Reported before the first batch, so that the stage's time does not count as blocking's.
    tracker.report("scoring", 0.0, f"Scoring {candidates:,} candidate pairs")

    # Two mappings may be scored at once, so the fraction done sums each mapping's own.
    done_share = [0.0] * len(mappings)

    def on_batch(index, done, total):
        done_share[index] = done / max(total, 1)
        tracker.report("scoring", sum(done_share) / len(mappings),
                       f"Scoring {mappings[index].label}: batch {done} of {total}")
    scoring.score_candidates(con, plans, ids, texts, config.performance.chunk_size, on_batch,
                             threads=min(SCORE_THREADS, config.performance.threads))


def _date_notes(con, texts: ValueTexts, mapping) -> list[str]:
    """Warn when a mapping uses the date method on values that are mostly not dates."""
    if mapping.match_type != "fuzzy" or mapping.fuzzy_method != "date":
        return []
    con.register("date_values", pa.table({"norm": texts.norm}))
    try:
        other, total = run_sql(con, "date_value_share").fetchall()[0]
    finally:
        con.unregister("date_values")
    if not total or other / total <= DATE_NOTE_SHARE:
        return []
    return [(f"date method on {mapping.label}: {other:,} of {total:,} distinct values are not "
             "dates Moslik reads (a day of the calendar, with day, month and year in a common "
             "form), so they are compared as text; check the columns or choose another "
             "fuzzy_method")]


def _blocking_notes(report: blocking.BlockingReport) -> list[str]:
    notes = [f"{report.method}: {_count(report.candidates, 'candidate pair')}"]
    notes += [f"blocking dropped {_count(n, 'key')} of {label} as over-common"
              for label, n in report.dropped_keys.items()]
    notes += [f"blocking left out {_count(n, 'key')} of {label}: rarer keys already gave enough pairs"
              for label, n in report.trimmed_keys.items()]
    first, second = report.without_candidates
    if report.candidates and (first or second):
        notes.append(f"blocking: no candidate pair for {_count(first, 'record')} of file 1 "
                     f"and {_count(second, 'record')} of file 2, which stay unmatched. Each key "
                     "of such a record was shared by none of the other file's records, or by "
                     "too many to keep, or the record has no value to key on. A mapping on a "
                     "column that tells records apart (an ID, a phone), if not there yet, can "
                     "pair them")
    if report.candidates == 0:
        notes.append(f"blocking found no candidate pair, so every record is unmatched: each key "
                     f"was shared by more than {blocking.MAX_PAIRS_PER_KEY:,} record pairs (such "
                     "as a common name) or by no record of the other file. Add a mapping on a "
                     "more specific column (a birth date, an ID, a phone)")
    return notes


def _count(count: int, noun: str) -> str:
    """Return "1 key" or "3 keys": the count and the noun in the number it takes."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def _random_levels(config: ProcessingConfig, index: int, plan, value_ids: ValueIds,
                   texts: ValueTexts, random_pairs: tuple) -> list[float]:
    """Return mapping `index`'s level shares on random record pairs, for auto_weights."""
    first, second = random_pairs
    scores = scoring.score_mapping(texts, index, plan, value_ids.side1[first],
                                   value_ids.side2[second], config.performance.chunk_size,
                                   lambda *_: None, scoring.repeats_values(value_ids))
    return auto_weights.random_levels(scores, config.mappings[index].fuzzy_threshold or 0.0)


def _fit_model(con, config: ProcessingConfig, random_u, rows: list[int],
               notes: list[str]) -> dict | None:
    """Fit auto_weights on the stored scores and note the weights it chose.

    Returns None, so that selection uses the configured weights, when the fit is implausible.
    """
    fitted = auto_weights.fit(con, [m.fuzzy_threshold or 0.0 for m in config.mappings],
                              random_u, *rows)
    labels = [m.label for m in config.mappings]
    described = auto_weights.describe(fitted, labels, config.threshold)
    wrong = auto_weights.implausible_mappings(fitted)
    if wrong:
        logger.info("auto_weights fit rejected: exact agreement below disagreement on %s",
                       [labels[index] for index in wrong])
        notes += [described[0], (
            "auto_weights: the fit weighs exact agreement on "
            + ", ".join(labels[index] for index in wrong)
            + " below disagreement, so it did not find the matches; the job used the configured "
            "weights and a weighted mean of the scores instead. Map a more telling column (an "
            "ID, a phone) or set auto_weights to false")]
        return None
    notes += described
    if "threshold" not in config.model_fields_set:
        notes.append(f"auto_weights: the threshold was left at its default of {config.threshold:g}, "
                     "which asks for that match probability in percent; set 50 to match every "
                     "pair more likely to match than not")
    return asdict(fitted)


def _write(con, config: ProcessingConfig, result_columns: dict[str, list[str]], folder: Path,
           tracker: ProgressTracker) -> dict[str, Path]:
    names = RESULT_TYPES if config.generate_unmatched else RESULT_TYPES[:2]
    extension = output.EXTENSIONS[config.output_format]
    targets = [output.Target(f"out_{name}", folder / f"{name}{extension}", result_columns[name])
               for name in names]
    written = []

    def on_written(target: output.Target, rows: int) -> None:
        written.append(target)
        tracker.report("writing", len(written) / len(targets),
                       f"Wrote {target.path.name} ({rows:,} rows)")

    tracker.report("writing", 0.0, "Writing " + ", ".join(names))
    output.write_relations(con, targets, config.output_format,
                           threads=min(WRITE_THREADS, config.performance.threads),
                           on_written=on_written)
    tracker.report("writing", 1.0, "Done")
    return {name: target.path for name, target in zip(names, targets, strict=True)}


def _publish(partial_out: Path, out_dir: Path, files: dict[str, Path]) -> dict[str, Path]:
    """Move the finished files from the hidden folder into the output folder.

    Result files that an earlier run left in the folder (another format, or an unmatched file
    this run does not write) are removed, so that every result there is from this run.
    """
    published = {}
    for name, path in files.items():
        target = out_dir / path.name
        path.replace(target)
        published[name] = target
    for name in RESULT_TYPES:
        for extension in set(output.EXTENSIONS.values()):
            stale = out_dir / f"{name}{extension}"
            if stale not in published.values() and stale.is_file():
                stale.unlink(missing_ok=True)
    shutil.rmtree(partial_out, ignore_errors=True)
    return published


def _replace_db(partial_db: Path, final_db: Path) -> None:
    for suffix in ("", ".wal"):
        Path(str(final_db) + suffix).unlink(missing_ok=True)
    partial_db.replace(final_db)


def _remove_if_empty(folders: list[Path]) -> None:
    """Remove the given folders that are empty, innermost first (those a failed run created)."""
    for folder in sorted(folders, key=lambda path: len(path.parts), reverse=True):
        try:
            folder.rmdir()
        except OSError:
            pass


def _remove(db_path: Path | None, partial_out: Path | None) -> None:
    for suffix in ("", ".wal") if db_path is not None else ():
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    if partial_out is not None:
        shutil.rmtree(partial_out, ignore_errors=True)
