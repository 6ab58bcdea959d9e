"""The codes themselves: every council, one code's outline, one clause (`/thurrock/14.5`), and search."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from web.site import Site, text_field
from web.views.ask import COOKIE

SEARCH_RESULTS = 20


async def councils_page(request: Request) -> Response:
    site: Site = request.app.state.site
    query = text_field(request.query_params, "q", 500).strip()
    wanted = text_field(request.query_params, "council")
    council = wanted if wanted in site.library.documents else None
    result, errors = None, []
    if "q" in request.query_params:
        if query:
            # The retriever is the chat's clause browser's; searching decides nothing.
            result = site.assistant.retriever.search(query, [council] if council else site.library.slugs,
                                                     SEARCH_RESULTS)
        else:
            errors = [{"field": "q", "text": "Enter some words to search for"}]
    documents = [site.library.document(slug) for slug in site.library.slugs]
    return site.page(request, "clauses.html", status=400 if errors else 200, section="clauses", errors=errors,
                     documents=documents, query=query, council=council, result=result)


async def clause_page(request: Request) -> Response:
    site: Site = request.app.state.site
    slug, number = request.path_params["council"], request.path_params.get("number", "")
    if slug not in site.library.documents:
        raise HTTPException(404)
    document = site.library.document(slug)
    if not number:
        return site.page(request, "outline.html", section="clauses", document=document)
    wanted = f"{slug}:{number}"
    clause = site.library.clause(wanted)
    if clause is None:
        section = site.library.section(wanted)
        if section is not None:
            clauses = [site.library.clause(cid) for cid in section.clause_ids]
            return site.page(request, "section.html", section="clauses", document=document, part=section,
                             clauses=[c for c in clauses if c is not None])
        return site.page(request, "no_clause.html", status=404, section="clauses", document=document,
                         wanted=wanted, suggestions=site.library.suggest(wanted))
    top = [c for c in document.clauses if c.parent is None]
    anchor = clause.parent or clause.id
    at = next(i for i, c in enumerate(top) if c.id == anchor)
    return site.page(
        request, "clause.html", section="clauses", document=document, clause=clause,
        parent=site.library.clause(clause.parent) if clause.parent else None,
        children=[c for c in (site.library.clause(cid) for cid in clause.children) if c is not None],
        previous=top[at - 1] if at > 0 else None, next=top[at + 1] if at + 1 < len(top) else None,
        highlight=_highlight(site, request, clause.id),
    )


def _highlight(site: Site, request: Request, clause_id: str) -> str | None:
    """The words of this clause that most recently decided an answer in this person's conversation."""
    state = site.conversations.load(site.subject(request), request.cookies.get(COOKIE))
    if not state.lines:
        return None
    session, _ = site.conversations.replay(state)
    for answer in reversed(session.conversation.history):
        for citation in answer.citations:
            if citation.id == clause_id and citation.highlight:
                return citation.highlight
    return None
