"""The `add`, `remove` and `profile` commands: bringing your own council's code.

`conduct add PATH --name NAME [--slug SLUG] [--json]` reads the file, finds its
clauses, drafts its decision parameters (assistant/decide/drafting.py) and stores it
all at once under CONDUCT_HOME/councils/SLUG, then builds the search index so
the first question is quick. `conduct remove SLUG` deletes an added council.
`conduct profile SLUG [--json]` lists a council's parameters by topic, each with
the clause it cites and the words it quotes.

Every refusal is one clear message on stderr and exit status 2, with nothing
changed on disk. Heavy modules are imported only inside the handlers, so that
registering these commands costs the CLI nothing at start-up.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.cli.output import emit_json, error, wrap
from assistant.decide.policy import policy_problems  # noqa: F401  (re-exported: checked here for `profile`)

if TYPE_CHECKING:
    from assistant.decide.policy import Param, Policy
    from corpus.clause import Document
    from corpus.library import Library

Handler = Callable[..., int]
EXIT_ERROR = 2
KIND_NAMES = {"txt": "plain text", "md": "Markdown", "docx": "Word document", "pdf": "PDF"}
EXAMPLE_QUESTION = "Can I accept a £30 gift from a supplier?"


def register(commands: Any) -> dict[str, Handler]:
    """Add the `add`, `remove` and `profile` subparsers; return their handlers by command name."""
    p = commands.add_parser("add", help="add your own council's code of conduct (.txt, .md, .docx or .pdf)",
                            description="Read a council's code of conduct, find its numbered clauses, draft its "
                            "rules (each citing its clause) and add it beside the bundled councils.")
    p.add_argument("path", metavar="PATH", help="the code of conduct: a .txt, .md, .docx or .pdf file")
    p.add_argument("--name", required=True, metavar="NAME", help='the council\'s name, e.g. "Anytown Borough Council"')
    p.add_argument("--slug", metavar="SLUG",
                   help="the short id used in commands and citations (default: made from the name, e.g. anytown)")
    p.add_argument("--json", action="store_true", help="print JSON for scripts instead of text")

    p = commands.add_parser("remove", help="remove a council you added (bundled councils cannot be removed)")
    p.add_argument("slug", metavar="SLUG", help="the added council's slug, e.g. anytown")
    p.add_argument("--json", action="store_true", help="print JSON for scripts instead of text")

    p = commands.add_parser("profile", help="a council's rules as Conduct reads them: each value, clause and quote")
    p.add_argument("council", metavar="SLUG", help="council slug, e.g. thurrock or one you added")
    p.add_argument("--json", action="store_true", help="print JSON for scripts instead of text")
    return {"add": cmd_add, "remove": cmd_remove, "profile": cmd_profile}


def _label(topic: str) -> str:
    return {"alcohol_drugs": "alcohol and drugs"}.get(topic, topic.replace("_", " "))


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


# --------------------------------------------------------------------------- add


def cmd_add(library: "Library", args: argparse.Namespace) -> int:
    from assistant.decide.drafting import draft_policy, policy_toml
    from corpus.added import AddError, add_council
    from corpus.extract import ExtractError

    drafted: list["Param"] = []

    def draft(document: "Document") -> dict[str, str]:
        _say("Drafting rules…")
        drafted[:] = draft_policy(document)
        return {"policy.toml": policy_toml(document, drafted)}

    try:
        result = add_council(Path(args.path), args.name, args.slug, progress=_say, extra_files=draft)
    except (AddError, ExtractError) as exc:
        error(str(exc))
        return EXIT_ERROR
    _say("Indexing…")
    try:
        _index()
    except Exception as exc:  # the council is added; the index is only a head start
        error(f"the search index could not be built now ({exc.__class__.__name__}: {exc}); "
              "it will be built when the first question is asked")
    summary = add_summary(result, drafted)
    if args.json:
        emit_json(summary)
    else:
        print(add_text(summary))
    return 0


def _index() -> None:
    """Build (and cache) the search index over every council now, so the first question is quick."""
    from corpus.library import load_library
    from index.retriever import load_retriever, stderr_progress

    from assistant.cli.output import detail

    load_retriever(load_library(), progress=stderr_progress(), warn=detail)


def add_summary(result: Any, params: list["Param"]) -> dict[str, Any]:
    from assistant.decide.schema import TOPICS

    document = result.document
    counts: dict[str, int] = {}
    for param in params:
        topic = param.name.split(".")[0] if "." in param.name else "contact"
        counts[topic] = counts.get(topic, 0) + 1
    slug = result.slug
    return {
        "slug": slug,
        "name": result.name,
        "title": document.council.title,
        "slug_derived": result.slug_was_derived,
        "directory": str(result.directory),
        "source": result.source_name,
        "kind": result.kind,
        "clauses": len(document.clauses),
        "sections": [{"id": s.id, "heading": s.heading, "clauses": len(s.clause_ids)} for s in document.sections],
        "parameters": counts,
        "parameter_count": len(params),
        "not_drafted": [t for t in TOPICS if t not in counts],
        "warnings": list(result.warnings),
        "next": [f"conduct clauses {slug}", f"conduct profile {slug}",
                 f'conduct ask --council {slug} "{EXAMPLE_QUESTION}"'],
    }


def add_text(s: dict[str, Any]) -> str:
    slug_note = " (made from the name; choose your own with --slug)" if s["slug_derived"] else ""
    sections = [x for x in s["sections"] if x["clauses"]]
    lines = [
        f"Added {s['name']} as {s['slug']!r}{slug_note}.",
        f"  Source:    {s['source']} ({KIND_NAMES.get(s['kind'], s['kind'])}), kept in {s['directory']}",
        f"  Clauses:   {s['clauses']} in {len(sections)} section{'s' if len(sections) != 1 else ''}",
    ]
    for section in sections:
        lines.append(f"             {section['id']:<24} {section['heading']} ({section['clauses']})")
    if s["parameter_count"]:
        per = ", ".join(f"{_label(topic)} {n}" for topic, n in s["parameters"].items())
        lines.append(wrap(f"Rules:     {s['parameter_count']} drafted automatically, each citing its clause — {per}",
                          "  ", "             "))
    else:
        lines.append("  Rules:     none could be drafted; every answer will quote the closest clauses")
    if s["not_drafted"]:
        lines.append(wrap("Not found: " + ", ".join(_label(t) for t in s["not_drafted"])
                          + " (answers on these quote the closest clauses instead of deciding)", "  ", "             "))
    for warning in s["warnings"]:
        lines.append(wrap(f"Warning:   {warning}", "  ", "             "))
    lines.append("")
    lines.append("Check the drafted rules against the code, then try a question:")
    lines.extend(f"  {command}" for command in s["next"])
    return "\n".join(lines)


# --------------------------------------------------------------------------- remove


def cmd_remove(library: "Library", args: argparse.Namespace) -> int:
    from corpus.added import AddError, remove_council

    try:
        result = remove_council(args.slug)
    except AddError as exc:
        error(str(exc))
        return EXIT_ERROR
    if args.json:
        emit_json({"removed": result.slug, "name": result.name, "directory": str(result.directory)})
    else:
        print(f"Removed {result.name} ({result.slug}): its folder {result.directory} was deleted.")
    return 0


# --------------------------------------------------------------------------- profile


def cmd_profile(library: "Library", args: argparse.Namespace) -> int:
    from assistant.cli.output import resolve_council
    from assistant.decide.policy import PolicyError, bundled_policy, policies_dir, policy_for
    from corpus.home import conduct_home

    slug = resolve_council(library, args.council)
    if slug is None:
        return EXIT_ERROR
    document = library.document(slug)
    council = document.council
    if council.bundled:
        path = policies_dir() / f"{slug}.toml"
        policy = bundled_policy(slug)
    else:
        path = conduct_home() / "councils" / slug / "policy.toml"
        try:
            policy = policy_for(slug)
        except PolicyError as exc:
            error(str(exc))
            error(f"Correct {path}, or delete it to have every answer for {slug} quote the closest clauses instead.")
            return EXIT_ERROR
        problems = policy_problems(document, policy, str(path))
        if problems:
            for problem in problems:
                error(problem)
            error(f"Correct {path}, or delete it to have every answer for {slug} quote the closest clauses instead.")
            return EXIT_ERROR
    data = profile_data(document, policy, path if path.is_file() else None)
    if args.json:
        emit_json(data)
    else:
        print(profile_text(data))
    return 0


def profile_data(document: "Document", policy: "Policy", path: Path | None) -> dict[str, Any]:
    from assistant.decide.render import param_sentence
    from assistant.decide.schema import SCHEMA, TOPICS

    council = document.council
    groups: dict[str, list[dict[str, Any]]] = {}
    for name in SCHEMA:
        param = policy.get(name)
        if param is None:
            continue
        topic = name.split(".")[0] if "." in name else "contact"
        groups.setdefault(topic, []).append({
            "name": name,
            "value": list(param.value) if isinstance(param.value, tuple) else param.value,
            "sentence": _sentence(param, param_sentence),
            "citation": param.citation,
            "quote": param.quote,
            "note": param.note or None,
        })
    return {
        "council": council.slug,
        "name": council.name,
        "bundled": council.bundled,
        "drafted": not council.bundled and path is not None,
        "file": str(path) if path is not None else None,
        "parameter_count": sum(len(v) for v in groups.values()),
        "topics": [{"topic": topic, "parameters": params} for topic, params in groups.items()],
        "not_covered": [t for t in TOPICS if t not in groups],
    }


_SENTENCES = {
    "contact": "Ask {value} about anything the code leaves unclear.",
    "gifts.cash_banned": "{Value} may not be accepted.",
    "gifts.token_only": "Only gifts of token value may be kept, such as {value}.",
    "gifts.register_keeper": "The register is kept by {value}.",
    "gifts.business_items": "Small gifts must also be {value}.",
    "media.authoriser": "You may speak to the media if {value}.",
}
"""How a parameter reads in a profile, where the schema's own sentence is only a description."""


