"""Unknown query parameters are rejected, so that a misspelt one is not silently ignored.

`?page_size=10` used to return the default 50 rows as if the client had asked for them. The
parameters an endpoint takes are read from the app's OpenAPI document, so that the check and
Swagger UI always agree.
"""

from collections.abc import Callable

from fastapi import Request
from fastapi.routing import APIRoute

from api.errors import ApiError


def known_query_only(prefix: str) -> Callable[[Request], None]:
    """Return a dependency for a router included under `prefix` that rejects unknown parameters.

    The request's scope contains the router's own route, whose path lacks the prefix.
    """
    def check(request: Request) -> None:
        route = request.scope.get("route")
        if not isinstance(route, APIRoute) or not route.include_in_schema:
            return
        path = route.path_format if route.path_format.startswith(prefix) else prefix + route.path_format
        allowed = _query_names(request.app.openapi(), path, request.method)
        if allowed is None:
            return  # not in the document: nothing to check against
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            takes = ", ".join(sorted(allowed)) if allowed else "no query parameters"
            raise ApiError(400, f"unknown query parameter {', '.join(map(repr, unknown))}; "
                                f"{request.method} {path} takes {takes}", "Validation Error")
    return check


def _query_names(schema: dict, path: str, method: str) -> set[str] | None:
    operation = schema.get("paths", {}).get(path, {}).get(method.lower())
    if operation is None:
        return None
    return {param["name"] for param in operation.get("parameters", []) if param.get("in") == "query"}
