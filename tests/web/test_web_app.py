"""The web app in-process: the same answers as a Session, the gate, CSRF, headers, limits and hostile input."""

from __future__ import annotations

import html
import re

import pytest
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from assistant.session import Session
from web.config import ConfigError, WebConfig, binding_problem
from web.signing import Signer

def escaped(text: str) -> str:
    """As Jinja prints text."""
    from markupsafe import escape

    return str(escape(text))


GIFT = "Can I accept this £30 gift from a contractor?"


def csrf_and_state(page: str) -> dict[str, str]:
    fields = dict(re.findall(r'name="(csrf|state)" value="([^"]*)"', page))
    return {k: html.unescape(v) for k, v in fields.items()}


def ask(client: TestClient, question: str, council: str = "") -> str:
    fields = csrf_and_state(client.get("/ask").text)
    response = client.post("/ask", data={**fields, "council": council, "question": question}, follow_redirects=False)
    assert response.status_code == 303, response.text[:500]
    return client.get(response.headers["location"]).text


def test_answer_page_has_the_sessions_verdict_and_citations(client, assistant) -> None:
    page = ask(client, GIFT, "thurrock")
    answer = Session(assistant, "thurrock").handle(GIFT).answer
    assert answer is not None and answer.verdict == "not_allowed"
    assert f'<strong class="conduct-verdict__label">{answer.label}</strong>' in page
    assert escaped(answer.summary) in page
    for citation in answer.citations:
        assert f'href="/thurrock/{citation.number}"' in page
    assert '<mark class="conduct-mark">other than ones of a token value such as pens and diaries</mark>' in page


def test_follow_up_is_the_labelled_field_with_its_reason(client, assistant) -> None:
    page = ask(client, "Can I accept a gift?", "county")
    answer = Session(assistant, "county").handle("Can I accept a gift?").answer
    assert answer is not None and answer.follow_up and answer.follow_up_why
    label = re.search(r'<label class="govuk-label govuk-label--m" for="question">\s*(.*?)\s*</label>', page, re.S)
    assert label and html.unescape(label.group(1)) == answer.follow_up
    assert escaped(answer.follow_up_why) in page
    page = ask(client, "a £40 bottle of whisky from a supplier")
    session = Session(assistant, "county")
    session.handle("Can I accept a gift?")
    second = session.handle("a £40 bottle of whisky from a supplier").answer
    assert second is not None and second.verdict == "not_allowed"
    assert escaped(second.summary) in page


def test_another_worker_with_the_same_secret_continues_the_conversation(client, assistant, web_config) -> None:
    from web.app import create_app

    ask(client, "Can I accept a gift?", "county")
    other = TestClient(create_app(assistant, web_config, warm=False), base_url="http://127.0.0.1")
    other.cookies.update(client.cookies)
    page = ask(other, "£20")
    assert "A gift under £25 may be accepted" in page


def test_pasted_link_answers_without_the_cookie(client) -> None:
    page = client.get("/ask", params={"council": "essex", "q": "I've been arrested, do I need to tell anyone?"}).text
    assert "does not say anything about arrest" in page


