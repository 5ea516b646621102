"""`moslik explain`: why two values do or do not match, through the engine's own code path.

The pairs run through the same plan, normalisation, scoring SQL and UDFs as a real job, in an
in-memory DuckDB, so the score shown is the score a job would give.
"""

import pyarrow as pa

from engine import scoring, text
from engine.block_keys import LAST_DIGITS
from engine.config import ProcessingConfig, parse_config
from engine.db import connect, run_sql
from engine.mapping_plan import plan_for
from engine.scorers import register_scorers
from engine.values import mapping_values, normalised_texts


def explain_pairs(pairs: list[tuple[str, str]], *, match_type: str = "uzbek_name",
                  threshold: float = 80, fuzzy_method: str = "token_sort_ratio") -> list[dict]:
    """Score each (left, right) pair as a one-mapping job would and explain the result."""
    config = parse_config({"mappings": [{"file1_col": "value", "file2_col": "value",
                                         "match_type": match_type, "fuzzy_method": fuzzy_method}],
                           "threshold": threshold})
    con = connect()
    try:
        rows, plan = _score(con, config, pairs)
    finally:
        con.close()
    return [_explain_row(left, right, row, config, plan) for (left, right), row in zip(pairs, rows)]


def _score(con, config: ProcessingConfig, pairs):
    given = pa.table({"_row_id": pa.array(range(1, len(pairs) + 1), pa.int64()),
                      "left_value": pa.array([p[0] for p in pairs], pa.string()),
                      "right_value": pa.array([p[1] for p in pairs], pa.string())})
    con.register("given_values", given)
    run_sql(con, "explain_inputs")
    register_scorers(con)

    mapping = config.mappings[0]
    plan = plan_for(con, config, mapping)
    ids, texts = mapping_values(con, mapping, plan)
    scoring.score_candidates(con, [plan], [ids], [texts], config.performance.chunk_size,
                             lambda *_: None)
    scores = [row[1] for row in run_sql(con, "explain_rows").fetchall()]

    lefts, rights = ([normalised_texts(con, config, mapping, [pair[side] for pair in pairs])
                      for side in (0, 1)])
    code = plan.phonetic or (lambda value: value)
    return [(k, a, b, a and code(a), b and code(b), score)
            for k, (a, b, score) in enumerate(zip(lefts, rights, scores), start=1)], plan


def _explain_row(left, right, row, config: ProcessingConfig, plan) -> dict:
    _, norm1, norm2, key1, key2, score = row
    score = None if score is None else round(score, 2)
    explanation = {
        "left": left, "right": right, "match_type": config.mappings[0].match_type,
        "method": _method(config.mappings[0]),
        "score": score, "decision": _decision(score, config),
        "normalised_left": norm1, "normalised_right": norm2,
        "script_conversion": plan.script_conversion,
        "blocking_keys_left": _value_keys(plan, norm1),
        "blocking_keys_right": _value_keys(plan, norm2),
    }
    if plan.phonetic:
        explanation |= {"phonetic_left": key1, "phonetic_right": key2}
    if plan.compares_names and norm1 and norm2:
        explanation |= _name_breakdown(norm1, norm2)
    return explanation


def _method(mapping) -> str:
    """Name the comparison: the fuzzy method for fuzzy mappings, else the match type."""
    return mapping.fuzzy_method if mapping.match_type == "fuzzy" else mapping.match_type


def _value_keys(plan, value: str | None) -> list[str]:
    """Return the blocking keys of a value, derived token by token as blocking does.

    A token of digits is its own key and, when longer, its last LAST_DIGITS digits ("d:"). A
    value of several words is also a key as a whole ("v:", its words in sorted order).
    """
    if not value:
        return []
    if plan.token_keys is None:
        return [value]
    tokens = value.split(" ")
    keys = set()
    for token in tokens:
        if token.isascii() and token.isdecimal():
            keys.add("t:" + token)
            if len(token) > LAST_DIGITS:
                keys.add("d:" + token[-LAST_DIGITS:])
        else:
            keys.update(plan.token_keys(token))
    if len(set(tokens)) > 1:
        keys.add("v:" + " ".join(sorted(set(tokens))))
    return sorted(keys)


def _decision(score: float | None, config: ProcessingConfig) -> str:
    if score is None:
        return "no score: a value is missing"
    if score >= config.threshold:
        return "match"
    if score >= config.low_threshold:
        return "low confidence"
    return "non-match"


def _name_breakdown(left: str, right: str) -> dict:
    comparison = text.compare_names(left, right)
    return {
        "name_decision": comparison.decision,
        "roles": comparison.roles,
        "reasons": comparison.reasons,
        "parsed_left": _parsed(comparison.left),
        "parsed_right": _parsed(comparison.right),
    }


def _parsed(name) -> dict:
    return {"latin": name.latin, "surname": name.surname, "given": name.given,
            "patronymic": name.patronymic, "initials": list(name.initials), "gender": name.gender}
