"""`conduct record` and `conduct register list|show|approve|decline|withdraw|submit|correct|send|export|report|verify`.

Thin: each command turns its arguments into a call on assistant.register and
prints the result, as text for people or JSON (`--json`) for scripts. Exit
codes: 0 done, 1 verify found a break, 2 refused (bad input, not allowed,
not found), 3 the register could not be used and the draft was kept locally.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

from assistant.cli.output import emit_json, error, table, wrap

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u2060\ufeff]")
ENTRY_FLAGS = ("kind", "giver", "description", "value", "date", "outcome", "circumstances", "approver")


def safe(text: Any) -> str:
    """What a terminal may be sent: a register written behind Conduct's back could hold escape sequences."""
    return _UNSAFE.sub("?", str(text))


def add_entry_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("the entry (anything the answer did not say)")
    g.add_argument("--kind", help="gift, hospitality, interest, outside_work, relationship or other")
    g.add_argument("--giver", help="who offered it, e.g. 'Acme Ltd'")
    g.add_argument("--description", help="what was offered or declared")
    g.add_argument("--value", help="its value in any form, e.g. £30, 'about forty quid'")
    g.add_argument("--date", help="when it was offered: 2026-11-30, 30/11/2026, today, yesterday")
    g.add_argument("--outcome", help="accepted or declined (declared for an interest)")
    g.add_argument("--circumstances", help="the circumstances, in a sentence or two")
    g.add_argument("--approver", help="the login of the person it goes to (your code names who: see the answer)")
    g.add_argument("--draft", action="store_true", help="save it as a draft to finish later instead of submitting")


def register(commands: Any) -> None:
    p = commands.add_parser("record", help="record a gift, hospitality or interest in the register",
                            description="Record an entry in the register of gifts, hospitality and interests. "
                            "With a question, the entry is filled in from Conduct's answer; with --json and no "
                            "question, a JSON object of the entry's fields is read from standard input.")
    p.add_argument("question", nargs="*", metavar="QUESTION", help="the question whose answer this records")
    p.add_argument("--council", metavar="SLUG", help="your council, e.g. thurrock")
    add_entry_options(p)
    p.add_argument("--json", action="store_true", help="JSON out (and, with no question, JSON in on stdin)")

    p = commands.add_parser("register", help="the register: list, show, approve, decline, export, report, verify")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = actions.add_parser("list", help="the entries you can see, newest first")
    q.add_argument("--status", choices=["draft", "submitted", "approved", "declined", "withdrawn"])
    q.add_argument("--mine", action="store_true", help="only your own entries")
    q.add_argument("--waiting", action="store_true", help="only entries waiting for your decision")
    _json(q)
    q = actions.add_parser("show", help="one entry, its answer and its history")
    q.add_argument("id", metavar="ID", help="an entry's id (the first few characters are enough)")
    _json(q)
    for name, verb in (("approve", "approve an entry addressed to you"), ("decline", "decline an entry addressed to you")):
        q = actions.add_parser(name, help=verb)
        q.add_argument("id", metavar="ID")
        q.add_argument("--comment", default="", help="your reasons, kept with the decision")
        _json(q)
    for name, verb in (("withdraw", "withdraw one of your drafts"), ("submit", "submit one of your drafts")):
        q = actions.add_parser(name, help=verb)
        q.add_argument("id", metavar="ID")
        _json(q)
    q = actions.add_parser("correct", help="correct one of your entries: the change is a new event, the old "
                           "values stay in its history", description="Correct an entry you recorded. Give only "
                           "the fields that change; a submitted entry is never edited in place: the correction "
                           "is appended to its history, and an entry already decided goes back for a decision.")
    q.add_argument("id", metavar="ID")
    add_entry_options(q)
    _json(q)
    q = actions.add_parser("send", help="submit the drafts kept on this computer when the register was out of reach")
    _json(q)
    q = actions.add_parser("export", help="the register for publication, as CSV or an accessible HTML page")
    q.add_argument("--format", choices=["csv", "html"], default="csv")
    q.add_argument("--officers", action="store_true", help="include officers' names (left out by default)")
    q.add_argument("--period", help="only this period: 2026, 2026-Q3, this-quarter, last-quarter")
    q.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    _json(q)
    q = actions.add_parser("report", help="the Monitoring Officer's quarterly or annual report")
    q.add_argument("--period", default="this-year", help="2026, 2026-Q3, this-quarter, last-quarter (default this year)")
    q.add_argument("--waiting-days", type=int, help="flag entries waiting longer than this (default: 28)")
    _json(q)
    q = actions.add_parser("verify", help="check the hash chain: name any row altered or removed")
    _json(q)


def _json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON for scripts instead of text")


# --------------------------------------------------------------------------- record

def draft_from(args: argparse.Namespace, base=None):
    """The command line's fields over the prefilled draft (or an empty one)."""
    from dataclasses import replace

    from assistant.register.model import Draft

    draft = base or Draft()
    changes = {}
    for flag in ENTRY_FLAGS:
        value = getattr(args, flag, None)
        if value is not None:
            changes["offered_on" if flag == "date" else flag] = value
    return replace(draft, **changes)


