"""The validation report that ingest returns, and the errors that carry it."""

from pydantic import BaseModel, Field, SkipValidation

from engine.errors import InputError, Message
from engine.ingest.scripts_report import ColumnScripts


class IngestReport(BaseModel):
    """Validation result for one file: its shape, a preview, errors and warnings.

    `valid` is False exactly when `errors` is not empty. `file_type` is "csv", "json", "xlsx",
    "parquet", or "unknown" when the format could not be detected. `columns` and
    `column_names` count the file's own columns, without the `_row_id` column that load_table
    adds. `column_scripts` gives the script mix and apostrophe characters of each column that
    has letters.
    """

    file_name: str
    file_type: str
    encoding: str | None
    delimiter: str | None
    rows: int
    columns: int
    column_names: list[str]
    valid: bool
    # SkipValidation keeps each error's Message (its catalogue key) instead of a plain str.
    errors: list[SkipValidation[str]]
    warnings: list[str]
    preview: list[dict[str, str | None]]
    column_scripts: dict[str, ColumnScripts] = Field(default_factory=dict)


class FileRejected(InputError):
    """A file that cannot be used as a table; `problems` lists every reason found.

    A lone problem that is a Message gives the error its catalogue key and parameters.
    """

    def __init__(self, *problems: str | Message):
        self.problems = list(problems)
        super().__init__(problems[0] if len(problems) == 1 else " ".join(self.problems))


class IngestError(InputError):
    """Raised when load_table cannot use a file; `report` contains its errors and what was detected."""

    def __init__(self, report: IngestReport):
        self.report = report
        super().__init__(" ".join(report.errors))
