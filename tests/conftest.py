from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture
def sample_pair():
    """The small invented pair of the API document's examples: data1.csv and data2.json."""
    return EXAMPLES / "data1.csv", EXAMPLES / "data2.json"


@pytest.fixture
def febrl4():
    return DATA / "febrl4" / "dataset4a.csv", DATA / "febrl4" / "dataset4b.csv"