def prefilled(library, answer, said: str = ""):
    from assistant.register.prefill import draft_for

    return draft_for(answer, said)


def cmd_record(library, args: argparse.Namespace) -> int:
    from assistant.register.model import Draft

    answer = None
    if args.question:
        from assistant.cli.ask import make_assistant
        from assistant.cli.output import resolve_council

        council = resolve_council(library, args.council) if args.council else None
        if args.council and council is None:
            return 2
        from assistant.register.history import register_lookup

        assistant = make_assistant(library)
        answer = assistant.ask(" ".join(args.question), council=council)
        answer = register_lookup(assistant=assistant)(answer, "")  # the entry says what `conduct ask` would
        base = prefilled(library, answer)
    elif args.json and not sys.stdin.isatty():
        try:
            data = json.loads(sys.stdin.buffer.read(20_000_000).decode("utf-8", errors="replace"))
            if not isinstance(data, dict):
                raise ValueError("not an object")
            base = Draft.from_json(data.get("draft", data))
        except (ValueError, TypeError) as exc:
            return _refused(args, f"standard input is not a JSON object of the entry's fields ({exc})")
    else:
        base = Draft(council=args.council)
    return record_draft(draft_from(args, base), args, answer)


def record_answer(library, answer, args: argparse.Namespace) -> int:
    """`conduct ask --record`: the full answer, then the entry made from it."""
    from assistant.cli.ask import plain_answer

    if not args.json:
        print(plain_answer(answer) + "\n")
    return record_draft(draft_from(args, prefilled(library, answer)), args, answer, echo=False)


def record_draft(draft, args: argparse.Namespace, answer=None, echo: bool = True) -> int:
    from assistant.register.outbox import record_or_keep
    from assistant.register.validate import InvalidEntry

    try:
        outcome = record_or_keep(draft, submit=not getattr(args, "draft", False))
    except InvalidEntry as exc:
        if args.json:
            emit_json({"recorded": False, "problems": [{"field": p.field, "message": p.message} for p in exc.problems],
                       "draft": draft.to_json(), **({"answer": answer.to_json()} if answer else {})})
        else:
            if answer is not None and echo:
                print(wrap(f"{answer.label.upper()}: {answer.summary}"))
            error("not recorded; please give:")
            for problem in exc.problems:
                sys.stderr.write(f"  --{_flag(problem.field)}: {safe(problem.message)}\n")
            if draft.approver_role and any(p.field == "approver" for p in exc.problems):
                sys.stderr.write(f"  (the code sends it to {safe(draft.approver_role)})\n")
        return 2
    if args.json:
        emit_json({**outcome.to_json(), **({"answer": answer.to_json()} if answer else {})})
    else:
        if answer is not None and echo:
            print(wrap(f"{answer.label.upper()}: {answer.summary}"))
        print(wrap(safe(outcome.message)))
    return 0 if outcome.entry is not None else 3


def _flag(field: str) -> str:
    return {"offered_on": "date", "approver_role": "approver"}.get(field, field)


# --------------------------------------------------------------------------- register

def cmd_register(library, args: argparse.Namespace) -> int:
    from assistant.register.database import RegisterError, Unavailable
    from assistant.register.validate import InvalidEntry

    try:
        return _ACTIONS[args.action](args)
    except InvalidEntry as exc:
        return _refused(args, str(exc))
    except Unavailable as exc:
        return _refused(args, str(exc), code=3)
    except (RegisterError, ValueError) as exc:
        return _refused(args, str(exc))


def _refused(args: argparse.Namespace, message: str, code: int = 2) -> int:
    if getattr(args, "json", False):
        emit_json({"error": message})
    else:
        error(safe(message))
    return code


def _store():
    from assistant.register.store import Store

    return Store()


def _list(args) -> int:
    with _store() as store:
        rows = store.entries(status=args.status, mine=args.mine, waiting_for_me=args.waiting)
        who = f"{store.user} ({store.role.replace('_', ' ')})"
    if args.json:
        emit_json({"user": who, "entries": [e.to_json() for e in rows]})
        return 0
    if not rows:
        print(f"No entries for {who}.")
        return 0
    print(table([[e.id, e.offered_on.isoformat(), e.status, e.officer, e.approver, e.value_text,
                  safe(f"{e.giver}: {e.description}" if e.giver else e.description)] for e in rows],
                ["id", "date", "status", "officer", "approver", "value", "giver: what"]))
    return 0


def _show(args) -> int:
    from assistant.register.model import describe_event

    with _store() as store:
        entry = store.get(args.id)
        events = store.events(entry.id)
    if args.json:
        emit_json({"entry": entry.to_json(), "events": [e.to_json() for e in events]})
        return 0
    print(entry_text(entry))
    print("\nHistory:")
    for event in events:
        print(wrap(safe(f"- {event.at[:19].replace('T', ' ')} {describe_event(event)}"), "", "  "))
    return 0


