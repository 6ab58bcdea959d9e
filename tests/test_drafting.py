"""assistant.decide.drafting: an added council's parameters drafted from its clauses, each cited and quoted."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.decide.drafting import draft_policy, policy_toml, sentences
from assistant.decide.policy import parse_policy, quote_found
from assistant.decide.schema import SCHEMA
from corpus.clause import Council, Document
from corpus.library import Library
from corpus.manifest import parse_text

try:
    from tests.test_added import LIMITS, WRITERS
except ImportError:  # tests/ is not a package: pytest puts it on sys.path instead
    from test_added import LIMITS, WRITERS  # type: ignore[no-redef]

COUNCIL = Council("anytown", "Anytown Borough Council", "Code", "undated", "code.txt", "numbered", bundled=False)


def doc_of(*clauses: str, heading: str = "Gifts and hospitality") -> Document:
    """A one-section code whose clauses are numbered 1.1, 1.2, … in the order given."""
    body = "\n\n".join(f"1.{n} {text}" for n, text in enumerate(clauses, start=1))
    return parse_text(COUNCIL, f"Anytown Code of Conduct\n\n1. {heading}\n\n{body}\n")


def drafted(document: Document) -> dict:
    params = draft_policy(document)
    for param in params:
        clause = document.get(param.citation)
        assert clause is not None, f"{param.name} cites {param.citation}, which does not exist"
        assert quote_found(param.quote, clause.text), f"{param.name}: {param.quote!r} is not in {param.citation}"
    return {p.name: p for p in params}


# --------------------------------------------------------------------------- gift limits


@pytest.mark.parametrize(("sentence", "limit"), [
    ("Gifts worth up to £50 may be accepted.", 5001),
    ("You may accept gifts with a value of up to £50.", 5001),
    ("Gifts worth less than £25 may be accepted.", 2500),
    ("Small gifts may only be accepted when they are low cost (less than twenty five pounds (£25)).", 2500),
    ("Gifts worth £25 or more must be declined.", 2500),
    ("Any gift with a value of £25.00 or more is highly unlikely to be viewed as a 'token'.", 2500),
    ("Gifts worth over £20 must be refused.", 2001),
    ("You must not accept gifts exceeding £30 in value.", 3001),
    ("You must not accept gifts worth more than £40.", 4001),
    ("Gifts of no more than £10 may be kept.", 1001),
    ("Gifts under £15 are acceptable.", 1500),
    ("Gifts worth less than £25 may be accepted; gifts of £25 or more must be politely declined.", 2500),
    ("You may keep a gift worth £1,000.50 or less.", 100051),
])
def test_gift_limits_are_read_with_the_right_boundary(sentence: str, limit: int) -> None:
    params = drafted(doc_of(sentence))
    assert params["gifts.limit"].value == limit
    assert params["gifts.limit"].citation == "anytown:1.1"
    assert "£" in params["gifts.limit"].quote


@pytest.mark.parametrize("sentence", [
    "Gifts worth more than £25 must be declared.",         # a declaration threshold, not a limit
    "Gifts worth £25 or more may be accepted with approval.",
    "Hospitality worth over £100 must be refused.",       # not about gifts
    "A gift worth £30 was once given to the mayor.",
])
def test_amounts_that_are_not_limits_are_left_out(sentence: str) -> None:
    assert "gifts.limit" not in drafted(doc_of(sentence))


# --------------------------------------------------------------------------- the other gifts rules


def test_cash_token_and_barred_givers() -> None:
    params = drafted(doc_of(
        "You must not accept cash, vouchers or gift cards.",
        "Gifts of token value, such as pens, diaries and calendars, may be accepted.",
        "You must not accept gifts from contractors, suppliers or members of the public.",
    ))
    assert params["gifts.cash_banned"].value == "cash, vouchers or gift cards"
    assert params["gifts.cash_banned"].citation == "anytown:1.1"
    assert params["gifts.token_only"].value == "pens, diaries and calendars"
    assert params["gifts.token_only"].citation == "anytown:1.2"
    barred = params["gifts.barred_givers"]
    assert barred.value == ("contractor", "potential_contractor", "supplier", "member_of_public")
    assert barred.citation == "anytown:1.3" and "Potential contractors are included" in barred.note


def test_barred_givers_in_a_list_cite_the_lead_in() -> None:
    document = parse_text(COUNCIL, "Code\n\n1. Gifts\n\n1.1 You must not accept any gift from:\n"
                                   "(a) service users;\n(b) customers or clients.\n")
    barred = drafted(document)["gifts.barred_givers"]
    assert barred.value == ("service_user", "customer", "client")
    assert barred.citation == "anytown:1.1"
    assert barred.quote.startswith("You must not accept any gift from: (a) service users;")


@pytest.mark.parametrize("sentence", [
    "You must not accept gifts worth £25 or more from contractors.",   # a limit, not a ban
    "You must not accept gifts from contractors unless they are of token value.",
    "Contractors often send gifts at Christmas.",
])
def test_conditional_giver_rules_are_not_bans(sentence: str) -> None:
    assert "gifts.barred_givers" not in drafted(doc_of(sentence))


def test_token_only_from_a_prohibition_with_an_exception() -> None:
    params = drafted(doc_of("Employees must not solicit or accept personal gifts, other than ones of a token value "
                            "such as pens and diaries."))
    assert params["gifts.token_only"].value == "pens and diaries"


def test_register_and_keeper() -> None:
    params = drafted(doc_of("All gifts offered, whether accepted or not, must be recorded in the register of gifts "
                            "and hospitality. The register is kept by the Head of Legal Services."))
    assert params["gifts.record"].value == "record every offer, accepted or not, in the register of gifts and hospitality"
    assert params["gifts.register_keeper"].value == "the Head of Legal Services"
    assert params["gifts.register_keeper"].quote == "The register is kept by the Head of Legal Services"


def test_declaring_a_gift_to_a_person() -> None:
    params = drafted(doc_of("Any gift offered must be declared to your line manager."))
    assert params["gifts.record"].value == "declare the offer to your line manager"


# --------------------------------------------------------------------------- approvals, interests, media, convictions, concerns


@pytest.mark.parametrize(("sentence", "value"), [
    ("You must get the written permission of your line manager before taking any other paid work.",
     "the written permission of your line manager"),
    ("Officers must obtain the express consent of the Managing Director or Head of Service prior to taking up "
     "any outside employment.", "the express consent of the Managing Director or Head of Service"),
    ("Employees must obtain written consent from their manager before undertaking additional work.",
     "written consent from your manager"),
    ("Secondary employment must be approved in writing by your Director.", "written approval from your Director"),
])
def test_who_approves_outside_work(sentence: str, value: str) -> None:
    assert drafted(doc_of(sentence, heading="Outside work"))["outside_work.permission"].value == value


def test_a_sick_leave_rule_is_not_the_outside_work_permission() -> None:
    params = drafted(doc_of("You must not undertake other work while on sick leave without the prior written "
                            "approval of your line manager.", heading="Outside work"))
    assert "outside_work.permission" not in params


def test_hospitality_approval_is_told_from_outside_work() -> None:
    params = drafted(doc_of(
        "You must get the approval of your Director before accepting any hospitality.",
        "You must get the consent of your Head of Service before taking a second job.",
    ))
    assert params["hospitality.approval"].value == "the approval of your Director"
    assert params["outside_work.permission"].value == "the consent of your Head of Service"
    assert params["outside_work.permission"].citation == "anytown:1.2"


def test_interests_person_and_deadline() -> None:
    params = drafted(doc_of("You must declare any personal interest to the Monitoring Officer in writing within "
                            "fourteen days of becoming aware of it.", heading="Interests"))
    assert params["interests.declare"].value == "the Monitoring Officer, in writing"
    assert params["interests.deadline"].value == 14
    assert params["interests.deadline"].quote.endswith("within fourteen days of becoming aware of it")


def test_working_days_are_not_read_as_days() -> None:
    params = drafted(doc_of("You must declare any interest to your manager within 10 working days.", heading="Interests"))
    assert "interests.deadline" not in params


def test_media_rule_authoriser_and_press_office() -> None:
    params = drafted(doc_of(
        "Employees must not speak to journalists about their work unless they have been authorised by their Director.",
        "Please pass any enquiry from the press to the Press Office.",
        heading="Media"))
    assert params["media.rule"].value == "speak to journalists about your work"
    assert params["media.authoriser"].value == "you have been authorised by your Director"
    assert params["media.refer_to"].value == "the Press Office"
    assert params["media.refer_to"].citation == "anytown:1.2"


def test_social_media_is_not_the_media() -> None:
    params = drafted(doc_of("You must not post anything about the council on social media.", heading="Conduct"))
    assert "media.rule" not in params
    assert params["social_media.rule"].value == "post anything about the council on social media"


@pytest.mark.parametrize(("sentence", "months", "arrest"), [
    ("You must tell your line manager if you are arrested for, charged with or convicted of any offence that "
     "could lead to imprisonment of at least 6 months.", 6, True),
    ("You must inform HR if you are charged with an offence carrying a prison sentence of more than 12 months.", 13, False),
    ("You must notify your manager if you are convicted of an offence punishable by 2 years' imprisonment.", 24, False),
    ("You must tell your Head of Service if you are cautioned or convicted of any criminal offence.", None, False),
])
def test_conviction_reporting(sentence: str, months: int | None, arrest: bool) -> None:
    params = drafted(doc_of(sentence, heading="Criminal offences"))
    report = params["convictions.report"]
    assert report.citation == "anytown:1.1"
    assert report.value.startswith(("tell ", "inform ", "notify "))
    assert ("convictions.arrest" in params) is arrest
    if months is None:
        assert "convictions.threshold_months" not in params
    else:
        assert params["convictions.threshold_months"].value == months
        assert "months" not in report.value and "years" not in report.value  # the threshold says it once


def test_declaring_convictions_when_applying_is_not_reporting() -> None:
    params = drafted(doc_of("When applying, prospective employees must declare any criminal convictions.",
                            heading="Criminal offences"))
    assert "convictions.report" not in params


def test_concerns_fraud_policy_and_contact() -> None:
    params = drafted(doc_of(
        "If anything in this code is unclear, speak to your line manager.",
        "If you suspect fraud, inform Internal Audit.",
        "You should raise any concern about wrongdoing with your manager or the Monitoring Officer.",
        "You can also use the council's Whistleblowing Policy.",
        heading="General"))
    assert params["contact"].value == "your line manager"
    assert params["whistleblowing.fraud"].value == "Internal Audit"
    assert params["whistleblowing.report_to"].value == "your manager or the Monitoring Officer"
    assert params["whistleblowing.report_to"].citation == "anytown:1.3"
    assert params["whistleblowing.policy"].value == "the council's Whistleblowing Policy"


def test_a_code_with_no_rules_drafts_nothing() -> None:
    document = doc_of("The council values its staff.", "Staff should be polite.", heading="Values")
    assert draft_policy(document) == []
    text = policy_toml(document, [])
    assert parse_policy("anytown", text).params == {}
    assert "Drafted: 0 parameters." in text


def test_sentences_do_not_end_at_abbreviations() -> None:
    text = "Small gifts, e.g. pens, may be kept. Larger ones, i.e. over £25, may not. See para. 4 below."
    assert [text[a:b] for a, b in sentences(text)] == [
        "Small gifts, e.g. pens, may be kept.", "Larger ones, i.e. over £25, may not.", "See para. 4 below."]


def test_drafting_never_fails_on_jumbled_text() -> None:
    """Clauses made of the rules' own words in random order: no error, every quote in its clause, every file loads."""
    import random

    words = ("you must not accept gifts gift worth £25 £50.00 or more less than up to over cash vouchers from "
             "contractors suppliers service users the your line manager Monitoring Officer Head of Service register "
             "of gifts and hospitality held by kept within 14 days interest declare media press office refer to "
             "arrested charged convicted imprisonment of at least 6 months raise concern with whistleblowing policy "
             "approval permission written consent outside work second job , . ; : ( ) e.g. such as pens diaries token "
             "may be accepted declined refused unless authorised they their employees").split()
    rng = random.Random(7)
    for _ in range(150):
        clauses = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 50))) for _ in range(rng.randint(1, 6))]
        document = doc_of(*clauses)
        params = list(drafted(document).values())
        parse_policy("anytown", policy_toml(document, params))


