"""Mapping plans: the normalisation, keys, blocking and scorer of each mapping, chosen once per job.

The config's Uzbek options choose the plan: script conversion (Cyrillic to Latin) as a
normalisation step, the Uzbek phonetic keys for phonetic mappings, and the person-name
comparison for `uzbek_name` mappings or fuzzy and phonetic mappings with `uzbek_specific`.
When no option speaks for a mapping and one column is mostly Cyrillic while the other is mostly
Latin, script conversion turns on by itself and the job summary notes it.
"""

import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import jellyfish
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from engine import text
from engine.config import Mapping, ProcessingConfig
from engine.db import quote_ident, sql_text
from engine.normalize import Step, collapse_spaces, empty_to_null, nfkc, steps_for
from engine.scorers import SCORERS, batch_scorer, phonetic_code, uzbek_name_scores
from engine.text.arrow_steps import STEPS as TEXT_STEPS
from engine.text.arrow_steps import arrow_step
from engine.text.spelling import standardize_spelling

STANDARD_SPELLING = arrow_step(standardize_spelling)

# Distinct values per column sampled to tell its script when no option decides.
SCRIPT_SAMPLE = 2000
PREFIX_LENGTH = 4


@dataclass
class MappingPlan:
    steps: list[Step]
    compares_names: bool                  # scored as Uzbek person names, role by role
    phonetic: Callable[[str], str] | None  # code stored once per value in values_i.pkey
    token_keys: Callable[[str], list[str]] | None  # blocking keys of one token; None: whole value
    script_conversion: bool
    note: str | None = None
    # Scores sequences (lists or numpy object arrays, or Arrow arrays when batch_takes_arrow)
    # of values_i's `batch_column` in large batches. None for exact mappings.
    batch: Callable[[Sequence[str], Sequence[str]], np.ndarray] | None = None
    batch_column: str = "norm"
    # True when `batch` is handed Arrow string arrays instead of Python strings.
    batch_takes_arrow: bool = False
    # True when `batch` is a rapidfuzz scorer, which scores ASCII texts as bytes the same.
    batch_reads_bytes: bool = False
    # True when `batch` scores (a, b) as it does (b, a).
    batch_symmetric: bool = False
    # Exact mappings: equal value ids score 100 and all others 0, with no scorer called.
    equal_only: bool = False
    # token_keys for a whole array of distinct tokens: (token position, key) rows. None: call
    # token_keys once per token.
    token_keys_batch: Callable[[pa.Array], tuple[np.ndarray, pa.Array]] | None = None


def plan_for(con, config: ProcessingConfig, mapping: Mapping) -> MappingPlan:
    """Choose the steps, keys and scorer of `mapping`."""
    convert, note = _script_conversion(con, config, mapping)
    names = _compares_names(mapping)
    uzbek_sounds = convert or _uzbek_phonetics_requested(config, mapping)

    if names:
        steps = [nfkc, TEXT_STEPS["to_latin" if convert else "clean"], collapse_spaces, empty_to_null]
    else:
        extra = [TEXT_STEPS["to_latin"]] if convert else []
        normalization = _uzbek_normalization(config)
        spelling = [STANDARD_SPELLING] if normalization and normalization.standardize_spelling else []
        keep_accents = bool(normalization and not normalization.remove_diacritics)
        steps = steps_for(mapping, extra, after_case=spelling, diacritics=keep_accents)

    phonetic = None
    if mapping.match_type == "phonetic" and not names:
        phonetic = text.phonetic_key if uzbek_sounds else phonetic_code
    token_keys = uzbek_token_keys if (names or uzbek_sounds) else default_token_keys
    if mapping.match_type == "exact":
        token_keys = None
    plan = MappingPlan(steps, names, phonetic, token_keys, convert, note,
                       equal_only=mapping.match_type == "exact")
    if token_keys is default_token_keys:
        plan.token_keys_batch = default_token_keys_batch
    # parallel_processing: false keeps the scorers on one thread too.
    workers = -1 if config.performance.parallel_processing else 1
    plan.batch, plan.batch_column = _batch(mapping, names, workers)
    rapidfuzz = plan.batch is not None and not names
    plan.batch_reads_bytes = rapidfuzz
    plan.batch_symmetric = rapidfuzz and SCORERS[_rapidfuzz_method(mapping)].symmetric
    plan.batch_takes_arrow = (plan.batch is not None and not names
                              and mapping.match_type == "fuzzy"
                              and SCORERS[mapping.fuzzy_method].takes_arrow)
    return plan


def _batch(mapping: Mapping, names: bool, workers: int) -> tuple[Callable | None, str]:
    """Return the batch scorer of `mapping` (None for exact mappings) and the column it reads."""
    if names:
        return uzbek_name_scores, "norm"
    if mapping.match_type == "exact":
        return None, "norm"
    method = _rapidfuzz_method(mapping)
    return batch_scorer(method, workers), "pkey" if mapping.match_type == "phonetic" else "norm"


def _rapidfuzz_method(mapping: Mapping) -> str:
    """Return the SCORERS method of a fuzzy or phonetic mapping not scored as Uzbek names."""
    return "token_sort_ratio" if mapping.match_type == "phonetic" else mapping.fuzzy_method


