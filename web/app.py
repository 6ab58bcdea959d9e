"""The web app, built by a factory that takes a ready assistant (tests inject one, workers build one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from web.config import WebConfig
from web.conversation import Conversations
from web.render import environment
from web.security import Gate
from web.signing import Signer
from web.site import Site
from web.views import about, ask, clauses, compare, register, training

if TYPE_CHECKING:
    from assistant.engine import Assistant

WARM_UP_QUESTION = "Can I accept a gift?"


def create_app(assistant: "Assistant", config: WebConfig, warm: bool = True) -> Starlette:
    """The app: pages, static assets, error pages, and the gate around all of them."""
    import importlib.resources

    if warm:
        _warm_up(assistant)
    signer = Signer(config.secret)
    site = Site(assistant, config, signer, environment(), Conversations(assistant, signer, config.council))
    static = importlib.resources.files("web") / "static"
    routes = [
        Route("/", ask.ask_page, methods=["GET"]),
        Route("/ask", ask.ask_page, methods=["GET"]),
        Route("/ask", ask.ask_post, methods=["POST"]),
        Route("/ask/reset", ask.reset_post, methods=["POST"]),
        Route("/clauses", clauses.councils_page, methods=["GET"]),
        Route("/compare", compare.compare_page, methods=["GET"]),
        Route("/training", training.training_list, methods=["GET"]),
        Route("/training", training.score_reset, methods=["POST"]),
        Route("/training/{scenario}", training.scenario_page, methods=["GET"]),
        Route("/training/{scenario}", training.scenario_post, methods=["POST"]),
        Route("/register", register.mine_page, methods=["GET"]),
        Route("/register/waiting", register.waiting_page, methods=["GET"]),
        Route("/register/record", register.record_page, methods=["GET"]),
        Route("/register/record", register.record_post, methods=["POST"]),
        Route("/register/report", register.report_page, methods=["GET"]),
        Route("/register/published", register.export_page, methods=["GET"]),
        Route("/register/{entry}", register.entry_page, methods=["GET"]),
        Route("/register/{entry}", register.entry_post, methods=["POST"]),
        Route("/accessibility", about.accessibility_page, methods=["GET"]),
        Mount("/static", app=StaticFiles(directory=str(static)), name="static"),
        Route("/{council}", clauses.clause_page, methods=["GET"]),
        Route("/{council}/{number:path}", clauses.clause_page, methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: about.http_error, Exception: about.http_error})
    app.state.site = site
    app.add_middleware(Gate, config=config, signer=signer)
    return app


def _warm_up(assistant: "Assistant") -> None:
    """Load the index and spaCy now, off the record, so the first officer does not wait for them."""
    from assistant.engine import Conversation

    if assistant.library.slugs:
        assistant.ask(WARM_UP_QUESTION, council=assistant.library.slugs[0], conversation=Conversation())
    _warm_register()


def _warm_register() -> None:
    """Import the register's database layer now (about a second), if there is a register to look in."""
    from assistant.register.database import RegisterError
    from assistant.register.history import register_exists

    if register_exists():
        from assistant.register.store import Store

        try:
            Store().close()
        except RegisterError:
            pass  # the pages that need the register say why it cannot be used
