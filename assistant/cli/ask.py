"""`conduct ask` and `conduct compare`: one answer, a JSON-lines conversation, or a plain chat."""

from __future__ import annotations

import argparse
import sys

from assistant.cli.output import emit_json, emit_json_line, error, unguarded_stdout, wrap
from corpus.library import Library


def make_assistant(library: Library):
    from assistant.cli.search import load_retriever
    from assistant.engine import Assistant

    return Assistant(library, retriever=load_retriever(library))


EXIT_ANSWERED, EXIT_ERROR_REPLY, EXIT_USAGE = 0, 1, 2
"""Exit status (documented in `conduct ask --help`)."""


def typed(reply) -> dict:
    """The reply's JSON with its kind first: "answer", "command" or "error", so a script can tell lines apart."""
    kind = "answer" if reply.answer is not None else "error" if reply.error is not None else "command"
    return {"type": kind, **reply.to_json()}


def cmd_ask(library: Library, args: argparse.Namespace) -> int:
    from assistant.cli.output import resolve_council
    from assistant.session import Session

    council = None
    if args.council:
        council = resolve_council(library, args.council)
        if council is None:
            return EXIT_USAGE
    from assistant.register.history import register_lookup

    assistant = make_assistant(library)
    session = Session(assistant, council, lookup=register_lookup(assistant=assistant))
    if args.question is not None:
        reply = session.handle(" ".join(args.question) if isinstance(args.question, list) else args.question)
        if _asks_for_the_council(reply):
            return _no_council(library, args)
        if getattr(args, "record", False) and reply.answer is not None:
            from assistant.cli.register import record_answer

            return record_answer(library, reply.answer, args)
        if args.json:
            emit_json(typed(reply))
        else:
            print(plain_reply(reply))
        return EXIT_ANSWERED if reply.error is None else EXIT_ERROR_REPLY
    each = getattr(args, "each", False)
    if args.json or not sys.stdin.isatty():
        return json_lines(session, each) if args.json else plain_lines(session, prompt=False, each=each)
    return plain_lines(session, prompt=True)


def _asks_for_the_council(reply) -> bool:
    """The only thing missing is which council: a one-off question cannot be told afterwards."""
    answer = reply.answer
    return answer is not None and answer.council is None and answer.verdict == "needs_info" and not answer.councils


def _no_council(library: Library, args: argparse.Namespace) -> int:
    slugs = ", ".join(library.slugs)
    message = (f"which council? Each council's code has its own rules. Pass --council with one of: {slugs} "
               f"(e.g. conduct ask --council {library.slugs[0]} \"...\"), or name the council in the question.")
    if args.json:
        emit_json({"type": "error", "error": message, "councils": list(library.slugs)})
    error(message)
    return EXIT_USAGE


def json_lines(session, each: bool = False) -> int:
    """One JSON line out for every line in, commands and errors included; never a traceback.

    Standard input is read as bytes and decoded leniently, so an invalid UTF-8 byte becomes
    U+FFFD in that line instead of ending the conversation (or the process) with an error.
    With ``each``, every question is answered on its own (the council chosen is kept), for
    scripts that check many questions at once.
    The exit status is 1 if any line got an error reply.
    """
    status = EXIT_ANSWERED
    for raw in sys.stdin.buffer:
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        try:
            if each and not line.lstrip().startswith("/"):
                session.conversation.reset()
            reply = session.handle(line)
            emit_json_line(typed(reply))
            if reply.error is not None:
                status = EXIT_ERROR_REPLY
        except Exception as exc:  # one bad line must not end a scripted conversation
            emit_json_line({"type": "error", "error": f"internal error: {type(exc).__name__}"})
            status = EXIT_ERROR_REPLY
    return status


