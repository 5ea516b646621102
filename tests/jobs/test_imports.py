import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FORBIDDEN = {
    "engine": ("api", "ui", "fastapi", "starlette", "streamlit", "socketio"),
    "api": ("ui", "streamlit"),
}


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_import_rules(package):
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_modules(path) & set(FORBIDDEN[package]))
        for path in (ROOT / package).rglob("*.py")
    }
    assert {name: bad for name, bad in offenders.items() if bad} == {}


def test_engine_loads_no_web_framework():
    code = ("import sys, engine.store, engine.jobs, engine.settings, engine.store.commands; "
            "print(sorted(m for m in ('fastapi', 'starlette', 'streamlit', 'socketio') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_match_command_loads_no_optional_library():
    # asyncio (through pydantic-settings and limits), xlsxwriter and tqdm took 150 ms of every
    # command's start; a quiet CSV match needs none of them.
    code = ("import sys, engine.cli; engine.cli._build_parser(); "
            "import engine.cli_match, engine.pipeline; "
            "print(sorted(m for m in ('asyncio', 'xlsxwriter', 'tqdm', 'limits') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
