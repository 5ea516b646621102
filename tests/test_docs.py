"""The READMEs document every setting and every processing option the code has."""

from pathlib import Path

import pytest
from pydantic import BaseModel

from engine.config import Mapping, ProcessingConfig
from engine.settings import Settings
from ui.settings import UiSettings

ROOT = Path(__file__).parent.parent
READMES = [ROOT / "README.md", ROOT / "README.uz.md"]


def option_names(model: type[BaseModel], prefix: str = "") -> list[str]:
    names = []
    for name, field in model.model_fields.items():
        nested = field.annotation
        inner = [a for a in getattr(nested, "__args__", ()) if isinstance(a, type)]
        models = [t for t in [nested, *inner] if isinstance(t, type) and issubclass(t, BaseModel)]
        if models and models[0] is not Mapping:
            names += option_names(models[0], f"{prefix}{name}.")
        else:
            names.append(prefix + name)
    return names


@pytest.mark.parametrize("readme", READMES, ids=lambda p: p.name)
def test_every_setting_documented(readme):
    text = readme.read_text(encoding="utf-8")
    names = [f"MOSLIK_{name.upper()}" for name in Settings.model_fields]
    names += [f"MOSLIK_UI_{name.upper()}" for name in UiSettings.model_fields]
    assert [name for name in names if name not in text] == []


@pytest.mark.parametrize("readme", READMES, ids=lambda p: p.name)
def test_every_processing_option_documented(readme):
    text = readme.read_text(encoding="utf-8")
    names = option_names(ProcessingConfig) + option_names(Mapping)
    missing = [name for name in names if f"`{name}`" not in text and name.split(".")[-1] not in text]
    assert missing == []
