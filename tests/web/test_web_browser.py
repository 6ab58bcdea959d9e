"""The web app in Debian's Chromium: axe-core on every page and state, keyboard only, 320 px, JavaScript off.

Screenshots of each state at 320, 768 and 1280 px are written to
tests/web/screenshots/ (not committed) for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from browser_helpers import SCREENSHOTS, axe_violations

GIFT = "Can I accept this £30 gift from a contractor?"


def _fresh(page: Any) -> None:
    """A new conversation, as the page's own button starts one."""
    page.goto("/ask")
    if page.locator("button:has-text('Start a new conversation')").count():
        page.click("button:has-text('Start a new conversation')")


def _ask(page: Any, question: str, council: str | None = None) -> None:
    _fresh(page)
    if council:
        page.select_option("#council", council)
    page.fill("#question", question)
    page.click("button:has-text('Ask'), button:has-text('Answer')")


def _empty_question(page: Any) -> None:
    page.goto("/ask")
    page.click("button:has-text('Ask')")


def _scenario(page: Any) -> None:
    page.goto("/training")
    page.click("main ol a >> nth=0")


def _revealed(page: Any) -> None:
    _scenario(page)
    page.check("#verdict-not_allowed")
    page.click("button:has-text('Reveal the answer')")


def _scenario_error(page: Any) -> None:
    _scenario(page)
    page.click("button:has-text('Reveal the answer')")


STATES: dict[str, Callable[[Any], None]] = {
    "ask": lambda p: p.goto("/ask"),
    "follow-up": lambda p: _ask(p, "Can I accept a gift?", "county"),
    "answer": lambda p: _ask(p, GIFT, "thurrock"),
    "error-summary": _empty_question,
    "clause": lambda p: (_ask(p, GIFT, "thurrock"), p.goto("/thurrock/14.5")),
    "clause-list-item": lambda p: p.goto("/county/24.2(c)"),
    "no-such-clause": lambda p: p.goto("/thurrock/14.55"),
    "codes": lambda p: p.goto("/clauses"),
    "search": lambda p: p.goto("/clauses?council=thurrock&q=second+job"),
    "outline": lambda p: p.goto("/essex"),
    "section": lambda p: p.goto("/thurrock/14"),
    "compare-topic": lambda p: p.goto("/compare?q=gifts"),
    "compare-situation": lambda p: p.goto("/compare?q=a+%C2%A330+gift+from+a+supplier"),
    "training": lambda p: p.goto("/training"),
    "scenario": _scenario,
    "scenario-error": _scenario_error,
    "revealed": _revealed,
    "presenting": lambda p: (_revealed(p), p.click("a:has-text('Presenting layout')")),
    "accessibility": lambda p: p.goto("/accessibility"),
    "not-found": lambda p: p.goto("/no/such/page"),
}


@pytest.mark.parametrize("state", list(STATES))
def test_every_page_and_state_passes_axe_and_reflows(browser_pages, state: str) -> None:
    _check_state(browser_pages, state, STATES[state])


WINE = "I was offered a £30 bottle of wine by Acme Ltd, a contractor, and I declined it"
REGISTER_USER = "web-officer"


@pytest.fixture(scope="module")
def web_register(tmp_path_factory) -> tuple[str, str]:
    """A register of its own with one entry from a colleague waiting for this person's decision."""
    from datetime import date

    from assistant.register.model import Draft
    from assistant.register.store import Store

    url = f"sqlite:///{tmp_path_factory.mktemp('web-register') / 'register.db'}"
    draft = Draft(kind="hospitality", giver="Bolt & Sons <Ltd>", description="Dinner at the annual awards",
                  value="£65", offered_on=date.today().isoformat(), outcome="accepted", approver=REGISTER_USER,
                  circumstances="Invited as the contract manager")
    with Store(url, user="colleague", role="officer") as store:
        return url, store.record(draft).id


