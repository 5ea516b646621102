"""`moslik match`: the config from a file and flags, and a run with progress on the terminal."""

import json
import signal
import sys
import threading
from pathlib import Path

from engine.config import parse_config, parse_config_for
from engine.errors import ConfigError, MoslikError, missing_file_message
from engine.ingest import csv_columns
from engine.pipeline import run_match

MATCH_TYPES = ("exact", "fuzzy", "phonetic", "uzbek_name")


def build_config(args):
    """Build the config from the file's body and the command-line flags on top, and validate it."""
    body = _read_config(args.config) if args.config else {}
    if args.map:
        body["mappings"] = [_parse_map(spec) for spec in args.map]
    flags = {"threshold": args.threshold, "output_format": args.format,
             "matching_type": args.matching_type}
    body.update({key: value for key, value in flags.items() if value is not None})
    if args.scores:
        body["include_confidence_scores"] = True
    if args.auto_weights:
        body["auto_weights"] = True
    if not body.get("mappings"):
        raise ConfigError(["mappings: give --config CONFIG.json or at least one --map COL1=COL2"])
    # With two CSV files the headers name the columns, so a misspelt column is reported with
    # the config's other problems. Other formats are checked once loaded.
    headers = [csv_columns(path) if path.is_file() else None for path in (args.file1, args.file2)]
    if None in headers:
        return parse_config(body)
    return parse_config_for(body, *headers)


def _check_out(out: Path) -> None:
    """Raise MoslikError unless `out` is a folder or one can be made there."""
    if out.exists():
        if not out.is_dir():
            raise MoslikError(f"--out {out} is a file, not a folder; give a folder for the results")
        return
    try:
        out.mkdir(parents=True)
    except OSError as exc:
        raise MoslikError(f"--out {out} cannot be created as a folder ({exc.strerror}); give a "
                          "folder you can write to") from None
    # run_match makes it again, and removes it when the job fails.
    out.rmdir()


def run_with_progress(args, config):
    """Run the match with a progress bar (plain lines when not a terminal); Ctrl-C cancels."""
    for path in (args.file1, args.file2):
        if not path.is_file():
            raise MoslikError(missing_file_message(path))
    _check_out(args.out)
    cancel = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: cancel.set())
    reporter = _Reporter(quiet=args.quiet)
    try:
        # Nothing pages through a command-line job's results, so it builds no page lookups,
        # which took 1.4 s of a million-record job. Unless asked to keep it, the job's
        # database stays in memory, which saves writing a copy of both inputs.
        return run_match(args.file1, args.file2, config, job_dir=args.out / ".moslik",
                         out_dir=args.out, progress=reporter, should_cancel=cancel.is_set,
                         lookups=False, keep_database=args.keep_job)
    finally:
        signal.signal(signal.SIGINT, previous)
        reporter.close()


class _Reporter:
    """Progress on stderr: a tqdm bar on a terminal, a line per stage otherwise."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar = None
        if not quiet and sys.stderr.isatty():
            # Imported only for a bar: it took 50 ms of the start of every command.
            from tqdm import tqdm

            self.bar = tqdm(total=100, unit="%", file=sys.stderr,
                            bar_format="{l_bar}{bar}| {n:.0f}% [{elapsed}<{remaining}]")
        self.last_stage = None

    def __call__(self, progress) -> None:
        if self.quiet:
            return
        if self.bar is not None:
            self.bar.set_description(progress.stage)
            self.bar.update(progress.percent - self.bar.n)
        elif progress.stage != self.last_stage:
            print(f"[{progress.percent:5.1f}%] {progress.stage}: {progress.message}", file=sys.stderr)
        self.last_stage = progress.stage

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _read_config(path: Path) -> dict:
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError([f"config file not found: {path}; check the path"]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError([f"config file {path} is not valid JSON: {exc}; fix the file"]) from None
    if not isinstance(body, dict):
        raise ConfigError([f"config file {path} must hold a JSON object, not {type(body).__name__}"])
    return body


def _parse_map(spec: str) -> dict:
    """COL1=COL2[:TYPE[:METHOD]] -> a mapping dict; column names may not contain '='."""
    columns, _, options = spec.partition(":")
    col1, sep, col2 = columns.partition("=")
    if not sep or not col1 or not col2:
        message = f"--map {spec!r}: expected COL1=COL2[:TYPE[:METHOD]], e.g. name=full_name:fuzzy"
        raise ConfigError([message])
    mapping = {"file1_col": col1, "file2_col": col2}
    match_type, _, method = options.partition(":")
    if match_type:
        mapping["match_type"] = match_type
    if method:
        mapping["fuzzy_method"] = method
    return mapping
