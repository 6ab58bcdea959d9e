"""assistant.understand.money: amounts of money in every way staff write them, and nothing else."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.bounded import cpu_limit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.understand.money import MAX_PENCE, Money, collapse_ranges, find_amounts, first_amount
try:
    from tests.profiles import examples
except ImportError:  # tests/ is not a package: pytest puts it on sys.path instead
    from profiles import examples  # type: ignore[no-redef]

FAST = settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def amounts(text: str) -> list[tuple[int, str, bool]]:
    return [(m.pence, m.currency, m.approximate) for m in find_amounts(text)]


# (text, [(pence, currency, approximate), ...])
CASES = [
    # symbols and digits
    ("£30", [(3000, "GBP", False)]),
    ("£30.00", [(3000, "GBP", False)]),
    ("£ 30", [(3000, "GBP", False)]),
    ("£1,000", [(100000, "GBP", False)]),
    ("£1,000.50", [(100050, "GBP", False)]),
    ("£1k", [(100000, "GBP", False)]),
    ("£1.5k", [(150000, "GBP", False)]),
    ("£2m budget", [(200_000_000, "GBP", False)]),
    ("£1 million", [(100_000_000, "GBP", False)]),
    ("£2.5 million", [(250_000_000, "GBP", False)]),
    ("£0.50", [(50, "GBP", False)]),
    ("£.50", [(50, "GBP", False)]),
    ("£30.5", [(3050, "GBP", False)]),
    ("£3O", [(3000, "GBP", False)]),  # letter O typed for zero
    ("30£", [(3000, "GBP", False)]),
    ("£30pp", [(3000, "GBP", False)]),
    ("£25.00p", [(2500, "GBP", False)]),
    # unit words
    ("30 quid", [(3000, "GBP", False)]),
    ("30 pounds", [(3000, "GBP", False)]),
    ("30 pound voucher", [(3000, "GBP", False)]),
    ("30.00 pounds", [(3000, "GBP", False)]),
    ("30 sterling", [(3000, "GBP", False)]),
    ("GBP 30", [(3000, "GBP", False)]),
    ("GBP30", [(3000, "GBP", False)]),
    ("30 GBP", [(3000, "GBP", False)]),
    ("gbp 45", [(4500, "GBP", False)]),
    ("2 grand", [(200000, "GBP", False)]),
    ("a grand for the trip", [(100000, "GBP", False)]),
    ("a quid", [(100, "GBP", False)]),
    ("2 thousand pounds", [(200000, "GBP", False)]),
    # number words
    ("thirty pounds", [(3000, "GBP", False)]),
    ("thirty quid", [(3000, "GBP", False)]),
    ("twenty-five pounds", [(2500, "GBP", False)]),
    ("twenty five pounds", [(2500, "GBP", False)]),
    ("a hundred pounds", [(10000, "GBP", False)]),
    ("one hundred and fifty pounds", [(15000, "GBP", False)]),
    ("two thousand pounds", [(200000, "GBP", False)]),
    ("fifty quid", [(5000, "GBP", False)]),
    ("fifteen hundred pounds", [(150000, "GBP", False)]),
    ("half a million pounds", [(50_000_000, "GBP", False)]),
    ("two thousand and five pounds", [(200500, "GBP", False)]),
    ("ten twenty pounds", [(2000, "GBP", False)]),  # not a number: only "twenty pounds" is
    ("two grand", [(200000, "GBP", False)]),
    # slang
    ("a fiver", [(500, "GBP", False)]),
    ("a tenner", [(1000, "GBP", False)]),
    ("two tenners", [(2000, "GBP", False)]),
    ("they slipped me a tenner", [(1000, "GBP", False)]),
    # pence
    ("25p", [(25, "GBP", False)]),
    ("50 pence", [(50, "GBP", False)]),
    ("99p", [(99, "GBP", False)]),
    ("a 50 pence piece", [(50, "GBP", False)]),
    # approximate
    ("about forty pounds", [(4000, "GBP", True)]),
    ("around £30", [(3000, "GBP", True)]),
    ("roughly £30", [(3000, "GBP", True)]),
    ("approx £30", [(3000, "GBP", True)]),
    ("approx. £30", [(3000, "GBP", True)]),
    ("c. £30", [(3000, "GBP", True)]),
    ("~£30", [(3000, "GBP", True)]),
    ("£30ish", [(3000, "GBP", True)]),
    ("£30-ish", [(3000, "GBP", True)]),
    ("30ish quid", [(3000, "GBP", True)]),
    ("30-odd quid", [(3000, "GBP", True)]),
    ("thirty-odd quid", [(3000, "GBP", True)]),
    ("£30-odd", [(3000, "GBP", True)]),
    ("£30 or so", [(3000, "GBP", True)]),
    ("in the region of £500", [(50000, "GBP", True)]),
    ("about a fiver", [(500, "GBP", True)]),
    # foreign money is never pounds
    ("$30", [(3000, "USD", False)]),
    ("US$30", [(3000, "USD", False)]),
    ("€30", [(3000, "EUR", False)]),
    ("30€", [(3000, "EUR", False)]),
    ("30 euros", [(3000, "EUR", False)]),
    ("30 euro", [(3000, "EUR", False)]),
    ("30 dollars", [(3000, "USD", False)]),
    ("30 bucks", [(3000, "USD", False)]),
    ("30 USD", [(3000, "USD", False)]),
    ("EUR 30", [(3000, "EUR", False)]),
    ("USD 1,000", [(100000, "USD", False)]),
    ("¥3000", [(300000, "JPY", False)]),
    ("₹500", [(50000, "INR", False)]),
    ("Rs. 500", [(50000, "INR", False)]),
    ("30 Australian dollars", [(3000, "AUD", False)]),
    ("A$30", [(3000, "AUD", False)]),
    ("50 cents", [(50, "UNKNOWN_FOREIGN", False)]),
    ("200 CHF", [(20000, "CHF", False)]),
    ("£50 in cash and 20 euros", [(5000, "GBP", False), (2000, "EUR", False)]),
    # not money
    ("30", []),
    ("I'm 30", []),
    ("28 days", []),
    ("3 months", []),
    ("section 10.2", []),
    ("in 2024", []),
    ("at 3pm", []),
    ("at 3p.m.", []),
    ("a grand day out", []),
    ("a pound of flesh", []),
    ("hundreds of pounds", []),
    ("£", []),
    ("£-5", []),
    ("£5o0", []),
    ("£30,50", []),
    ("£1234567890123", []),  # more than 12 digits
    ("£2bn", []),  # over the £1bn cap
    ("£" + "9" * 5000, []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] or "empty" for c in CASES])
def test_amounts(text: str, expected: list[tuple[int, str, bool]]) -> None:
    assert amounts(text) == expected


# (text, [(pence, range_part), ...])
RANGES = [
    ("£30-£40", [(3000, "low"), (4000, "high")]),
    ("£30 - £40", [(3000, "low"), (4000, "high")]),
    ("£30–40", [(3000, "low"), (4000, "high")]),
    ("£30 to £40", [(3000, "low"), (4000, "high")]),
    ("£30 to 40", [(3000, "low"), (4000, "high")]),
    ("£20 or 30", [(2000, "low"), (3000, "high")]),
    ("between £30 and £40", [(3000, "low"), (4000, "high")]),
    ("between 30 and 40 quid", [(3000, "low"), (4000, "high")]),
    ("30-40 quid", [(3000, "low"), (4000, "high")]),
    ("thirty to forty quid", [(3000, "low"), (4000, "high")]),
    ("20-30p", [(20, "low"), (30, "high")]),
    ("£20-30k", [(2_000_000, "low"), (3_000_000, "high")]),
    ("£500-1k", [(50000, "low"), (100000, "high")]),
    ("£1,000 – £2,000", [(100000, "low"), (200000, "high")]),
    ("£30 or 2 tickets", [(3000, None)]),
    ("£30 and £40", [(3000, None), (4000, None)]),
    ("£40-£30", [(4000, None), (3000, None)]),
]


@pytest.mark.parametrize(("text", "expected"), RANGES, ids=[c[0] for c in RANGES])
def test_ranges(text: str, expected: list[tuple[int, str | None]]) -> None:
    assert [(m.pence, m.range_part) for m in find_amounts(text)] == expected


def test_collapse_range_keeps_the_upper_figure_and_the_whole_span() -> None:
    text = "a hamper worth £30-£40 from a supplier"
    (money,) = collapse_ranges(find_amounts(text), text)
    assert (money.pence, money.low_pence, money.text) == (4000, 3000, "£30-£40")
    assert money.describe() == "£30 to £40"


# (text, pence, bound)
BOUNDS = [
    ("under £25", 2500, "below"),
    ("less than £25", 2500, "below"),
    ("up to £25", 2500, "below"),
    ("no more than twenty five pounds", 2500, "below"),
    ("nearly £25", 2500, "below"),
    ("just under £25", 2500, "below"),
    ("£30 max", 3000, "below"),
    ("over £25", 2500, "above"),
    ("more than £25", 2500, "above"),
    ("at least £25", 2500, "above"),
    ("in excess of £25", 2500, "above"),
    ("£30+", 3000, "above"),
    ("he handed over £30", 3000, None),
    ("£30 plus VAT", 3000, None),
    ("£30", 3000, None),
]


@pytest.mark.parametrize(("text", "pence", "bound"), BOUNDS, ids=[b[0] for b in BOUNDS])
def test_bounds_are_not_estimates(text: str, pence: int, bound: str | None) -> None:
    (money,) = find_amounts(text)
    assert (money.pence, money.bound, money.approximate) == (pence, bound, False)


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("£30", "£30"),
        ("£30.50", "£30.50"),
        ("£1,000", "£1,000"),
        ("50p", "50p"),
        ("about forty pounds", "about £40"),
        ("under £25", "under £25"),
        ("$30", "$30 (not pounds)"),
        ("€12.50", "€12.50 (not pounds)"),
        ("30 CAD", "30 CAD (not pounds)"),
    ],
)
def test_describe(text: str, described: str) -> None:
    assert first_amount(text).describe() == described


def test_span_offsets_and_text() -> None:
    text = "Can I accept a £30 gift card and about 20 quid in cash?"
    found = find_amounts(text)
    assert [m.text for m in found] == ["£30", "about 20 quid"]
    assert all(text[m.start:m.end] == m.text for m in found)


def test_pounds_is_exact_decimal() -> None:
    money = first_amount("£0.10")
    assert money.pounds == Decimal("0.10")
    assert first_amount("£1,000.50").pounds == Decimal("1000.50")


def test_money_is_frozen() -> None:
    money = first_amount("£30")
    with pytest.raises(AttributeError):
        money.pence = 1  # type: ignore[misc]
    assert isinstance(money, Money)


def test_first_amount() -> None:
    assert first_amount("no money here, 30 days") is None
    assert first_amount("$10 then £20").currency == "USD"


def test_non_strings_are_not_money() -> None:
    assert find_amounts(None) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "£" * 100_000,
        "1" * 100_000,
        "1," * 50_000,
        "one " * 25_000 + "pounds",
        "a hundred and " * 7_000 + "pounds",
        "£1-2 " * 20_000,
        "between £1 and £2 " * 5_000,
        "30-odd quid " * 8_000,
        "-" * 100_000,
        "US$" * 30_000,
    ],
    ids=["pounds", "digits", "groups", "ones", "words", "ranges", "between", "odd", "dashes", "usd"],
)
def test_long_adversarial_input_is_fast(text: str) -> None:
    with cpu_limit(30, "find_amounts on a 100 KB adversarial input"):
        find_amounts(text)


# ----------------------------------------------------------------- properties

_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _under_hundred(n: int) -> str:
    if n < 10:
        return _UNITS[n]
    if n < 20:
        return _TEENS[n - 10]
    tens, unit = divmod(n, 10)
    return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")


def _under_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{_UNITS[hundreds]} hundred")
    if rest:
        parts.append(("and " if hundreds else "") + _under_hundred(rest))
    return " ".join(parts)


def number_words(n: int) -> str:
    """British English number words for 0 <= n < 1,000,000."""
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands:
        parts.append(f"{_under_thousand(thousands)} thousand")
    if rest:
        parts.append(("and " if thousands and rest < 100 else "") + _under_thousand(rest))
    return " ".join(parts)


@st.composite
def rendered_amounts(draw) -> tuple[str, int]:
    pounds = draw(st.integers(0, 1_000_000))
    pence = draw(st.integers(0, 99))
    forms = [
        (f"£{pounds}.{pence:02d}", pounds * 100 + pence),
        (f"£{pounds:,}.{pence:02d}", pounds * 100 + pence),
        (f"£{pounds}", pounds * 100),
        (f"£{pounds:,}", pounds * 100),
        (f"{pounds} quid", pounds * 100),
        (f"{pounds:,} pounds", pounds * 100),
        (f"{pounds}.{pence:02d} pounds", pounds * 100 + pence),
        (f"GBP {pounds}", pounds * 100),
        (f"{pence}p", pence),
    ]
    if pounds < 1_000_000:
        forms.append((f"{number_words(pounds)} pounds", pounds * 100))
    return draw(st.sampled_from(forms))


@FAST
@given(rendered_amounts(), st.sampled_from(["Can I accept {} from a contractor?", "{}", "worth {}.", "a gift of {}, is that ok"]))
def test_round_trip(rendered: tuple[str, int], frame: str) -> None:
    text, pence = rendered
    found = find_amounts(frame.format(text))
    assert [(m.pence, m.currency) for m in found] == [(pence, "GBP")], text


@st.composite
def foreign_amounts(draw) -> tuple[str, str]:
    n = draw(st.integers(0, 1_000_000))
    pence = draw(st.integers(0, 99))
    return draw(st.sampled_from([
        (f"${n}", "USD"), (f"${n:,}.{pence:02d}", "USD"), (f"US${n}", "USD"),
        (f"€{n}", "EUR"), (f"€{n:,}", "EUR"), (f"{n} euros", "EUR"), (f"{n} euro", "EUR"),
        (f"{n} dollars", "USD"), (f"{n} USD", "USD"), (f"EUR {n}", "EUR"),
        (f"USD {n}", "USD"), (f"¥{n}", "JPY"), (f"₹{n}", "INR"), (f"{n} bucks", "USD"),
        (f"{number_words(n % 1000)} euros", "EUR"), (f"{n}€", "EUR"),
    ]))


@FAST
@given(foreign_amounts(), st.sampled_from(["{}", "they offered me {} in cash", "a {} voucher"]))
def test_foreign_money_is_never_pounds(rendered: tuple[str, str], frame: str) -> None:
    text, currency = rendered
    found = find_amounts(frame.format(text))
    assert found, text
    assert all(m.currency == currency for m in found), (text, found)


def _check_invariants(text: str, found: list[Money]) -> None:
    previous_end = -1
    for m in found:
        assert 0 <= m.pence <= MAX_PENCE
        assert text[m.start:m.end] == m.text
        assert m.start >= previous_end
        previous_end = m.end


@FAST
@given(st.text(max_size=2000))
def test_any_text_never_raises(text: str) -> None:
    with cpu_limit(20, "find_amounts on 2,000 characters"):
        found = find_amounts(text)
    _check_invariants(text, found)


@FAST
@given(st.text(alphabet="£$€0123456789,.-~+kmpO aboutverundquidishoddgrandfivertenner", max_size=300))
def test_money_like_noise_never_raises(text: str) -> None:
    found = find_amounts(text)
    _check_invariants(text, found)
    for m in found:
        m.describe()


@FAST
@given(st.integers(0, 10**15))
def test_cap(n: int) -> None:
    found = find_amounts(f"£{n}")
    if n * 100 <= MAX_PENCE:
        assert [m.pence for m in found] == [n * 100]
    else:
        assert found == []


@pytest.mark.parametrize(
    "text, pounds, approximate",
    [
        ("a lad offered me fifty notes", 50, False),
        ("she gave me a ton for my trouble", 100, False),
        ("he slipped me a score", 20, False),
        ("paid me a monkey", 500, False),
        ("a couple of hundred quid", 200, True),
        ("a couple hundred quid", 200, True),
        ("a few hundred pounds", 300, True),
        ("a couple of grand", 2000, True),
        ("two twenty notes", 40, False),
    ],
)
def test_everyday_money_slang(text: str, pounds: int, approximate: bool) -> None:
    (money,) = find_amounts(text)
    assert money.pence == pounds * 100 and money.approximate is approximate


@pytest.mark.parametrize("text", ["a ton of paperwork", "the hygiene score", "a score of people", "a note from my manager",
                                  "the score was 3 1", "a monkey wrench"])
def test_slang_words_that_are_not_money_here(text: str) -> None:
    assert find_amounts(text) == []
