"""The app for an ASGI server's workers: `uvicorn --factory web.asgi:create --workers 4`.

Settings come from the environment (web/config.py), the same for every worker,
so any worker can serve any request: conversation state travels in signed cookies.
"""

from __future__ import annotations

from starlette.applications import Starlette


def create() -> Starlette:
    from assistant.engine import Assistant
    from corpus.library import load_library
    from index.retriever import load_retriever
    from web.app import create_app
    from web.config import WebConfig

    config = WebConfig.from_env()
    library = load_library()
    return create_app(Assistant(library, retriever=load_retriever(library)), config)
