"""The `conduct` command line: argument parsing and dispatch to each command's module.

Each command's module is imported only when that command runs, so that
`conduct --help` and `conduct show` never pay for spaCy or Textual.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from assistant.cli.output import error, guard_streams
from assistant.decide.policy import PolicyError

Handler = Callable[..., int]


EXIT_STATUS = """exit status:
  0  every question or line was answered
  1  a question or line got an error reply (each is a JSON line of type "error" with --json)
  2  the command could not run: bad arguments, an unknown council, no council given"""

ASK_DESCRIPTION = """Ask a question and get a verdict, the reasons, what to do and the clauses that say so,
from your council's own code.

With no QUESTION, `conduct ask` is a conversation: in a terminal a plain "You:/Conduct:"
exchange (for screen readers); with input piped in, every line is one turn of the SAME
conversation, so a later line can answer an earlier question ("£30", "what if it were £20?").
Lines starting with / are commands: /council NAME, /councils, /compare TOPIC, /reset, /why,
/help, /quit."""

EXAMPLES = {
    "councils": ["conduct councils", "conduct councils --json"],
    "clauses": ["conduct clauses thurrock", "conduct clauses essex --search 'second job' -k 3"],
    "show": ["conduct show thurrock:14.5", "conduct show county:24.2(c)", "conduct show essex:gifts-and-hospitality"],
    "search": ["conduct search 'can I do a bit of moonlighting' --council thurrock -k 1", "conduct search hospitality --json"],
    "ask": ['conduct ask --council thurrock "Can I accept this £30 gift from a contractor?"',
            "printf 'Can I accept a gift?\\n£40 whisky from a supplier\\n' | conduct ask --council county --json",
            "conduct ask --council essex        (a conversation in this terminal)"],
    "compare": ["conduct compare gifts", 'conduct compare "a £30 gift from a supplier"'],
    "chat": ["conduct", "conduct chat --council thurrock"],
    "serve": ["conduct serve --council thurrock", "conduct serve --port 8080"],
    "add": ['conduct add anytown-code.docx --name "Anytown Borough Council"', "conduct add code.pdf --name \"Bee Town Council\" --slug bee"],
    "remove": ["conduct remove anytown"],
    "profile": ["conduct profile anytown", "conduct profile thurrock --json"],
    "help": ["conduct help", "conduct help ask"],
    "record": ['conduct record --council thurrock "A supplier gave me a £20 bottle of wine"'],
    "register": ["conduct register list --mine", "conduct register show 3f2a", "conduct register verify"],
}
DESCRIPTIONS = {
    "councils": "List the councils whose codes Conduct holds: slug, clauses, date, name and title.",
    "clauses": "Outline one council's code clause by clause (every council's with no SLUG), or search it with --search.",
    "show": "Print one clause, or a whole section, by its id. A mistyped id lists the closest ones.",
    "search": "Find the clauses that best match some words (BM25 over the codes' own words and everyday synonyms).",
    "compare": "Every council's verdict on a topic or a situation, side by side, saying where they disagree.",
    "chat": "The chat in this terminal: ask, browse the codes (F3), compare councils (F4), training (F5). F1 lists every key.",
    "serve": "The same chat in a browser, served on this machine only unless --host says otherwise.",
    "help": "Help on Conduct, or on one command.",
    "register": "The register of gifts, hospitality and interests: list and show entries, approve or decline "
                "those addressed to you, export it, report on it, verify its hash chain.",
    "remove": "Remove a council you added with `conduct add`, its code and its rules. Bundled councils stay.",
    "profile": "A council's rules as Conduct reads them, topic by topic: each value, the clause it comes from "
               "and the words it quotes.",
}


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts instead of text (one line)")
    parser.add_argument("--pretty", action="store_true", help="with --json: indented over several lines, for reading")


def _describe(parser: argparse.ArgumentParser, name: str) -> None:
    """Give a subcommand its description and examples (and the exit status for ask)."""
    if name in DESCRIPTIONS and not parser.description:
        parser.description = DESCRIPTIONS[name]
    examples = "examples:\n" + "\n".join(f"  {line}" for line in EXAMPLES.get(name, []))
    parser.epilog = examples + ("\n\n" + EXIT_STATUS if name in {"ask", "compare"} else "")
    parser.formatter_class = argparse.RawDescriptionHelpFormatter


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("conduct")
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conduct",
        description="Answers council officers' code-of-conduct questions with a verdict, "
        "what to do next and the clauses that say so. Offline and deterministic.",
        epilog="With no command, `conduct` opens the chat. `conduct help COMMAND` (or `conduct COMMAND --help`) "
        "explains a command, with examples.\n\n" + EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"conduct {_version()}")
    parser.add_argument("--verbose", action="store_true",
                        help="also report internal details (an index cache rebuilt, and why)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser("councils", help="list the councils and their codes")
    _add_json(p)

    p = commands.add_parser("clauses", help="outline one council's code (or search it)")
    p.add_argument("council", metavar="SLUG", nargs="?", help="council slug, e.g. thurrock (default: every council)")
    p.add_argument("--search", metavar="TEXT", help="search this code instead of listing it")
    p.add_argument("-k", type=int, default=5, help="how many search results (default 5)")
    _add_json(p)

    p = commands.add_parser("show", help="show a clause or a whole section by id")
    p.add_argument("id", metavar="ID", help="e.g. thurrock:14.5, county:24.2(c), essex:gifts-and-hospitality")
    _add_json(p)

    p = commands.add_parser("search", help="find the clauses that match some words")
    p.add_argument("text", metavar="TEXT", help="words or a question, e.g. 'second job'")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--council", metavar="SLUG", help="search one council's code")
    where.add_argument("--all", action="store_true", help="search every council (the default)")
    p.add_argument("-k", type=int, default=5, help="how many results (default 5)")
    _add_json(p)

    p = commands.add_parser("ask", help="ask a question (no question: a conversation on stdin or in the terminal)",
                            description=ASK_DESCRIPTION)
    p.add_argument("question", nargs="*", metavar="QUESTION",
                   help="e.g. 'Can I accept a £30 gift from a contractor?' (none: a conversation)")
    p.add_argument("--council", metavar="SLUG", help="your council, e.g. thurrock (typos forgiven)")
    p.add_argument("--each", action="store_true",
                   help="on standard input, answer every line as its own question (default: one conversation)")
    _add_json(p)

    p = commands.add_parser("compare", help="every council's rule on a topic, side by side")
    p.add_argument("topic", nargs="+", metavar="TOPIC", help="a topic (gifts, hospitality, ...) or a question")
    _add_json(p)

    p = commands.add_parser("chat", help="the chat in this terminal (the default)")
    p.add_argument("--council", metavar="SLUG", help="your council, e.g. thurrock")

    p = commands.add_parser("serve", help="the same chat in a browser on this machine (textual-serve)")
    p.add_argument("--council", metavar="SLUG", help="your council, e.g. thurrock")
    p.add_argument("--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--allow-remote", action="store_true", help="allow a --host other machines can reach (with a warning)")
    p.add_argument("--max-sessions", type=int, default=None, metavar="N", help="concurrent browser sessions (default 4)")
    p.add_argument("--token", default=None, help="the URL's token (default: $CONDUCT_SERVE_TOKEN, else a new random one)")

    p = commands.add_parser("web", help="the accessible web app (one person: a token link; shared: behind SSO)")
    p.add_argument("--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--council", metavar="SLUG", help="the council a new conversation starts with")
    p.add_argument("--identity-header", metavar="HEADER",
                   help="trust this header, set by your reverse proxy's single sign-on, for who is asking")
    p.add_argument("--force", action="store_true", help="serve beyond localhost without an identity header (warns)")

    from assistant.cli import add, register

    add.register(commands)  # add, remove, profile
    register.register(commands)  # record, register
    ask_parser = commands.choices["ask"]
    ask_parser.add_argument("--record", action="store_true",
                            help="record the answer in the register (see `conduct record --help` for the fields)")
    register.add_entry_options(ask_parser)

    p = commands.add_parser("help", help="help on Conduct, or on one command")
    p.add_argument("topic", nargs="?", metavar="COMMAND", help="a command, e.g. ask")

    for name, sub in commands.choices.items():
        _describe(sub, name)
    return parser


def _help(parser: argparse.ArgumentParser, topic: str | None) -> int:
    """`conduct help [COMMAND]`: the same text as `--help`."""
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if topic is None:
        parser.print_help()
        return 0
    if topic not in commands.choices:
        error(f"no command {topic!r}. Commands: {', '.join(commands.choices)}.")
        return 2
    commands.choices[topic].print_help()
    return 0


def _dispatch(args: argparse.Namespace) -> int:
    from assistant.cli import add, ask, codes, register, search
    from corpus.library import load_library

    if args.command in {"chat", "serve"}:
        return _launch(args)
    if args.command == "web":
        return _web(args)

    handlers: dict[str, Handler] = {
        "councils": codes.cmd_councils,
        "clauses": codes.cmd_clauses,
        "show": codes.cmd_show,
        "search": search.cmd_search,
        "ask": ask.cmd_ask,
        "compare": ask.cmd_compare,
        "add": add.cmd_add,
        "remove": add.cmd_remove,
        "profile": add.cmd_profile,
        "record": register.cmd_record,
        "register": register.cmd_register,
    }
    if args.command == "ask" and not args.question:
        args.question = None
    return handlers[args.command](load_library(), args)


def _launch(args: argparse.Namespace) -> int:
    """The chat lives in tui/, the layer above this one: it is found by name, only when asked for,
    so that assistant/ never imports Textual (tests/test_layers.py)."""
    import importlib

    if args.command == "chat" and not (sys.stdin.isatty() and sys.stdout.isatty()):
        error("the chat needs a terminal; for scripts use `conduct ask --json`, for a plain conversation `conduct ask`.")
        return 2
    if args.command == "serve" and args.council and not _known_council(args.council):
        return 2  # checked before serving: every browser session would otherwise start on a council that is not there
    launch = importlib.import_module("tui.launch")
    if args.command == "serve":
        return launch.run_serve(args.host, args.port, args.council, allow_remote=args.allow_remote,
                                max_sessions=args.max_sessions, token=args.token)
    return launch.run_chat(args.council, verbose=args.verbose)


def _known_council(wanted: str) -> bool:
    from assistant.cli.output import resolve_council
    from corpus.library import load_library

    return resolve_council(load_library(), wanted) is not None


def _web(args: argparse.Namespace) -> int:
    """The web app lives in web/, a front end above this layer: found by name, only for `conduct web`."""
    import importlib

    serve = importlib.import_module("web.serve")
    return serve.run(args.host, args.port, identity_header=args.identity_header, council=args.council,
                     force=args.force)


def main(argv: Sequence[str] | None = None) -> int:
    from assistant.cli import output

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv or []), "chat"])
    if args.command == "help":
        return _help(parser, args.topic)
    output.configure(pretty=getattr(args, "pretty", False), verbose=args.verbose)
    if args.command != "chat":  # the chat draws the screen itself (Textual); everything else prints
        guard_streams()
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except PolicyError as exc:  # a hand-edited policy.toml of an added council
        error(str(exc))
        return 2
    except BrokenPipeError:
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