# --------------------------------------------------------------------------- the whole code, in every format


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_the_anytown_code_drafts_the_same_in_every_format(tmp_path: Path, kind: str) -> None:
    from corpus.added import add_council

    result = add_council(WRITERS[kind](tmp_path), "Anytown Borough Council", home=tmp_path / "home")
    params = drafted(result.document)
    values = {name: (p.value, p.citation) for name, p in params.items()}
    barred = ("contractor", "potential_contractor", "supplier", "service_user") if kind == "txt" else (
        "contractor", "potential_contractor", "service_user")
    expected = {
        "contact": ("your line manager", "anytown:introduction/2"),
        "gifts.limit": (LIMITS[kind][1], "anytown:1.1"),
        "gifts.cash_banned": ("cash or vouchers", "anytown:1.2"),
        "gifts.barred_givers": (barred, "anytown:1.3"),
        "gifts.record": ("record every offer, accepted or not, in the register of gifts and hospitality", "anytown:1.4"),
        "gifts.register_keeper": ("the Monitoring Officer", "anytown:1.4"),
        "hospitality.approval": ("the written approval of your Head of Service", "anytown:1.5"),
        "outside_work.permission": ("the written permission of your line manager", "anytown:2.1"),
        "outside_work.working_hours": ("do outside work in council time", "anytown:2.2"),
        "interests.declare": ("your Head of Service", "anytown:3.1"),
        "interests.deadline": (14, "anytown:3.1"),
        "media.rule": ("speak to the media about council business", "anytown:4.1"),
        "media.authoriser": ("authorised", "anytown:4.1"),
        "media.refer_to": ("the Communications Team", "anytown:4.1"),
        "convictions.report": ("tell your line manager straight away if you are arrested for, charged with or "
                               "convicted of any offence", "anytown:5.1"),
        "convictions.arrest": (True, "anytown:5.1"),
        "convictions.threshold_months": (6, "anytown:5.1"),
        "whistleblowing.report_to": ("your line manager or the Monitoring Officer", "anytown:6.1"),
        "whistleblowing.policy": ("the Whistleblowing Policy", "anytown:6.1(1)"),
    }
    assert values == expected
    assert params["gifts.limit"].quote == LIMITS[kind][0].rstrip(".")
    assert params["media.refer_to"].quote == "Refer all media enquiries to the Communications Team"


