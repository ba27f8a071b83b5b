"""/api/docs: the OpenAPI description as a plain page (Swagger UI would load scripts from a
CDN, which the CSP and the no-CDN rule both refuse); the JSON is at /api/openapi.json."""

from fastapi import APIRouter, Request
from starlette.responses import Response

from web.rendering import page

router = APIRouter()


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    spec = request.app.openapi()
    operations = [(method.upper(), path, op) for path, item in spec["paths"].items()
                  for method, op in item.items()]
    return page(request, "api_docs.html", {"spec": spec, "operations": operations})
