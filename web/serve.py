"""`conduct web`: the app for one person on this machine, or behind a reverse proxy's single sign-on.

A single-user run makes a random token and prints the link that carries it;
binding beyond localhost without an identity header is refused unless forced.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from web.config import ConfigError, WebConfig, binding_problem


def run(host: str = "127.0.0.1", port: int = 8000, identity_header: str | None = None, council: str | None = None,
        force: bool = False, out: TextIO | None = None, serve: Callable[..., None] | None = None) -> int:
    """Start serving; returns the exit status (2 when refused). `serve` is replaceable for tests."""
    import os
    import secrets

    out = out or sys.stdout
    try:
        if identity_header:
            secret = os.environ.get("CONDUCT_WEB_SECRET") or secrets.token_urlsafe(32)
            config = WebConfig(secret=secret, identity_header=identity_header, council=council)
        else:
            config = WebConfig.single_user(council)
    except ConfigError as exc:
        print(f"conduct: {exc}", file=sys.stderr)
        return 2
    refusal, warning = binding_problem(host, config, force)
    if refusal:
        print(f"conduct: refusing to serve: {refusal}", file=sys.stderr)
        return 2
    if warning:
        print(f"conduct: warning: {warning}", file=sys.stderr)
    app = _build(config)
    shown = f"[{host}]" if ":" in host else host
    if config.token:
        print(f"Conduct is at http://{shown}:{port}/?token={config.token}", file=out)
        print("Open that link in your browser; it is yours alone. Ctrl+C stops Conduct.", file=out)
    else:
        print(f"Conduct is at http://{shown}:{port}/ (identity from the {identity_header} header). Ctrl+C stops it.",
              file=out)
    out.flush()
    (serve or _uvicorn)(app, host=host, port=port)
    return 0


def _build(config: WebConfig):
    from assistant.engine import Assistant
    from corpus.library import load_library
    from index.retriever import load_retriever
    from web.app import create_app

    library = load_library(warn=lambda message: print(f"conduct: warning: {message}", file=sys.stderr))
    return create_app(Assistant(library, retriever=load_retriever(library)), config)


def _uvicorn(app, host: str, port: int) -> None:
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)
