"""The register in the browser: record (filled from the answer), my entries, waiting for me, one entry, reports.

Every read and write goes through `assistant.register` exactly as the chat's
Record this and Register screens do; nothing here decides who may see or do
what. The person is the one the gate signed in: behind single sign-on the
proxy's user (a monitoring officer only if configured as one), for one person
the register's own default (CONDUCT_USER and CONDUCT_REGISTER_ROLE), as in the
chat. On PostgreSQL the database's row-level security says the same again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from web.security import IDENTITY
from web.site import Site, text_field

if TYPE_CHECKING:
    from assistant.register.model import Draft
    from assistant.register.store import Store

CONTEXT_PURPOSE = "record"
CONTEXT_MAX_AGE = 12 * 3600
LONG_FIELDS = ("description", "circumstances")
HINTS = {
    "giver": "A person or an organisation, for example Acme Ltd",
    "value": "In any form: £30, about forty pounds; leave empty if you do not know",
    "offered_on": "For example 30/11/2026, 2026-11-30, today or yesterday",
    "approver": "Their login, for example jsmith",
}


# -- who is asking ----------------------------------------------------------------
def person(site: Site, request: Request) -> tuple[str | None, str | None]:
    """(user, role) for the register: None, None lets the register use its own default, as the chat does."""
    identity = request.scope.get(IDENTITY)
    if identity is None:
        return None, None
    return identity, "monitoring_officer" if identity in site.config.monitoring_officers else "officer"


def open_store(site: Site, request: Request) -> "Store":
    return site.stores.get(*person(site, request))


def history_lookup(site: Site, request: Request) -> Any:
    """The Session's register hook for this person, as the chat's (None while no register exists)."""
    from assistant.register.history import register_exists, register_lookup

    if not register_exists():
        return None
    return register_lookup(lambda: open_store(site, request))


def _refusal(exc: Exception) -> HTTPException:
    from assistant.register.database import NotAllowed, NotFound, Unavailable

    status = 404 if isinstance(exc, NotFound) else 403 if isinstance(exc, NotAllowed) \
        else 503 if isinstance(exc, Unavailable) else 409
    return HTTPException(status, f"The register says: {exc}.")


def _listing(site: Site, request: Request, **query: Any) -> tuple[list, str | None, str | None, str | None]:
    """(entries, user, role, problem): the entries this person may see, or why there are none."""
    from assistant.register.database import RegisterError
    from assistant.register.history import register_exists

    if not register_exists():
        return [], None, None, None
    try:
        with open_store(site, request) as store:
            return store.entries(**query), store.user, store.role, None
    except RegisterError as exc:
        return [], None, None, f"The register cannot be read: {exc}."


# -- lists --------------------------------------------------------------------------
async def mine_page(request: Request) -> Response:
    site: Site = request.app.state.site
    entries, user, role, problem = _listing(site, request, mine=True)
    waiting, _, _, _ = _listing(site, request, waiting_for_me=True) if problem is None else ([], None, None, None)
    return site.page(request, "register_list.html", section="register", view="mine", entries=entries, user=user,
                     role=role, problem=problem, waiting_count=len(waiting), **_labels())


async def waiting_page(request: Request) -> Response:
    site: Site = request.app.state.site
    entries, user, role, problem = _listing(site, request, waiting_for_me=True)
    return site.page(request, "register_list.html", section="register", view="waiting", entries=entries, user=user,
                     role=role, problem=problem, waiting_count=len(entries), **_labels())


def _labels() -> dict[str, Any]:
    from assistant.register.model import KIND_LABELS, STATUS_LABELS

    return {"kinds": KIND_LABELS, "statuses": STATUS_LABELS}


# -- one entry ------------------------------------------------------------------------
DONE = {"recorded": "Recorded in the register and sent for approval.", "drafted": "Saved as a draft: only you can see it.",
        "approve": "You approved this entry.", "decline": "You declined this entry.",
        "submit": "Submitted for approval.", "withdraw": "Withdrawn: it stays in the history."}


async def entry_page(request: Request) -> Response:
    site: Site = request.app.state.site
    return _entry(site, request, request.path_params["entry"], done=DONE.get(request.query_params.get("done", "")))


def _entry(site: Site, request: Request, entry_id: str, errors: list | None = None, comment: str = "",
           status: int = 200, done: str | None = None) -> Response:
    from assistant.register.database import RegisterError

    try:
        with open_store(site, request) as store:
            entry = store.get(entry_id)
            events = store.events(entry.id)
            user, role = store.user, store.role
    except RegisterError as exc:
        raise _refusal(exc) from None
    own = entry.officer == user
    may_decide = entry.status == "submitted" and not own and (entry.approver == user or role == "monitoring_officer")
    return site.page(request, "register_entry.html", section="register", status=status, errors=errors or [],
                     entry=entry, events=events, own=own, may_decide=may_decide, comment=comment, done=done,
                     **_labels())


async def entry_post(request: Request) -> Response:
    """Approve, decline (with a comment), submit a draft or withdraw it: the register says whether this person may."""
    from assistant.register.database import RegisterError
    from assistant.register.validate import InvalidEntry

    site: Site = request.app.state.site
    form = await site.form(request)
    entry_id = request.path_params["entry"]
    action = text_field(form, "action")
    comment = text_field(form, "comment", 4001)
    if action not in ("approve", "decline", "submit", "withdraw"):
        raise HTTPException(400, "That is not something an entry can have done to it.")
    try:
        with open_store(site, request) as store:
            if action == "approve":
                entry = store.approve(entry_id, comment)
            elif action == "decline":
                entry = store.decline(entry_id, comment)
            elif action == "submit":
                entry = store.submit(entry_id)
            else:
                entry = store.withdraw(entry_id)
    except InvalidEntry as exc:
        errors = [{"field": "comment" if p.field == "comment" else "main-content", "text": str(p)} for p in exc.problems]
        return _entry(site, request, entry_id, errors=errors, comment=comment, status=400)
    except RegisterError as exc:
        raise _refusal(exc) from None
    return site.redirect(f"/register/{entry.id}?done={action}")


# -- recording -------------------------------------------------------------------------
async def record_page(request: Request) -> Response:
    """The form, filled from the conversation's last answer (the one on the ask page, or a linked one)."""
    site: Site = request.app.state.site
    return _form(site, request, _draft_from_conversation(site, request))


