from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check results, not speed: hypothesis' default 200 ms deadline per example failed
# on a slow shared machine where the same examples pass.
settings.register_profile("moslik", deadline=None)
settings.load_profile("moslik")

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture
def sample_pair():
    """The small invented pair of the API document's examples: data1.csv and data2.json."""
    return EXAMPLES / "data1.csv", EXAMPLES / "data2.json"


@pytest.fixture
def febrl4():
    return DATA / "febrl4" / "dataset4a.csv", DATA / "febrl4" / "dataset4b.csv"