def _sentence(param: "Param", fallback: Callable[["Param"], str]) -> str:
    template = _SENTENCES.get(param.name)
    if template is None:
        text = fallback(param).strip()
        return text if text.endswith((".", "?", "!")) else text + "."
    value = str(param.value)
    return template.replace("{Value}", value[:1].upper() + value[1:]).replace("{value}", value)


def _shown_value(name: str, value: Any) -> str:
    from assistant.decide.schema import SCHEMA

    kind = SCHEMA[name][0]
    if kind == "pence":
        return (f"£{value // 100:,}" if value % 100 == 0 else f"£{value / 100:,.2f}") + f" ({value} pence)"
    if kind in {"days", "months"}:
        return f"{value} {kind}"
    if kind == "givers":
        return ", ".join(v.replace("_", " ") for v in value)
    if kind == "flag":
        return "yes"
    return str(value)


def profile_text(data: dict[str, Any]) -> str:
    slug = data["council"]
    count = data["parameter_count"]
    lines = [f"{data['name']} ({slug}) — {count} decision parameter{'s' if count != 1 else ''}"]
    if data["bundled"]:
        lines.append(wrap(f"Written by hand for Conduct and shipped with it ({data['file']}).") if data["file"]
                     else "Shipped with Conduct.")
    elif data["file"]:
        lines.append(wrap("Drafted automatically from the code when it was added: check each against its clause "
                          "(`conduct show ID`). To correct a rule, edit this file; Conduct checks it whenever it "
                          "loads it:"))
        lines.append(f"  {data['file']}")
    else:
        lines.append(wrap("No rules file: every answer for this council quotes the closest clauses. "
                          "Add the council again to draft one."))
    for group in data["topics"]:
        lines.append("")
        lines.append(_label(group["topic"]))
        for param in group["parameters"]:
            lines.append(wrap(f"{param['name']} = {_shown_value(param['name'], param['value'])}", "  ", "      "))
            lines.append(wrap(param["sentence"], "      "))
            lines.append(wrap(f"{param['citation']}: \u201c{param['quote']}\u201d", "      ", "        "))
    if data["not_covered"]:
        lines.append("")
        why = ("the code is silent on these" if data["bundled"]
               else "no rule was drafted: answers on these quote the closest clauses")
        lines.append(wrap("Nothing on: " + ", ".join(_label(t) for t in data["not_covered"]) + f" ({why})."))
    return "\n".join(lines)
