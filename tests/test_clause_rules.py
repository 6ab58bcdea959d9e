"""The clause reader: every clause read into what it decides, and answers decided from one clause.

The bundled codes are checked on clauses whose reading is plain from their words; an added code
written in its own way (no 'must', a rule that is someone's 'alone', an imperative after a
condition) is checked end to end, from `conduct add` to a cited verdict.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.decide.drafting import draft_policy, policy_toml
from assistant.decide.from_clauses import ask_kind, stem
from assistant.decide.policy import parse_policy, policy_problems
from assistant.engine import Assistant
from assistant.decide.clause_rules import (
    ENCOURAGED, MAY, MUST, MUST_NOT, ONLY_WITH, read_sentence, rules_for,
)
from corpus.added import add_council
from corpus.library import Library, load_library

ELMFORD = """Elmford District Council

Staff Code of Conduct

1. Tendering

1.1 No officer shall accept entertainment from a firm while a tender exercise is under way.

1.2 Where a member of your family works for a bidder, inform the Director without delay and withdraw from the decision.

2. Press and publicity

2.1 Statements to the media are the responsibility of the Press Office alone.

3. Betting

3.1 Officers must not place bets or visit betting websites on council computers.

4. Protective clothing

4.1 Officers must wear the protective clothing issued to them on every site visit.

5. Vehicles

