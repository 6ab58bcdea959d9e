"""`conduct serve`: the chat in a browser, gated so that only the person who started it can use it.

textual-serve on its own answers any page that asks: a page on another site could open the
WebSocket, start a session and read the screen, sessions were unlimited, and the page fetched a
font from a font server. This subclass adds a per-run token (in the URL printed at start), an
Origin and Host check on the WebSocket, a cap on concurrent sessions with a clear page when
full, and its own page template that uses only the font textual-serve bundles.
"""

from __future__ import annotations

import hmac
import html
import ipaddress
import secrets
from pathlib import Path
from typing import Any


TEMPLATES = Path(__file__).parent / "serve_templates"
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
DEFAULT_MAX_SESSIONS = 4


def is_loopback(host: str) -> bool:
    """Whether an address to listen on (or a Host header's name) is this machine only."""
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _page(title: str, message: str, status: int):
    body = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Conduct</title>"
        "<style>body{font-family:system-ui,sans-serif;background:#0c181f;color:#eee;margin:4em}</style>"
        f"</head><body><h1>{html.escape(title)}</h1><p>{html.escape(message)}</p></body></html>"
    )
    from aiohttp import web

    return web.Response(text=body, status=status, content_type="text/html")


def gated_server_class() -> type:
    """The server class, built on first use: textual-serve (and the jinja2 it loads) is imported
    only when `conduct serve` runs, so importing tui/ never pulls in a web stack (tests/test_layers.py)."""
    global _GATED
    if _GATED is not None:
        return _GATED
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server

    class GatedServer(Server):
        """textual-serve's server, with every request checked for the run's token and every WebSocket for its origin."""

        def __init__(self, command: str, host: str, port: int, token: str, max_sessions: int = DEFAULT_MAX_SESSIONS,
                     announce=print) -> None:
            shown = f"[{host}]" if ":" in host else host
            super().__init__(command, host=host, port=port, title="Conduct", public_url=f"http://{shown}:{port}")
            self.token = token
            self.max_sessions = max(1, max_sessions)
            self.sessions = 0
            self.announce = announce
            self.templates_path = TEMPLATES

        @property
        def url(self) -> str:
            return f"{self.public_url}/?token={self.token}"

        def initialize_logging(self) -> None:
            """textual-serve's Rich log would print every request; the one line at start is enough."""

        def serve(self, debug: bool = False) -> None:
            """Run until ctrl+c; the address is printed once the port is really listening."""
            import asyncio
            import signal

            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, self.request_exit)
            web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                        print=lambda *_: self.announce(f"Conduct is at {self.url} (ctrl+c to stop)"))

        async def _make_app(self) -> web.Application:
            app = web.Application()
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
            app.add_routes([
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{token}", self.handle_websocket, name="websocket"),  # textual.js appends "?width=…"
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ])
            return app

        # -- the checks ---------------------------------------------------------
        def _token_ok(self, request: web.Request) -> bool:
            given = request.match_info.get("token") or request.query.get("token", "")
            return hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode("utf-8"))

        def _host_ok(self, request: web.Request) -> bool:
            """Served on loopback, the Host header must name loopback too (a DNS-rebound name does not)."""
            if not is_loopback(self.host):
                return True
            name = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host
            return is_loopback(name)

        def _origin_ok(self, request: web.Request) -> bool:
            """A browser always sends Origin with a WebSocket: it must be this very page's origin."""
            origin = request.headers.get("Origin")
            if origin is None:
                return True  # not a browser: the token is the gate
            return origin in {f"http://{request.host}", f"https://{request.host}"}

        def _refusal(self, request: web.Request, websocket: bool) -> web.Response | None:
            if not self._host_ok(request):
                return _page("Not available", "Conduct only answers pages on this machine.", 403)
            if not self._token_ok(request):
                return _page("Token needed", "Open the address `conduct serve` printed, with its token.", 403)
            if websocket and not self._origin_ok(request):
                return _page("Not allowed", "Only Conduct's own page may open a session.", 403)
            if self.sessions >= self.max_sessions:
                return _page("Conduct is busy",
                             f"All {self.max_sessions} sessions are in use. Close one (or wait) and reload this page.", 503)
            return None

        # -- the routes -----------------------------------------------------------
        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            refusal = self._refusal(request, websocket=False)
            if refusal is not None:
                return refusal
            context: dict[str, Any] = {
                "font_size": max(6, min(_to_int(request.query.get("fontsize", "16"), 16), 64)),
                "app_websocket_url": f"ws://{request.host}/ws/{self.token}",
                "static_url": "/static/",
                "title": "Conduct",
            }
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def handle_download(self, request: web.Request) -> web.StreamResponse:
            """A download's key is itself a random secret handed to the session's page (which adds no token)."""
            if not self._host_ok(request):
                return _page("Not available", "Conduct only answers pages on this machine.", 403)
            return await super().handle_download(request)

        async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
            refusal = self._refusal(request, websocket=True)
            if refusal is not None:
                return refusal
            self.sessions += 1
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions -= 1

    _GATED = GatedServer
    return GatedServer


_GATED: type | None = None


def _to_int(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default
