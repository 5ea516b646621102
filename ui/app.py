"""Moslik's Streamlit app: log in, upload two files, map columns, run, review and download.

Start it with `scripts/run-ui.sh` (or `streamlit run ui/app.py`). It reads and writes the same
data directory (MOSLIK_DATA_DIR) as the API, so users, uploads and jobs are shared.
"""

import logging
import sys
from pathlib import Path

# `streamlit run ui/app.py` puts ui/ on sys.path, not the repository root that contains the
# `engine` and `ui` packages.
ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

# Streamlit runs this script as `__main__`. A job's `spawn`ed worker process also executes the
# parent's `__main__` file, as `__mp_main__`, to rebuild that module. So this file imports
# nothing of Streamlit or the app outside the guard. In the worker, importing the pages'
# cached functions and fragments logged `missing ScriptRunContext` and `No runtime found`
# warnings, and drawing the page logged one warning per st.* call.
if __name__ == "__main__":
    from ui.frame import main

    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    main()
