"""Every per-council parameter names a real clause, and that clause really says the quote."""

from __future__ import annotations

import pytest

from assistant.decide.policy import PolicyError, bundled_policy, parse_policy, quote_found
from corpus.library import Library

SLUGS = ["thurrock", "county", "town", "gloucester", "essex"]


def all_params():
    return [(slug, p) for slug in SLUGS for p in bundled_policy(slug).params.values()]


@pytest.mark.parametrize(("slug", "param"), all_params(), ids=lambda v: getattr(v, "name", v))
def test_parameter_quote_is_in_its_clause(library: Library, slug: str, param) -> None:
    clause = library.clause(param.citation)
    assert clause is not None, f"{slug} {param.name}: no clause {param.citation}"
    assert clause.council == slug, f"{param.name} cites another council's clause"
    assert quote_found(param.quote, clause.text), f"{param.name}: {param.quote!r} not in {param.citation}"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_council_has_a_policy_with_a_contact(slug: str) -> None:
    policy = bundled_policy(slug)
    assert policy.get("contact") is not None
    assert policy.covers("gifts")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[gifts.limt]\nvalue = 1\ncitation = "x:1"\nquote = "something long"', "not one the decision templates know"),
        ('[gifts.limit]\nvalue = "25"\ncitation = "county:10.2"\nquote = "£25.00 or more"', "positive whole number"),
        ('[gifts.limit]\nvalue = 2500\ncitation = "county 10.2"\nquote = "£25.00 or more"', "is not a clause id"),
        ('[gifts.limit]\nvalue = 2500\ncitation = "county:10.2"', "missing ['quote']"),
        ('[gifts.barred_givers]\nvalue = ["aliens"]\ncitation = "essex:x/3"\nquote = "from contractors"', "list of givers"),
        ("[gifts.limit\nvalue = 1", "not valid TOML"),
    ],
)
def test_bad_policy_files_fail_with_clear_messages(text: str, message: str) -> None:
    with pytest.raises(PolicyError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")):
        parse_policy("county", text, "county.toml")
