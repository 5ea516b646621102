"""Generated file pairs big enough for a job to run for a few seconds (about 6 s for 20,000 rows on 2 cores)."""

import csv
import random
from pathlib import Path

SYLLABLES = ["ka", "ri", "mo", "va", "li", "sher", "di", "no", "za", "be", "k", "zod", "ja", "sur",
             "ra", "hi", "mov", "yu", "su", "po"]
NAME_CONFIG = {
    "mappings": [{"file1_col": "name", "file2_col": "full_name", "match_type": "fuzzy"}],
    "threshold": 80,
}


def _name(rng: random.Random) -> str:
    words = ("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(2))
    return " ".join(word.capitalize() for word in words)


def write_pair(folder: Path, rows: int, seed: int = 7) -> tuple[Path, Path]:
    """Write name pairs: file 2 has 80% of file 1's names as they are and the rest reversed."""
    rng = random.Random(seed)
    people = [(_name(rng), str(rng.randint(18, 80))) for _ in range(rows)]
    folder.mkdir(parents=True, exist_ok=True)
    first, second = folder / "people_a.csv", folder / "people_b.csv"
    with first.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "age"])
        writer.writerows(people)
    with second.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["full_name", "age"])
        writer.writerows((name if rng.random() < 0.8 else name[::-1], age) for name, age in people)
    return first, second
