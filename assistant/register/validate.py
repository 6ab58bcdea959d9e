"""From the form as typed to checked values, or a list of clear problems (nothing saved half-way).

Money is read by `assistant.understand.money`, so "£30", "thirty quid", "a tenner" and
"£1.5k" mean here what they mean in a question; a bare "30" or "30.50" is
pounds, since the field is a value in pounds. Control characters (terminal
escape sequences among them) are refused rather than stored, because an entry
is shown in terminals, HTML pages and CSV files long after it was typed.
Markup such as "[bold]" is kept as the literal text it is: every front end
shows it escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from assistant.register.model import FIELD_LABELS, KINDS, OUTCOMES, Draft

MAX_SHORT = 200
"""Giver, approver: a name, not an essay."""
MAX_LONG = 4000
"""Description, circumstances: a few paragraphs, enough for any register form."""
MAX_VALUE_PENCE = 100_000_000  # £1,000,000: above that it is not a gift, it is a typing slip
EARLIEST = date(1990, 1, 1)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u2060\ufeff]")
_CONTROL_SHORT = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u2060\ufeff]")
_BARE_POUNDS = re.compile(r"^\s*(?P<neg>-)?\s*(?P<num>\d{1,9}(?:,\d{3})*(?:\.\d{1,2})?)\s*$")
_NEGATIVE = re.compile(r"(^|\s)(-|minus\s)\s*[£$€]?\s*\d|^\s*[£$€]\s*-\s*\d|\(\s*£\s*\d", re.I)
_NO_VALUE = frozenset({"", "none", "nil", "no value", "unknown", "n/a", "na", "-", "nothing", "0", "£0"})
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_LOGIN = re.compile(r"^[A-Za-z0-9_.@+-]{1,63}$")


@dataclass(frozen=True)
class Problem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{FIELD_LABELS.get(self.field, self.field)}: {self.message}"


class InvalidEntry(ValueError):
    """The form cannot be saved as it is; `problems` says which fields and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class Checked:
    kind: str
    giver: str
    description: str
    value_pence: int | None
    offered_on: date
    outcome: str
    circumstances: str
    approver: str
    approver_role: str


def check(draft: Draft, today: date | None = None) -> Checked:
    """The draft's values, checked; raises InvalidEntry naming every problem at once."""
    today = today or date.today()
    problems: list[Problem] = []
    kind = draft.kind.strip().lower().replace(" ", "_") or "gift"
    if kind not in KINDS:
        problems.append(Problem("kind", f"must be one of {', '.join(KINDS)}"))
    giver = _text(draft.giver, "giver", MAX_SHORT, problems, short=True)
    if not giver and kind in ("gift", "hospitality") and not any(p.field == "giver" for p in problems):
        problems.append(Problem("giver", "say who offered it (a person or an organisation)"))
    description = _text(draft.description, "description", MAX_LONG, problems)
    if not description and not any(p.field == "description" for p in problems):
        problems.append(Problem("description", "say what was offered or what you are declaring"))
    circumstances = _text(draft.circumstances, "circumstances", MAX_LONG, problems)
    approver = _text(draft.approver, "approver", MAX_SHORT, problems, short=True)
    if approver and not _LOGIN.match(approver):
        problems.append(Problem("approver", "give the approver's login name (letters, digits, . _ - @ +), e.g. jsmith"))
    approver_role = _text(draft.approver_role, "approver_role", MAX_SHORT, problems, short=True)
    value = _value(draft.value, problems)
    if value is None and kind in ("gift", "hospitality") and not any(p.field == "value" for p in problems) \
            and draft.value.strip().lower() not in _NO_VALUE - {""}:
        problems.append(Problem("value", "give its value (an estimate is fine, e.g. 'about £30'), or 'unknown'"))
    offered_on = read_date(draft.offered_on, today, problems)
    outcome = draft.outcome.strip().lower()
    if not outcome and kind not in ("gift", "hospitality"):
        outcome = "declared"
    if outcome not in OUTCOMES:
        problems.append(Problem("outcome", "say whether you accepted or declined it"))
    if problems:
        raise InvalidEntry(problems)
    assert offered_on is not None
    return Checked(kind, giver, description, value, offered_on, outcome, circumstances, approver, approver_role)


