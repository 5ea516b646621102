"""Request and response bodies, named as the API document names their fields."""

from typing import Any, Literal

from pydantic import BaseModel, Field

from engine.config import ProcessingConfig
from engine.store.passwords import MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS

PASSWORD_RULE = f"{MIN_PASSWORD_CHARS} characters to {MAX_PASSWORD_BYTES} bytes in UTF-8"


class ErrorBody(BaseModel):
    error: str = Field(examples=["Not Found"])
    details: str = Field(examples=["operation 0f3c... not found; use an operation_id from POST /api/v1/processing/start"])
    timestamp: str = Field(examples=["2025-01-27T00:00:00Z"])


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1000)


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Lifetime of the token in seconds")


class VerifyResponse(BaseModel):
    valid: bool
    user: str
    role: Literal["admin", "user"]
    expires_at: int = Field(description="Expiry as a Unix time")


class UserRecord(BaseModel):
    username: str
    role: Literal["admin", "user"]
    disabled: bool
    created_at: str


class NewUser(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=MIN_PASSWORD_CHARS, max_length=1000, description=PASSWORD_RULE)
    role: Literal["admin", "user"] = "user"


class NewPassword(BaseModel):
    password: str = Field(min_length=MIN_PASSWORD_CHARS, max_length=1000, description=PASSWORD_RULE)


class UploadedFile(BaseModel):
    original_name: str
    unique_name: str
    file_type: Literal["csv", "tsv", "json", "xlsx", "parquet"]
    delimiter: str | None = Field(None, description="Field delimiter, for CSV and TSV only")
    encoding: str | None = None
    size_bytes: int
    upload_timestamp: str
    upload_id: str


class FileInfo(BaseModel):
    rows: int
    columns: int
    column_names: list[str]
    file_type: str
    encoding: str | None = None
    delimiter: str | None = None


class Validation(BaseModel):
    valid: bool
    errors: list[str]
    warnings: list[str]
    info: FileInfo


class Preview(BaseModel):
    columns: list[str]
    preview: list[dict[str, Any]]
    total_rows: int


class FileValidation(BaseModel):
    validation: Validation
    preview: Preview


class ValidateResponse(BaseModel):
    upload_id: str
    file1: FileValidation
    file2: FileValidation


class PreviewResponse(BaseModel):
    upload_id: str
    file1: Preview
    file2: Preview


class JobStatus(BaseModel):
    operation_id: str
    upload_id: str
    status: Literal["starting", "processing", "completed", "failed", "cancelled"]
    progress: float = Field(description="Percent done, 0 to 100")
    stage: str
    message: str
    elapsed_time: float = Field(description="Seconds since the job was created; for a finished job, until it ended")
    estimated_remaining: float | None = Field(description="Estimated seconds left, when known")
    can_cancel: bool
    created_at: str
    finished_at: str | None = None


class CancelResponse(BaseModel):
    success: bool
    message: str
    operation_id: str


class ResultFile(BaseModel):
    name: str
    path: str = Field(description="The file's path inside your result folder")
    type: Literal["matched", "low_confidence", "unmatched_1", "unmatched_2"]
    count: int
    columns: list[str]
    operation_id: str


class ResultPage(BaseModel):
    data: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    total_pages: int


class CleanupResponse(BaseModel):
    success: bool
    removed_result_files: int
    removed_upload_files: int
    message: str


class HealthResponse(BaseModel):
    status: Literal["healthy", "unhealthy"]
    timestamp: str
    version: str
    components: dict[str, Literal["healthy", "unhealthy"]]


def error_responses(*statuses: int) -> dict[int, dict]:
    """Describe error statuses of a route for the OpenAPI document."""
    return {status: {"model": ErrorBody} for status in statuses}


class StartRequest(ProcessingConfig):
    """Body of POST /processing/start: the processing config plus the upload to match."""

    upload_id: str | None = Field(None, description="An upload id from POST /files/upload; the latest upload when absent")
