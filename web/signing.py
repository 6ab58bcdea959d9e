"""Signed, compressed cookie values and CSRF tokens: how workers stay stateless and forms stay honest.

A value is JSON, compressed, stamped with the time and signed with HMAC-SHA256 under
the deployment's secret and a purpose, so a sign-in cookie can never be passed
off as a conversation, nor one user's conversation as another's.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import zlib
from typing import Any

MAX_COOKIE_CHARS = 3800
"""Browsers keep at least 4,096 bytes per cookie, name and attributes included."""


class Signer:
    def __init__(self, secret: str):
        self._key = hashlib.sha256(("conduct-web:" + secret).encode("utf-8")).digest()

    def _mac(self, purpose: str, body: bytes) -> bytes:
        return hmac.new(self._key, purpose.encode("utf-8") + b"\0" + body, hashlib.sha256).digest()[:20]

    def dumps(self, purpose: str, value: Any, now: float | None = None) -> str:
        stamp = int(now if now is not None else time.time())
        raw = json.dumps([stamp, value], separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        body = zlib.compress(raw, 9)
        return _b64(body) + "." + _b64(self._mac(purpose, body))

    def loads(self, purpose: str, text: str | None, max_age: float, now: float | None = None) -> Any | None:
        """The value, or None if it is missing, altered, signed for another purpose, or too old."""
        if not text or len(text) > MAX_COOKIE_CHARS * 2 or text.count(".") != 1:
            return None
        body_text, mac_text = text.split(".")
        try:
            body, mac = _unb64(body_text), _unb64(mac_text)
        except ValueError:
            return None
        if not hmac.compare_digest(mac, self._mac(purpose, body)):
            return None
        try:
            stamp, value = json.loads(_inflate(body))
        except (ValueError, TypeError, zlib.error):
            return None
        current = now if now is not None else time.time()
        if not isinstance(stamp, int) or not (current - max_age <= stamp <= current + 60):
            return None
        return value

    def token(self, purpose: str, subject: str) -> str:
        """A deterministic token for a subject (the CSRF token of a signed-in client)."""
        return _b64(self._mac(purpose, subject.encode("utf-8")))

    def check_token(self, purpose: str, subject: str, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(self.token(purpose, subject), given or "")


def _inflate(body: bytes, limit: int = 65_536) -> bytes:
    """Decompress at most `limit` bytes: a signed value is ours, but stay bounded all the same."""
    inflater = zlib.decompressobj()
    out = inflater.decompress(body, limit)
    if inflater.unconsumed_tail:
        raise ValueError("too large")
    return out


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as exc:
        raise ValueError("not base64") from exc