def entry_text(entry) -> str:
    from assistant.register.model import KIND_LABELS, STATUS_LABELS

    lines = [f"Entry {entry.id} — {STATUS_LABELS.get(entry.status, entry.status)}",
             f"  {KIND_LABELS.get(entry.kind, entry.kind)} on {entry.offered_on.isoformat()}, {entry.outcome}"
             + (f", {entry.value_text}" if entry.value_text else "")]
    for label, value in (("Offered by", entry.giver), ("What", entry.description),
                         ("Circumstances", entry.circumstances), ("Officer", entry.officer),
                         ("Goes to", entry.approver + (f" ({entry.approver_role})" if entry.approver_role else "")),
                         ("Decided by", entry.decided_by), ("Comment", entry.decision_comment),
                         ("Answer", f"{entry.verdict}: {entry.summary}" if entry.verdict else ""),
                         ("Clauses", ", ".join(entry.citations))):
        if value:
            lines.append(wrap(safe(f"{label}: {value}"), "  ", "    "))
    return "\n".join(lines)


def _decide(args) -> int:
    with _store() as store:
        entry = (store.approve if args.action == "approve" else store.decline)(args.id, args.comment)
    return _done(args, entry, f"Entry {entry.id} {entry.status}.")


def _withdraw(args) -> int:
    with _store() as store:
        entry = store.withdraw(args.id) if args.action == "withdraw" else store.submit(args.id)
    return _done(args, entry, f"Entry {entry.id} {entry.status}.")


def _correct(args) -> int:
    from assistant.register.model import draft_of

    if getattr(args, "draft", False):
        return _refused(args, "--draft does not apply to a correction")
    with _store() as store:
        entry = store.get(args.id)
        before = entry.last_seq
        corrected = store.correct(entry.id, draft_from(args, draft_of(entry)))
    if corrected.last_seq == before:
        return _done(args, corrected, f"Entry {corrected.id}: nothing changed, so nothing was recorded.")
    note = " It goes back to its approver for a new decision." if entry.status in ("approved", "declined") else ""
    return _done(args, corrected, f"Entry {corrected.id} corrected ({corrected.status}).{note}")


def _done(args, entry, message: str) -> int:
    if args.json:
        emit_json({"entry": entry.to_json(), "message": message})
    else:
        print(message)
    return 0


def _send(args) -> int:
    from assistant.register.outbox import pending, send

    if not pending():
        return _done_message(args, "No drafts are waiting on this computer.", {"sent": [], "failed": []})
    with _store() as store:
        sent, failed = send(store)
    message = f"Sent {len(sent)} kept draft{'s' if len(sent) != 1 else ''}." + \
        "".join(f"\n  not sent ({k.path.name}): {reason}" for k, reason in failed)
    return _done_message(args, safe(message), {"sent": [e.to_json() for e in sent],
                                               "failed": [{"file": str(k.path), "problem": r} for k, r in failed]})


def _done_message(args, message: str, data: dict) -> int:
    if args.json:
        emit_json({"message": message, **data})
    else:
        print(message)
    return 0


def _export(args) -> int:
    from assistant.register import export

    with _store() as store:
        period = _period(args.period)
        rows = store.entries(since=period.start if period else None, until=period.end if period else None)
    text = export.to_html(rows, officers=args.officers) if args.format == "html" else export.to_csv(rows, args.officers)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                out.write(text)
        except OSError as exc:
            return _refused(args, f"could not write {args.output}: {exc.strerror}")
        return _done_message(args, f"Wrote {len(export.published(rows))} entries to {args.output}.",
                             {"file": args.output, "entries": len(export.published(rows))})
    if args.json:
        emit_json({"format": args.format, "entries": len(export.published(rows)), "text": text})
    else:
        sys.stdout.write(text)
    return 0


def _period(text: str | None):
    from assistant.register.reports import read_period

    return read_period(text) if text else None


def _report(args) -> int:
    from assistant.register import reports

    period = reports.read_period(args.period)
    with _store() as store:
        rows = store.entries(since=period.start, until=period.end)
    report = reports.build(rows, period, waiting_days=args.waiting_days,
                           waiting_basis="as asked" if args.waiting_days is not None else None)
    if args.json:
        emit_json(report.to_json())
    else:
        print(safe(report.text()))
    return 0


def _verify(args) -> int:
    with _store() as store:
        result = store.verify()
    if args.json:
        emit_json(result.to_json())
    elif result.ok:
        print(f"The register verifies: {result.events} events, {result.entries} entries, chain unbroken.")
    else:
        print(f"The register does NOT verify ({len(result.breaks)} problem{'s' if len(result.breaks) != 1 else ''}):")
        for b in result.breaks:
            print(wrap(safe(f"- {b}"), "", "  "))
    return 0 if result.ok else 1


_ACTIONS = {"list": _list, "show": _show, "approve": _decide, "decline": _decide, "withdraw": _withdraw,
            "submit": _withdraw, "correct": _correct, "send": _send, "export": _export, "report": _report, "verify": _verify}
