"""What every page shares: the assistant, the signer, the templates, CSRF-checked forms and cookies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from web.config import WebConfig
from web.conversation import Conversations
from web.security import IDENTITY, SUBJECT
from web.signing import Signer
from web.stores import Stores

if TYPE_CHECKING:
    from assistant.engine import Assistant
    from corpus.library import Library

CSRF_FIELD = "csrf"
NAVIGATION = (("ask", "/ask", "Ask"), ("clauses", "/clauses", "Clauses"), ("compare", "/compare", "Compare"),
              ("training", "/training", "Training"), ("register", "/register", "Register"))


@dataclass
class Site:
    assistant: "Assistant"
    config: WebConfig
    signer: Signer
    templates: Environment
    conversations: Conversations
    stores: Stores = field(default_factory=Stores)
    """The registers this worker has open, per person (the register itself decides what each may see)."""

    @property
    def library(self) -> "Library":
        return self.assistant.library

    def council_name(self, slug: str | None) -> str:
        if slug is None or slug not in self.library.documents:
            return "no council chosen"
        return self.library.document(slug).council.name

    # -- who is asking ----------------------------------------------------------
    @staticmethod
    def subject(request: Request) -> str:
        return str(request.scope.get(SUBJECT, "anonymous"))

    def csrf_token(self, request: Request) -> str:
        return self.signer.token("csrf", self.subject(request))

    async def form(self, request: Request) -> FormData:
        """The posted form, refused (403) unless it carries this person's CSRF token."""
        form = await request.form(max_files=0, max_fields=20)
        given = form.get(CSRF_FIELD)
        if not self.signer.check_token("csrf", self.subject(request), given if isinstance(given, str) else None):
            raise HTTPException(403, "This form has expired or did not come from Conduct. Go back, reload the page and try again.")
        return form

    # -- responses ----------------------------------------------------------------
    def page(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("section", None)
        context.setdefault("errors", [])
        html = self.templates.get_template(template).render(
            request_path=request.url.path,
            csrf_field=CSRF_FIELD,
            csrf=self.csrf_token(request),
            identity=request.scope.get(IDENTITY),
            navigation=NAVIGATION,
            **context,
        )
        return HTMLResponse(html, status_code=status)

    @staticmethod
    def redirect(url: str) -> RedirectResponse:
        return RedirectResponse(url, status_code=303)

    @staticmethod
    def set_cookie(request: Request, response: Response, name: str, value: str | None) -> None:
        secure = request.url.scheme == "https"
        if value is None:
            response.delete_cookie(name, path="/", secure=secure, httponly=True, samesite="strict")
        else:
            response.set_cookie(name, value, path="/", secure=secure, httponly=True, samesite="strict")


def text_field(form: FormData | Any, name: str, limit: int = 4000) -> str:
    """A form or query field as text, bounded; a file or a missing field is empty."""
    value = form.get(name)
    return value[:limit] if isinstance(value, str) else ""