def _compares_names(mapping: Mapping) -> bool:
    if mapping.match_type == "uzbek_name":
        return True
    options = mapping.uzbek_specific
    return (mapping.match_type in ("fuzzy", "phonetic") and options is not None
            and (options.phonetic_rules or options.common_variations))


def _uzbek_phonetics_requested(config: ProcessingConfig, mapping: Mapping) -> bool:
    if mapping.uzbek_specific is not None:
        return mapping.uzbek_specific.phonetic_rules
    uzbek = config.uzbek_processing
    return bool(uzbek and uzbek.enabled and uzbek.phonetic_matching)


def _script_conversion(con, config: ProcessingConfig, mapping: Mapping) -> tuple[bool, str | None]:
    """Script conversion from the options, most specific first; None from all means detect."""
    explicit = _explicit_conversion(config, mapping)
    if explicit is not None:
        return explicit, None
    if mapping.match_type == "uzbek_name":
        return True, None

    scripts = [_main_script(con, side, column)
               for side, column in ((1, mapping.file1_col), (2, mapping.file2_col))]
    if sorted(scripts) == ["cyrillic", "latin"]:
        return True, (f"script conversion turned on for {mapping.label}: file 1 is mostly "
                      f"{scripts[0].title()}, file 2 mostly {scripts[1].title()} (set "
                      "uzbek_processing.script_conversion to false to turn it off)")
    return False, None


def _uzbek_normalization(config: ProcessingConfig):
    """text_processing.uzbek_normalization when it is enabled, else None."""
    normalization = config.text_processing.uzbek_normalization if config.text_processing else None
    return normalization if normalization is not None and normalization.enabled else None


def _explicit_conversion(config: ProcessingConfig, mapping: Mapping) -> bool | None:
    if mapping.uzbek_specific is not None:
        return mapping.uzbek_specific.script_conversion
    normalization = _uzbek_normalization(config)
    if normalization is not None:
        return True if normalization.cyrillic_to_latin is None else normalization.cyrillic_to_latin
    uzbek = config.uzbek_processing
    if uzbek is not None:
        if uzbek.script_conversion is not None:
            return uzbek.script_conversion
        return True if uzbek.enabled else None
    return None


def _main_script(con, side: int, column: str) -> str:
    """Return the script of most sampled values with letters: cyrillic, latin or mixed."""
    query = sql_text("column_sample").format(side=side, col=quote_ident(column))
    values = [row[0] for row in con.execute(query, [SCRIPT_SAMPLE]).fetchall()]
    scripts = [text.script_mix(v) for v in values]
    lettered = [s for s in scripts if s != "none"]
    if not lettered:
        return "none"
    for script in ("cyrillic", "latin"):
        if lettered.count(script) > len(lettered) / 2:
            return script
    return "mixed"


def default_token_keys(token: str) -> list[str]:
    """Return a token's keys: the token, its sound code and its first four letters.

    The sound code is the Metaphone code of the token without its trailing digits, so that
    "smith12" and "smith" share it. Tokens of digits only get their keys in SQL instead (the
    token and its last seven digits).
    """
    if len(token) < 2:
        return []
    keys = ["t:" + token, "p:" + (jellyfish.metaphone(token.rstrip(string.digits)) or token)]
    if len(token) > PREFIX_LENGTH:
        keys.append("f:" + token[:PREFIX_LENGTH])
    return keys


def default_token_keys_batch(tokens: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """Return default_token_keys of every token as (token position, key) rows.

    Arrow makes the token and prefix keys for the whole array, and Metaphone runs once per
    distinct letter part. Email tokens are mostly a name and digits: the 470,000 distinct
    tokens of two million synthetic emails have 28,000 letter parts, and their codes took
    0.03 s instead of 0.4 s, during which the other lane waits for the interpreter.
    """
    lengths = pc.utf8_length(tokens).to_numpy(zero_copy_only=False)
    keyed = np.flatnonzero(lengths >= 2)
    words = tokens.take(pa.array(keyed))
    longer = lengths[keyed] > PREFIX_LENGTH
    prefixes = pc.utf8_slice_codeunits(words.filter(pa.array(longer)), 0, PREFIX_LENGTH)
    keys = pa.concat_arrays([pc.binary_join_element_wise("t:", words, "").cast(pa.string()),
                             _sound_keys(words),
                             pc.binary_join_element_wise("f:", prefixes, "").cast(pa.string())])
    return np.concatenate((keyed, keyed, keyed[longer])), keys


def _sound_keys(words: pa.Array) -> pa.Array:
    """Return the "p:" key of each word, as default_token_keys makes it."""
    parts = pc.dictionary_encode(pc.utf8_rtrim(words, string.digits))
    codes = pa.array([jellyfish.metaphone(part) for part in parts.dictionary.to_pylist()], pa.string())
    sounds = codes.take(parts.indices)
    # A word with no code (all silent letters) is its own key, as in default_token_keys.
    sounds = pc.if_else(pc.equal(sounds, ""), words, sounds)
    return pc.binary_join_element_wise("p:", sounds, "").cast(pa.string())


def uzbek_token_keys(token: str) -> list[str]:
    """Return the Uzbek consonant key of a word, which folds Russian forms and apostrophes."""
    keys = text.blocking_keys(text.fold_case(token))
    return ["u:" + key for key in keys if len(key) >= 2]
