"""assistant.understand.facts: facts from questions written the way staff really type them."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from tests.bounded import cpu_limit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.understand.facts import FIELDS, Facts, _correct, extract_facts, known_values
try:
    from tests.profiles import examples
except ImportError:  # tests/ is not a package: pytest puts it on sys.path instead
    from profiles import examples  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
FAST = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def Q(question: str, amount: int | None = None, giver: str | None = None, item: str | None = None,
      context: tuple[str, ...] = (), relation: str | None = None, foreign: str | None = None,
      approximate: bool = False):
    """One table row: the question and every fact expected from it."""
    return pytest.param(question, amount, giver, item, frozenset(context), relation, foreign,
                        approximate, id=question[:60])


QUESTIONS = [
    # gifts: amounts, givers, items
    Q("Can I accept this £30 gift from a contractor?", 3000, "contractor", "gift_item"),
    Q("can i accept a bottle of wine from a contracter at xmas", None, "contractor", "gift_item", ("christmas",)),
    Q("suplier sent me a hamper worth about £40", 4000, "supplier", "gift_item", approximate=True),
    Q("a resident gave me a tenner for helping with her bins, can i keep it", 1000, "member_of_public", "cash", ("thank_you",)),
    Q("A service user's family gave me a £50 amazon voucher as a thank you", 5000, "service_user", "voucher", ("thank_you", "vulnerable")),
    Q("I got offered 30 quid cash by a customer", 3000, "customer", "cash"),
    Q("customer tried to give me money, i said no", None, "customer", "cash", ("declined",)),
    Q("can i accept 20 quid off a resident", 2000, "member_of_public", "cash"),
    Q("the old man i look after gave me fifty quid", 5000, "service_user", "cash", ("vulnerable",)),
    Q("CAN I ACCEPT A £25 GIFT CARD FROM A CONTRACTOR", 2500, "contractor", "voucher"),
    Q("is it ok to accpet vouchers from supliers", None, "supplier", "voucher"),
    Q("a Cllr gave me a box of chocolates at christmas", None, "councillor", "gift_item", ("christmas",)),
    Q("my manager gave me a £20 voucher for my birthday", 2000, "manager", "voucher", ("birthday",)),
    Q("colleague gave me flowers when I left", None, "colleague", "gift_item"),
    Q("the team got a tin of biscuits from a supplier to share with the team", None, "supplier", "gift_item", ("team",)),
    Q("Can I accept a pen and a diary from a supplier", None, "supplier", "promotional_item"),
    Q("free calendar and mouse mat from a software company", None, "supplier", "promotional_item"),
    Q("a resident offered me £5 as a tip, i refused", 500, "member_of_public", "cash", ("declined",)),
    Q("someone left an envelope of cash on my desk", None, "unknown", "cash"),
    Q("Someone from the public handed me a fiver", 500, "member_of_public", "cash"),
    Q("i was given around £25 worth of chocolates by a member of the public", 2500, "member_of_public", "gift_item", approximate=True),
    Q("roughly thirty pounds, a bottle of whisky from a contractor", 3000, "contractor", "gift_item", approximate=True),
    Q("a supplier has given me a £15 bottle of wine for xmas", 1500, "supplier", "gift_item", ("christmas",)),
    Q("tennant gave me a box of chocolates", None, "resident", "gift_item"),
    Q("a resident knitted me a scarf", None, "member_of_public", "gift_item"),
    Q("Can I take home a leaving present from colleagues", None, "colleague", "gift_item", ("leaving",)),
    Q("Could I accept a Christmas hamper from a care provider?", None, "contractor", "gift_item", ("christmas",)),
    Q("vulnerable client wants to give me her late husband's watch", None, "client", "gift_item", ("vulnerable",)),
    Q("elderly resident in a care home gave me £100", 10000, "service_user", "cash", ("vulnerable",)),
    Q("can i keep a 50p coin a child gave me", 50, None, "cash"),
    Q("can i accept a gift worth under £25 from a supplier", 2500, "supplier", "gift_item"),
    Q("a gift card worth between £20 and £30 from a contractor", 3000, "contractor", "voucher"),
    Q("i refused a £100 gift from a contracter", 10000, "contractor", "gift_item", ("declined",)),
    # foreign money is kept apart
    Q("a voucher worth €40 from a supplier", None, "supplier", "voucher", foreign="EUR"),
    Q("they gave me 40 dollars", None, "unknown", "cash", foreign="USD"),
    Q("the family i support gave me $50", None, "service_user", "cash", foreign="USD"),
    # procurement and regulation
    Q("a supplier offered me tickets to the football while we're tendering", None, "supplier", "event_tickets", ("procurement",)),
    Q("company bidding for the cleaning contract invited me to dinner, I declined", None, "potential_contractor", "meal", ("declined", "procurement")),
    Q("a potential contractor wants to take me to wimbledon", None, "potential_contractor", "event_tickets", ("procurement",)),
    Q("can i accept hospitality from a potential supplier during a tender", None, "potential_contractor", None, ("procurement",)),  # "hospitality" says nothing of what is offered
    Q("invite to a corporate box at the football from a company pitching for work", None, "potential_contractor", "event_tickets", ("procurement",)),
    Q("i was offered 2 tickets to a concert worth £150 by a firm that's tendering", 15000, "potential_contractor", "event_tickets", ("procurement",)),
    Q("a company that is tendering sent me a bottle of champagne", None, "potential_contractor", "gift_item", ("procurement",)),
    Q("the prospective supplier offered me free upgrade on my phone", None, "potential_contractor", "discount", ("procurement",)),
    Q("a prospective supplier asked me to lunch", None, "potential_contractor", "meal", ("procurement",)),
    Q("I was offered free tickets to a gig by a company bidding for work, I turned it down", None, "potential_contractor", "event_tickets", ("declined", "procurement")),
    Q("the company tendering for our IT contract offered me £200 for advice", 20000, "potential_contractor", "cash", ("procurement",)),
    Q("can i accept a free meal from a developer who has a planning application in", None, "applicant", "meal", ("regulatory",)),
    Q("the licensee of a pub i inspect offered me free drinks", None, "applicant", "drinks", ("regulatory",)),
    Q("inspector here, the owner of a restaurant i inspect offered me a free meal", None, "applicant", "meal", ("regulatory",)),
    # hospitality, travel, discounts, points, loans, sponsorship
    Q("Is it ok to go for lunch with a consultant we use", None, "consultant", "meal"),
    Q("what about hospitality from a consultent", None, "consultant", None),
    Q("cllr offered me tix to the footy", None, "councillor", "event_tickets"),
    Q("contracter wants to take me out for a few bevvies", None, "contractor", "drinks"),
    Q("xmas do paid for by a supplier", None, "supplier", "hospitality_event", ("christmas",)),
    Q("the mayor bought us all a drink", None, "councillor", "drinks"),
    Q("can i accept an invitation to an awards dinner from a contractor", None, "contractor", "hospitality_event"),
    Q("Can I go to the Christmas party of a supplier", None, "supplier", "hospitality_event", ("christmas",)),
    Q("a consultancy invited me to a conference and will pay for my hotel and flights", None, "consultant", "travel"),
    Q("company offered to pay for my train tickets to visit their factory", None, "business", "travel"),
    Q("client offered me a lift home", None, "client", "travel"),
    Q("can i accept a discount from a builder we use, mates rates on my kitchen", None, "contractor", "discount"),
    Q("the contractor offered me trade prices on materials for my extension", None, "contractor", "discount"),
    Q("a supplier offered me 10% off at their shop", None, "supplier", "discount"),
    Q("can i keep the nectar points from buying stuff for work", None, None, "reward_points"),
    Q("my clubcard points on council purchases, is that ok?", None, None, "reward_points"),
    Q("Can I accept an Avios points offer from the travel company", None, "business", "reward_points"),
    Q("a contractor offered me a loan to help with my mortgage", None, "contractor", "loan"),
    Q("a supplier wants to sponsor our team event", None, "supplier", "sponsorship"),
    Q("can i accept a raffle prize at a supplier's event", None, "supplier", "raffle_prize"),
    Q("the supplier paid for lunch during a working lunch meeting in work time", None, "supplier", "meal", ("working_hours",)),
    Q("can I go to the pub with colleagues after work", None, None, "drinks", ("outside_working_hours",)),
    # bequests
    Q("the old lady i look after wants to leave me money in her will", None, "service_user", "bequest", ("vulnerable",)),
    Q("a client left me £2,000 in her will", 200000, "client", "bequest"),
    Q("I have been left 5k in a will by a lady i used to support", None, "service_user", "bequest"),
    # already accepted or declined
    Q("I've already accepted the voucher, what do I do", None, None, "voucher", ("accepted",)),
    Q("i accepted a meal from a supplier last week", None, "supplier", "meal", ("accepted",)),
    Q("i took the £50 cash from a resident, i shouldnt have", 5000, "member_of_public", "cash", ("accepted",)),
    Q("i have been given a hamper by a contractor, i have already taken it home", None, "contractor", "gift_item", ("accepted",)),
    Q("should i have accepted the gift", None, None, "gift_item"),
    # relationships
    Q("my wife works for one of our contractors", None, "contractor", None, (), "spouse"),
    Q("my boyfriend is a councillor do i need to declare it", None, "councillor", None, (), "partner"),
    Q("I'm dating someone who works for a supplier", None, "supplier", None, (), "partner"),
    Q("i'm seeing a councillor", None, "councillor", None, (), "partner"),
    Q("a counciller asked me out on a date", None, "councillor", None, (), "partner"),
    Q("my girlfreind works for a potental contractor", None, "potential_contractor", None, ("procurement",), "partner"),
    Q("my brother in law's firm is bidding for a council contract", None, "potential_contractor", None, ("procurement",), "relative"),
    Q("can my partner's company bid for council work", None, "potential_contractor", None, ("procurement",), "partner"),
    Q("my sister works in my team", None, None, None, (), "relative"),
    Q("my son has applied for a job in my team", None, None, None, (), "relative"),
    Q("my dad runs a firm that supplies the council", None, "supplier", None, (), "relative"),
    Q("friend of mine works for a contractor we're evaluating bids from", None, "contractor", None, ("procurement",), "friend"),
    Q("Can I give a reference for my friend", None, None, None, (), "friend"),
    Q("the builder who did my kitchen is a council contractor", None, "contractor"),
    # sickness, politics, vehicles, driving
    Q("can i do a second job while off sick", context=("sick_leave",)),
    Q("im on sick leave can i help at my friends cafe", context=("sick_leave",), relation="friend"),
    Q("I'm off sick with stress can I go on holiday", None, None, "travel", ("outside_working_hours", "sick_leave")),
    Q("I'm politically restricted can I deliver leaflets for my party in my own time", context=("outside_working_hours", "politically_restricted")),
    Q("i want to stand as a councillor, my job is politically restricted", None, "councillor", None, ("politically_restricted",)),
    Q("can i use the pool car at the weekend", context=("official_vehicle", "outside_working_hours")),
    Q("Can I drive the council van home", context=("official_vehicle",)),
    Q("I got a speeding ticket in my own car", context=("own_car", "traffic_offence")),
    Q("got points on my licence driving the council minibus", context=("official_vehicle", "traffic_offence")),
    # nothing to extract
    Q("I've been arrested, do I have to tell anyone?"),
    Q("what does the code say about social media"),
    Q("should i tell my manager"),
]


@pytest.mark.parametrize(
    ("question", "amount", "giver", "item", "context", "relation", "foreign", "approximate"), QUESTIONS
)
def test_question_facts(question, amount, giver, item, context, relation, foreign, approximate) -> None:
    facts = extract_facts(question)
    got = {
        "amount": facts.amount.pence if facts.amount else None,
        "giver": facts.giver,
        "item": facts.item,
        "context": facts.context,
        "relation": facts.relation,
        "foreign": facts.foreign_amount.currency if facts.foreign_amount else None,
        "approximate": facts.amount.approximate if facts.amount else False,
    }
    assert got == {
        "amount": amount, "giver": giver, "item": item, "context": context,
        "relation": relation, "foreign": foreign, "approximate": approximate,
    }


def test_there_are_enough_real_questions() -> None:
    assert len(QUESTIONS) >= 60


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("contracter", "contractor"), ("suplier", "supplier"), ("counciller", "councillor"),
        ("voucer", "voucher"), ("tikets", "tickets"), ("hospitallity", "hospitality"),
        ("potental", "potential"), ("colleage", "colleague"), ("resturant", "restaurant"),
        ("chrismas", "christmas"), ("vehical", "vehicle"), ("vunerable", "vulnerable"),
        ("accomodation", "accommodation"), ("girlfreind", "girlfriend"), ("consultent", "consultant"),
        ("theater", "theatre"), ("tennant", "tenant"),
    ],
)
def test_typos_are_read_as_the_word(typo: str, word: str) -> None:
    assert _correct(typo) == word


@pytest.mark.parametrize(
    "word",
    ["contact", "contract", "college", "concern", "concert", "council", "supplies", "service",
     "section", "country", "content", "prevent", "internet", "funding", "monitoring", "the", "gift"],
)
def test_real_words_are_not_corrected(word: str) -> None:
    assert _correct(word) is None


def test_no_english_word_is_corrected() -> None:
    """Every word form spaCy's English lookup tables know is left as written,
    except spelling variants that are really the keyword (US spellings)."""
    from spacy.lookups import load_lookups

    table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    words = {w for kv in table.items() for w in kv if isinstance(w, str) and w.isalpha() and w.islower()}
    corrected = {w: _correct(w) for w in words if _correct(w) is not None}
    assert corrected == {"calender": "calendar", "jeweler": "jewellery", "theater": "theatre"}


# ----------------------------------------------------------------- Facts behaviour


def test_to_dict_is_json_safe_with_fixed_key_order() -> None:
    facts = extract_facts("a contractor offered me about £30 in cash at christmas, i declined")
    data = facts.to_dict()
    assert list(data) == ["amount", "foreign_amount", "giver", "item", "context", "relation"]
    assert data["amount"] == {
        "pence": 3000, "currency": "GBP", "approximate": True, "text": "about £30",
        "bound": None, "low_pence": None,
    }
    assert data["context"] == ["christmas", "declined"]
    assert json.loads(json.dumps(data)) == data


def test_range_gives_the_upper_amount() -> None:
    facts = extract_facts("a hamper worth £20-£30 from a supplier")
    assert (facts.amount.pence, facts.amount.low_pence, facts.amount.text) == (3000, 2000, "£20-£30")


def test_deterministic() -> None:
    questions = [q.values[0] for q in QUESTIONS]
    first = [json.dumps(extract_facts(q).to_dict()) for q in questions]
    second = [json.dumps(extract_facts(q).to_dict()) for q in reversed(questions)]
    assert first == list(reversed(second))


def test_merge_what_if_changes_only_the_amount() -> None:
    before = extract_facts("can I accept a £30 voucher from a contractor at christmas")
    after = before.merge(extract_facts("what if it were £20?"))
    assert after.amount.pence == 2000
    assert (after.giver, after.item, after.context) == ("contractor", "voucher", frozenset({"christmas"}))


def test_merge_newer_values_override_and_contexts_accumulate() -> None:
    before = extract_facts("a supplier offered me tickets while we're tendering")
    after = before.merge(extract_facts("what if it was from a councillor at christmas"))
    assert after.giver == "councillor"
    assert after.item == "event_tickets"
    assert after.context == {"procurement", "christmas"}


def test_merge_opposite_contexts_replace() -> None:
    before = extract_facts("i declined a meal from a supplier")
    after = before.merge(extract_facts("actually i accepted it"))
    assert "accepted" in after.context and "declined" not in after.context


def test_merge_foreign_amount_replaces_pounds() -> None:
    before = extract_facts("a £30 gift from a contractor")
    after = before.merge(extract_facts("what if it were $40?"))
    assert after.amount is None and after.foreign_amount.currency == "USD"
    assert after.giver == "contractor"


def test_merge_with_empty_keeps_everything() -> None:
    before = extract_facts("a £30 gift from a contractor")
    assert before.merge(Facts()) == before
    assert Facts().merge(before) == before


def test_facts_are_frozen_and_context_is_frozenset() -> None:
    facts = Facts(context={"christmas"})  # type: ignore[arg-type]
    assert facts.context == frozenset({"christmas"})
    with pytest.raises(AttributeError):
        facts.giver = "x"  # type: ignore[misc]
    assert Facts().is_empty() and not facts.is_empty()


# ----------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    ["", " ", "?!.,;:'\"", "\x00\x01\x02\x1b[31m\x7f", "[bold]£30[/bold] gift from a [i]contractor[/i]",
     "[link=https://x]voucher[/link]", "🎁🎄💷", "מתנה מקבלן", "\u200b\u200e\ufeff", "\n\n\t",
     "£" * 1000, "a " * 5000, None],
    ids=["empty", "space", "punct", "control", "markup", "link", "emoji", "rtl", "invisible",
         "newlines", "pounds", "articles", "none"],
)
def test_odd_input_never_raises(text) -> None:
    facts = extract_facts(text)
    json.dumps(facts.to_dict())


def test_control_characters_do_not_hide_words() -> None:
    facts = extract_facts("a\x00contractor\x01gave me £30\x1b")
    assert (facts.giver, facts.amount.pence) == ("contractor", 3000)


def test_markup_does_not_hide_facts() -> None:
    facts = extract_facts("[bold]£30[/bold] gift from a [i]contractor[/i]")
    assert (facts.amount.pence, facts.giver, facts.item) == (3000, "contractor", "gift_item")


def test_long_input_is_bounded() -> None:
    text = ("a contracter gave me £30 tickets from a suplier, zzqxv abcdefgh " * 1600)[:100_000]
    with cpu_limit(30, "extract_facts on 100 KB"):
        facts = extract_facts(text)
    assert facts.giver in {"contractor", "supplier"}


@FAST
@given(st.text(max_size=400))
def test_any_text_never_raises(text: str) -> None:
    facts = extract_facts(text)
    json.dumps(facts.to_dict())


# ----------------------------------------------------------------- the vocabulary


def _raw() -> dict:
    return tomllib.loads(resources.files("assistant").joinpath("data/facts.toml").read_text("utf-8"))


def test_brief_canonical_values_exist() -> None:
    assert {"contractor", "potential_contractor", "supplier", "consultant", "service_user", "customer",
            "client", "resident", "member_of_public", "colleague", "councillor", "manager", "relative",
            "unknown"} <= set(known_values("giver"))
    assert {"cash", "voucher", "gift_item", "meal", "drinks", "event_tickets", "travel", "accommodation",
            "bequest", "discount", "reward_points", "loan", "hospitality_event"} <= set(known_values("item"))
    assert {"procurement", "regulatory", "sick_leave", "politically_restricted", "official_vehicle",
            "own_car", "working_hours", "outside_working_hours", "christmas", "vulnerable", "declined",
            "accepted", "on_behalf_of_council", "personal"} <= set(known_values("context"))


def test_no_phrase_has_two_meanings_in_one_field() -> None:
    raw = _raw()
    for name in FIELDS:
        seen: dict[str, str] = {}
        for canonical, spec in raw[name].items():
            for phrase in spec.get("phrases", ()):
                assert seen.setdefault(phrase, canonical) == canonical, (name, phrase, seen[phrase], canonical)


def test_every_entry_can_match_something() -> None:
    raw = _raw()
    for name in FIELDS:
        for canonical, spec in raw[name].items():
            assert spec.get("phrases") or spec.get("patterns"), (name, canonical)
            assert all(p == p.lower() for p in spec.get("phrases", ())), (name, canonical)


def test_every_phrase_matches_its_own_canonical_value() -> None:
    """Each phrase, said on its own, is read as its own meaning (or vetoed by a sink)."""
    raw = _raw()
    for name in FIELDS:
        for canonical, spec in raw[name].items():
            if canonical.startswith("_"):
                continue
            for phrase in spec.get("phrases", ()):
                if spec.get("needs_cue"):
                    phrase += " offered me"
                facts = extract_facts(phrase)
                if name == "context":
                    assert canonical in facts.context, (name, phrase)
                else:
                    assert getattr(facts, name) == canonical, (name, phrase)


def test_importing_facts_does_not_load_spacy() -> None:
    code = "import sys, assistant.understand.facts; print('spacy' in sys.modules, 'rapidfuzz' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize("text, field, value", [
    ("a lad on my caseload offered me a tenner", "giver", "service_user"),
    ("one of my families gave me chocolates", "giver", "service_user"),
    ("a parent gave me a bottle of fizz", "item", "gift_item"),
    ("a resident made me a brew and a bacon butty", "item", "refreshments"),
    ("the contractor took us for a chippy tea", "item", "meal"),
    ("my fella works for the supplier", "relation", "partner"),
    ("the wife runs a catering business", "relation", "spouse"),
    ("my better half is a councillor", "relation", "spouse"),
])
def test_everyday_words_by_kind(text: str, field: str, value: str) -> None:
    assert getattr(extract_facts(text), field) == value


def test_cash_for_work_is_not_a_cash_gift() -> None:
    assert extract_facts("I do a bit of dog sitting for cash at weekends").item is None
