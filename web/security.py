"""The gate in front of every request: size limits, who is asking, cross-site checks and security headers.

Written as plain ASGI middleware so it wraps everything the app serves (static
files and error pages included) and costs one pass over the headers.
"""

from __future__ import annotations

import html
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

from web.config import WebConfig
from web.signing import Signer

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

AUTH_COOKIE = "conduct_auth"
AUTH_MAX_AGE = 12 * 3600
MAX_QUERY_BYTES = 8192
MAX_IDENTITY_CHARS = 200
SUBJECT = "conduct.subject"
"""Scope key: who is asking ('user:NAME' behind single sign-on, 'token:NONCE' for one person)."""
IDENTITY = "conduct.identity"
"""Scope key: the signed-in user's name to show, behind single sign-on."""

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
]
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class Gate:
    def __init__(self, app: ASGIApp, config: WebConfig, signer: Signer):
        self.app = app
        self.config = config
        self.signer = signer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return
        send = _with_headers(send, scope)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if len(scope.get("query_string", b"")) > MAX_QUERY_BYTES:
            return await _plain(send, 414, "That address is too long.")
        if scope["method"] not in SAFE_METHODS and _cross_site(headers):
            return await _plain(send, 403, "Forms can only be sent from Conduct's own pages.")
        if not self._identify(scope, headers):
            if self.config.token is not None and (redirect := self._sign_in(scope)) is not None:
                return await redirect(send)
            return await _plain(send, 401, self._who_message())
        body = await _bounded_body(receive, headers, self.config.max_body_bytes)
        if body is None:
            return await _plain(send, 413, "That was more than Conduct accepts in one go.")
        await self.app(scope, _replay(body, receive), send)

    def _identify(self, scope: Scope, headers: dict[str, str]) -> bool:
        if self.config.identity_header is not None:
            user = headers.get(self.config.identity_header.lower(), "").strip()
            if not user or len(user) > MAX_IDENTITY_CHARS or not user.isprintable():
                return False
            scope[SUBJECT], scope[IDENTITY] = f"user:{user}", user
            return True
        nonce = self.signer.loads("auth", _cookie(headers, AUTH_COOKIE), AUTH_MAX_AGE)
        if not isinstance(nonce, str):
            return False
        scope[SUBJECT] = f"token:{nonce}"
        return True

    def _sign_in(self, scope: Scope) -> Callable[[Send], Awaitable[None]] | None:
        """The link printed at start: a right token sets the sign-in cookie and drops the token from the address."""
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = next((v for k, v in query if k == "token"), None)
        if given is None or not secrets.compare_digest(given.encode(), (self.config.token or "").encode()):
            return None
        cookie = self.signer.dumps("auth", secrets.token_urlsafe(16))
        rest = urlencode([(k, v) for k, v in query if k != "token"])
        location = (scope.get("root_path", "") + scope["path"]) + (f"?{rest}" if rest else "")
        secure = "; Secure" if scope.get("scheme") == "https" else ""

        async def redirect(send: Send) -> None:
            await send({"type": "http.response.start", "status": 303, "headers": [
                (b"location", location.encode("latin-1")), (b"cache-control", b"no-store"),
                (b"set-cookie", f"{AUTH_COOKIE}={cookie}; Path=/; HttpOnly; SameSite=Strict{secure}".encode()),
                (b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})

        return redirect

    def _who_message(self) -> str:
        if self.config.identity_header is not None:
            return "Conduct could not tell who you are: sign in through your council's intranet."
        return "Open Conduct with the link printed when it started (conduct web)."


def _cross_site(headers: dict[str, str]) -> bool:
    """A form sent from another site: the browser says so (Sec-Fetch-Site), or its Origin is not this host."""
    if headers.get("sec-fetch-site") in {"cross-site", "same-site"}:
        return True
    origin = headers.get("origin")
    if origin is None or origin == "null":
        return origin == "null"
    host = headers.get("x-forwarded-host") or headers.get("host", "")
    return origin.split("://", 1)[-1] != host


async def _bounded_body(receive: Receive, headers: dict[str, str], limit: int) -> bytes | None:
    declared = headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        return None
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, original: Receive) -> Receive:
    """The body already read, then the real channel (which reports the client going away)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return await original()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _with_headers(send: Send, scope: Scope) -> Send:
    static = scope.get("path", "").startswith("/static/")

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [h for h in message.get("headers", []) if h[0].lower() != b"cache-control" or static]
            headers += SECURITY_HEADERS
            if not static:
                headers.append((b"cache-control", b"no-store"))
            message = {**message, "headers": headers}
        await send(message)

    return sending


def _cookie(headers: dict[str, str], name: str) -> str | None:
    for part in headers.get("cookie", "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


async def _plain(send: Send, status: int, text: str) -> None:
    """A minimal page of its own (no template, no state): the gate answers before the app is reached."""
    body = (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Conduct</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            f"<body><main><h1>Conduct</h1><p>{html.escape(text)}</p></main></body></html>").encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
