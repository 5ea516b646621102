"""The mapping page's state kept beside its upload, so that a page reload does not lose it.

Streamlit starts a new session on every reload, with empty session state. The rows and options
of the mapping page are small, so each change is written to a JSON file in the upload's own
folder, which belongs to the user and goes away with the upload.
"""

import json
import logging
import os
from pathlib import Path

from engine.store import Upload
from ui.mapping_state import default_options, new_row

logger = logging.getLogger(__name__)

DRAFT_NAME = "mapping-draft.json"


def draft_text(rows: list[dict], options: dict) -> str:
    return json.dumps({"rows": rows, "options": options}, ensure_ascii=False, sort_keys=True)


def save_draft(upload: Upload, text: str) -> None:
    """Write `text` (from draft_text) for `upload`, whole or not at all."""
    target = upload.folder / DRAFT_NAME
    partial = target.with_suffix(".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)


def load_draft(upload: Upload, columns1: list[str], columns2: list[str]) -> tuple[list[dict], dict] | None:
    """Return the saved rows and options of `upload`, or None when there are none to use.

    Rows whose columns the files lack are left out, and fields the page has gained since the
    draft was saved take their defaults.
    """
    saved = _read(upload.folder / DRAFT_NAME)
    if saved is None:
        return None
    rows = [{**new_row(row["file1_col"], row["file2_col"]), **row} for row in saved["rows"]
            if row.get("file1_col") in columns1 and row.get("file2_col") in columns2]
    options = {**default_options(columns1, columns2), **saved["options"]}
    return rows, options


def _read(path: Path) -> dict | None:
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        logger.warning("mapping draft %s unreadable, using suggestions instead: %s", path, exc)
        return None
    if not (isinstance(saved, dict) and isinstance(saved.get("rows"), list)
            and all(isinstance(row, dict) for row in saved["rows"])
            and isinstance(saved.get("options"), dict)):
        logger.warning("mapping draft %s has an unknown shape, using suggestions instead", path)
        return None
    return saved
