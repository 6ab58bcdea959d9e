"""Pages that say what Conduct is and how accessible it is, and the error pages."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from web.site import Site

TITLES = {400: "There is a problem", 403: "There is a problem", 404: "Page not found",
          405: "There is a problem", 413: "That was too much", 500: "Sorry, there is a problem"}


async def accessibility_page(request: Request) -> Response:
    site: Site = request.app.state.site
    return site.page(request, "accessibility.html")


async def http_error(request: Request, exc: Exception) -> Response:
    site: Site = request.app.state.site
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) and status != 404 else None
    return site.page(request, "error.html", status=status, title=TITLES.get(status, "There is a problem"),
                     detail=detail, status_code=status)
