"""The conversation as a Markdown transcript with its citations, written atomically."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tui.literal import literal

if TYPE_CHECKING:
    from assistant.answer import Answer
    from tui.backend import Turn


Names = Callable[[str], str]
"""A council's display name from its slug."""


def transcript_markdown(turns: Sequence["Turn"], names: Names, when: datetime) -> str:
    """Every question and reply in order, each answer naming the council whose code gave it,
    followed by the clauses it cites (a conversation may move between councils)."""
    used = list(dict.fromkeys(_council_of(t.reply.answer, names) for t in turns if t.reply.answer is not None))
    lines = [
        "# Conduct conversation",
        "",
        f"Exported {when:%Y-%m-%d %H:%M:%S}. " + (f"Answers from: {'; '.join(used)}." if used else "No answers."),
        "",
        "Answers come from the councils' codes of conduct; each names its council and cites the clauses it relies on.",
    ]
    for number, turn in enumerate(turns, start=1):
        lines += ["", f"## {number}. You", ""]
        lines += [f"> {line}" if line else ">" for line in literal(turn.question).splitlines() or [""]]
        lines += ["", *_reply_lines(turn, names)]
    return "\n".join(lines) + "\n"


def _council_of(answer: "Answer", names: Names) -> str:
    if answer.councils:
        return "every council (a comparison)"
    return names(answer.council) if answer.council else "no council"


def _reply_lines(turn: "Turn", names: Names) -> list[str]:
    reply = turn.reply
    if reply.answer is not None:
        return [f"_Council: {literal(_council_of(reply.answer, names))}_", "", *_answer_lines(reply.answer)]
    if reply.error is not None:
        return [f"_Conduct: {literal(reply.error)}_"]
    return [f"_Conduct: {literal(reply.message)}_"]


def _answer_lines(answer: "Answer") -> list[str]:
    lines = ["**Conduct:** " + literal(answer.markdown())]
    if answer.councils:
        lines += ["", "| Council | Verdict | Summary |", "| --- | --- | --- |"]
        lines += [f"| {_cell(row['name'])} | {_cell(row['label'])} | {_cell(row['summary'])} |"
                  for row in answer.councils.values()]
    if answer.citations:
        lines += ["", "**Clauses cited**", ""]
        for citation in answer.citations:
            text = literal(citation.text).replace("\n", " ")
            lines.append(f"- **{citation.id}** ({literal(citation.section)}): {text}")
            if citation.highlight:
                lines.append(f"  - Deciding words: \u201c{literal(citation.highlight)}\u201d")
    return lines


def _cell(value: object) -> str:
    return literal(str(value)).replace("|", "\\|").replace("\n", " ")


def export_path(directory: Path, when: datetime) -> Path:
    """A new file name with the time in it; a second export in the same second gets a suffix."""
    stem = f"conduct-{when:%Y-%m-%d-%H%M%S}"
    path = directory / f"{stem}.md"
    counter = 2
    while path.exists():
        path = directory / f"{stem}-{counter}.md"
        counter += 1
    return path


def write_transcript(turns: Sequence["Turn"], names: Names, directory: Path,
                     when: datetime | None = None) -> Path:
    """Write the transcript under `directory` (atomically) and return its path."""
    from corpus.atomic import write_atomic

    moment = when or datetime.now()
    path = export_path(directory, moment)
    write_atomic(path, transcript_markdown(turns, names, moment))
    return path