@pytest.fixture()
def as_register_user(web_register, monkeypatch) -> str:
    """The single-user run's register, as the chat finds it: CONDUCT_DATABASE_URL and CONDUCT_USER."""
    url, waiting = web_register
    monkeypatch.setenv("CONDUCT_DATABASE_URL", url)
    monkeypatch.setenv("CONDUCT_USER", REGISTER_USER)
    monkeypatch.setenv("CONDUCT_REGISTER_ROLE", "officer")
    return waiting


def _record_form(page: Any) -> None:
    _ask(page, WINE, "thurrock")
    page.click("a:has-text('Record this in the register')")
    page.wait_for_url("**/register/record?*")


def _record_errors(page: Any) -> None:
    _record_form(page)
    page.click("button:has-text('Record and submit')")


def _recorded(page: Any) -> None:
    _record_form(page)
    page.fill("#entry-approver", "dana")
    page.click("button:has-text('Record and submit')")
    page.wait_for_url("**/register/*?done=recorded")


REGISTER_STATES: dict[str, Callable[[Any, str], None]] = {
    "record": lambda p, _: _record_form(p),
    "record-errors": lambda p, _: _record_errors(p),
    "recorded": lambda p, _: _recorded(p),
    "my-entries": lambda p, _: p.goto("/register"),
    "waiting": lambda p, _: p.goto("/register/waiting"),
    "decide": lambda p, waiting: p.goto(f"/register/{waiting}"),
    "report": lambda p, _: p.goto("/register/report"),
    "published": lambda p, _: p.goto("/register/published"),
}


@pytest.mark.parametrize("state", list(REGISTER_STATES))
def test_every_register_page_passes_axe_and_reflows(browser_pages, as_register_user, state: str) -> None:
    _check_state(browser_pages, f"register-{state}", lambda p: REGISTER_STATES[state](p, as_register_user))


def _check_state(browser_pages: Any, name: str, reach: Callable[[Any], None]) -> None:
    """axe at 1280, 768 and 320 px; no sideways scrolling at any; screenshots with CONDUCT_WEB_SCREENSHOTS=1."""
    shots = os.environ.get("CONDUCT_WEB_SCREENSHOTS") == "1"
    for width in (1280, 768, 320):
        page = browser_pages(width)
        reach(page)
        page.wait_for_load_state("load")
        assert page.locator("h1").count() == 1, f"{name}: one h1 per page"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name}: scrolls sideways at {width}px"
        violations = axe_violations(page)
        assert violations == [], f"{name} at {width}px: {violations}"
        if shots:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)


def _focus_is_visible(page: Any) -> bool:
    return page.evaluate("""() => {
        const el = document.activeElement;
        if (!el || el === document.body) return false;
        const s = getComputedStyle(el);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        return outline || s.boxShadow !== 'none' || s.backgroundColor === 'rgb(255, 221, 0)';
    }""")


def _tab_to(page: Any, test: str, limit: int = 80) -> None:
    """Tab forward until `test` (JS, on the focused element `el`) holds; focus visible and in document order."""
    previous = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert _focus_is_visible(page), f"focus not visible on {page.evaluate('document.activeElement.outerHTML')[:120]}"
        handle = page.evaluate_handle("document.activeElement")
        if previous is not None:
            forward = page.evaluate("([a, b]) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)",
                                    [previous, handle])
            assert forward, "focus went backwards"
        previous = handle
        if page.evaluate(f"el => {test}", handle):
            return
    raise AssertionError(f"never reached an element where {test}")


