"""`moslik explain`: print why two values do or do not match, or explain a file of pairs."""

import csv
import json
import sys
from pathlib import Path

from engine.errors import InputError
from engine.explain import explain_pairs
from engine.text import script_mix

CSV_FIELDS = ["left", "right", "score", "decision", "normalised_left", "normalised_right",
              "name_decision", "roles", "reasons"]


def register(commands) -> None:
    parser = commands.add_parser(
        "explain", help="explain the score of one pair of values, or of every pair in a CSV",
        description="Score VALUE1 against VALUE2 as a one-mapping job would, and show the "
                    "normalised forms, keys and (for uzbek_name) the per-role scores.")
    parser.add_argument("values", nargs="*", metavar="VALUE", help="VALUE1 VALUE2")
    parser.add_argument("--pairs", type=Path, help="CSV file with columns left,right")
    parser.add_argument("--type", default="uzbek_name",
                        choices=["uzbek_name", "fuzzy", "phonetic", "exact"],
                        help="match type (default uzbek_name)")
    parser.add_argument("--method", help="fuzzy method for --type fuzzy (default token_sort_ratio)")
    parser.add_argument("--threshold", type=float, default=80, help="match threshold (default 80)")
    parser.add_argument("--json", action="store_true", help="print JSON (JSON lines with --pairs)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    if args.method and args.type != "fuzzy":
        raise InputError(f"--method {args.method} applies to fuzzy matching only, and the type "
                         f"is {args.type}; add --type fuzzy or leave out --method")
    pairs = _read_pairs(args.pairs) if args.pairs else _two_values(args.values)
    explanations = explain_pairs(pairs, match_type=args.type, threshold=args.threshold,
                                 fuzzy_method=args.method or "token_sort_ratio")
    if args.json:
        for item in explanations:
            print(json.dumps(item, ensure_ascii=False))
    elif args.pairs:
        _write_csv(explanations)
    else:
        _print_one(explanations[0])
    return 0


def _two_values(values: list[str]) -> list[tuple[str, str]]:
    if len(values) != 2:
        received = "1 value" if len(values) == 1 else f"{len(values)} values"
        raise InputError(f"explain takes two values or --pairs FILE.csv, got {received}; quote "
                         "values that contain spaces")
    return [(values[0], values[1])]


def _read_pairs(path: Path) -> list[tuple[str, str]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError:
        raise InputError(f"File not found: {path}; check the path") from None
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text; save it as UTF-8 CSV") from None
    if not rows or not {"left", "right"} <= set(rows[0]):
        raise InputError(f"{path} needs a header with the columns left and right, and at least one row")
    return [(row["left"] or "", row["right"] or "") for row in rows]


def _write_csv(explanations: list[dict]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for item in explanations:
        roles = item.get("roles") or {}
        writer.writerow(item | {"roles": ";".join(f"{k}={v:g}" for k, v in roles.items()),
                                "reasons": "; ".join(item.get("reasons") or [])})


def _print_one(item: dict) -> None:
    score = "none" if item["score"] is None else f"{item['score']:g}"
    kind = item["match_type"] if item["method"] == item["match_type"] else \
        f"{item['match_type']}, {item['method']}"
    print(f"{item['left']!r} vs {item['right']!r} ({kind}): score {score}, "
          f"{item['decision']}")
    converted = item["script_conversion"] and "cyrillic" in {
        script_mix(item["left"]), script_mix(item["right"])}
    print(f"  normalised: {item['normalised_left']!r} | {item['normalised_right']!r}"
          + ("  (Cyrillic converted to Latin)" if converted else ""))
    if "phonetic_left" in item:
        print(f"  phonetic:   {item['phonetic_left']!r} | {item['phonetic_right']!r}")
    print(f"  blocking keys: {' '.join(item['blocking_keys_left'])} | "
          f"{' '.join(item['blocking_keys_right'])}")
    for side in ("left", "right"):
        parsed = item.get(f"parsed_{side}")
        if parsed:
            print(f"  {side}: surname {parsed['surname']!r}, given {parsed['given']!r}, "
                  f"patronymic {parsed['patronymic']!r}, initials {parsed['initials']}, "
                  f"gender {parsed['gender'] or 'unknown'}")
    for role, value in (item.get("roles") or {}).items():
        print(f"  {role}: {value:g}")
    for reason in item.get("reasons") or []:
        print(f"  - {reason}")
