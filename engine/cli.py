"""The `moslik` command line: match two files, validate a file, manage users."""

import argparse
import json
import logging
import sys
from pathlib import Path

from engine.errors import JobCancelled, MoslikError, missing_file_message

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


def main(argv: list[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return args.handler(args)
    except JobCancelled:
        print("moslik: interrupted; no result was kept", file=sys.stderr)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        print("moslik: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of stdout went away (`moslik ... | head`), so there is nothing left to print.
        sys.stderr.close()
        return 0
    except MoslikError as exc:
        print(f"moslik: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def number(text: str) -> int | float:
    """Read a number as the config file would hold it, so that errors show 150 and not 150.0."""
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moslik", description="Find the same people or organisations in two files.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_match(commands)
    _add_validate(commands)
    _add_optional_commands(commands)
    return parser


def _add_match(commands) -> None:
    match = commands.add_parser(
        "match", help="match FILE1 against FILE2 and write the four results",
        description="Match FILE1 against FILE2. Give a config file (the body of POST "
                    "/processing/start) or quick --map flags; flags override the config.")
    match.add_argument("file1", type=Path)
    match.add_argument("file2", type=Path)
    match.add_argument("--config", type=Path, help="processing config JSON file")
    match.add_argument("--map", action="append", default=[], metavar="COL1=COL2[:TYPE[:METHOD]]",
                       help="a mapping, e.g. name=full_name:fuzzy or email=email:exact; "
                            "TYPE is exact, fuzzy, phonetic or uzbek_name (default fuzzy); "
                            "repeat for several")
    match.add_argument("--threshold", type=number, help="match threshold 0-100 (default 80)")
    match.add_argument("--format", choices=["json", "csv", "xlsx", "parquet"],
                       help="output format (default json)")
    match.add_argument("--matching-type", choices=["one-to-one", "one-to-many", "many-to-many"])
    match.add_argument("--auto-weights", action="store_true",
                       help="estimate the weights from the data (auto_weights); use --threshold 50")
    match.add_argument("--scores", action="store_true",
                       help="add per-mapping scores and unmatched reasons to the results")
    match.add_argument("--out", type=Path, default=Path("moslik-results"),
                       help="folder for the result files (default ./moslik-results)")
    match.add_argument("--quiet", action="store_true", help="no progress output")
    match.add_argument("--keep-job", action="store_true",
                       help="keep the job's DuckDB file (both inputs, candidate and scored "
                            "pairs) in OUT/.moslik/job.duckdb")
    match.set_defaults(handler=_run_match)


def _add_validate(commands) -> None:
    validate = commands.add_parser("validate", help="check a file and preview its first rows")
    validate.add_argument("file", type=Path)
    validate.add_argument("--rows", type=int, default=5, help="preview rows (default 5)")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    validate.set_defaults(handler=_run_validate)


def _add_optional_commands(commands) -> None:
    """Commands kept in their own modules: explain, and users (the user store)."""
    from engine.cli_explain import register as register_explain
    from engine.store.commands import register as register_users

    register_explain(commands)
    register_users(commands)


def _run_match(args) -> int:
    from engine.cli_match import build_config, run_with_progress

    try:
        summary = run_with_progress(args, build_config(args))
    except JobCancelled:
        # First: a cancelled job is a MoslikError too, with its own exit status. Printed before
        # the note on earlier results, so that the lines read in order.
        print("moslik: interrupted; this run wrote no result", file=sys.stderr)
        _note_earlier_results(args.out, no_result_printed=True)
        return EXIT_INTERRUPTED
    except MoslikError as exc:
        print(f"moslik: {exc}", file=sys.stderr)
        _note_earlier_results(args.out)
        return EXIT_BAD_INPUT
    _print_summary(summary, args.out)
    return 0


def _note_earlier_results(out: Path, no_result_printed: bool = False) -> None:
    """After a failed run, say that result files already in `out` are from an earlier run.

    A failed job writes no result, so files there would otherwise pass for this run's.
    `no_result_printed`: the line before already printed that this run wrote no result.
    """
    from engine.output import EXTENSIONS
    from engine.pipeline import RESULT_TYPES

    names = [f"{name}{extension}" for name in RESULT_TYPES
             for extension in sorted(set(EXTENSIONS.values())) if (out / f"{name}{extension}").is_file()]
    if names:
        tail = "" if no_result_printed else "; this run wrote no result"
        verb = "is" if len(names) == 1 else "are"
        print(f"moslik: {', '.join(names)} in {out} {verb} from an earlier run{tail}",
              file=sys.stderr)


def _print_summary(summary, out: Path) -> None:
    print(f"Done in {summary.elapsed:.2f} s. Results in {out.resolve()}:")
    for name, count in summary.counts.items():
        location = summary.files.get(name)
        where = location.name if location else "(not written: generate_unmatched is false)"
        print(f"  {name:<15} {count:>9,}  {where}")
    for note in summary.notes:
        print(f"  note: {note}")
    if summary.stages:
        print("  time: " + ", ".join(f"{stage} {seconds:.2f} s"
                                     for stage, seconds in summary.stages.items()))


def _run_validate(args) -> int:
    from engine.ingest import inspect_file

    if not args.file.is_file():
        raise MoslikError(missing_file_message(args.file))
    report = inspect_file(args.file, preview_rows=max(0, args.rows))
    if args.json:
        print(json.dumps(report.model_dump(), ensure_ascii=False, indent=2))
    else:
        _print_report(report)
    return 0 if report.valid else EXIT_BAD_INPUT


def _print_report(report) -> None:
    print(f"{report.file_name}: {'valid' if report.valid else 'NOT valid'}")
    if report.file_type != "unknown":
        details = [f"type {report.file_type}", f"encoding {report.encoding or 'not detected'}"]
        if report.delimiter:
            details.append(f"delimiter {report.delimiter!r}")
        print("  " + ", ".join(details))
    if report.columns:
        # A file that failed to load has no row count, only its header's columns.
        rows = "1 row, " if report.rows == 1 else f"{report.rows:,} rows, "
        print(f"  {rows if report.valid else ''}{report.columns} columns: "
              f"{', '.join(report.column_names)}")
    for name, scripts in report.column_scripts.items():
        marks = " ".join(scripts.apostrophes) or "none"
        print(f"  script of {name!r}: {scripts.cyrillic} Cyrillic, {scripts.latin} Latin, "
              f"{scripts.both} both, of {scripts.sampled} sampled; apostrophes: {marks}")
    for error in report.errors:
        print(f"  error: {error}")
    for warning in report.warnings:
        print(f"  warning: {warning}")
    for row in report.preview:
        print("  | " + " | ".join("" if v is None else str(v) for v in row.values()))


if __name__ == "__main__":
    sys.exit(main())
