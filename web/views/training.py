"""Training: a scenario, the room's verdict, the reveal with the code's own answer, and a score.

The answer revealed is the one a fresh `Session` gives the scenario's question,
exactly as the chat's training screen asks it; the key is the scenario file's.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from web.conversation import handle
from web.site import Site, text_field

COOKIE = "conduct_training"
CHOICES = ("allowed", "allowed_with_conditions", "not_allowed", "refer", "required", "not_required", "needs_info",
           "guidance", "not_covered")
"""The verdicts a trainee can pick (every verdict a scenario's key may hold), in the chat's order."""
MAX_RESULTS = 400


@lru_cache(maxsize=1)
def scenarios() -> tuple[Any, ...]:
    from assistant.training import load_scenarios

    return tuple(load_scenarios())


def _results(site: Site, request: Request) -> dict[str, bool]:
    data = site.signer.loads(f"training:{site.subject(request)}", request.cookies.get(COOKIE), 12 * 3600)
    if not isinstance(data, dict):
        return {}
    return {str(k): bool(v) for k, v in list(data.items())[:MAX_RESULTS]}


def _score(results: dict[str, bool]) -> tuple[int, int]:
    return sum(results.values()), len(results)


def _find(scenario_id: str) -> tuple[int, Any]:
    for index, scenario in enumerate(scenarios()):
        if scenario.id == scenario_id:
            return index, scenario
    raise HTTPException(404)


def _council(site: Site, scenario: Any, wanted: str) -> str:
    slugs = [s for s in scenario.expected if s in site.library.documents] or site.library.slugs
    return wanted if wanted in slugs else slugs[0]


def _address(scenario_id: str, council: str, present: bool, picked: str | None = None) -> str:
    query = [("council", council)] + ([("present", "1")] if present else []) + ([("picked", picked)] if picked else [])
    return f"/training/{scenario_id}?{urlencode(query)}"


async def training_list(request: Request) -> Response:
    site: Site = request.app.state.site
    present = request.query_params.get("present") == "1"
    return site.page(request, "training_list.html", section="training", scenarios=scenarios(), present=present,
                     score=_score(_results(site, request)))


async def scenario_page(request: Request) -> Response:
    site: Site = request.app.state.site
    _, scenario = _find(request.path_params["scenario"])
    council = _council(site, scenario, text_field(request.query_params, "council"))
    present = request.query_params.get("present") == "1"
    context = _scenario_context(site, request, scenario, council, present, text_field(request.query_params, "picked"))
    return site.page(request, "scenario.html", **context)


def _scenario_context(site: Site, request: Request, scenario: Any, council: str, present: bool,
                      picked: str) -> dict[str, Any]:
    from assistant.answer import VERDICT_LABELS

    reveal = None
    if picked in CHOICES:
        reply, key = _answer(site, scenario, council)
        reveal = {"picked": picked, "key": key, "correct": picked == key, "expected": scenario.expected.get(council),
                  "reply": reply}
    all_ = scenarios()
    index = all_.index(scenario)
    return dict(
        section="training", scenario=scenario, number=index + 1, total=len(all_),
        council=council, council_name=site.council_name(council),
        councils=[(s, site.council_name(s)) for s in scenario.expected if s in site.library.documents],
        present=present, choices=[(v, VERDICT_LABELS[v]) for v in CHOICES], labels=VERDICT_LABELS, reveal=reveal,
        score=_score(_results(site, request)),
        previous=_address(all_[index - 1].id, council, present) if index > 0 else None,
        next=_address(all_[index + 1].id, council, present) if index + 1 < len(all_) else None,
        toggle=_address(scenario.id, council, not present, picked if picked in CHOICES else None),
    )


def _answer(site: Site, scenario: Any, council: str) -> tuple[Any, str | None]:
    """What Conduct answers the scenario's question, and the verdict the room is scored against."""
    reply = handle(site.conversations.session(council), scenario.question)
    expected = scenario.expected.get(council)
    key = expected.verdict if expected is not None else (reply.answer.verdict if reply.answer else None)
    return reply, key


async def scenario_post(request: Request) -> Response:
    site: Site = request.app.state.site
    form = await site.form(request)
    _, scenario = _find(request.path_params["scenario"])
    council = _council(site, scenario, text_field(form, "council"))
    present = text_field(form, "present") == "1"
    picked = text_field(form, "verdict")
    if picked not in CHOICES:
        context = _scenario_context(site, request, scenario, council, present, "")
        errors = [{"field": f"verdict-{CHOICES[0]}", "text": "Choose what the code says"}]
        return site.page(request, "scenario.html", status=400, **{**context, "errors": errors})
    results = _results(site, request)
    _, key = _answer(site, scenario, council)
    if len(results) < MAX_RESULTS:
        results.setdefault(f"{scenario.id}:{council}", picked == key)
    response = site.redirect(_address(scenario.id, council, present, picked) + "#reveal")
    site.set_cookie(request, response, COOKIE, site.signer.dumps(f"training:{site.subject(request)}", results))
    return response


async def score_reset(request: Request) -> Response:
    site: Site = request.app.state.site
    form = await site.form(request)
    response = site.redirect("/training" + ("?present=1" if text_field(form, "present") == "1" else ""))
    site.set_cookie(request, response, COOKIE, None)
    return response