def plain_lines(session, prompt: bool, each: bool = False) -> int:
    """The plain conversation for screen readers and dumb terminals: 'You:' / 'Conduct:' lines."""
    if prompt:
        print("Conduct — ask about your council's code of conduct. Type /help for commands, /quit to leave.")
        if session.council is None:
            print("Conduct: Which council do you work for? Type /council and its name, e.g. /council thurrock.")
    # Piped input is read as bytes, like json_lines: an invalid byte becomes U+FFFD, not a traceback.
    piped = None if prompt else (raw.decode("utf-8", errors="replace").rstrip("\r\n") for raw in sys.stdin.buffer)
    status = EXIT_ANSWERED
    while True:
        try:
            if piped is None:
                with unguarded_stdout():
                    line = input("You: ")
            else:
                line = next(piped)
        except StopIteration:
            return status
        except (EOFError, KeyboardInterrupt):
            print()  # end the "You: " line, so the shell's prompt starts on its own
            return status
        if each and not line.lstrip().startswith("/"):
            session.conversation.reset()
        reply = session.handle(line)
        print(plain_reply(reply, lead=CONDUCT).replace("\n", "\n" + " " * len(INDENT)))
        if reply.error is not None and piped is not None:
            status = EXIT_ERROR_REPLY
        if reply.quit:
            return status


CONDUCT, INDENT = "Conduct: ", "  "
"""The plain conversation's reply prefix, and the indent of a reply's later lines."""


def plain_reply(reply, lead: str = "") -> str:
    """A reply as wrapped text; `lead` starts its first line and is counted in that line's width."""
    if reply.error is not None:
        return wrap(f"Sorry — {reply.error}.", "", "    ", lead=lead)
    if reply.answer is None:
        return "\n".join(wrap(line, "", "    ", lead=lead if n == 0 else "")
                         for n, line in enumerate(reply.message.split("\n")))
    return plain_answer(reply.answer, lead)


def plain_answer(answer, lead: str = "") -> str:
    """The answer as plain text: the verdict in words first, then reasons, actions and the clauses."""
    label = "COMPARISON" if answer.councils else answer.label.upper()
    out = [wrap(f"{label}: {answer.summary}", lead=lead)]
    if answer.councils:
        out.append("")
        for row in answer.councils.values():
            name = row["name"][:1].upper() + row["name"][1:]
            if row["verdict"] == "guidance" and row.get("reasons"):
                rule = " ".join(row["reasons"][:2])  # an overview: the council's first rules, not a heading
                out.append(wrap(f"{name}: {rule}", "  ", "    "))
            else:
                out.append(wrap(f"{name}: {row['label']} — {row['summary']}", "  ", "    "))
    if answer.reasons and not answer.councils:
        out += ["", "Why:"] + [wrap(f"- {p.text}" + (f" [{p.citation}]" if p.citation else ""), "", "  ") for p in answer.reasons]
    if answer.actions:
        out += ["", "What to do:"] + [wrap(f"- {p.text}" + (f" [{p.citation}]" if p.citation else ""), "", "  ") for p in answer.actions]
    if answer.follow_up:
        if answer.follow_up != answer.summary:
            out += ["", wrap(answer.follow_up)]
        if answer.follow_up_why:
            out.append(wrap(f"(Why I ask: {answer.follow_up_why})"))
    if answer.citations and not answer.councils:
        out += ["", "Clauses cited (full text: conduct show ID):"]
        for c in answer.citations:
            out.append(wrap(f"{c.id} ({c.section}): \"{_quoted(c)}\"", "  ", "    "))
    if answer.notice:
        out += ["", answer.notice]
    return "\n".join(out)


def _quoted(citation) -> str:
    """The words of the clause that decided the answer, or its opening, for a short plain answer."""
    if citation.highlight:
        return citation.highlight
    text = citation.text.split("\n", 1)[0]
    return text if len(text) <= 240 else text[:239].rsplit(" ", 1)[0] + " …"


def cmd_compare(library: Library, args: argparse.Namespace) -> int:
    from assistant.session import read_compare

    request = read_compare(" ".join(args.topic))
    if request.topic is None:
        from assistant.decide.topics import TOPICS

        from corpus.safe_text import shown

        error(f"no topic in {shown(request.text)!r}. Topics: {', '.join(TOPICS)}.")
        return 2
    answer = make_assistant(library).compare(request.text, request.topic, request.facts, notice=request.notice)
    if args.json:
        emit_json({"type": "answer", **answer.to_json()})
    else:
        print(plain_answer(answer))
    return 0
