"""`conduct serve` is gated: a real server on loopback, driven by a real WebSocket client.

Before: any page could open the WebSocket (any Origin, no token) and start unlimited sessions,
`--host 0.0.0.0` was accepted silently, the page fetched a font from a font server, and a busy
port gave a traceback.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "test-token-0123456789"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _conduct(*args: str, env: dict[str, str] | None = None, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "assistant", *args], cwd=ROOT, env=env or os.environ.copy(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    proc = _conduct("serve", "--port", str(port), "--token", TOKEN, "--max-sessions", "1")
    line = proc.stdout.readline()
    assert f"http://127.0.0.1:{port}/?token={TOKEN}" in line, (line, proc.stderr.read() if proc.poll() else "")
    yield f"127.0.0.1:{port}"
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


async def _status(url: str, **kw) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.get(url, **kw) as response:
        return response.status, (await response.read()).decode("utf-8", "replace")


async def _ws_refused(url: str, origin: str | None = None) -> int:
    async with aiohttp.ClientSession() as http:
        try:
            async with http.ws_connect(url, origin=origin):
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def test_the_page_needs_the_token_and_asks_no_other_server(server: str) -> None:
    status, body = await _status(f"http://{server}/")
    assert status == 403 and "token" in body.lower()
    status, body = await _status(f"http://{server}/?token=wrong")
    assert status == 403
    status, body = await _status(f"http://{server}/?token={TOKEN}")
    assert status == 200
    assert f"ws://{server}/ws/{TOKEN}" in body
    assert "googleapis" not in body and "https://" not in body and "http://" not in body.replace("ws://", "")
    assert "/static/fonts/RobotoMono" in body
    status, _ = await _status(f"http://{server}/static/fonts/RobotoMono-VariableFont_wght.ttf")
    assert status == 200
    status, _ = await _status(f"http://{server}/static/")  # no directory listing
    assert status in {403, 404}


async def test_a_dns_rebound_host_name_is_refused(server: str) -> None:
    status, _ = await _status(f"http://{server}/?token={TOKEN}", headers={"Host": "evil.example"})
    assert status == 403


async def test_the_websocket_needs_the_token_and_its_own_origin(server: str) -> None:
    assert await _ws_refused(f"http://{server}/ws") == 404
    assert await _ws_refused(f"http://{server}/ws/?width=80") == 404
    assert await _ws_refused(f"http://{server}/ws/nope", origin=f"http://{server}") == 403
    assert await _ws_refused(f"http://{server}/ws/{TOKEN}", origin="https://evil.example") == 403
    assert await _ws_refused(f"http://{server}/ws/{TOKEN}", origin="null") == 403


async def test_a_session_runs_and_the_cap_gives_a_clear_page(server: str) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(f"http://{server}/ws/{TOKEN}?width=100&height=30",
                                   origin=f"http://{server}") as ws:
            seen = b""
            deadline = time.monotonic() + 60
            while b"Conduct" not in seen and time.monotonic() < deadline:
                message = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
                if message.type == aiohttp.WSMsgType.BINARY:
                    seen += message.data
                elif message.type == aiohttp.WSMsgType.TEXT:
                    seen += message.data.encode()
                elif message.type in {aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR}:
                    break
            assert b"Conduct" in seen, seen[-500:]
            # the cap is one session: the next is refused, and the page says why
            assert await _ws_refused(f"http://{server}/ws/{TOKEN}", origin=f"http://{server}") == 503
            status, body = await _status(f"http://{server}/?token={TOKEN}")
            assert status == 503 and "sessions are in use" in body
    for _ in range(100):  # the app process is stopped, then the slot is free again
        status, _ = await _status(f"http://{server}/?token={TOKEN}")
        if status == 200:
            break
        await asyncio.sleep(0.2)
    assert status == 200


def test_a_host_other_machines_can_reach_is_refused_unless_forced() -> None:
    proc = _conduct("serve", "--host", "0.0.0.0", "--port", str(_free_port()))
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 2
    assert "refusing to serve on 0.0.0.0" in err and "--allow-remote" in err and "Traceback" not in err

    port = _free_port()
    proc = _conduct("serve", "--host", "0.0.0.0", "--port", str(port), "--allow-remote", "--token", TOKEN)
    try:
        line = proc.stdout.readline()
        assert f"?token={TOKEN}" in line
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert "warning: serving on 0.0.0.0" in err


def test_a_busy_port_is_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = _conduct("serve", "--port", str(port))
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 1
    assert err.strip() == f"conduct: port {port} on 127.0.0.1 is already in use; choose another with --port."