def test_the_file_is_readable_loads_and_round_trips(tmp_path: Path) -> None:
    from corpus.added import add_council

    document = add_council(WRITERS["txt"](tmp_path), "Anytown Borough Council", home=tmp_path / "home").document
    params = draft_policy(document)
    text = policy_toml(document, params)
    assert text.startswith("# Anytown Borough Council — decision parameters, drafted automatically by `conduct add`.")
    assert "can edit this file by hand" in text and "conduct profile anytown" in text
    assert "# Nothing drafted on: alcohol and drugs, appearance, bequests," in text
    assert all(len(line) <= 80 for line in text.split("\n")[1:] if line.startswith("#"))  # wrapped comments
    assert "note = \"Read as: gifts worth less than £25 may be kept; the value is the amount from which a gift may " \
           "not be kept (£25 or more).\"" in text
    assert '\n[gifts.limit]\nvalue = 2500\ncitation = "anytown:1.1"\nquote = "Gifts worth less than £25, such as pens and diaries, may be accepted"\n' in text
    assert ('\n[gifts.barred_givers]\nvalue = [\n    "contractor",\n    "potential_contractor",\n    "supplier",\n'
            '    "service_user",\n]\n') in text  # tomli-w: one giver a line
    policy = parse_policy("anytown", text, "policy.toml")
    assert list(policy.params.values()) == params
    assert [p.name for p in params] == [name for name in SCHEMA if name in policy.params]  # schema order


