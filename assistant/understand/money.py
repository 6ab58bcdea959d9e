"""Amounts of money in any written form, found in free text.

Provides `Money` (one amount: minor units, currency, whether approximate or a
bound, and where it was written), `find_amounts` (every amount in a text, in
order), `first_amount`, and `collapse_ranges` (turn "£30-£40" into one value).

Why a scanner and not one big regular expression: staff write money as "£30",
"30 quid", "thirty-odd quid", "a tenner", "£1.5k", "GBP 30", "about £40" and
"£30-40". A small token scanner that anchors on a currency mark (a symbol, a
code, or a unit word such as "quid") and then reads the number beside it handles
all of these with no backtracking, so it stays linear on a 100,000-character
paste. A number with no currency ("I'm 30", "28 days", "section 10.2", "2024")
is never money, and foreign money is recognised as such so that "$30" is never
silently taken as £30.

All arithmetic is in `Decimal`; amounts are stored as integer minor units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

__all__ = ["Money", "find_amounts", "first_amount", "collapse_ranges", "MAX_PENCE"]

#: Anything above £1,000,000,000 (in minor units) is rejected as not a real amount.
MAX_PENCE = 100_000_000_000
_MAX_INT_DIGITS = 12
_MAX_GAP = 12  # whitespace allowed between parts of one amount: markup such as "[b]30[/b] quid" is blanked to spaces
_MAX_WORDS = 12  # number words read backwards from a unit ("one hundred and ...")

GBP = "GBP"
UNKNOWN_FOREIGN = "UNKNOWN_FOREIGN"

# Numbers (with , or . separators), runs of letters, or any other single character.
_TOKEN_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+|\S")
_PLAIN_NUM_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_GROUPED_NUM_RE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_ONLY_OS_RE = re.compile(r"[Oo]+")
_CONNECTOR_RE = re.compile(r"\s*(?:-|–|—|to|or)\s*", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"(?:^|\W)between\s*$", re.IGNORECASE)

_SYMBOLS = {
    "£": GBP, "￡": GBP,
    "$": "USD", "＄": "USD", "﹩": "USD",
    "€": "EUR", "¥": "JPY", "￥": "JPY", "₹": "INR", "₨": UNKNOWN_FOREIGN,
    "₩": "KRW", "₽": "RUB", "₺": "TRY", "₪": "ILS", "฿": "THB", "₦": "NGN",
    "₱": "PHP", "₫": "VND", "₴": "UAH", "₣": UNKNOWN_FOREIGN, "元": "CNY",
}
# Letters written straight before "$": "US$30", "A$30", "NZ$30".
_DOLLAR_PREFIXES = {
    "US": "USD", "us": "USD", "Us": "USD", "A": "AUD", "AU": "AUD", "C": "CAD",
    "CA": "CAD", "CAN": "CAD", "NZ": "NZD", "HK": "HKD", "S": "SGD", "SG": "SGD",
}
_CODES_ANY_CASE = {"gbp": GBP, "usd": "USD", "eur": "EUR"}
_CODES_UPPER = frozenset(
    "AUD CAD NZD CHF JPY INR CNY HKD SGD ZAR SEK NOK DKK PLN AED SAR TRY RUB "
    "BRL MXN KRW CZK HUF ISK THB TWD ILS NGN KES PKR BDT LKR EGP QAR KWD PHP "
    "IDR MYR RON BGN".split()
)
_CODES_SPECIAL = {"Rs": "INR", "RS": "INR"}

# Unit words written after a number: currency and minor units per unit.
_UNITS: dict[str, tuple[str, int]] = {
    "pound": (GBP, 100), "pounds": (GBP, 100), "quid": (GBP, 100), "quids": (GBP, 100),
    "sterling": (GBP, 100), "pence": (GBP, 1), "penny": (GBP, 1), "pennies": (GBP, 1),
    "grand": (GBP, 100_000),
    "dollar": ("USD", 100), "dollars": ("USD", 100), "buck": ("USD", 100),
    "bucks": ("USD", 100),
    "euro": ("EUR", 100), "euros": ("EUR", 100),
    "cent": (UNKNOWN_FOREIGN, 1), "cents": (UNKNOWN_FOREIGN, 1),
    "yen": ("JPY", 100), "rupee": ("INR", 100), "rupees": ("INR", 100),
    "yuan": ("CNY", 100), "renminbi": ("CNY", 100), "rmb": ("CNY", 100),
    "franc": (UNKNOWN_FOREIGN, 100), "francs": (UNKNOWN_FOREIGN, 100),
    "krona": (UNKNOWN_FOREIGN, 100), "kronor": (UNKNOWN_FOREIGN, 100),
    "krone": (UNKNOWN_FOREIGN, 100), "kroner": (UNKNOWN_FOREIGN, 100),
    "zloty": ("PLN", 100), "zlotys": ("PLN", 100), "zlotych": ("PLN", 100),
    "rand": ("ZAR", 100), "lira": (UNKNOWN_FOREIGN, 100), "lire": (UNKNOWN_FOREIGN, 100),
    "peso": (UNKNOWN_FOREIGN, 100), "pesos": (UNKNOWN_FOREIGN, 100),
    "rouble": ("RUB", 100), "roubles": ("RUB", 100), "ruble": ("RUB", 100),
    "rubles": ("RUB", 100), "dirham": ("AED", 100), "dirhams": ("AED", 100),
    "baht": ("THB", 100), "shekel": ("ILS", 100), "shekels": ("ILS", 100),
    "naira": ("NGN", 100), "ringgit": ("MYR", 100), "dinar": (UNKNOWN_FOREIGN, 100),
    "dinars": (UNKNOWN_FOREIGN, 100), "riyal": ("SAR", 100), "riyals": ("SAR", 100),
    "forint": ("HUF", 100),
}
# "30 Australian dollars", "30 Swiss francs".
_QUALIFIED_UNITS = {
    ("australian", "dollar"): "AUD", ("australian", "dollars"): "AUD",
    ("canadian", "dollar"): "CAD", ("canadian", "dollars"): "CAD",
    ("us", "dollar"): "USD", ("us", "dollars"): "USD",
    ("american", "dollar"): "USD", ("american", "dollars"): "USD",
    ("nz", "dollars"): "NZD", ("singapore", "dollars"): "SGD",
    ("swiss", "francs"): "CHF", ("swiss", "franc"): "CHF",
}
# Slang for notes, counted: "a fiver", "two tenners".
_SLANG = {"fiver": 5, "fivers": 5, "tenner": 10, "tenners": 10}
# Slang that is money only where money is being talked about: "a ton" is £100 in "worth a ton",
# a weight in "a ton of paperwork"; "a score" is £20 in "slipped me a score", not in "a hygiene score".
_CUED_SLANG = {"ton": 100, "score": 20, "pony": 25, "monkey": 500}
_CUED_SLANG_BEFORE = frozenset(
    "worth about around roughly nearly almost over under just only like me us him her them for cost costs "
    "costing paid pay paying offered offering gave give giving given bung bunged slipped handed tipped "
    "lent borrowed owe owes won spent sent".split()
)
# Counted notes: "fifty notes", "two twenties", "a fifty" (a £50 note).
_NOTE_WORDS = frozenset({"note", "notes"})
_NOTE_NAMES = {"twenty": 20, "twenties": 20, "fifty": 50, "fifties": 50}
# "a couple of hundred", "a few grand": a vague count before a scale or unit, read as approximate.
_VAGUE_COUNTS = {"couple": 2, "few": 3}
# A unit after a bare "a" means one of them ("a quid", "a grand").
_SINGULAR_UNITS = frozenset({"quid", "pound", "grand", "euro", "dollar", "buck", "penny"})
# Words that may follow "a grand" when it means £1,000 (not "a grand day out").
_AFTER_A_GRAND = frozenset(
    "for in on to and or from cash each worth a per plus which that but so if "
    "when as at by".split()
)
_AFTER_A_POUND_NOT_MONEY = frozenset({"of", "shop", "shops", "land", "store", "stores"})

_MULT_ADJACENT = {"k": 1000, "m": 1_000_000, "bn": 1_000_000_000, "mn": 1_000_000}
_SCALE_WORDS = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

_UNIT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}
_TEEN_WORDS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_NUMBER_WORDS = (
    set(_UNIT_WORDS) | set(_TEEN_WORDS) | set(_TENS_WORDS) | set(_SCALE_WORDS)
    | {"zero", "hundred", "and", "a", "half"}
)
_DASHES = frozenset("-–—")
_SCALE_AND_HUNDRED = frozenset(_SCALE_WORDS) | {"hundred"}

# Qualifiers written before an amount: (words, approximate, bound).
_PREFIX_QUALIFIERS: tuple[tuple[tuple[str, ...], bool, str | None], ...] = tuple(
    sorted(
        [
            (("about",), True, None), (("around",), True, None), (("roughly",), True, None),
            (("approx",), True, None), (("approximately",), True, None),
            (("approximate",), True, None), (("circa",), True, None), (("abt",), True, None),
            (("estimated",), True, None), (("est",), True, None), (("~",), True, None),
            (("c", "."), True, None), (("approx", "."), True, None), (("ca", "."), True, None),
            (("nearly",), False, "below"), (("almost",), False, "below"),
            (("just", "under"), False, "below"), (("just", "over"), False, "above"),
            (("in", "the", "region", "of"), True, None), (("something", "like"), True, None),
            (("in", "the", "order", "of"), True, None), (("give", "or", "take"), True, None),
            (("under",), False, "below"), (("below",), False, "below"),
            (("less", "than"), False, "below"), (("up", "to"), False, "below"),
            (("upto",), False, "below"), (("no", "more", "than"), False, "below"),
            (("not", "more", "than"), False, "below"), (("at", "most"), False, "below"),
            (("max",), False, "below"), (("maximum",), False, "below"),
            (("not", "exceeding"), False, "below"), (("within",), False, "below"),
            (("over",), False, "above"), (("above",), False, "above"),
            (("more", "than"), False, "above"), (("at", "least"), False, "above"),
            (("in", "excess", "of"), False, "above"), (("upwards", "of"), False, "above"),
            (("exceeding",), False, "above"), (("minimum",), False, "above"),
            (("min",), False, "above"), (("no", "less", "than"), False, "above"),
            (("north", "of"), False, "above"),
        ],
        key=lambda q: -len(q[0]),
    )
)
# "handed over £30" is not "more than £30".
_NOT_BOUND_BEFORE_OVER = frozenset(
    "hand hands handed handing pass passed passing turn turned sign signed send sent "
    "give gave given paid pay fork forked forking hand-over left".split()
)
# Qualifiers written after an amount.
_SUFFIX_QUALIFIERS: tuple[tuple[tuple[str, ...], bool, str | None], ...] = (
    (("or", "thereabouts"), True, None), (("give", "or", "take"), True, None),
    (("or", "so"), True, None), (("ish",), True, None), (("approx",), True, None),
    (("approximately",), True, None), (("roughly",), True, None),
    (("max",), False, "below"), (("tops",), False, "below"), (("or", "less"), False, "below"),
    (("or", "more"), False, "above"), (("plus",), False, "above"), (("+",), False, "above"),
)


class _Tok(NamedTuple):
    text: str
    low: str
    start: int
    end: int
    kind: str  # "num", "word" or "other"


class _Num(NamedTuple):
    """A number read from tokens: its value and the tokens it spans."""

    value: Decimal
    first: int
    last: int
    approximate: bool = False
    multiplier: int = 1  # 1000 for "1.5k", so a range partner can share it


@dataclass(frozen=True)
class Money:
    """One amount of money found in a text.

    `pence` is in minor units of `currency` (pence, cents). `approximate` is set
    for "about £40", "£30ish", "30-odd quid". `bound` is "below" for "under £25",
    "up to £25" and "above" for "over £25", "at least £25": a bound is not an
    estimate, so it is kept apart from `approximate`. `range_part` is "low" or
    "high" for each end of "£30-£40"; `low_pence` is set only on a collapsed
    range (see `collapse_ranges`).
    """

    pence: int
    currency: str
    approximate: bool
    text: str
    start: int
    end: int
    bound: str | None = None
    range_part: str | None = None
    low_pence: int | None = None

    @property
    def pounds(self) -> Decimal:
        """The amount in major units (pounds, dollars), exact."""
        return Decimal(self.pence).scaleb(-2)

    @property
    def is_gbp(self) -> bool:
        return self.currency == GBP

    def describe(self) -> str:
        """A short human rendering: "£30", "about £40", "under £25", "$30 (not pounds)"."""
        amount = _format(self.pence, self.currency)
        if self.low_pence is not None:
            amount = f"{_format(self.low_pence, self.currency)} to {amount}"
        if self.bound == "below":
            amount = f"under {amount}"
        elif self.bound == "above":
            amount = f"over {amount}"
        elif self.approximate:
            amount = f"about {amount}"
        if self.currency != GBP:
            amount = f"{amount} (not pounds)"
        return amount


def _format(pence: int, currency: str) -> str:
    whole, part = divmod(pence, 100)
    if currency == GBP and 0 < pence < 100:
        return f"{pence}p"
    number = f"{whole:,}" if part == 0 else f"{whole:,}.{part:02d}"
    symbol = {"GBP": "£", "USD": "$", "EUR": "€", "JPY": "¥", "INR": "₹"}.get(currency)
    if symbol:
        return f"{symbol}{number}"
    if currency == UNKNOWN_FOREIGN:
        return f"{number} in a foreign currency"
    return f"{number} {currency}"


# --------------------------------------------------------------------------- tokens


def _tokenize(text: str) -> list[_Tok]:
    toks = []
    for m in _TOKEN_RE.finditer(text):
        s = m.group()
        c = s[0]
        kind = "num" if "0" <= c <= "9" else ("word" if c.isalpha() else "other")
        toks.append(_Tok(s, s.lower(), m.start(), m.end(), kind))
    return toks


def _near(toks: list[_Tok], a: int, b: int) -> bool:
    """Tokens a and b (a < b, consecutive) are close enough to be one expression."""
    return toks[b].start - toks[a].end <= _MAX_GAP


def _adjacent(toks: list[_Tok], a: int, b: int) -> bool:
    return toks[b].start == toks[a].end


# --------------------------------------------------------------------------- numbers


def _parse_digits(s: str) -> Decimal | None:
    """'1,000.50' -> Decimal('1000.50'); None for malformed or absurdly long numbers."""
    if len(s) > 24:
        return None
    if not (_PLAIN_NUM_RE.fullmatch(s) or _GROUPED_NUM_RE.fullmatch(s)):
        return None
    if len(s.split(".")[0].replace(",", "")) > _MAX_INT_DIGITS:
        return None
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regexes make this unreachable
        return None


def _words_value(words: list[str]) -> int | None:
    """Value of number words ("one hundred and fifty"), or None if not well formed.

    A small state machine rather than a sum, so that "ten twenty" is rejected
    instead of becoming 30.
    """
    if not words:
        return None
    if words == ["zero"]:
        return 0
    if len(words) == 3 and words[0] == "half" and words[1] == "a" and words[2] in _SCALE_WORDS:
        return _SCALE_WORDS[words[2]] // 2
    state = _Words()
    for idx, w in enumerate(words):
        if not state.step(w, idx, words[idx + 1] if idx + 1 < len(words) else None):
            return None
    if state.last in ("and", "a"):
        return None
    return state.total + state.current


@dataclass
class _Words:
    """Where `_words_value` is in a run of number words."""

    total: int = 0
    current: int = 0
    last: str | None = None
    """The category of the previous word."""
    group_hundred: bool = False
    last_scale: int | None = None

    def step(self, w: str, idx: int, nxt: str | None) -> bool:
        """Take one more word; False if it cannot follow the words before it."""
        if w in _UNIT_WORDS:
            if self.last not in (None, "tens", "hundred", "and", "scale"):
                return False
            self.current += _UNIT_WORDS[w]
            self.last = "unit"
        elif w in _TEEN_WORDS:
            if self.last not in (None, "hundred", "and", "scale"):
                return False
            self.current += _TEEN_WORDS[w]
            self.last = "teen"
        elif w in _TENS_WORDS:
            if self.last not in (None, "hundred", "and", "scale"):
                return False
            self.current += _TENS_WORDS[w]
            self.last = "tens"
        elif w == "hundred":
            if self.last not in ("unit", "teen", "tens", "a") or self.group_hundred or self.current >= 100:
                return False
            self.current = (self.current or 1) * 100
            self.group_hundred = True
            self.last = "hundred"
        elif w in _SCALE_WORDS:
            scale = _SCALE_WORDS[w]
            if self.last not in ("unit", "teen", "tens", "hundred", "a"):
                return False
            if self.last_scale is not None and scale >= self.last_scale:
                return False
            self.total += (self.current or 1) * scale
            self.current = 0
            self.group_hundred = False
            self.last_scale = scale
            self.last = "scale"
        elif w == "and":
            if self.last not in ("hundred", "scale") or nxt is None:
                return False
            self.last = "and"
        elif w == "a":
            if idx != 0 or nxt not in _SCALE_AND_HUNDRED:
                return False
            self.last = "a"
        else:
            return False
        return True


def _read_digits_forward(toks: list[_Tok], i: int) -> _Num | None:
    """A digit number starting at token i, with "k"/"m"/"bn" or "thousand" after it.

    Also reads "£3O" (letter O typed for zero) as 30 rather than failing.
    """
    tok = toks[i]
    if tok.kind != "num":
        return None
    digits = tok.text
    last = i
    nxt = i + 1
    if nxt < len(toks) and toks[nxt].kind == "word" and _adjacent(toks, i, nxt):
        if nxt + 1 < len(toks) and toks[nxt + 1].kind == "num" and _adjacent(toks, nxt, nxt + 1):
            return None  # "£5x0", "£1O0": letters inside the number, not an amount
        if _ONLY_OS_RE.fullmatch(toks[nxt].text) and "." not in digits and "," not in digits:
            digits += "0" * len(toks[nxt].text)
            last = nxt
    value = _parse_digits(digits)
    if value is None:
        return None
    multiplier = 1
    nxt = last + 1
    if nxt < len(toks) and toks[nxt].kind == "word":
        if _adjacent(toks, last, nxt) and toks[nxt].low in _MULT_ADJACENT:
            multiplier = _MULT_ADJACENT[toks[nxt].low]
            last = nxt
        elif _near(toks, last, nxt) and toks[nxt].low in _SCALE_WORDS:
            multiplier = _SCALE_WORDS[toks[nxt].low]
            last = nxt
    return _Num(value * multiplier, i, last, False, multiplier)


def _vague_count(toks: list[_Tok], j: int, limit: int) -> _Num | None:
    """"a couple of", "couple of", "a few" ending at token j: 2 or 3, approximate."""
    k = j
    if k >= limit and toks[k].low == "of":
        if k - 1 < limit or not _near(toks, k - 1, k):
            return None
        k -= 1
    if k < limit or toks[k].low not in _VAGUE_COUNTS:
        return None
    first = k
    if k - 1 >= limit and toks[k - 1].low == "a" and _near(toks, k - 1, k):
        first = k - 1
    return _Num(Decimal(_VAGUE_COUNTS[toks[k].low]), first, j, True)


def _read_number_backward(toks: list[_Tok], j: int, limit: int, unit: str = "") -> _Num | None:
    """The number that ends at token j (just before a unit word), reading backwards.

    Handles "30", "30k", "30ish", "30-odd", "2 thousand", "thirty-five",
    "one hundred and fifty", "a hundred", and "a" alone for singular units.
    """
    if j < limit or j < 0:
        return None
    last = j
    approximate = toks[j].low in ("ish", "odd") and j - 1 >= limit
    if approximate:  # "30ish", "30-ish", "30 odd", "30-odd"
        before = _before_approximation(toks, j, limit)
        if before is None:
            return None
        j = before
    tok = toks[j]
    if unit in ("grand", "quid", "pounds", "notes") and (tok.low == "of" or tok.low in _VAGUE_COUNTS):
        vague = _vague_count(toks, j, limit)  # "a couple of grand", "a few quid"
        if vague is not None:
            return _Num(vague.value, vague.first, last, True)
    if tok.kind == "word" and tok.low in _MULT_ADJACENT and j - 1 >= limit \
            and toks[j - 1].kind == "num" and _adjacent(toks, j - 1, j):
        value = _parse_digits(toks[j - 1].text)
        if value is None:
            return None
        mult = _MULT_ADJACENT[tok.low]
        return _Num(value * mult, j - 1, last, approximate, mult)
    if tok.kind == "num":
        value = _parse_digits(tok.text)
        if value is None:
            return None
        return _Num(value, j, last, approximate)
    if tok.kind != "word" or tok.low not in _NUMBER_WORDS:
        return None
    return _number_words_backward(toks, j, limit, unit, last, approximate)


def _before_approximation(toks: list[_Tok], j: int, limit: int) -> int | None:
    """The token before an "ish" or "odd" at j (and its dash), if it is near enough to be the number."""
    j -= 1
    if toks[j].text in _DASHES and j - 1 >= limit and _adjacent(toks, j, j + 1):
        j -= 1
    if j < limit or not _near(toks, j, j + 1):
        return None
    return j


def _number_word_indexes(toks: list[_Tok], j: int, limit: int) -> list[int]:
    """The number words ending at j, gathered backwards: "one hundred and twenty - five"."""
    idx: list[int] = []
    k = j
    while k >= limit and len(idx) < _MAX_WORDS:
        t = toks[k]
        if t.kind == "word" and t.low in _NUMBER_WORDS:
            idx.append(k)
        elif t.text in _DASHES and idx and k - 1 >= limit and toks[k - 1].kind == "word" \
                and _adjacent(toks, k - 1, k) and _adjacent(toks, k, k + 1):
            pass
        else:
            break
        if k - 1 < limit or not _near(toks, k - 1, k):
            break
        k -= 1
    idx.reverse()
    return idx


def _number_words_backward(toks: list[_Tok], j: int, limit: int, unit: str, last: int,
                           approximate: bool) -> _Num | None:
    """A number in words ending at j, or a digit number before one scale word ("2 thousand")."""
    idx = _number_word_indexes(toks, j, limit)
    words = [toks[x].low for x in idx]
    if len(words) == 1 and words[0] in _SCALE_AND_HUNDRED:
        p = idx[0] - 1
        if p >= limit and toks[p].kind == "num" and _near(toks, p, idx[0]):
            value = _parse_digits(toks[p].text)
            if value is None:
                return None
            mult = _SCALE_WORDS.get(words[0], 100)
            return _Num(value * mult, p, last, approximate, mult)
        if p >= limit and _near(toks, p, idx[0]):
            vague = _vague_count(toks, p, limit)  # "a couple of hundred quid", "a few thousand"
            if vague is not None:
                mult = _SCALE_WORDS.get(words[0], 100)
                return _Num(vague.value * mult, vague.first, last, True, mult)
        return None
    for s in range(len(words)):
        tail = words[s:]
        if tail == ["a"]:
            if unit in _SINGULAR_UNITS:
                return _Num(Decimal(1), idx[s], last, approximate)
            continue
        value = _words_value(tail)
        if value is not None:
            return _Num(Decimal(value), idx[s], last, approximate)
    return None


# --------------------------------------------------------------------------- qualifiers


def _index_by(quals, pos: int) -> dict[str, tuple]:
    """Qualifiers grouped by their last (pos=-1) or first (pos=0) word, longest first."""
    out: dict[str, list] = {}
    for q in quals:
        out.setdefault(q[0][pos], []).append(q)
    return {k: tuple(v) for k, v in out.items()}


_PREFIX_BY_LAST = _index_by(_PREFIX_QUALIFIERS, -1)
_SUFFIX_BY_FIRST = _index_by(_SUFFIX_QUALIFIERS, 0)


def _prefix_qualifier(toks: list[_Tok], first: int, limit: int) -> tuple[int, bool, str | None]:
    """Read "about", "under", "~", "in the region of" written before token `first`."""
    if first - 1 < limit:
        return first, False, None
    for words, approx, bound in _PREFIX_BY_LAST.get(toks[first - 1].low, ()):
        n = len(words)
        s = first - n
        if s < limit:
            continue
        if all(toks[s + k].low == words[k] for k in range(n)) and all(
            _near(toks, s + k, s + k + 1) for k in range(n)
        ):
            if words == ("over",) and s - 1 >= 0 and toks[s - 1].low in _NOT_BOUND_BEFORE_OVER:
                continue
            return s, approx, bound
    return first, False, None


def _suffix_qualifier(toks: list[_Tok], last: int) -> tuple[int, bool, str | None]:
    """Read "ish", "or so", "max", "+" written after token `last`."""
    if last + 1 >= len(toks):
        return last, False, None
    candidates = _SUFFIX_BY_FIRST.get(toks[last + 1].low, ())
    if toks[last + 1].text in _DASHES:
        candidates = _SUFFIX_BY_FIRST["ish"]
    for words, approx, bound in candidates:
        n = len(words)
        if last + n >= len(toks):
            continue
        start = last + 1
        if words == ("ish",) and toks[start].text in _DASHES and start + 1 < len(toks) \
                and toks[start + 1].low == "ish" and _adjacent(toks, last, start):
            return start + 1, True, None
        if all(toks[start + k].low == words[k] for k in range(n)) and all(
            _near(toks, start + k - 1, start + k) for k in range(n)
        ):
            if words == ("+",) and not _adjacent(toks, last, start):
                continue
            if words == ("plus",) and start + 1 < len(toks) and toks[start + 1].kind == "word" \
                    and toks[start + 1].low not in ("and", "or"):
                continue  # "£30 plus VAT" is not "more than £30"
            return start + n - 1, approx, bound
    # "£30-odd"
    if last + 2 < len(toks) and toks[last + 1].text in _DASHES and toks[last + 2].low == "odd" \
            and _adjacent(toks, last, last + 1) and _adjacent(toks, last + 1, last + 2):
        return last + 2, True, None
    return last, False, None


# --------------------------------------------------------------------------- amounts


class _Found(NamedTuple):
    money: Money
    first: int  # first token of the amount (qualifiers included)
    last: int
    num_first: int  # first token of the number itself
    num: _Num
    minor: int  # minor units per unit of the number


def _build(text: str, toks: list[_Tok], num: _Num, currency: str, minor: int,
           first: int, last: int, limit: int, approximate: bool = False,
           bound: str | None = None) -> _Found | None:
    """Apply qualifiers, check the value is sane, and make the Money."""
    pence = num.value * minor
    if pence != pence.to_integral_value() or pence < 0 or pence > MAX_PENCE:
        return None
    q_first, q_approx, q_bound = _prefix_qualifier(toks, first, limit)
    s_last, s_approx, s_bound = _suffix_qualifier(toks, last)
    start, end = toks[q_first].start, toks[s_last].end
    money = Money(
        pence=int(pence),
        currency=currency,
        approximate=approximate or num.approximate or q_approx or s_approx,
        text=text[start:end],
        start=start,
        end=end,
        bound=bound or q_bound or s_bound,
    )
    return _Found(money, q_first, s_last, num.first, num, minor)


def _prefix_currency(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """The currency marked by token i when written before a number, and the first token."""
    tok = toks[i]
    if tok.kind == "other":
        cur = _SYMBOLS.get(tok.text)
        if cur is None:
            return None
        if tok.text == "$" and i > 0 and toks[i - 1].kind == "word" and _adjacent(toks, i - 1, i):
            pre = _DOLLAR_PREFIXES.get(toks[i - 1].text)
            if pre:
                return pre, i - 1
        return cur, i
    if tok.kind == "word":
        if tok.low in _CODES_ANY_CASE:
            return _CODES_ANY_CASE[tok.low], i
        if tok.text in _CODES_UPPER:
            return tok.text, i
        if tok.text in _CODES_SPECIAL:
            return _CODES_SPECIAL[tok.text], i
    return None


def _try_prefix(text: str, toks: list[_Tok], i: int, limit: int) -> _Found | None:
    """"£30", "£ 30", "£1.5k", "US$30", "GBP 30", "€30", "£.50"."""
    marked = _prefix_currency(toks, i)
    if marked is None:
        return None
    currency, first = marked
    if first < limit:
        return None
    j = i + 1
    if toks[i].kind == "word" and j + 1 < len(toks) and toks[j].text == "." \
            and _adjacent(toks, i, j):
        j += 1  # "Rs. 500"
    if j >= len(toks) or not _near(toks, j - 1, j):
        return None
    if toks[j].text == "." and j + 1 < len(toks) and toks[j + 1].kind == "num" \
            and _adjacent(toks, i, j) and _adjacent(toks, j, j + 1) and toks[j + 1].text.isdigit():
        value = _parse_digits("0." + toks[j + 1].text)
        if value is None:
            return None
        num = _Num(value, j, j + 1)
    else:
        num = _read_digits_forward(toks, j)
        if num is None:
            return None
    last = num.last
    # "£1.50p", "£30 quid", "£30 sterling", "€30 euros": absorb a same-currency unit
    k = last + 1
    if k < len(toks) and toks[k].kind == "word" and _near(toks, last, k):
        unit = _UNITS.get(toks[k].low)
        if (toks[k].low == "p" and currency == GBP and _adjacent(toks, last, k)) or (
            unit and unit[0] == currency and unit[1] == 100 and toks[k].low != "grand"
        ) or (_code_currency(toks[k]) == currency):
            last = k
    return _build(text, toks, num, currency, 100, first, last, limit)


def _code_currency(tok: _Tok) -> str | None:
    if tok.kind != "word":
        return None
    if tok.low in _CODES_ANY_CASE:
        return _CODES_ANY_CASE[tok.low]
    if tok.text in _CODES_UPPER:
        return tok.text
    return None


def _suffix_unit(toks: list[_Tok], u: int) -> tuple[str, int] | None:
    """The currency and minor units of a unit written after a number at token u."""
    tok = toks[u]
    if tok.kind == "word":
        if tok.low == "p":
            # "25p" but not "3p.m."
            if u + 2 < len(toks) and toks[u + 1].text == "." and toks[u + 2].low == "m":
                return None
            return GBP, 1
        if tok.low in _UNITS:
            return _UNITS[tok.low]
        code = _code_currency(tok)
        if code:
            return code, 100
        return None
    if tok.kind == "other" and tok.text in _SYMBOLS:
        # "30£", "30€": a symbol after the number, with no number after it
        if u + 1 < len(toks) and toks[u + 1].kind == "num" and _near(toks, u, u + 1):
            return None
        return _SYMBOLS[tok.text], 100
    return None


def _try_suffix(text: str, toks: list[_Tok], u: int, limit: int) -> _Found | None:
    """"30 quid", "thirty pounds", "25p", "2 grand", "30 USD", "30-odd quid", "30€"."""
    unit = _suffix_unit(toks, u)
    if unit is None or u - 1 < limit or not _near(toks, u - 1, u):
        return None
    currency, minor = unit
    low = toks[u].low
    if toks[u].kind == "other" and toks[u - 1].kind != "num":
        return None  # "30£" needs digits before the symbol
    if low == "p" and not (toks[u - 1].kind == "num" and _adjacent(toks, u - 1, u)):
        return None  # "25p", written together
    j = u - 1
    if (toks[j].low, low) in _QUALIFIED_UNITS:
        currency = _QUALIFIED_UNITS[(toks[j].low, low)]
        j -= 1
        if j < limit or not _near(toks, j, j + 1):
            return None
    num = _read_number_backward(toks, j, limit, low)
    if num is None:
        return None
    if low == "p" and num.first != u - 1:
        return None
    if num.first - 1 >= 0 and toks[num.first - 1].kind == "other" \
            and toks[num.first - 1].text in _SYMBOLS and _adjacent(toks, num.first - 1, num.first):
        return None  # "$30 pounds" was read (or rejected) as a prefixed amount
    if low in ("quid", "pound", "grand") and toks[num.first].low == "a" and num.first == j:
        nxt = u + 1
        if nxt < len(toks) and toks[nxt].kind == "word" and _near(toks, u, nxt):
            if low == "grand" and toks[nxt].low not in _AFTER_A_GRAND:
                return None
            if low != "grand" and toks[nxt].low in _AFTER_A_POUND_NOT_MONEY:
                return None
    return _build(text, toks, num, currency, minor, num.first, u, limit)


def _try_slang(text: str, toks: list[_Tok], u: int, limit: int) -> _Found | None:
    """"a fiver", "a tenner", "two tenners", "fifty notes", "a ton" (where money is talked of)."""
    tok = toks[u]
    if tok.kind == "word" and tok.low in _NOTE_WORDS:
        return _try_notes(text, toks, u, limit)
    if tok.kind == "word" and tok.low in _CUED_SLANG:
        return _try_cued_slang(text, toks, u, limit)
    if tok.kind != "word" or tok.low not in _SLANG:
        return None
    each = _SLANG[tok.low]
    count = None
    if u - 1 >= limit and _near(toks, u - 1, u):
        if toks[u - 1].low == "a":
            count = _Num(Decimal(1), u - 1, u - 1)
        else:
            count = _read_number_backward(toks, u - 1, limit)
    if count is None:
        count = _Num(Decimal(1), u, u)
    num = _Num(count.value * each, count.first, u, count.approximate)
    return _build(text, toks, num, GBP, 100, count.first, u, limit)


def _try_notes(text: str, toks: list[_Tok], u: int, limit: int) -> _Found | None:
    """"fifty notes", "200 in notes" is not read; "50 notes" is £50, "two fifty notes" two £50s."""
    if u - 1 < limit or not _near(toks, u - 1, u):
        return None
    prev = toks[u - 1].low
    if prev in _NOTE_NAMES and u - 2 >= limit and _near(toks, u - 2, u - 1):
        count = _read_number_backward(toks, u - 2, limit)
        if count is not None and toks[u - 2].low != "a":
            num = _Num(count.value * _NOTE_NAMES[prev], count.first, u, count.approximate)
            return _build(text, toks, num, GBP, 100, count.first, u, limit)
    num = _read_number_backward(toks, u - 1, limit, "notes")
    if num is None or toks[num.first].low == "a" and num.first == u - 1:
        return None
    return _build(text, toks, _Num(num.value, num.first, u, num.approximate), GBP, 100, num.first, u, limit)


def _try_cued_slang(text: str, toks: list[_Tok], u: int, limit: int) -> _Found | None:
    """"worth a ton", "slipped me a score", "a couple of ton": only after a word of money talk."""
    if u - 1 < limit or not _near(toks, u - 1, u):
        return None
    nxt = u + 1
    if nxt < len(toks) and toks[nxt].low in ("of", "more", "board", "card", "sheet", "line"):
        return None  # "a ton of work", "a score of people", "score card"
    if toks[u - 1].low == "a":
        first = u - 1
        count = _Num(Decimal(1), first, first)
    else:
        count = _read_number_backward(toks, u - 1, limit)
        if count is None:
            return None
        first = count.first
    if first - 1 < limit or toks[first - 1].low not in _CUED_SLANG_BEFORE:
        return None
    each = _CUED_SLANG[toks[u].low]
    num = _Num(count.value * each, first, u, count.approximate)
    return _build(text, toks, num, GBP, 100, first, u, limit)


def _range_partner_after(text: str, toks: list[_Tok], found: _Found,
                         limit: int) -> tuple[_Found, _Found] | None:
    """"£30-40", "£30 to 40": a bare second number takes the first amount's currency.

    Returns both ends, since "£20-30k" also changes the first (to £20,000).
    """
    c = found.last + 1
    j = c + 1
    if j >= len(toks) or not _near(toks, found.last, c) or not _near(toks, c, j):
        return None
    conn = toks[c].low
    is_dash = toks[c].text in _DASHES
    between = _preceded_by_between(text, toks[found.first].start)
    if not (is_dash or conn in ("to", "or") or (conn == "and" and between)):
        return None
    if toks[j].kind != "num":
        return None
    num = _read_digits_forward(toks, j)
    if num is None:
        return None
    last = num.last
    nxt = last + 1
    if nxt < len(toks) and _near(toks, last, nxt):
        follow = _suffix_unit(toks, nxt)
        if follow is not None:
            if follow[0] != found.money.currency or (follow[1] != found.minor and toks[nxt].low != "p"):
                return None
            if toks[nxt].low == "p" and found.minor != 1:
                return None
            last = nxt
        elif not is_dash and toks[nxt].kind == "word" and toks[nxt].low not in _AFTER_A_GRAND \
                and toks[nxt].low not in ("each", "pp", "ish", "max", "tops"):
            return None  # "£30 or 2 tickets"
    first_num = found.num
    low_value = first_num.value
    if first_num.multiplier == 1 and num.multiplier > 1 \
            and first_num.value < num.value / num.multiplier:
        low_value = first_num.value * num.multiplier  # "£20-30k" is 20k to 30k
    if not low_value < num.value:
        return None
    second = _build(text, toks, num, found.money.currency, found.minor, j, last, j)
    if second is None:
        return None
    if low_value != first_num.value:
        low_pence = low_value * found.minor
        if low_pence > MAX_PENCE:
            return None
        first_money = replace(found.money, pence=int(low_pence))
        found = found._replace(money=first_money)
    approx = found.money.approximate or second.money.approximate
    low = found._replace(money=replace(found.money, approximate=approx, range_part="low"))
    high = second._replace(money=replace(second.money, approximate=approx, range_part="high"))
    return low, high


def _range_partner_before(text: str, toks: list[_Tok], found: _Found, limit: int) -> _Found | None:
    """"30-40 quid", "thirty to forty pounds": a bare first number takes the unit's currency."""
    c = found.num_first - 1
    j = c - 1
    if j < limit or not _near(toks, j, c) or not _near(toks, c, found.num_first):
        return None
    conn = toks[c].low
    is_dash = toks[c].text in _DASHES
    if not (is_dash or conn in ("to", "or", "and")):
        return None
    num = _read_number_backward(toks, j, limit)
    if num is None or num.approximate:
        return None
    if conn == "and" and not _preceded_by_between(text, toks[num.first].start):
        return None
    value = num.value
    if num.multiplier == 1 and found.num.multiplier > 1 \
            and value < found.num.value / found.num.multiplier:
        value = value * found.num.multiplier
    if not value < found.num.value:
        return None
    num = num._replace(value=value)
    return _build(text, toks, num, found.money.currency, found.minor, num.first, num.last, limit)


