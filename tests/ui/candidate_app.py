"""A test app that shows why one unmatched record is unmatched, as the review page does.

The test puts `job_dir` and `file_type` into the session. The main guard matters: a job's
`spawn`ed worker executes the `__main__` file of the process that starts it.
"""

import streamlit as st

from engine import review
from ui.review_details import unmatched_reason


def main() -> None:
    job_dir, file_type = st.session_state["job_dir"], st.session_state["file_type"]
    rows = review.review_page(job_dir, file_type, per_page=100)["data"]
    row = next(item for item in rows if item["_best_row_id"] is not None)
    st.session_state["shown_row"] = {"row_id": row["_row_id"], "best": row["_best_row_id"]}
    unmatched_reason("test-job", job_dir, row, file_type)


if __name__ == "__main__":
    main()