5.1 Officers must not use pool cars for private journeys, except to travel directly between home and a site visit.
"""


@pytest.mark.parametrize(
    ("sentence", "modality", "duty", "person"),
    [
        ("No officer shall accept entertainment from a firm while a tender exercise is under way.", MUST_NOT, False, None),
        ("Inform the Director without delay and withdraw from the decision.", MUST, True, "the Director"),
        ("Where a relative bids, inform the Director without delay.", MUST, True, "the Director"),
        ("Statements to the media are the responsibility of the Press Office alone.", ONLY_WITH, False, "the Press Office"),
        ("You must obtain the written approval of your Head of Service before you start.", ONLY_WITH, False,
         "your Head of Service"),
        ("Staff must not use council vans for private journeys.", MUST_NOT, False, None),
        ("Do not share your password with anyone.", MUST_NOT, False, None),
        ("You must tell your line manager if you are arrested.", MUST, True, "your line manager"),
        ("Subsistence may be claimed when working away from your normal place of work.", MAY, False, None),
        ("The council encourages staff to volunteer in the community.", ENCOURAGED, False, None),
    ],
)
def test_a_sentence_reads_as_the_rule_it_states(sentence: str, modality: str, duty: bool, person: str | None) -> None:
    rule = read_sentence("x:1", sentence)
    assert rule is not None
    assert (rule.modality, rule.duty, rule.person) == (modality, duty, person)


@pytest.mark.parametrize(
    "sentence",
    [
        "This may or may not have a bearing on their employment status.",
        "If you are unsure what is acceptable, ask your manager.",
        "Further information can be found in the Outside Work policy.",
        "This code applies to all employees.",
    ],
)
def test_sentences_that_decide_nothing_are_not_rules(sentence: str) -> None:
    rule = read_sentence("x:1", sentence)
    assert rule is None or rule.modality != MUST_NOT


def test_a_condition_and_an_exception_are_kept_apart() -> None:
    rule = read_sentence("x:1", "No officer shall accept entertainment from a firm while a tender exercise is under way.")
    assert rule.condition == "while a tender exercise is under way"
    rule = read_sentence("x:1", "Officers must not reveal any information unless the person concerned gives written permission.")
    assert rule.modality == MUST_NOT and rule.exception.startswith("unless the person concerned")


def test_list_items_take_the_modality_of_the_words_that_introduce_them(library: Library) -> None:
    county = rules_for(library.document("county"))
    assert county["county:24.2(c)"][0].modality == MUST_NOT  # an example of misconduct
    note = county["county:24.2(j)"][0]
    assert note.modality == MUST_NOT and note.exception.startswith("this does not include reasonable physical restraint")
    essex = rules_for(library.document("essex"))
    assert essex["essex:when-working-on-behalf-of-ecc-you-must/4"][0].modality == MUST  # heading ends 'you must:'


def test_every_rule_quotes_its_own_clause(library: Library) -> None:
    """Citations are sacred: the sentence a rule highlights is really in the clause it cites."""
    count = 0
    for slug in library.slugs:
        for clause_id, rules in rules_for(library.document(slug)).items():
            text = " ".join(library.clause(clause_id).text.split())
            for rule in rules:
                assert " ".join(rule.sentence.split()) in text, (clause_id, rule.sentence)
                count += 1
    assert count > 400


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("can I use the van at the weekend?", "permission"),
        ("is it ok to wedge the door open", "permission"),
        ("do I have to tell my manager?", "duty"),
        ("what should I do?", "duty"),
        ("I was overpaid last month", "statement"),
    ],
)
def test_what_a_question_asks(question: str, kind: str) -> None:
    assert ask_kind(question) == kind


@pytest.mark.parametrize(
    ("council", "question", "verdict", "cite"),
    [
        ("thurrock", "Can I claim subsistence when I work away from my normal place of work?", "allowed_with_conditions",
         "thurrock:14.9"),
        ("town", "I was overpaid my expenses by mistake last month, do I have to tell anyone?", "required", "town:2"),
    ],
)
def test_a_clause_that_plainly_governs_decides(assistant: Assistant, council: str, question: str, verdict: str,
                                              cite: str) -> None:
    answer = assistant.ask(question, council)
    assert (answer.verdict, answer.citations[0].id) == (verdict, cite), answer.summary
    assert answer.trace.rule.startswith("clause_rule_")
    assert answer.citations[0].highlight in answer.citations[0].text


def test_a_question_no_clause_governs_stays_guidance(assistant: Assistant) -> None:
    answer = assistant.ask("what about the thing from before with the forms", "county")
    assert answer.verdict in {"guidance", "not_covered", "needs_info"}


@pytest.fixture(scope="module")
def elmford_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    home = tmp_path_factory.mktemp("elmford-home")
    source = home / "elmford.txt"
    source.write_text(ELMFORD, encoding="utf-8")
    add_council(source, "Elmford District Council", home=home)
    return load_library(home)


@pytest.fixture(scope="module")
def elmford(elmford_library: Library) -> Assistant:
    """The added code with no drafted parameters: every answer comes from the clause reader."""
    return Assistant(elmford_library)


@pytest.fixture(scope="module")
def elmford_drafted(elmford_library: Library) -> Assistant:
    """The added code with the policy file `conduct add` drafts, read back and checked as it is on load."""
    document = elmford_library.document("elmford")
    text = policy_toml(document, draft_policy(document))
    policy = parse_policy("elmford", text)
    assert policy_problems(document, policy, "elmford's policy.toml") == []
    return Assistant(elmford_library, policies={"elmford": policy})


def test_drafting_reads_rules_worded_in_the_codes_own_way(elmford_library: Library) -> None:
    drafted = {p.name: p for p in draft_policy(elmford_library.document("elmford"))}
    assert drafted["hospitality.procurement"].citation == "elmford:1.1"
    assert drafted["hospitality.procurement"].value == "not accept entertainment from a firm while a tender exercise is under way"
    assert (drafted["interests.declare"].value, drafted["interests.declare"].citation) == ("the Director", "elmford:1.2")
    assert drafted["interests.withdraw"].value == "withdraw from the decision"
    assert (drafted["media.refer_to"].value, drafted["media.refer_to"].citation) == ("the Press Office", "elmford:2.1")


ADDED_CASES = [
    ("A firm bidding in our tender has invited me to a football match, can I go?", "not_allowed", "elmford:1.1", None),
    ("My brother works for one of the bidders, what should I do?", "required", "elmford:1.2", "the Director"),
    ("A journalist phoned asking about the bin strike, can I give them a quote?", "refer", "elmford:2.1",
     "the Press Office"),
    ("can I check the betting odds on my work computer at lunch?", "not_allowed", "elmford:3.1", None),
    ("do I really have to wear the protective clothing on a short site visit?", "required", "elmford:4.1", None),
    # the exception written inside the clause
    ("can I take a pool car straight from home to a site visit?", "allowed", "elmford:5.1", None),
    ("can I borrow a pool car for a private journey at the weekend?", "not_allowed", "elmford:5.1", None),
]


@pytest.mark.parametrize("drafted", [False, True], ids=["undrafted", "drafted"])
@pytest.mark.parametrize(("question", "verdict", "cite", "person"), ADDED_CASES)
def test_an_added_code_in_its_own_words_is_decided_from_its_clauses(
    request: pytest.FixtureRequest, drafted: bool, question: str, verdict: str, cite: str, person: str | None
) -> None:
    """The same rule, with the same clause, whether or not a drafted parameter caught it."""
    assistant = request.getfixturevalue("elmford_drafted" if drafted else "elmford")
    answer = assistant.ask(question, "elmford")
    assert answer.verdict == verdict, answer.summary
    assert answer.citations[0].id == cite
    assert answer.citations[0].highlight in answer.citations[0].text
    if person:
        assert person in answer.summary
    assert assistant.ask(question, "elmford").to_json() == answer.to_json()  # deterministic


@pytest.mark.parametrize(
    ("question", "what"),
    [("can I wear shorts to the office?", "dress and appearance"),
     ("can I stand for election as a councillor?", "political activity")],
)
def test_silence_is_said_in_the_same_words_at_every_council(
    assistant: Assistant, elmford: Assistant, elmford_drafted: Assistant, question: str, what: str
) -> None:
    """Elmford's code says nothing on these; neither does the town council's on dress."""
    said = {}
    for name, (who, council) in {"town": (assistant, "town"), "elmford": (elmford, "elmford"),
                                 "elmford drafted": (elmford_drafted, "elmford")}.items():
        answer = who.ask(question, council)
        if council == "town" and answer.verdict != "not_covered":
            continue  # the town code has a rule on political activity
        assert answer.verdict == "not_covered", (name, answer.summary)
        said[name] = answer.summary.split(" code of conduct ", 1)[1].split(". Ask ", 1)[0]
    assert set(said.values()) == {f"does not say anything about {what}"}, said


@pytest.mark.parametrize(
    ("word", "other", "same"),
    [
        ("induction", "induct", True),
        ("payment", "pay", True),
        ("discriminatory", "discriminate", True),
        ("officer", "office", False),
        ("local", "location", False),
        ("manager", "management", False),
    ],
)
def test_words_of_one_family_meet_and_neighbours_do_not(word: str, other: str, same: bool) -> None:
    assert (stem(word) == stem(other)) is same


def test_one_word_in_common_is_not_a_situation(assistant: Assistant) -> None:
    """'wear' is all 'can I wear shorts?' shares with a rule on wearing political badges."""
    answer = assistant.ask("heatwave next week, can i wear shorts to the office?", "gloucester")
    assert not any(c.id == "gloucester:11.4" for c in answer.citations), answer.summary


@pytest.mark.parametrize(
    ("council", "question", "verdict", "cite"),
    [
        # the town code has no equipment rule, but its clause 2 bars ordering for yourself on a council account
        ("town", "can I order ink for my home printer on the council's office supplies account? I'll pay it back",
         "not_allowed", "town:2"),
        # a bare statement is decided by the duty it triggers, not by the rule that shares most words
        ("town", "looks like my travel allowance was paid twice this month", "required", "town:2"),
    ],
)
def test_a_code_silent_on_the_topic_still_decides_from_the_clause_that_governs(
    assistant: Assistant, council: str, question: str, verdict: str, cite: str
) -> None:
    answer = assistant.ask(question, council)
    assert (answer.verdict, answer.citations[0].id) == (verdict, cite), answer.summary
    assert answer.citations[0].highlight in answer.citations[0].text


@pytest.mark.parametrize(
    ("council", "question", "verdict", "cite", "general"),
    [
        ("gloucester", "is it ok to use the council logo on my personal twitter profile?", "not_allowed",
         "gloucester:14.1(6)", "gloucester:14.1(1)"),
        ("thurrock", "can I claim for my lunch when I am working away from my normal place of work all day?",
         "allowed_with_conditions", "thurrock:14.9", "thurrock:14.1"),
    ],
)
def test_the_clause_that_names_the_situation_is_cited_before_its_general_neighbour(
    assistant: Assistant, council: str, question: str, verdict: str, cite: str, general: str
) -> None:
    """The template decides from its general clause; the neighbour whose own rule names the situation
    gives the same verdict and is cited first, its deciding sentence highlighted."""
    answer = assistant.ask(question, council)
    ids = [c.id for c in answer.citations]
    assert (answer.verdict, ids[0]) == (verdict, cite), answer.summary
    assert general in ids
    assert answer.citations[0].highlight in answer.citations[0].text
    assert f"({cite.split(':')[1]})" in answer.summary
