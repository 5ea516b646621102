"""Splink models for the side-by-side benchmark, by name: `febrl4` and `synthetic`.

Imported only by bench/splink_run.py inside the separate `.venv-bench` environment, because
Splink is no dependency of Moslik. Each model is the usual person-linkage setup from Splink's
comparison library: Jaro-Winkler levels on names, Levenshtein levels on dates and numbers,
exact match on state or city, u estimated by random sampling and m by EM on two blocking rules.
"""

from dataclasses import dataclass

import splink.comparison_library as cl
from splink import SettingsCreator, block_on

# Cleaning applied to both input files before Splink sees them (DuckDB SQL over a table `raw`
# of text columns). It counts in Splink's time. FEBRL4 values are already lower case.
FEBRL4_SELECT = """
SELECT rec_id, given_name, surname, date_of_birth, suburb, state, address_1 FROM raw
"""
# B of the synthetic generator has upper-case names, dates as 1985-03-12, 12.03.1985,
# 12/03/1985 or 19850312, and phones in four layouts, so all are brought to one form first.
SYNTHETIC_SELECT = r"""
SELECT
    rec_id,
    lower(trim(given_name)) AS given_name,
    lower(trim(surname)) AS surname,
    CASE
        WHEN regexp_matches(birth_date, '^\d{2}[./]\d{2}[./]\d{4}$')
            THEN substr(birth_date, 7, 4) || substr(birth_date, 4, 2) || substr(birth_date, 1, 2)
        ELSE nullif(regexp_replace(birth_date, '\D', '', 'g'), '')
    END AS birth_date,
    nullif(right(regexp_replace(phone, '\D', '', 'g'), 9), '') AS phone,
    lower(trim(city)) AS city,
    nullif(trim(passport), '') AS passport,
    lower(trim(email)) AS email
FROM raw
"""


@dataclass(frozen=True)
class SplinkModel:
    select_sql: str
    settings: SettingsCreator
    training_rules: tuple  # EM blocking rules, each leaves its own columns untrained
    deterministic_rules: tuple  # for the prior probability that two records match
    deterministic_recall: float


def _febrl4() -> SplinkModel:
    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="rec_id",
        comparisons=[
            cl.JaroWinklerAtThresholds("given_name", [0.9, 0.7]),
            cl.JaroWinklerAtThresholds("surname", [0.9, 0.7]),
            cl.LevenshteinAtThresholds("date_of_birth", [1, 2]),
            cl.JaroWinklerAtThresholds("suburb", [0.9]),
            cl.ExactMatch("state"),
            cl.JaroWinklerAtThresholds("address_1", [0.9, 0.7]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("surname"), block_on("given_name"), block_on("date_of_birth"),
            block_on("suburb"),
        ],
    )
    return SplinkModel(FEBRL4_SELECT, settings,
                       (block_on("date_of_birth"), block_on("given_name", "surname")),
                       (block_on("given_name", "surname", "date_of_birth"),), 0.7)


def _synthetic() -> SplinkModel:
    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="rec_id",
        comparisons=[
            cl.JaroWinklerAtThresholds("given_name", [0.9, 0.7]),
            cl.JaroWinklerAtThresholds("surname", [0.9, 0.7]),
            cl.LevenshteinAtThresholds("birth_date", [1, 2]),
            cl.LevenshteinAtThresholds("phone", [1, 2]),
            cl.LevenshteinAtThresholds("passport", [1, 2]),
            cl.LevenshteinAtThresholds("email", [1, 3]),
            cl.ExactMatch("city"),
        ],
        # Tight rules: each pairs a record with few others, so 1,000,000 x 1,000,000 stays
        # within memory. Swapped or mistyped names are still caught by phone, passport or email.
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"), block_on("surname", "birth_date"),
            block_on("given_name", "birth_date"), block_on("phone"), block_on("passport"),
            block_on("email"),
        ],
    )
    # EM blocked on birth_date alone took 203 s of Splink's 214 s at 1,000,000 x 1,000,000 on
    # the 2-core benchmark machine; adding city cut training to 22 s with the same F1 (0.9994).
    return SplinkModel(SYNTHETIC_SELECT, settings,
                       (block_on("given_name", "surname"), block_on("birth_date", "city")),
                       (block_on("given_name", "surname", "birth_date"),), 0.7)


MODELS = {"febrl4": _febrl4, "synthetic": _synthetic}


def model(name: str) -> SplinkModel:
    if name not in MODELS:
        raise ValueError(f"unknown Splink model {name!r}: expected one of {sorted(MODELS)}")
    return MODELS[name]()