def test_markup_and_control_characters_are_shown_as_text(client) -> None:
    page = ask(client, "<script>alert(1)</script> [bold]x[/bold] \x1b[31mred", "thurrock")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\x1b" not in page and "␛[31mred" in page


def test_empty_question_gets_the_error_summary(client) -> None:
    fields = csrf_and_state(client.get("/ask").text)
    response = client.post("/ask", data={**fields, "question": "  "})
    assert response.status_code == 400
    assert 'class="govuk-error-summary"' in response.text and '<a href="#question">Enter your question</a>' in response.text
    assert "<title>Error:" in response.text


def test_start_again_forgets(client) -> None:
    ask(client, "Can I accept a gift?", "county")
    fields = csrf_and_state(client.get("/ask").text)
    client.post("/ask/reset", data={"csrf": fields["csrf"]})
    assert "Your conversation" not in client.get("/ask").text


def test_clause_page_marks_the_words_that_decided(client) -> None:
    ask(client, GIFT, "thurrock")
    page = client.get("/thurrock/14.5").text
    assert "<h1 class=\"govuk-heading-l\">Clause 14.5</h1>" in page
    assert '<mark class="conduct-mark">other than ones of a token value such as pens and diaries</mark>' in page
    assert client.get("/thurrock/14.55").status_code == 404
    assert "thurrock:14.5" in client.get("/thurrock/14.55").text
    assert client.get("/essex/gifts-and-hospitality/2").status_code == 200
    assert client.get("/county/24.2(c)").status_code == 200


def test_search_and_outline(client) -> None:
    page = client.get("/clauses", params={"q": "moonlighting", "council": "thurrock"}).text
    assert 'href="/thurrock/17.2"' in page
    assert client.get("/clauses", params={"q": ""}).status_code == 400
    assert 'href="/gloucester/10.2"' in client.get("/gloucester").text


def test_compare_is_a_table_with_every_council(client, library) -> None:
    page = client.get("/compare", params={"q": "a £30 gift from a supplier"}).text
    assert "The councils disagree" in page
    rows = re.findall(r'<th scope="row" class="govuk-table__header">(.*?)</th>', page)
    assert len(rows) == len(library.slugs)


def test_training_reveal_and_score(client) -> None:
    from web.views.training import scenarios

    scenario = scenarios()[0]
    council = next(iter(scenario.expected))
    expected = scenario.expected[council].verdict
    page = client.get(f"/training/{scenario.id}", params={"council": council}).text
    fields = csrf_and_state(page)
    response = client.post(f"/training/{scenario.id}", data={"csrf": fields["csrf"], "council": council,
                                                               "verdict": expected}, follow_redirects=False)
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    assert "Correct" in page and "1 of 1 correct" in page
    missing = client.post(f"/training/{scenario.id}", data={"csrf": fields["csrf"], "council": council})
    assert missing.status_code == 400 and "Choose what the code says" in missing.text


# -- the gate -------------------------------------------------------------------


def test_nothing_is_served_without_the_token(web_app, web_config) -> None:
    anonymous = TestClient(web_app, base_url="http://127.0.0.1")
    for path in ("/", "/ask", "/thurrock/14.5", "/static/conduct.css"):
        assert anonymous.get(path).status_code == 401
    assert anonymous.get("/?token=wrong").status_code == 401
    signed_in = anonymous.get(f"/thurrock/14.5?token={web_config.token}", follow_redirects=False)
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/thurrock/14.5"
    assert "HttpOnly" in signed_in.headers["set-cookie"] and "SameSite=Strict" in signed_in.headers["set-cookie"]


def test_identity_header_mode(assistant) -> None:
    from web.app import create_app

    config = WebConfig(secret="x" * 40, identity_header="X-Remote-User")
    shared = TestClient(create_app(assistant, config, warm=False), base_url="http://127.0.0.1")
    assert shared.get("/ask").status_code == 401
    page = shared.get("/ask", headers={"X-Remote-User": "jo.bloggs"})
    assert page.status_code == 200 and "Signed in as jo.bloggs" in page.text
    # One user's conversation cookie and CSRF token are no use to another.
    fields = csrf_and_state(page.text)
    other = shared.post("/ask", data={**fields, "question": "hello"}, headers={"X-Remote-User": "someone.else"})
    assert other.status_code == 403


def test_forms_need_the_csrf_token_and_the_same_origin(client) -> None:
    fields = csrf_and_state(client.get("/ask").text)
    assert client.post("/ask", data={"question": "x"}).status_code == 403
    assert client.post("/ask", data={"csrf": "forged", "question": "x"}).status_code == 403
    cross = client.post("/ask", data={**fields, "question": "x"}, headers={"Origin": "https://evil.example"})
    assert cross.status_code == 403
    fetch = client.post("/ask", data={**fields, "question": "x"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert fetch.status_code == 403


def test_security_headers_and_limits(client) -> None:
    response = client.get("/ask")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert "<script>" not in response.text and " style=" not in response.text
    fields = csrf_and_state(response.text)
    huge = client.post("/ask", data={**fields, "question": "x" * 100_000})
    assert huge.status_code == 413
    assert client.get("/ask?q=" + "y" * 10_000).status_code == 414


def test_tampered_cookie_starts_afresh(client) -> None:
    ask(client, "Can I accept a gift?", "county")
    value = client.cookies["conduct_conversation"]
    client.cookies.set("conduct_conversation", value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB"))
    assert "Your conversation" not in client.get("/ask").text


def test_long_conversation_restarts_within_cookie_size(client) -> None:
    pages = [ask(client, f"Can I accept a gift worth £{n + 1}? " + "word " * 50, "county") for n in range(20)]
    assert any("started a new one" in page for page in pages)
    assert "£20?" in pages[-1]
    assert len(client.cookies["conduct_conversation"]) < 3800


def test_signed_values_are_bound_to_their_purpose() -> None:
    signer = Signer("k" * 40)
    value = signer.dumps("conversation:user:a", {"l": ["hi"]})
    assert signer.loads("conversation:user:a", value, 60) == {"l": ["hi"]}
    assert signer.loads("conversation:user:b", value, 60) is None
    assert signer.loads("conversation:user:a", value, 60, now=10**10) is None
    assert signer.loads("conversation:user:a", "garbage.value", 60) is None


def test_static_assets_name_no_font_or_other_server() -> None:
    from importlib.resources import files

    css = (files("web") / "static" / "govuk" / "govuk-frontend.min.css").read_text(encoding="utf-8")
    assert "GDS Transport" not in css and "@font-face" not in css
    urls = re.findall(r"url\(([^)]*)\)", css)
    assert all(u.strip("\"'").startswith("/static/") for u in urls), urls


def test_binding_rules() -> None:
    single = WebConfig.single_user()
    assert binding_problem("127.0.0.1", single, False) == (None, None)
    assert binding_problem("::1", single, False) == (None, None)
    refusal, _ = binding_problem("0.0.0.0", single, False)
    assert refusal and "0.0.0.0" in refusal
    assert binding_problem("0.0.0.0", single, True)[1]
    shared = WebConfig(secret="x" * 40, identity_header="X-Remote-User")
    assert binding_problem("0.0.0.0", shared, False) == (None, None)
    with pytest.raises(ConfigError):
        WebConfig.from_env({})
    with pytest.raises(ConfigError):
        WebConfig.from_env({"CONDUCT_WEB_SECRET": "x" * 40})
    assert WebConfig.from_env({"CONDUCT_WEB_SECRET": "x" * 40, "CONDUCT_WEB_IDENTITY_HEADER": "X-User"}).identity_header


def test_serve_refuses_beyond_localhost_without_identity(capsys) -> None:
    from web.serve import run

    served = []
    assert run("0.0.0.0", 8000, serve=lambda *a, **k: served.append(a)) == 2
    assert not served and "refusing" in capsys.readouterr().err


def test_conduct_web_refuses_beyond_localhost_without_identity(capsys) -> None:
    from assistant.cli import main

    assert main(["web", "--host", "0.0.0.0", "--port", "8999"]) == 2
    assert "refusing to serve" in capsys.readouterr().err