def _draft_from_conversation(site: Site, request: Request) -> "Draft":
    from assistant.register.model import Draft
    from assistant.register.prefill import draft_for
    from web.views.ask import conversation_state

    state = conversation_state(site, request, text_field(request.query_params, "state", 16_000))
    session, turns = site.conversations.replay(state)
    answer = next((t.reply.answer for t in reversed(turns) if t.reply.answer is not None), None)
    if answer is None:
        return Draft(council=session.council)
    return draft_for(answer, session.conversation.said)


def _form(site: Site, request: Request, draft: "Draft", errors: list | None = None, status: int = 200,
          kept: str | None = None) -> Response:
    from assistant.register.model import FIELD_LABELS, FIELDS, KIND_LABELS, KINDS, OUTCOMES

    answer_context = {k: v for k, v in draft.to_json().items() if k not in FIELDS}
    context = site.signer.dumps(f"{CONTEXT_PURPOSE}:{site.subject(request)}", answer_context)
    user, _ = person(site, request)
    return site.page(request, "register_record.html", section="register", status=status, errors=errors or [],
                     draft=draft, context=context, fields=FIELDS, labels=FIELD_LABELS, hints=HINTS,
                     long_fields=LONG_FIELDS, kinds=[(k, KIND_LABELS[k]) for k in KINDS], outcomes=OUTCOMES,
                     error_for={e["name"]: e["text"] for e in errors or []}, kept=kept,
                     council_name=site.council_name(draft.council) if draft.council else None,
                     single_user=user is None)


async def record_post(request: Request) -> Response:
    from assistant.register.database import RegisterError
    from assistant.register.model import FIELDS, Draft
    from assistant.register.validate import InvalidEntry

    site: Site = request.app.state.site
    form = await site.form(request)
    context = site.signer.loads(f"{CONTEXT_PURPOSE}:{site.subject(request)}", text_field(form, "context", 16_000),
                                CONTEXT_MAX_AGE)
    base = Draft.from_json(context) if isinstance(context, dict) else Draft()
    typed = {name: text_field(form, name, 4001 if name in LONG_FIELDS else 201) for name in FIELDS}
    draft = replace(base, **typed)
    submit = text_field(form, "action") != "draft"
    user, _ = person(site, request)
    try:
        if user is None:
            # One person on their own machine: exactly the chat's Record this, kept locally if need be.
            from assistant.register.outbox import record_or_keep

            outcome = record_or_keep(draft, submit=submit)
            if outcome.entry is None:
                return _form(site, request, draft, status=503, kept=outcome.message)
            entry = outcome.entry
        else:
            # A shared server keeps no one's drafts: if the register cannot take it, the form keeps it.
            with open_store(site, request) as store:
                entry = store.record(draft, submit=submit)
    except InvalidEntry as exc:
        errors = [{"field": _field_id(p.field), "name": p.field, "text": str(p)} for p in exc.problems]
        return _form(site, request, draft, errors=errors, status=400)
    except RegisterError as exc:
        return _form(site, request, draft, status=503,
                     kept=f"Not recorded: {exc}. What you typed is still in the form below: try again later.")
    return site.redirect(f"/register/{entry.id}?done={'recorded' if submit else 'drafted'}")


def _field_id(name: str) -> str:
    return "entry-outcome-accepted" if name == "outcome" else f"entry-{name}"


# -- reports ----------------------------------------------------------------------------
async def report_page(request: Request) -> Response:
    from assistant.register import reports

    site: Site = request.app.state.site
    wanted = text_field(request.query_params, "period", 40).strip() or "this-year"
    errors = []
    try:
        period = reports.read_period(wanted, date.today())
    except ValueError as exc:
        errors = [{"field": "period", "text": str(exc)[:1].upper() + str(exc)[1:]}]
        period = reports.read_period("this-year", date.today())
    entries, user, role, problem = _listing(site, request, since=period.start, until=period.end)
    report = reports.build(entries, period)
    return site.page(request, "register_report.html", section="register", status=400 if errors else 200,
                     errors=errors, report=report, wanted=wanted, user=user, role=role, problem=problem,
                     **_labels())


async def export_page(request: Request) -> Response:
    """The register for publication, as the command line's export: CSV, or an accessible HTML page."""
    from assistant.register import export

    site: Site = request.app.state.site
    entries, _, _, problem = _listing(site, request)
    if problem:
        raise HTTPException(503, problem)
    if text_field(request.query_params, "format") == "csv":
        return Response(export.to_csv(entries), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": 'attachment; filename="register.csv"'})
    return site.page(request, "register_published.html", section="register", entries=export.published(entries),
                     columns=export.COLUMNS, **_labels())
