"""Swagger UI at /api/v1/docs/ with its assets served locally, and the spec as JSON and YAML.

The Swagger UI files come from the `fastapi-offline` package, so the page works on a machine
without internet access.
"""

from pathlib import Path

import fastapi_offline
import yaml
from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

DOCS_PATH = "/api/v1/docs"
ASSETS_PATH = f"{DOCS_PATH}/assets"
ASSETS_DIR = Path(fastapi_offline.__file__).resolve().parent / "static"

router = APIRouter(include_in_schema=False)


@router.get(f"{DOCS_PATH}/", response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url="/api/v1/swagger.json", title="Moslik API",
        swagger_js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS_PATH}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS_PATH}/favicon.png",
        # Swagger UI's default validator badge loads an image from validator.swagger.io.
        swagger_ui_parameters={"validatorUrl": None},
    )


@router.get("/api/v1/swagger.yaml")
def swagger_yaml(request: Request) -> Response:
    text = yaml.safe_dump(request.app.openapi(), sort_keys=False, allow_unicode=True)
    return Response(text, media_type="application/yaml")


def swagger_assets() -> StaticFiles:
    return StaticFiles(directory=ASSETS_DIR)
