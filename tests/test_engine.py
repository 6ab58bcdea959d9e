"""The assistant's answers: shape, the flagship example, conversations, explanations, comparisons."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from assistant.answer import VERDICTS
from assistant.engine import Assistant, Conversation
from assistant.session import Session

DESIGN_KEYS = {"question", "council", "topic", "verdict", "summary", "answer", "reasons", "actions", "citations",
               "follow_up", "follow_up_why", "facts", "trace", "fingerprint"}


def test_the_flagship_thurrock_answer(assistant: Assistant) -> None:
    answer = assistant.ask("Can I accept this £30 gift from a contractor?", "thurrock")
    assert answer.verdict == "not_allowed" and answer.label == "No"
    assert "token value such as pens and diaries" in answer.summary and "(14.5)" in answer.summary
    actions = [(p.citation, p.text) for p in answer.actions]
    assert ("thurrock:14.5", "Point the giver to the Mayor's Charity Fund.") in actions
    assert any(cid == "thurrock:14.3" and text.startswith("Even though you decline it") and "register" in text
               for cid, text in actions)
    assert [c.id for c in answer.citations] == ["thurrock:14.5", "thurrock:14.3"]


def test_answer_json_has_the_designed_shape(assistant: Assistant) -> None:
    data = assistant.ask("Can I accept this £30 gift from a contractor?", "county").to_json()
    assert DESIGN_KEYS <= set(data)
    assert data["verdict"] in VERDICTS
    assert set(data["citations"][0]) >= {"id", "council", "number", "section", "text"}
    assert set(data["trace"]) == {"template", "rule", "parameters"}
    assert {"name", "value", "citation", "quote"} <= set(data["trace"]["parameters"][0])
    assert data["facts"]["amount"]["pence"] == 3000 and data["facts"]["giver"] == "contractor"
    json.dumps(data)


def test_every_cited_clause_is_real_and_says_its_highlight(assistant: Assistant, library) -> None:
    for council in library.slugs:
        for question in ("Can I accept a £30 gift from a contractor?", "can I do a second job", "a journalist rang me",
                         "I've been arrested", "can I use my work phone for personal calls"):
            for citation in assistant.ask(question, council).citations:
                clause = library.clause(citation.id)
                assert clause is not None and clause.text == citation.text
                if citation.highlight:
                    from assistant.decide.policy import quote_found

                    assert quote_found(citation.highlight, clause.text), (citation.id, citation.highlight)


def test_the_same_question_gives_the_same_bytes(assistant: Assistant) -> None:
    first = json.dumps(assistant.ask("Can I accept a £20 voucher from a supplier?", "gloucester").to_json())
    assert all(json.dumps(assistant.ask("Can I accept a £20 voucher from a supplier?", "gloucester").to_json()) == first
               for _ in range(3))


def test_a_conversation_keeps_facts_and_changes_only_what_is_new(assistant: Assistant) -> None:
    convo = Conversation(council="county")
    first = assistant.ask("Can I accept a gift?", conversation=convo)
    assert first.verdict == "needs_info" and first.follow_up == "What is it worth, and who is offering it?"
    assert first.follow_up_why == "The county council's limit is £25 (10.2), so the value decides."
    second = assistant.ask("a £40 bottle of whisky from a supplier", conversation=convo)
    assert second.verdict == "not_allowed" and second.topic == "gifts"
    third = assistant.ask("what if it were £20?", conversation=convo)
    assert third.verdict == "allowed_with_conditions"
    assert third.facts["amount"]["pence"] == 2000 and third.facts["giver"] == "supplier"


def test_needs_info_asks_only_for_what_is_missing(assistant: Assistant) -> None:
    assert assistant.ask("can I accept a gift from a supplier?", "county").follow_up == "What is it worth?"
    essex = assistant.ask("can I accept a £10 gift?", "essex")
    assert essex.verdict == "needs_info" and essex.follow_up == "Who is offering the gift?"
    assert "gifts-and-hospitality/3" in essex.follow_up_why


def test_a_council_named_in_the_question_wins(assistant: Assistant) -> None:
    answer = assistant.ask("at Glocester can I take a £30 gift from a contractor?", "thurrock")
    assert answer.council == "gloucester" and any(c.id == "gloucester:10.2" for c in answer.citations)


def test_without_a_council_conduct_asks_which(assistant: Assistant) -> None:
    answer = assistant.ask("can I accept a gift?")
    assert answer.verdict == "needs_info" and answer.follow_up.startswith("Which council do you work for?")
    assert answer.citations == ()


def test_a_silent_code_says_so_cites_nothing_false_and_names_whom_to_ask(assistant: Assistant) -> None:
    answer = assistant.ask("I've been arrested, do I need to tell anyone?", "essex")
    assert answer.verdict == "not_covered"
    assert "does not say anything about arrest" in answer.summary and "Ask your manager" in answer.summary
    assert [c.id for c in answer.citations] == ["essex:when-working-on-behalf-of-ecc-you-must/5"]
    assert "Ask your manager" in answer.citations[0].text


def test_questions_outside_the_codes_are_not_covered(assistant: Assistant) -> None:
    for question in ("what's the weather like tomorrow", "how many days annual leave do I get"):
        answer = assistant.ask(question, "thurrock")
        assert answer.verdict == "not_covered" and answer.citations == ()


@pytest.mark.parametrize("question, family", [
    ("how many weeks full pay do we get on maternity leave?", "maternity, paternity and parental leave"),
    ("how much sick pay do i get after 6 months here?", "sick pay"),
    ("how do I get a staff parking permit?", "parking, mileage and travel arrangements"),
    ("can I bring my dog into the office on Fridays?", "the workplace and its facilities"),
    ("how many days a week can I work from home?", "working arrangements"),
    ("who do I ask about my pension statement?", "pensions"),
    ("can I carry over unused leave into next year?", "leave and time off"),
])
def test_ordinary_hr_questions_say_where_they_live_at_every_council(assistant: Assistant, question: str, family: str) -> None:
    summaries = set()
    for council in ("thurrock", "county", "town", "gloucester", "essex"):
        answer = assistant.ask(question, council)
        assert answer.verdict == "not_covered" and answer.citations == (), (council, answer.summary)
        summaries.add(answer.summary)
    (summary,) = summaries  # the same words at every council
    assert summary.startswith(f"Questions about {family} are outside the code of conduct.") and "usually live in" in summary


def test_an_hr_question_mid_conversation_is_a_new_question(assistant: Assistant) -> None:
    convo = Conversation(council="county")
    assistant.ask("old fella on my caseload keeps saying hes going to put me in his will", conversation=convo)
    answer = assistant.ask("totally different thing - how many days holiday do i get once ive done 5 years?", conversation=convo)
    assert answer.verdict == "not_covered" and answer.topic is None and answer.citations == ()


def test_a_conduct_question_that_mentions_leave_is_still_a_conduct_question(assistant: Assistant) -> None:
    answer = assistant.ask("can I do my second job while on annual leave?", "thurrock")
    assert answer.topic == "outside_work" and answer.verdict != "not_covered"


def test_guidance_lists_what_the_code_says(assistant: Assistant) -> None:
    answer = assistant.ask("what does the code say about gifts?", "county")
    assert answer.verdict == "guidance" and answer.topic == "gifts"
    assert any("£25" in p.text for p in answer.reasons)
    assert {p.citation for p in answer.reasons} <= {c.id for c in answer.citations}


def test_fingerprint_changes_when_and_only_when_the_basis_changes(assistant: Assistant) -> None:
    base = assistant.ask("Can I accept this £30 gift from a contractor?", "thurrock")
    same = assistant.ask("can i accept this £30 gift from a contractor", "thurrock")
    assert base.fingerprint == same.fingerprint  # wording differs, basis does not
    other_facts = assistant.ask("Can I accept this £50 gift from a contractor?", "thurrock")
    assert other_facts.fingerprint != base.fingerprint
    revised = replace(base, citations=(replace(base.citations[0], text=base.citations[0].text + " Revised."), *base.citations[1:]))
    assert revised.fingerprint != base.fingerprint


def test_fingerprint_includes_the_rules_version(assistant: Assistant, monkeypatch) -> None:
    before = assistant.ask("Can I accept this £30 gift from a contractor?", "thurrock").fingerprint
    monkeypatch.setattr("assistant.answer.RULES_VERSION", "2")
    assert assistant.ask("Can I accept this £30 gift from a contractor?", "thurrock").fingerprint != before


def test_trace_names_the_rule_and_its_quoted_parameters(assistant: Assistant) -> None:
    answer = assistant.ask("Can I accept a £30 gift from a supplier?", "essex")
    assert (answer.trace.template, answer.trace.rule) == ("gifts", "barred_giver")
    barred = next(p for p in answer.trace.parameters if p["name"] == "gifts.barred_givers")
    assert barred["citation"] == "essex:gifts-and-hospitality/3" and "supplier" in barred["value"]


def test_comparison_shows_every_council_and_where_they_disagree(assistant: Assistant) -> None:
    answer = assistant.ask("how do the councils differ on a £30 gift from a supplier?", "thurrock")
    assert answer.councils is not None and set(answer.councils) == {"thurrock", "county", "town", "gloucester", "essex"}
    verdicts = {slug: row["verdict"] for slug, row in answer.councils.items()}
    assert verdicts == {"thurrock": "not_allowed", "county": "not_allowed", "town": "refer",
                        "gloucester": "not_allowed", "essex": "not_allowed"}
    assert answer.summary == ("The councils disagree: No at Thurrock, the county council, Gloucester and Essex; "
                              "Ask first at the town council.")


def test_session_commands_each_give_one_reply(assistant: Assistant) -> None:
    session = Session(assistant, "thurrock")
    assert session.handle("/council glocester").data == {"council": "gloucester"}
    assert session.council == "gloucester"
    assert "no council called" in session.handle("/council atlantis").error
    assert session.handle("can I accept a gift?").answer.verdict == "needs_info"
    assert "rule: amount_unknown" in session.handle("/why").message
    assert session.handle("/reset").data == {"council": "gloucester"}
    assert session.conversation.topic is None and session.conversation.facts is None
    assert session.handle("/compare gifts").answer.councils is not None
    assert session.handle("/frobnicate").error.startswith("unknown command /frobnicate")
    assert session.handle("").error and session.handle("/quit").quit


@pytest.mark.parametrize("hostile", ["[bold]gift[/bold] £30 from a contractor", "\x1b[31m£30 gift\x1b[0m", "£30\u200b gift", "x" * 5000])
def test_hostile_or_huge_questions_still_answer(assistant: Assistant, hostile: str) -> None:
    answer = assistant.ask(hostile, "county")
    assert answer.verdict in VERDICTS
    if len(hostile) > 2000:
        assert answer.notice == "Your question was cut to its first 2,000 characters."
        assert len(answer.question) == 2000


@pytest.mark.parametrize("question, topic", [
    ("Can I accept hospitality from a company tendering for a contract?", "hospitality"),
    ("I own shares in the firm that supplies our payroll software", "interests"),
    ("can i have a fag in the council van if i keep the window down", "alcohol_drugs"),
    ("quick roll-up in the council van with the windows open, that's alright isn't it", "alcohol_drugs"),
    ("new painkillers make me drowsy and I drive the pool car, what should I do?", "alcohol_drugs"),
    ("got caught on my phone while driving the council van, points on my licence probably", "convictions"),
    ("I want to do a few private gardening jobs at weekends for cash", "outside_work"),
    ("my fella is doing shifts at the pub in the evenings, I'm thinking of doing a bit of work on the side too",
     "outside_work"),
    ("licensing officer here. my best mate has put in for a premises licence for his new bar", "interests"),
    ("I'm on the evaluation panel and my brother's firm has bid for the contract", "interests"),
])
def test_the_situation_decides_the_topic_not_one_word(assistant: Assistant, question: str, topic: str) -> None:
    assert assistant.read(question).reading.topic == topic


def test_a_declined_tenner_from_a_parent_is_a_declined_cash_gift(assistant: Assistant) -> None:
    q = assistant.read("A parent pushed a tenner into my hand and I gave it back")
    assert q.reading.topic == "gifts" and q.facts.item == "cash" and q.facts.amount.pence == 1000
    assert "declined" in q.facts.context and q.facts.giver == "service_user"


def test_office_sweepstakes_are_outside_every_code_in_the_same_words(assistant: Assistant) -> None:
    summaries = {assistant.ask("is it ok to run a grand national sweepstake in the office, quid a go?", c).summary
                 for c in ("thurrock", "county", "town", "gloucester", "essex")}
    (summary,) = summaries
    assert summary.startswith("Questions about office sweepstakes and syndicates are outside the code of conduct.")


def test_a_long_conversation_keeps_bounded_state(assistant: Assistant) -> None:
    """Follow-ups on one topic do not pile their words up: what a reply reads stays the same size."""
    session = Session(assistant, "county")
    session.handle("a supplier offered me a £20 gift, can I keep it?")
    sizes = []
    for turn in range(600):
        answer = session.handle(f"they also said it was for christmas, turn {turn}").answer
        assert answer is not None and answer.topic == "gifts", answer
        sizes.append(len(session.conversation.said))
    assert max(sizes[-100:]) <= max(sizes[:10]) + 20
    assert len(session.conversation.history) <= 100


def test_turn_kinds(assistant: Assistant) -> None:
    """Each line is a reply, a what-if, more detail or a new question; only a new one starts afresh."""
    session = Session(assistant, "county")
    assert session.handle("can I accept a gift from a supplier?").answer.verdict == "needs_info"
    assert session.conversation.pending is not None and session.conversation.pending.slot.name == "amount"
    session.handle("about fifteen quid")
    assert session.conversation.facts.amount.pence == 1500 and session.conversation.pending is None
    session.handle("what if it were £30?")
    assert session.conversation.facts.amount.pence == 3000 and session.conversation.facts.giver == "supplier"
    session.handle("separate question - a resident offered me a gift, can I take it?")
    assert session.conversation.facts.amount is None and session.conversation.facts.giver != "supplier"
    session.handle("qwzx")
    assert session.conversation.topic is None
