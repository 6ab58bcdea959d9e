"""The conversation: ask, answer the follow-up, start again. Each line goes through a `Session`."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from web.conversation import RESTARTED, State, clean_line
from web.site import Site, text_field

COOKIE = "conduct_conversation"
QUESTION_FIELD = "question"


def conversation_state(site: Site, request: Request, signed: str | None = None) -> State:
    """The conversation: from the form's own copy when it has one (a pasted /ask link), else the cookie."""
    subject = site.subject(request)
    if signed:
        data = site.signer.loads(f"conversation:{subject}", signed, 12 * 3600)
        if data is not None:
            return State.from_json(data)
    return site.conversations.load(subject, request.cookies.get(COOKIE))


def _wanted_council(site: Site, value: str) -> str | None:
    return value if value in site.library.documents else None


async def ask_page(request: Request) -> Response:
    site: Site = request.app.state.site
    question = clean_line(text_field(request.query_params, "q"))
    if question:
        # A pasted link (/ask?council=county&q=...): a conversation of its own, not the cookie's.
        council = _wanted_council(site, text_field(request.query_params, "council")) or site.config.council
        state = State(council, [question])
    else:
        state = conversation_state(site, request)
    notice = RESTARTED if request.query_params.get("restarted") == "1" else None
    return _render(site, request, state, notice=notice)


async def ask_post(request: Request) -> Response:
    site: Site = request.app.state.site
    form = await site.form(request)
    state = conversation_state(site, request, text_field(form, "state", 16_000))
    session, _ = site.conversations.replay(state)
    question = clean_line(text_field(form, QUESTION_FIELD))
    council = _wanted_council(site, text_field(form, "council"))
    lines = [f"/council {council}"] if council and council != session.council else []
    if question:
        lines.append(question)
    if not lines:
        error = {"field": QUESTION_FIELD, "text": "Enter your question"}
        return _render(site, request, state, errors=[error], status=400)
    extended, restarted = site.conversations.extend(site.subject(request), state, lines)
    response = site.redirect("/ask?restarted=1#latest" if restarted else "/ask#latest")
    site.set_cookie(request, response, COOKIE, site.conversations.dump(site.subject(request), extended))
    return response


async def reset_post(request: Request) -> Response:
    site: Site = request.app.state.site
    await site.form(request)
    response = site.redirect("/ask")
    site.set_cookie(request, response, COOKIE, None)
    return response


def _render(site: Site, request: Request, state: State, errors: list | None = None, status: int = 200,
            notice: str | None = None) -> Response:
    from assistant.register.prefill import offers_record
    from web.views.register import history_lookup

    session, turns = site.conversations.replay(state, history_lookup(site, request))
    last = next((t.reply.answer for t in reversed(turns) if t.reply.answer is not None), None)
    follow_up = last.follow_up if last is not None and turns and turns[-1].reply.answer is last else None
    why = last.follow_up_why if follow_up else None
    return site.page(
        request, "ask.html", status=status, section="ask", errors=errors or [],
        turns=turns, council=session.council, council_name=site.council_name(session.council),
        councils=site.library.councils, follow_up=follow_up, follow_up_why=why, notice=notice,
        state=site.conversations.dump(site.subject(request), state), question_field=QUESTION_FIELD,
        can_record=last is not None and turns[-1].reply.answer is last and offers_record(last),
    )