def test_drafting_is_deterministic(tmp_path: Path) -> None:
    from corpus.added import add_council, load_added

    document = add_council(WRITERS["docx"](tmp_path), "Anytown Borough Council", home=tmp_path / "home").document
    first = policy_toml(document, draft_policy(document))
    again = load_added(tmp_path / "home", warn=pytest.fail)[0]
    assert policy_toml(again, draft_policy(again)) == first
    assert policy_toml(document, draft_policy(document)) == first


# --------------------------------------------------------------------------- the bundled codes: real text


def test_drafting_the_bundled_codes_quotes_them_faithfully(library: Library) -> None:
    """Drafting is tried on the five real codes: every quote is in its clause and every file loads."""
    found = {}
    for slug in library.slugs:
        document = library.document(slug)
        params = drafted(document)
        parse_policy(slug, policy_toml(document, list(params.values())))
        found[slug] = {name: (p.value, p.citation) for name, p in params.items()}
    # where the hand-written policies say the same, the drafts agree with them
    assert found["county"]["gifts.limit"] == (2500, "county:10.2")
    assert found["gloucester"]["gifts.limit"] == (2500, "gloucester:10.2")
    assert found["gloucester"]["gifts.register_keeper"] == ("the Monitoring Officer", "gloucester:10.7")
    assert found["thurrock"]["gifts.token_only"] == ("pens and diaries", "thurrock:14.5")
    assert found["thurrock"]["outside_work.permission"] == ("written consent from your manager", "thurrock:17.2")
    assert found["thurrock"]["interests.deadline"] == (28, "thurrock:18.2")
    assert found["essex"]["gifts.barred_givers"] == (("contractor", "potential_contractor", "supplier", "service_user"),
                                                     "essex:gifts-and-hospitality/3")
    assert found["county"]["media.refer_to"] == ("the Communications Unit", "county:8.1")
    assert found["town"]["convictions.arrest"] == (True, "town:3")
