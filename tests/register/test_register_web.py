"""The register's web pages against real SQLite and PostgreSQL: record from the answer, see, decide, report.

The web app adds no register logic, so these check that what each person can
see and do in the browser is exactly what the register allows them: on
PostgreSQL each person is their own database login (one person's `conduct web`,
as the chat), and the database's row-level security decides; behind single
sign-on on SQLite, the proxy's user is the register's user.
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Iterator

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from web.config import WebConfig

TOKEN_CONFIG = WebConfig(secret="r" * 40, token="register-token-" + "x" * 16)
SSO_CONFIG = WebConfig(secret="q" * 40, identity_header="X-Remote-User", monitoring_officers=frozenset({"mo"}))
WINE = "I was offered a £30 bottle of wine by Acme Ltd, a contractor, and I declined it"
ROLES = {"mo": "monitoring_officer", "dana": "approver"}


@pytest.fixture(scope="module")
def token_app(assistant):
    from web.app import create_app

    return create_app(assistant, TOKEN_CONFIG, warm=False)


@pytest.fixture(scope="module")
def sso_app(assistant):
    from web.app import create_app

    return create_app(assistant, SSO_CONFIG, warm=False)


class People:
    """One person at a time in a single-user run: on SQLite CONDUCT_USER, on PostgreSQL their own login."""

    def __init__(self, register, monkeypatch, client: TestClient):
        self.register, self.monkeypatch, self.client = register, monkeypatch, client

    def be(self, user: str) -> TestClient:
        if self.register.kind == "postgresql":
            self.monkeypatch.setenv("CONDUCT_DATABASE_URL", self.register.url_for(user))
        else:
            self.monkeypatch.setenv("CONDUCT_DATABASE_URL", self.register.url)
            self.monkeypatch.setenv("CONDUCT_USER", user)
            self.monkeypatch.setenv("CONDUCT_REGISTER_ROLE", ROLES.get(user, "officer"))
        return self.client


@pytest.fixture
def people(register, monkeypatch, token_app) -> Iterator[People]:
    with TestClient(token_app, base_url="http://127.0.0.1") as client:
        client.get(f"/?token={TOKEN_CONFIG.token}")
        yield People(register, monkeypatch, client)


@pytest.fixture
def sso(sqlite_register, monkeypatch, sso_app):
    monkeypatch.setenv("CONDUCT_DATABASE_URL", sqlite_register.url)

    def client(user: str) -> TestClient:
        return TestClient(sso_app, base_url="http://127.0.0.1", headers={"X-Remote-User": user})

    return client


def csrf(page: str) -> str:
    return html.unescape(re.search(r'name="csrf" value="([^"]+)"', page).group(1))


def field(page: str, name: str) -> str | None:
    found = re.search(rf'id="entry-{name}"[^>]*value="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def record_form(client: TestClient, question: str = WINE, council: str = "thurrock") -> str:
    """Ask, follow the answer's Record this link, and return the form it opens."""
    from urllib.parse import urlencode

    answer = client.get("/ask?" + urlencode({"council": council, "q": question}))
    link = re.search(r'href="(/register/record\?state=[^"]+)"', answer.text)
    assert link, "the answer offers Record this"
    page = client.get(html.unescape(link.group(1)))
    assert page.status_code == 200
    return page.text


def submit(client: TestClient, page: str, **changes: str):
    values = {name: field(page, name) or "" for name in ("giver", "value", "offered_on", "approver")}
    values.update(description=html.unescape(re.search(r'id="entry-description"[^>]*>([^<]*)</textarea>', page).group(1)),
                  circumstances="At the site meeting", kind="gift", outcome="declined", action="submit")
    values.update(changes)
    context = html.unescape(re.search(r'name="context" value="([^"]+)"', page).group(1))
    return client.post("/register/record", data={"csrf": csrf(page), "context": context, **values},
                       follow_redirects=False)


def entry_id(response) -> str:
    assert response.status_code == 303, response.text[:2000]
    return re.match(r"/register/([0-9a-f]+)\?", response.headers["location"]).group(1)