def find_amounts(text: str) -> list[Money]:
    """Every amount of money in `text`, in order of appearance.

    Never raises on any string; linear in the length of the text.
    """
    if not isinstance(text, str) or not text:
        return []
    toks = _tokenize(text)
    out: list[Money] = []
    limit = 0
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        found = None
        if tok.kind != "num":
            if _code_currency(tok) or tok.kind == "other":
                found = _try_suffix(text, toks, i, limit) or _try_prefix(text, toks, i, limit)
            elif tok.kind == "word":
                found = (_try_prefix(text, toks, i, limit)
                         or _try_suffix(text, toks, i, limit)
                         or _try_slang(text, toks, i, limit))
        if found is None:
            i += 1
            continue
        before = _range_partner_before(text, toks, found, limit)
        if before is not None:
            approx = before.money.approximate or found.money.approximate
            out.append(replace(before.money, range_part="low", approximate=approx))
            found = found._replace(money=replace(found.money, range_part="high", approximate=approx))
            out.append(found.money)
            limit = found.last + 1
        else:
            pair = _range_partner_after(text, toks, found, limit)
            if pair is not None:
                out.append(pair[0].money)
                out.append(pair[1].money)
                limit = pair[1].last + 1
            else:
                out.append(found.money)
                limit = found.last + 1
        i = limit
    _mark_ranges(text, out)
    return out


