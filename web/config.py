"""How the web app is gated and signed: one person with a token, or a council behind its single sign-on.

Kept apart from the app so `conduct web` and an ASGI server's workers build the
same settings, and so the rule "nothing beyond localhost without identity" has
one home.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

ENV_SECRET = "CONDUCT_WEB_SECRET"
ENV_IDENTITY_HEADER = "CONDUCT_WEB_IDENTITY_HEADER"
ENV_TOKEN = "CONDUCT_WEB_TOKEN"
ENV_COUNCIL = "CONDUCT_WEB_COUNCIL"
ENV_MONITORING_OFFICERS = "CONDUCT_WEB_MONITORING_OFFICERS"
MIN_SECRET_CHARS = 32


class ConfigError(ValueError):
    """A setting that would leave the app open or its cookies unverifiable; the message says which."""


@dataclass(frozen=True)
class WebConfig:
    secret: str
    """Signs the cookies (conversation, sign-in, training score) and CSRF tokens; every worker needs the same one."""
    token: str | None = None
    """Single-user mode: the token in the link printed at start."""
    identity_header: str | None = None
    """Shared mode: the request header in which the council's reverse proxy puts the signed-in user."""
    council: str | None = None
    """The council a new conversation starts with (a council's own deployment sets its slug)."""
    max_body_bytes: int = 16_384
    """The largest request body accepted: a question is at most 2,000 characters, a register entry 8,000."""
    monitoring_officers: frozenset[str] = frozenset()
    """Shared mode on a SQLite register: the signed-in names that read the whole register (on PostgreSQL the
    database's own roles decide). Everyone else is an officer, who also sees what is addressed to them."""

    def __post_init__(self) -> None:
        if len(self.secret) < MIN_SECRET_CHARS:
            raise ConfigError(f"the signing secret must be at least {MIN_SECRET_CHARS} characters")
        if (self.token is None) == (self.identity_header is None):
            raise ConfigError("configure exactly one of a token (one person) or an identity header (shared)")
        if self.identity_header is not None and not _is_header_name(self.identity_header):
            raise ConfigError(f"{self.identity_header!r} is not a header name")

    @classmethod
    def single_user(cls, council: str | None = None) -> "WebConfig":
        """A fresh random token and secret: one person, one run."""
        return cls(secret=secrets.token_urlsafe(32), token=secrets.token_urlsafe(24), council=council)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "WebConfig":
        """Settings for workers started by an ASGI server: they must agree, so nothing is random here."""
        env = os.environ if env is None else env
        secret = env.get(ENV_SECRET, "")
        if not secret:
            raise ConfigError(f"set {ENV_SECRET} (the same long random value for every worker)")
        header = env.get(ENV_IDENTITY_HEADER) or None
        token = env.get(ENV_TOKEN) or None
        if header is None and token is None:
            raise ConfigError(f"set {ENV_IDENTITY_HEADER} (the header your reverse proxy puts the signed-in user in), "
                              f"or {ENV_TOKEN} for one person")
        if header is not None and token is not None:
            raise ConfigError(f"set only one of {ENV_IDENTITY_HEADER} and {ENV_TOKEN}")
        officers = frozenset(name.strip() for name in env.get(ENV_MONITORING_OFFICERS, "").split(",") if name.strip())
        return cls(secret=secret, token=token, identity_header=header, council=env.get(ENV_COUNCIL) or None,
                   monitoring_officers=officers)


def _is_header_name(name: str) -> bool:
    return bool(name) and all(c.isalnum() or c in "-_" for c in name)


def is_loopback(host: str) -> bool:
    """Whether binding to this host keeps the app on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def binding_problem(host: str, config: WebConfig, force: bool) -> tuple[str | None, str | None]:
    """(refusal, warning) for serving on `host`: beyond localhost needs identity, or --force and a warning."""
    if is_loopback(host) or config.identity_header is not None:
        return None, None
    warning = (f"{host} can be reached from other machines, and no identity header is configured: anyone who "
               "gets the token link can use Conduct as you.")
    if not force:
        return (warning + " Configure the reverse proxy's identity header (--identity-header), bind to "
                "127.0.0.1, or pass --force."), None
    return None, warning
