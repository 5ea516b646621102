"""Seeded synthetic person files with known true pairs.

File A contains `size` people. File B contains `size` rows: a corrupted copy of a share `overlap`
(default 70%) of A's people, in shuffled order, plus new people. `truth.csv` lists the true
pairs by `rec_id`. The same arguments always give byte-identical files.

Variants:
- `basic`: Latin names. B has typos, swapped name order, blanks, upper-case names, and
  different date and phone formats.
- `uzbek`: Uzbek names, Cyrillic in A and Latin in B, with the ʻ apostrophe written as one of
  ʻ ' ‘ ` in B, plus the corruptions of `basic` and birth dates with day and month swapped.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv

from bench import corruption, name_pools

COLUMNS = ("rec_id", "given_name", "surname", "birth_date", "phone", "city", "passport", "email")
VARIANTS = ("basic", "uzbek")
OPERATOR_CODES = ("90", "91", "93", "94", "95", "97", "98", "99", "33", "88")
FIRST_BIRTH_DATE = np.datetime64("1940-01-01")
BIRTH_DATE_SPAN_DAYS = 80 * 365

# Share of B rows given each corruption; a row can get several.
B_CORRUPTION = {"typo_given": 0.10, "typo_surname": 0.12, "swap_names": 0.06, "upper": 0.05,
                "blank_given": 0.02, "blank_surname": 0.01, "blank_birth": 0.04,
                "typo_birth": 0.03, "blank_phone": 0.08, "typo_phone": 0.03, "blank_city": 0.05,
                "typo_city": 0.03, "blank_passport": 0.06, "typo_passport": 0.03,
                "blank_email": 0.10, "typo_email": 0.04}
# Corruptions of the `uzbek` variant only, so that `basic` files stay as they were. A clerk
# who writes dates month first swaps day and month: the rate is a share of the B rows whose
# birth day is 12 or less, the dates that stay valid when swapped.
UZBEK_B_CORRUPTION = {"swap_day_month": 0.03}


@dataclass
class SyntheticFiles:
    file_a: Path
    file_b: Path
    truth: Path
    true_pairs: int


@dataclass
class _Pools:
    male_given: np.ndarray
    female_given: np.ndarray
    male_surnames: np.ndarray
    female_surnames: np.ndarray


def _pools(variant: str) -> _Pools:
    if variant == "uzbek":
        return _Pools(*name_pools.uzbek_given_names(), *name_pools.uzbek_surnames())
    male, female = name_pools.given_names()
    family = name_pools.surnames()
    return _Pools(male, female, family, family)


def draw_people(count: int, rng: np.random.Generator, pools: _Pools) -> dict[str, np.ndarray]:
    """Draw `count` people as canonical values: lower-case Latin names, ISO dates, digits."""
    female = rng.random(count) < 0.5
    given = np.where(female, rng.choice(pools.female_given, count),
                     rng.choice(pools.male_given, count))
    surname_index = rng.integers(0, len(pools.male_surnames), size=count)
    surname = np.where(female, pools.female_surnames[surname_index],
                       pools.male_surnames[surname_index])
    days = rng.integers(0, BIRTH_DATE_SPAN_DAYS, size=count).astype("timedelta64[D]")
    birth = np.datetime_as_string(FIRST_BIRTH_DATE + days, unit="D").astype(object)
    operator = rng.choice(np.array(OPERATOR_CODES, dtype=object), count)
    subscriber = rng.integers(0, 10_000_000, size=count)
    # Values below 200,000,000 padded to nine digits: about half the IDs start with 0.
    passport = rng.integers(0, 200_000_000, size=count)
    return {"given": given, "surname": surname, "birth": birth,
            "operator": operator, "subscriber": subscriber,
            "city": rng.integers(0, len(name_pools.CITIES_LATIN), size=count),
            "passport": np.array([f"{p:09d}" for p in passport.tolist()], dtype=object),
            "email_number": rng.integers(1, 100, size=count),
            "email_domain": rng.integers(0, len(name_pools.EMAIL_DOMAINS), size=count)}


def _take(people: dict[str, np.ndarray], rows: np.ndarray) -> dict[str, np.ndarray]:
    return {key: column[rows] for key, column in people.items()}


def _concat(first: dict[str, np.ndarray], second: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {key: np.concatenate([first[key], second[key]]) for key in first}


def _capitalize(values: np.ndarray) -> np.ndarray:
    return np.array([value.capitalize() for value in values.tolist()], dtype=object)


def _to_cyrillic(values: np.ndarray) -> np.ndarray:
    spelled = {value: name_pools.to_cyrillic(value).capitalize() for value in set(values.tolist())}
    return np.array([spelled[value] for value in values.tolist()], dtype=object)


def _format_dates(iso: np.ndarray, style: np.ndarray) -> np.ndarray:
    """Style 0: 1985-03-12, 1: 12.03.1985, 2: 12/03/1985, 3: 19850312."""
    formats = (lambda d: d,
               lambda d: f"{d[8:10]}.{d[5:7]}.{d[:4]}",
               lambda d: f"{d[8:10]}/{d[5:7]}/{d[:4]}",
               lambda d: d.replace("-", ""))
    return np.array([formats[k](d) for d, k in zip(iso.tolist(), style.tolist())], dtype=object)


def _format_phones(operator: np.ndarray, subscriber: np.ndarray, style: np.ndarray) -> np.ndarray:
    """Style 0: +998 90 123 45 67, 1: +998901234567, 2: 90 123-45-67, 3: (90) 1234567."""
    def one(code: str, number: int, k: int) -> str:
        digits = f"{number:07d}"
        if k == 0:
            return f"+998 {code} {digits[:3]} {digits[3:5]} {digits[5:]}"
        if k == 1:
            return f"+998{code}{digits}"
        if k == 2:
            return f"{code} {digits[:3]}-{digits[3:5]}-{digits[5:]}"
        return f"({code}) {digits}"
    return np.array([one(c, n, k) for c, n, k in
                     zip(operator.tolist(), subscriber.tolist(), style.tolist())], dtype=object)


def _emails(people: dict[str, np.ndarray]) -> np.ndarray:
    """Build given.surname<number>@domain, dropping the Uzbek apostrophe to keep it ASCII."""
    domains = name_pools.EMAIL_DOMAINS
    return np.array([f"{g}.{s}{n}@{domains[d]}".replace("ʻ", "") for g, s, n, d in
                     zip(people["given"].tolist(), people["surname"].tolist(),
                         people["email_number"].tolist(), people["email_domain"].tolist())],
                    dtype=object)


def _cities(people: dict[str, np.ndarray], cyrillic: bool) -> np.ndarray:
    names = np.array(name_pools.CITIES_LATIN, dtype=object)[people["city"]]
    return _to_cyrillic(names) if cyrillic else names


def render_a(people: dict[str, np.ndarray], rng: np.random.Generator,
             variant: str) -> dict[str, np.ndarray]:
    """File A: clean values, dates in ISO or DD.MM.YYYY, names in Cyrillic for `uzbek`."""
    cyrillic = variant == "uzbek"
    name = _to_cyrillic if cyrillic else _capitalize
    count = len(people["given"])
    return {"given_name": name(people["given"]), "surname": name(people["surname"]),
            "birth_date": _format_dates(people["birth"], rng.integers(0, 2, size=count)),
            "phone": _format_phones(people["operator"], people["subscriber"],
                                    np.zeros(count, dtype=np.int64)),
            "city": _cities(people, cyrillic), "passport": people["passport"],
            "email": _emails(people)}


def _render_b_names(people: dict[str, np.ndarray], rng: np.random.Generator,
                    variant: str) -> tuple[np.ndarray, np.ndarray]:
    rate = B_CORRUPTION
    given = corruption.add_typos(people["given"], rate["typo_given"], rng)
    surname = corruption.add_typos(people["surname"], rate["typo_surname"], rng)
    given, surname = _capitalize(given), _capitalize(surname)
    if variant == "uzbek":
        given = corruption.vary_apostrophes(given, rng)
        surname = corruption.vary_apostrophes(surname, rng)
    given = corruption.upper_case(given, rate["upper"], rng)
    surname = corruption.upper_case(surname, rate["upper"], rng)
    given, surname = corruption.swap(given, surname, rate["swap_names"], rng)
    return (corruption.blank(given, rate["blank_given"], rng),
            corruption.blank(surname, rate["blank_surname"], rng))


def render_b(people: dict[str, np.ndarray], rng: np.random.Generator,
             variant: str) -> dict[str, np.ndarray]:
    """File B: Latin names with corruptions, dates and phones in any of four formats."""
    rate, count, digits = B_CORRUPTION, len(people["given"]), corruption.DIGITS
    given, surname = _render_b_names(people, rng, variant)
    birth = people["birth"]
    if variant == "uzbek":
        birth = corruption.swap_day_month(birth, UZBEK_B_CORRUPTION["swap_day_month"], rng)
    birth = _format_dates(birth, rng.integers(0, 4, size=count))
    birth = corruption.add_typos(birth, rate["typo_birth"], rng, digits, operations=1)
    phone = _format_phones(people["operator"], people["subscriber"],
                           rng.integers(0, 4, size=count))
    phone = corruption.add_typos(phone, rate["typo_phone"], rng, digits, operations=1)
    city = corruption.add_typos(_cities(people, False), rate["typo_city"], rng)
    passport = corruption.add_typos(people["passport"], rate["typo_passport"], rng, digits,
                                    operations=1)
    email = corruption.add_typos(_emails(people), rate["typo_email"], rng)
    columns = {"given_name": given, "surname": surname, "birth_date": birth, "phone": phone,
               "city": city, "passport": passport, "email": email}
    for column in ("birth_date", "phone", "city", "passport", "email"):
        key = "blank_" + column.split("_")[0]
        columns[column] = corruption.blank(columns[column], rate[key], rng)
    return columns


def generate(size: int, seed: int, variant: str = "basic", overlap: float = 0.7):
    """Return (columns of A, columns of B, true pairs as (rec_id A, rec_id B) arrays)."""
    if variant not in VARIANTS:
        raise ValueError(f"invalid variant {variant!r}: use one of {', '.join(VARIANTS)}")
    if size < 1 or not 0 <= overlap <= 1:
        raise ValueError(f"invalid size {size} or overlap {overlap}: size must be at least 1 "
                         "and overlap between 0 and 1")
    rng = np.random.default_rng(seed)
    pools = _pools(variant)

    people_a = draw_people(size, rng, pools)
    copies = round(size * overlap)
    copied_rows = np.sort(rng.choice(size, size=copies, replace=False))
    people_b = _concat(_take(people_a, copied_rows), draw_people(size - copies, rng, pools))
    order = rng.permutation(size)

    ids_a = np.array([f"A{i:08d}" for i in range(1, size + 1)], dtype=object)
    ids_b = np.array([f"B{i:08d}" for i in range(1, size + 1)], dtype=object)
    file_a = {"rec_id": ids_a, **render_a(people_a, rng, variant)}
    rendered_b = render_b(people_b, rng, variant)
    file_b = {"rec_id": ids_b, **{key: values[order] for key, values in rendered_b.items()}}

    # B row j shows person order[j]; the first `copies` people of B are A's copied rows.
    position = np.empty(size, dtype=np.int64)
    position[order] = np.arange(size)
    truth = (ids_a[copied_rows], ids_b[position[:copies]])
    return file_a, file_b, truth


def _write_csv(columns: dict[str, np.ndarray], path: Path) -> None:
    table = pa.table({name: pa.array(values.tolist(), type=pa.string())
                      for name, values in columns.items()})
    pa_csv.write_csv(table, path)


def write_files(folder: Path, size: int, seed: int, variant: str = "basic",
                overlap: float = 0.7) -> SyntheticFiles:
    """Generate and write `a.csv`, `b.csv` and `truth.csv` (rec_id_a, rec_id_b) to `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    file_a, file_b, truth = generate(size, seed, variant, overlap)
    files = SyntheticFiles(folder / "a.csv", folder / "b.csv", folder / "truth.csv", len(truth[0]))
    _write_csv(file_a, files.file_a)
    _write_csv(file_b, files.file_b)
    _write_csv({"rec_id_a": truth[0], "rec_id_b": truth[1]}, files.truth)
    return files