def _keyboard_walk(page: Any) -> None:
    _fresh(page)
    page.goto("/ask")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")
    _tab_to(page, "el.id === 'council'")
    page.keyboard.press("ArrowDown")  # 'Choose your council' -> the first council
    page.keyboard.press("ArrowDown")  # -> the second: the county council
    assert page.eval_on_selector("#council", "el => el.value") == "county"
    _tab_to(page, "el.id === 'question'")
    page.keyboard.type("Can I accept a gift?")
    _tab_to(page, "el.tagName === 'BUTTON'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ask#latest")
    assert page.inner_text("label[for=question]").strip() == "What is it worth, and who is offering it?"
    _tab_to(page, "el.id === 'question'")
    page.keyboard.type("a £40 bottle of whisky from a supplier")
    _tab_to(page, "el.tagName === 'BUTTON'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ask#latest")
    latest = page.locator("#latest")
    assert latest.locator(".conduct-verdict__label").inner_text() == "No"
    page.focus("#latest")  # where the page's address (#latest) puts the reader
    _tab_to(page, "el.getAttribute('href') === '/county/10.2'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/county/10.2")
    assert page.inner_text("h1") == "Clause 10.2"
    assert page.locator("mark").count() == 1
    page.go_back()
    page.wait_for_url("**/ask*")
    page.goto("/ask")
    _tab_to(page, "el.getAttribute('href') === '/compare'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/compare")
    _tab_to(page, "el.id === 'q'")
    page.keyboard.type("a £30 gift from a supplier")
    page.keyboard.press("Enter")
    page.wait_for_url("**/compare?q=*")
    assert page.locator("table.govuk-table tbody tr").count() == 5
    assert "The councils disagree" in page.inner_text("main")


def test_keyboard_only_walk(page) -> None:
    _keyboard_walk(page)


def test_keyboard_only_walk_without_javascript(page_nojs) -> None:
    assert page_nojs.evaluate("document.body.classList.contains('js-enabled')") is False
    _keyboard_walk(page_nojs)


def test_error_summary_takes_focus_and_links_to_the_field(page) -> None:
    _empty_question(page)
    assert page.title().startswith("Error:")
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    page.click(".govuk-error-summary__list a")
    assert page.evaluate("document.activeElement.id") == "question"


def test_scripts_run_under_the_content_security_policy(page) -> None:
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto("/ask")
    page.wait_for_load_state("load")
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert problems == []


def _keyboard_register_walk(page: Any, waiting: str) -> None:
    """From the answer to a recorded entry, and a colleague's entry approved, by keyboard alone."""
    _ask(page, WINE, "thurrock")
    page.focus("#latest")
    _tab_to(page, "el.textContent.trim() === 'Record this in the register'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/register/record?*")
    assert page.input_value("#entry-giver") == "Acme Ltd"
    _tab_to(page, "el.id === 'entry-approver'")
    page.keyboard.type("dana")
    _tab_to(page, "el.textContent.trim() === 'Record and submit'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/register/*?done=recorded")
    assert "Recorded in the register" in page.inner_text("main")
    page.goto("/register/waiting")
    _tab_to(page, f"el.getAttribute('href') === '/register/{waiting}'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/register/{waiting}")
    _tab_to(page, "el.id === 'comment'")
    page.keyboard.type("Fine: within the code")
    _tab_to(page, "el.textContent.trim() === 'Approve'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/register/{waiting}?done=approve")
    assert "You approved this entry." in page.inner_text("main")
    assert "Fine: within the code" in page.inner_text("main")


def test_keyboard_only_register_walk_with_and_without_javascript(browser_pages, web_register, monkeypatch) -> None:
    from datetime import date

    from assistant.register.model import Draft
    from assistant.register.store import Store

    url, _ = web_register
    monkeypatch.setenv("CONDUCT_DATABASE_URL", url)
    monkeypatch.setenv("CONDUCT_USER", REGISTER_USER)
    for javascript in (True, False):
        with Store(url, user="colleague", role="officer") as store:
            waiting = store.record(Draft(kind="gift", giver="Carr Ltd", description="Box of chocolates", value="£8",
                                         offered_on=date.today().isoformat(), outcome="accepted",
                                         approver=REGISTER_USER)).id
        page = browser_pages(1280, javascript)
        _keyboard_register_walk(page, waiting)