def _preceded_by_between(text: str, pos: int) -> bool:
    """"between" written just before `pos` (looks at a short window, to stay linear)."""
    return _BETWEEN_RE.search(text[max(0, pos - 12):pos]) is not None


def _mark_ranges(text: str, out: list[Money]) -> None:
    """"£30 to £40", "between £30 and £40": both written in full, marked low and high."""
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if a.range_part or b.range_part or a.currency != b.currency or not a.pence < b.pence:
            continue
        gap = text[a.end:b.start]
        ok = _CONNECTOR_RE.fullmatch(gap) is not None
        if not ok and gap.strip().lower() == "and":
            ok = _preceded_by_between(text, a.start)
        if ok:
            out[k] = replace(a, range_part="low")
            out[k + 1] = replace(b, range_part="high")


def collapse_ranges(amounts: list[Money], text: str) -> list[Money]:
    """Join each low/high pair into one Money: the high value, with `low_pence` set.

    `text` is the string the amounts were found in (for the joined span). Why the
    high end: a decision such as "is this under the £25 token limit?" must hold
    for the whole range, so the cautious reading is the upper figure.
    """
    out: list[Money] = []
    k = 0
    while k < len(amounts):
        a = amounts[k]
        if a.range_part == "low" and k + 1 < len(amounts) and amounts[k + 1].range_part == "high":
            b = amounts[k + 1]
            out.append(replace(
                b, text=text[a.start:b.end], start=a.start,
                approximate=a.approximate or b.approximate, bound=b.bound or a.bound,
                range_part=None, low_pence=a.pence,
            ))
            k += 2
            continue
        out.append(a)
        k += 1
    return out


def first_amount(text: str) -> Money | None:
    """The first amount in `text`, or None."""
    amounts = find_amounts(text)
    return amounts[0] if amounts else None
