"""The `councils`, `clauses` and `show` commands: reading the codes themselves."""

from __future__ import annotations

import argparse

from assistant.cli.output import emit_json, error, resolve_council, table, wrap
from corpus.clause import Clause, Section
from corpus.library import Library
from corpus.safe_text import shown

EXIT_NOT_FOUND = 2
OPENING_WORDS = 12


def clause_json(clause: Clause) -> dict:
    return {
        "id": clause.id,
        "council": clause.council,
        "number": clause.number,
        "section": clause.section,
        "section_id": clause.section_id,
        "text": clause.text,
        "parent": clause.parent,
        "children": list(clause.children),
    }


def opening(text: str, words: int = OPENING_WORDS) -> str:
    first = text.split("\n", 1)[0].split()
    return " ".join(first[:words]) + (" …" if len(first) > words or "\n" in text else "")


def cmd_councils(library: Library, args: argparse.Namespace) -> int:
    rows = []
    for council in library.councils:
        rows.append(
            {
                "slug": council.slug,
                "name": council.name,
                "title": council.title,
                "date": council.date,
                "clauses": library.clause_count(council.slug),
                "bundled": council.bundled,
                "source": council.source,
            }
        )
    if args.json:
        emit_json(rows)
        return 0
    print(
        table(
            [[r["slug"], str(r["clauses"]), r["date"], r["name"], r["title"]] for r in rows],
            ["slug", "clauses", "date", "name", "title"],
        )
    )
    return 0


def cmd_clauses(library: Library, args: argparse.Namespace) -> int:
    """One council's outline, or every council's when no slug is given; --search searches instead."""
    slugs = library.slugs
    if args.council is not None:
        slug = resolve_council(library, args.council)
        if slug is None:
            return EXIT_NOT_FOUND
        slugs = [slug]
    if args.search:
        from assistant.cli.search import print_hits

        return print_hits(library, args.search, slugs if args.council else None, args.k, args.json)
    if args.json:
        outlines = {slug: outline_json(library.document(slug)) for slug in slugs}
        emit_json(outlines[slugs[0]] if args.council else outlines)
        return 0
    for slug in slugs:
        print_outline(library.document(slug))
    return 0


def outline_json(doc) -> list[dict]:
    return [
        {"id": s.id, "number": s.number, "heading": s.heading, "clauses": [
            {"id": c.id, "number": c.number, "opening": opening(c.text)}
            for c in (doc.get(i) for i in s.clause_ids) if c is not None
        ]}
        for s in doc.sections
    ]


def print_outline(doc) -> None:
    print(f"{doc.council.name} — {doc.council.title}")
    for section in doc.sections:
        print(f"\n{section.id}  {section.heading}")
        if not section.clause_ids:
            print("    (no text: every paragraph of this section is deleted in this draft)")
        for clause_id in section.clause_ids:
            clause = doc.get(clause_id)
            if clause is not None and clause.parent is None:
                print(f"  {clause.id:<28} {opening(clause.text)}")
    print()


def cmd_show(library: Library, args: argparse.Namespace) -> int:
    wanted = args.id.strip()
    clause = library.clause(wanted) or library.clause(wanted.lower())
    section = library.section(wanted) or library.section(wanted.lower())
    if section is not None and (clause is None or clause.parent is None and section.clause_ids != (clause.id,)):
        return show_section(library, section, args.json)
    if clause is not None:
        return show_clauses(library, [clause], args.json)
    slug = wanted.partition(":")[0].lower()
    if ":" not in wanted:
        message = f"{shown(wanted)!r} is not a clause id; ids look like thurrock:14.5 or essex:gifts-and-hospitality/2."
    elif slug not in library.documents:
        message = f"no council {shown(slug)!r} (councils: {', '.join(library.slugs)})."
    else:
        message = f"there is no clause {shown(wanted)!r}."
    suggestions = library.suggest(wanted)
    if args.json:
        emit_json({"error": message, "suggestions": suggestions})
    else:
        error(message)
        if suggestions:
            error("closest ids: " + ", ".join(suggestions))
    return EXIT_NOT_FOUND


def show_section(library: Library, section: Section, as_json: bool) -> int:
    doc = library.document(section.council)
    clauses = [doc.get(i) for i in section.clause_ids]
    top = [c for c in clauses if c is not None and c.parent is None]
    if as_json:
        emit_json({"id": section.id, "council": section.council, "heading": section.heading,
                   "clauses": [clause_json(c) for c in top]})
        return 0
    print(f"{doc.council.name} — section {section.number}: {section.heading}")
    if not top:
        print("\n(no text: every paragraph of this section is deleted in this draft)")
    for clause in top:
        print(f"\n{clause.id}")
        print(wrap(clause.text, "  "))
    return 0


def show_clauses(library: Library, clauses: list[Clause], as_json: bool) -> int:
    if as_json:
        emit_json(clause_json(clauses[0]) if len(clauses) == 1 else [clause_json(c) for c in clauses])
        return 0
    for clause in clauses:
        doc = library.document(clause.council)
        print(f"{clause.id} — {doc.council.name}, section: {clause.section}")
        if clause.parent:
            print(f"(item of {clause.parent})")
        print()
        print(wrap(clause.text, "  "))
        if clause.children:
            print("\n  Items: " + ", ".join(clause.children))
    return 0
