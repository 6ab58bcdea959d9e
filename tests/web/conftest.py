"""The web app served by uvicorn on 127.0.0.1, a real Chromium driven by Playwright, and axe-core.

The browser is Debian's /usr/bin/chromium (Playwright never downloads one) and
axe-core comes from npm (.ci/run installs both). Without them the browser tests are
skipped with a message saying what to install; CI sets CONDUCT_REQUIRE_BROWSER=1, so
there a missing browser or axe-core fails them instead.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from web.config import WebConfig

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CONDUCT_CHROMIUM", "/usr/bin/chromium")
AXE = Path(os.environ.get("CONDUCT_AXE_JS", ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TEST_CONFIG = WebConfig(secret="s" * 40, token="test-token-" + "t" * 20)


@pytest.fixture(scope="session")
def web_config() -> WebConfig:
    return TEST_CONFIG


@pytest.fixture(scope="session")
def web_app(assistant, web_config):
    from web.app import create_app

    return create_app(assistant, web_config)


@pytest.fixture()
def client(web_app):
    """The app in-process, signed in with the token link."""
    from starlette.testclient import TestClient

    with TestClient(web_app, base_url="http://127.0.0.1") as test_client:
        test_client.get(f"/?token={TEST_CONFIG.token}")
        yield test_client


@pytest.fixture(scope="session")
def server(web_app) -> Iterator[str]:
    """uvicorn serving the app on a free loopback port, in a thread, for the browser."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(web_app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _missing(why: str) -> None:
    if os.environ.get("CONDUCT_REQUIRE_BROWSER") == "1":
        pytest.fail(why)
    pytest.skip(why)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _context(browser: Any, server: str, javascript: bool = True, width: int = 1280) -> Any:
    if not AXE.exists():
        _missing(f"{AXE} is missing: npm install --prefix .ci/node (.ci/run does)")
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript,
                                  base_url=server)
    context.add_init_script(path=str(AXE))  # injected by the browser, not by the page: the CSP still holds
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.requests = requests  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"/?token={TEST_CONFIG.token}")
    return context


@pytest.fixture(scope="session")
def browser_pages(browser, server) -> Iterator[Any]:
    """Signed-in pages by (width, JavaScript on), made once: a new browser context costs seconds here."""
    contexts: dict[tuple[int, bool], Any] = {}

    def get(width: int = 1280, javascript: bool = True) -> Any:
        if (width, javascript) not in contexts:
            contexts[(width, javascript)] = _context(browser, server, javascript, width)
        return contexts[(width, javascript)].pages[0]

    yield get
    for context in contexts.values():
        _no_outside_requests(context, server)
        context.close()


@pytest.fixture()
def page(browser_pages) -> Any:
    return browser_pages(1280, True)


@pytest.fixture()
def page_nojs(browser_pages) -> Any:
    return browser_pages(1280, False)


def _no_outside_requests(context: Any, server: str) -> None:
    outside = [url for url in context.requests if not url.startswith(server + "/")]
    assert not outside, f"pages asked other servers for {outside}"
