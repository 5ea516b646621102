"""The OpenAPI document served at /api/v1/swagger.json and .yaml.

FastAPI documents request validation failures as 422 with its `HTTPValidationError` body, but
this API returns 400 and the `{error, details, timestamp}` body (see api.errors), so
those responses are rewritten to say what the server does.
"""

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.models import ErrorBody, StartRequest

ERROR_SCHEMA = ErrorBody.__name__
ERROR_REF = f"#/components/schemas/{ERROR_SCHEMA}"
VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "options", "head", "trace")


def build_openapi(app: FastAPI) -> dict:
    """Return the app's OpenAPI document, built once and cached on the app."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})

    # POST /processing/start reads its body raw (see the route), so its model is added here.
    start = StartRequest.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(start.pop("$defs", {}))
    components["StartRequest"] = start

    _document_validation_as_400(schema)
    app.openapi_schema = schema
    return schema


def _document_validation_as_400(schema: dict) -> None:
    """Replace each operation's 422 response with a 400 that uses the error body."""
    components = schema["components"]["schemas"]
    components.setdefault(ERROR_SCHEMA, ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}"))
    for item in schema.get("paths", {}).values():
        for method in HTTP_METHODS:
            responses = item.get(method, {}).get("responses")
            if responses is None or responses.pop("422", None) is None:
                continue
            responses.setdefault("400", error_response("Invalid request: a parameter or the body failed validation"))
    for name in VALIDATION_SCHEMAS:
        components.pop(name, None)


def error_response(description: str) -> dict:
    """Return an OpenAPI response object whose JSON body is the error body."""
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ERROR_REF}}}}
