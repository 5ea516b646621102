"""Measure Uzbek text throughput: clean-up, transliteration and both phonetic keys, in full
names per second on one core.

Run: python -m bench.bench_uzbek_text [--names N] [--seed S]

The names come from a seeded mix of Cyrillic names and Latin names in 1995, 2026 and
Russian-romanised spellings with every kind of apostrophe. Like a registry column, the
generated column repeats a few thousand distinct tokens.
"""

import argparse
import random
import time

from engine.text import blocking_keys, clean_text, phonetic_key, text_forms, to_latin
from engine.text.casefold import fold_case_token
from engine.text.cleanup import clean_token
from engine.text.name_data import GIVEN_NAMES_FEMALE, GIVEN_NAMES_MALE
from engine.text.phonetic import consonant_keys, token_phonetic_key, vowel_keys
from engine.text.text_forms import _token_forms
from engine.text.transliterate import latin_token

CYRILLIC_SURNAMES = [
    "Каримов",
    "Қодиров",
    "Ғуломов",
    "Жўраев",
    "Йўлдошев",
    "Тошпўлатов",
    "Нуриддинов",
    "Султонов",
    "Иброҳимов",
    "Эшонқулов",
    "Ёқубов",
    "Юсупов",
    "Алиев",
    "Эргашев",
    "Раҳимов",
    "Ҳамидов",
    "Исҳоқов",
    "Неъматов",
    "Мирзаев",
    "Абдуллаев",
    "Турсунов",
    "Расулов",
    "Саидов",
    "Холматов",
    "Қосимов",
    "Тўхтаев",
    "Ўринов",
    "Шукуров",
    "Чориев",
    "Ғаниев",
    "Кадыров",
    "Гулямов",
]
CYRILLIC_GIVEN = [
    "Алишер",
    "Ботир",
    "Жасур",
    "Дилноза",
    "Отабек",
    "Шерзод",
    "Фаррух",
    "Малика",
    "Улуғбек",
    "Ўткир",
    "Сайёра",
    "Баҳодир",
    "Гулнора",
    "Дониёр",
    "Нигора",
    "Акмал",
    "Азамат",
    "Раъно",
    "Мўътабар",
    "Хуршид",
    "Марям",
    "Илёс",
    "Дилёр",
    "Санжар",
    "Зарина",
    "Шуҳрат",
    "Моҳира",
]
CYRILLIC_PATRONYMICS = [
    "Шавкатович",
    "Эргашевич",
    "Рустамович",
    "Ҳасанович",
    "Бахтиёрович",
    "Абдуллаевич",
    "Усмоновна",
    "Неъматович",
    "Ғайратовна",
    "Шуҳратовна",
    "Исҳоқович",
    "Эркиновна",
    "Равшанович",
    "Жаҳонгировна",
    "Анварович",
    "Исломовна",
]
APOSTROPHES = ("ʻ", "'", "`", "‘", "’", "")
ROMANISATIONS = (
    ("x", "kh"),
    ("j", "dzh"),
    ("yu", "iu"),
    ("yev", "ev"),
    ("sh", "ş"),
    ("ch", "ç"),
)


def _latin_variant(name: str, rng: random.Random) -> str:
    name = name.replace("ʻ", rng.choice(APOSTROPHES))
    if rng.random() < 0.3:
        old, new = rng.choice(ROMANISATIONS)
        name = name.replace(old, new)
    return name.upper() if rng.random() < 0.1 else name


def generate_names(count: int, seed: int) -> list[str]:
    """Return count full names, half Cyrillic and half Latin variants."""
    rng = random.Random(seed)
    male = GIVEN_NAMES_MALE.split()
    female = GIVEN_NAMES_FEMALE.split()
    names = []
    for _ in range(count):
        if rng.random() < 0.5:
            parts = (
                rng.choice(CYRILLIC_SURNAMES),
                rng.choice(CYRILLIC_GIVEN),
                rng.choice(CYRILLIC_PATRONYMICS),
            )
        else:
            female_name = rng.random() < 0.5
            ending = "a" if female_name else ""
            given = rng.choice(female if female_name else male)
            patronymic = rng.choice(male) + ("ovna" if female_name else "ovich")
            parts = (rng.choice(male) + "ov" + ending, given, patronymic)
            parts = tuple(_latin_variant(part, rng) for part in parts)
        names.append(" ".join(parts))
    return names


def _clear_caches() -> None:
    for cached in (
        clean_token,
        latin_token,
        fold_case_token,
        vowel_keys,
        consonant_keys,
        token_phonetic_key,
        _token_forms,
    ):
        cached.cache_clear()


def _rates(function, names: list[str]) -> tuple[float, float]:
    """Return names per CPU second and per wall-clock second, from cold caches."""
    _clear_caches()
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    for name in names:
        function(name)
    cpu, wall = time.process_time() - cpu_start, time.perf_counter() - wall_start
    return len(names) / cpu, len(names) / wall


def _all_steps(name: str) -> None:
    clean_text(name)
    to_latin(name)
    phonetic_key(name)
    blocking_keys(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--names", type=int, default=200_000, help="number of full names to generate"
    )
    parser.add_argument(
        "--seed", type=int, default=7, help="random seed of the generator"
    )
    args = parser.parse_args()

    names = generate_names(args.names, args.seed)
    distinct_tokens = len({token for name in names for token in name.split()})
    print(
        f"{len(names)} names, {distinct_tokens} distinct tokens, caches cleared before each run"
    )
    # CPU time is the one-core figure; wall-clock time also counts other processes on the machine.
    print(f"{'':>14}  {'names/s (CPU)':>14}  {'names/s (wall)':>14}")
    for label, function in (
        ("clean_text", clean_text),
        ("to_latin", to_latin),
        ("phonetic_key", phonetic_key),
        ("blocking_keys", blocking_keys),
        ("four calls", _all_steps),
        ("text_forms", text_forms),
    ):
        cpu_rate, wall_rate = _rates(function, names)
        print(f"{label:>14}: {cpu_rate:>14,.0f}  {wall_rate:>14,.0f}")


if __name__ == "__main__":
    main()
