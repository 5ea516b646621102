"""The output formats a result can be written in, with their file extensions and media types."""

FORMATS = ("json", "csv", "xlsx", "parquet")

EXTENSIONS = {"json": ".json", "csv": ".csv", "xlsx": ".xlsx", "parquet": ".parquet"}

MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
