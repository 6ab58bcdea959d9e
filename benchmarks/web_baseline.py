"""The load test's baseline: the same routes answered with fixed pages, no assistant, no templates, no gate.

`web_load.py` drives it with the same officers, pauses and workers just before the
real app, so the ratio of the two runs' page times says what Conduct itself costs on
this machine at that moment, whatever else the machine is doing.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

_FILLER = "<p>" + "Conduct answers from your council's own code of conduct. " * 12 + "</p>\n"
PAGE = ("<!DOCTYPE html><html lang=\"en-GB\"><head><title>Baseline</title></head><body><main>"
        '<form method="post" action="/ask"><input type="hidden" name="csrf" value="baseline-csrf">'
        '<input type="hidden" name="state" value="' + "s" * 600 + '"></form>'
        '<a href="/thurrock/14.5">thurrock:14.5</a>' + _FILLER * 20 + "</main></body></html>")
"""About the size of a real answer page (20 kB), with the fields and a clause link the officers look for."""


async def page(request: Request) -> Response:
    return HTMLResponse(PAGE)


async def post(request: Request) -> Response:
    await request.form()
    return RedirectResponse("/ask", status_code=303)


def create() -> Starlette:
    return Starlette(routes=[Route("/ask", page, methods=["GET"]), Route("/ask", post, methods=["POST"]),
                             Route("/ask/reset", post, methods=["POST"]),
                             Route("/{council}/{number:path}", page, methods=["GET"])])
