"""The README's deployment, for real: uvicorn's worker processes from `web.asgi:create`, and a second server.

Workers keep nothing, so a conversation begun on one server is followed up on
another that shares only the secret, and an entry recorded through one is in the
register read through the other.
"""

from __future__ import annotations

import html
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEADER = "X-Remote-User"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(env: dict[str, str], workers: int) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "web.asgi:create", "--host", "127.0.0.1", "--port",
               str(port), "--workers", str(workers), "--log-level", "warning", "--proxy-headers",
               "--forwarded-allow-ips", "127.0.0.1"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE), \
        f"http://127.0.0.1:{port}"


def _ready(process: subprocess.Popen, base: str, deadline: float) -> None:
    import httpx

    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server stopped: {process.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(base + "/ask", headers={HEADER: "probe"}, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError("the server did not start in time")


@pytest.fixture(scope="module")
def two_servers(retriever, tmp_path_factory) -> Iterator[tuple[str, str]]:
    """The README's command with two workers, and one more server: the same secret, one register."""
    register = tmp_path_factory.mktemp("workers") / "register.db"
    env = {**os.environ, "CONDUCT_WEB_SECRET": secrets.token_urlsafe(32), "CONDUCT_WEB_IDENTITY_HEADER": HEADER,
           "CONDUCT_DATABASE_URL": f"sqlite:///{register}"}
    env.pop("CONDUCT_WEB_TOKEN", None)
    servers = [_serve(env, 2), _serve(env, 1)]
    try:
        deadline = time.monotonic() + 180
        for process, base in servers:
            _ready(process, base, deadline)
        yield servers[0][1], servers[1][1]
    finally:
        for process, _ in servers:
            process.terminate()
        for process, _ in servers:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _fields(page: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in re.findall(r'name="(csrf|state|context)" value="([^"]*)"', page)}


def test_a_conversation_and_an_entry_move_between_servers(two_servers) -> None:
    import httpx

    a, b = two_servers
    cookies = httpx.Cookies()
    headers = {HEADER: "jsmith"}

    def client(base: str) -> httpx.Client:
        return httpx.Client(base_url=base, headers=headers, cookies=cookies, timeout=30)

    with client(a) as on_a:
        asked = on_a.post("/ask", data={**_fields(on_a.get("/ask").text), "council": "county",
                                        "question": "Can I accept a gift?"})
        assert asked.status_code == 303
        cookies.update(asked.cookies)
    with client(b) as on_b:
        page = on_b.get("/ask").text
        assert "What is it worth, and who is offering it?" in page  # the follow-up, on the other server
        answered = on_b.post("/ask", data={**_fields(page), "question": "a £40 bottle of whisky from Acme Ltd"})
        cookies.update(answered.cookies)
    with client(a) as on_a:
        page = on_a.get("/ask").text
        assert "£40 is at or over the county council" in page and 'href="/county/10.2"' in page
        link = html.unescape(re.search(r'href="(/register/record\?state=[^"]+)"', page).group(1))
        form = on_a.get(link).text
        recorded = on_a.post("/register/record", data={
            **_fields(form), "kind": "gift", "giver": "Acme Ltd", "description": "Bottle of whisky", "value": "£40",
            "offered_on": "today", "outcome": "declined", "circumstances": "", "approver": "dana", "action": "submit"})
        assert recorded.status_code == 303, recorded.text[:2000]
        entry = recorded.headers["location"].split("/")[2].split("?")[0]
    with httpx.Client(base_url=b, headers={HEADER: "dana"}, timeout=30) as dana:
        assert f"/register/{entry}" in dana.get("/register/waiting").text
    with httpx.Client(base_url=b, headers={HEADER: "bob"}, timeout=30) as bob:
        assert bob.get(f"/register/{entry}").status_code == 404