def test_an_officer_records_from_the_answer_and_only_the_right_people_see_it(people) -> None:
    """jsmith records, bob cannot see it, dana (its approver) approves it, the Monitoring Officer counts it."""
    alice = people.be("alice")
    page = record_form(alice)
    assert field(page, "giver") == "Acme Ltd" and field(page, "value") == "£30"
    assert "thurrock:14.3" in page and "the relevant Director" in page  # whom the code sends it to, and why
    missing = submit(alice, page, approver="")
    assert missing.status_code == 400 and 'href="#entry-approver"' in missing.text  # the error summary pattern
    eid = entry_id(submit(alice, page, approver="dana"))
    mine = alice.get("/register").text
    assert f"/register/{eid}" in mine and "Waiting for approval" in mine

    bob = people.be("bob")
    assert f"/register/{eid}" not in bob.get("/register").text
    assert bob.get(f"/register/{eid}").status_code == 404
    refused = bob.post(f"/register/{eid}", data={"csrf": csrf(bob.get("/register/record").text), "action": "approve"})
    assert refused.status_code in (403, 404)

    dana = people.be("dana")
    assert f"/register/{eid}" in dana.get("/register/waiting").text
    shown = dana.get(f"/register/{eid}").text
    assert "Approve" in shown and "thurrock:14.5" in shown  # the answer came with it
    done = dana.post(f"/register/{eid}", data={"csrf": csrf(shown), "action": "approve", "comment": "Right to refuse"},
                     follow_redirects=False)
    assert done.status_code == 303
    after = dana.get(done.headers["location"]).text
    assert "You approved this entry." in after and "Right to refuse" in after
    assert f"/register/{eid}" not in dana.get("/register/waiting").text

    with people.register.open("alice", "officer") as store:
        entry = store.get(eid)
    assert (entry.status, entry.decided_by, entry.decision_comment, entry.giver) == ("approved", "dana",
                                                                                      "Right to refuse", "Acme Ltd")
    counted = re.compile(r'<h2 class="govuk-heading-m">(\d+) entr')
    assert counted.search(people.be("mo").get("/register/report").text).group(1) == "1"
    assert counted.search(people.be("bob").get("/register/report").text).group(1) == "0"


def test_an_officer_cannot_decide_their_own_entry(people) -> None:
    alice = people.be("alice")
    eid = entry_id(submit(alice, record_form(alice), approver="dana"))
    page = alice.get(f"/register/{eid}").text
    assert "Approve" not in page
    refused = alice.post(f"/register/{eid}", data={"csrf": csrf(alice.get("/register/record").text), "action": "approve"})
    assert refused.status_code == 403 and "your own entry" in refused.text


def test_a_draft_waits_for_no_one_and_can_be_withdrawn(people) -> None:
    alice = people.be("alice")
    eid = entry_id(submit(alice, record_form(alice), approver="dana", action="draft"))
    assert f"/register/{eid}" not in people.be("dana").get("/register/waiting").text
    alice = people.be("alice")
    page = alice.get(f"/register/{eid}").text
    assert "This is a draft" in page
    gone = alice.post(f"/register/{eid}", data={"csrf": csrf(page), "action": "withdraw"}, follow_redirects=False)
    assert gone.status_code == 303
    assert "Withdrawn" in alice.get(f"/register/{eid}").text


def test_behind_single_sign_on_the_proxys_user_is_the_register_user(sso) -> None:
    alice, bob, dana, mo = sso("alice"), sso("bob"), sso("dana"), sso("mo")
    eid = entry_id(submit(alice, record_form(alice), approver="dana", giver="<b>Acme</b> [bold]Ltd[/bold]"))
    shown = alice.get(f"/register/{eid}").text
    assert "&lt;b&gt;Acme&lt;/b&gt; [bold]Ltd[/bold]" in shown and "<b>Acme" not in shown
    assert bob.get(f"/register/{eid}").status_code == 404
    assert f"/register/{eid}" in dana.get("/register/waiting").text
    assert f"/register/{eid}" in mo.get(f"/register/{eid}").text  # the configured Monitoring Officer reads all
    csv = mo.get("/register/published?format=csv").text
    assert csv.splitlines()[0].startswith("Date,Kind,Offered by") and "alice" not in csv  # no officers' names
    assert bob.get("/register/published?format=csv").text.count("\n") == 1  # the header only: nothing of alice's


def test_register_forms_need_the_csrf_token(sso) -> None:
    alice = sso("alice")
    page = record_form(alice)
    context = html.unescape(re.search(r'name="context" value="([^"]+)"', page).group(1))
    assert alice.post("/register/record", data={"context": context, "approver": "dana"}).status_code == 403
    assert sso("bob").post("/register/record", data={"csrf": csrf(page), "approver": "dana"}).status_code == 403


def test_an_unreachable_register_keeps_what_was_typed_in_the_form(sso, monkeypatch, tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CONDUCT_DATABASE_URL", f"sqlite:///{blocker}/register.db")
    alice = sso("alice")
    page = record_form(alice)
    kept = submit(alice, page, approver="dana", circumstances="Typed by hand")
    assert kept.status_code == 503
    assert "Not recorded" in kept.text and "Typed by hand" in kept.text and field(kept.text, "approver") == "dana"
    assert alice.get("/register").status_code == 200  # the list says why, in a sentence


def test_a_bad_period_gets_the_error_summary(sso) -> None:
    page = sso("mo").get("/register/report?period=next+Tuesday")
    assert page.status_code == 400 and 'href="#period"' in page.text