def _text(raw: str, name: str, limit: int, problems: list[Problem], short: bool = False) -> str:
    if not isinstance(raw, str):
        raw = "" if raw is None else str(raw)
    if len(raw) > limit * 4:  # do not scan 10 MB for control characters: it is too long whatever it holds
        problems.append(Problem(name, f"is {len(raw):,} characters long; keep it under {limit:,}"))
        return ""
    text = raw.strip()
    bad = (_CONTROL_SHORT if short else _CONTROL).search(text)
    if bad:
        problems.append(Problem(name, f"contains a control character (U+{ord(bad.group(0)):04X}) at position "
                                      f"{bad.start() + 1}; retype it without"))
        return ""
    if len(text) > limit:
        problems.append(Problem(name, f"is {len(text):,} characters long; keep it under {limit:,}"))
        return ""
    return text


def read_value(raw: str) -> int | None:
    """Pence from a value as typed; raises InvalidEntry for a value that is not pounds."""
    problems: list[Problem] = []
    pence = _value(raw, problems)
    if problems:
        raise InvalidEntry(problems)
    return pence


def _value(raw: str, problems: list[Problem]) -> int | None:
    from assistant.understand.money import GBP, collapse_ranges, find_amounts

    text = (raw or "").strip()
    if text.lower() in _NO_VALUE:
        return 0 if text in ("0", "£0") else None
    if len(text) > MAX_SHORT:
        problems.append(Problem("value", "is too long for an amount"))
        return None
    if _NEGATIVE.search(text):
        problems.append(Problem("value", "cannot be negative"))
        return None
    bare = _BARE_POUNDS.match(text)
    if bare:
        pence = round(float(bare.group("num").replace(",", "")) * 100)
    else:
        amounts = collapse_ranges(find_amounts(text), text)
        if not amounts:
            problems.append(Problem("value", f"could not read {text[:40]!r} as an amount; write it like £30 or 30.50"))
            return None
        if len(amounts) > 1:
            problems.append(Problem("value", "give one amount (the total value)"))
            return None
        money = amounts[0]
        if money.currency != GBP:
            problems.append(Problem("value", "give the value in pounds (convert it at today's rate)"))
            return None
        pence = money.pence
    if pence > MAX_VALUE_PENCE:
        problems.append(Problem("value", "is over £1,000,000; check the amount"))
        return None
    return pence


def read_date(raw: str, today: date, problems: list[Problem]) -> date | None:
    text = (raw or "").strip().lower()
    if not text:
        problems.append(Problem("offered_on", "say when it was offered (e.g. 2026-11-30, 30/11/2026, yesterday)"))
        return None
    found = _parse_date(text, today)
    if found is None:
        problems.append(Problem("offered_on", f"could not read {raw.strip()[:40]!r} as a date; write it like 2026-11-30 or 30/11/2026"))
        return None
    if found > today:
        problems.append(Problem("offered_on", f"{found.isoformat()} is in the future; record an offer once it is made"))
        return None
    if found < EARLIEST:
        problems.append(Problem("offered_on", f"{found.isoformat()} is too long ago; check the year"))
        return None
    return found


def _parse_date(text: str, today: date) -> date | None:
    if text == "today":
        return today
    if text == "yesterday":
        return today - timedelta(days=1)
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", text)
        if m:
            year = int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
            return date(year, int(m.group(2)), int(m.group(1)))
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\s+(\d{4})", text)
        if m and _month(m.group(2)):
            return date(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
        m = re.fullmatch(r"([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", text)
        if m and _month(m.group(1)):
            return date(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
    except ValueError:
        return None
    return None


def _month(word: str) -> int:
    for name, number in _MONTHS.items():
        if len(word) >= 3 and name.startswith(word):
            return number
    return 0
