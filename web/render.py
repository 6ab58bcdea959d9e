"""Pages from Jinja templates: autoescaped, control characters made visible, deciding words marked.

Every value printed in a template passes `_finalize`, so text from a question
or a document is shown literally: markup is escaped by Jinja and control
characters (escape sequences included) become their visible pictures.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

_PICTURES = {code: chr(0x2400 + code) for code in range(32)}
_PICTURES[0x7F] = "\u2421"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def literal(text: str) -> str:
    """Control characters as their Unicode pictures (ESC becomes ␛), C1 controls as \\xNN."""
    return _CONTROL.sub(lambda m: _PICTURES.get(ord(m.group()), f"\\x{ord(m.group()):02x}"), text)


def _finalize(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup):
        return literal(value)
    return value


def find_span(haystack: str, needle: str | None) -> tuple[int, int] | None:
    """Where `needle` occurs in `haystack`, ignoring case and runs of white space."""
    if not needle or not needle.strip():
        return None
    words = [re.escape(word) for word in needle.split()]
    match = re.search(r"\s+".join(words), haystack, flags=re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def marked(text: str, *phrases: str | None) -> Markup:
    """The text escaped, with the first phrase found in it wrapped in <mark> (the words that decided)."""
    shown = literal(text)
    for phrase in phrases:
        span = find_span(shown, literal(phrase) if phrase else None)
        if span:
            start, end = span
            return Markup("{}<mark class=\"conduct-mark\">{}</mark>{}").format(
                shown[:start], shown[start:end], shown[end:])
    return escape(shown)


def paragraphs(text: Markup | str) -> Markup:
    """Text with line breaks as separate paragraphs (a clause keeps its list items on their own lines)."""
    safe = text if isinstance(text, Markup) else escape(literal(text))
    parts = [p for p in str(safe).split("\n") if p.strip()]
    return Markup("".join(f'<p class="govuk-body">{p}</p>' for p in parts))


def clause_url(clause_id: str) -> str:
    """`thurrock:14.5` -> `/thurrock/14.5`: the address that can be pasted into an email."""
    council, _, number = clause_id.partition(":")
    return f"/{quote(council, safe='')}/{quote(number, safe='/().-')}"


def opening(text: str, words: int = 12) -> str:
    first = text.split("\n", 1)[0].split()
    return " ".join(first[:words]) + (" …" if len(first) > words or "\n" in text else "")


def _pence(value: int | None) -> str:
    from assistant.register.model import format_pence

    return format_pence(value)


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("web", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(marked=marked, paragraphs=paragraphs, clause_url=clause_url, opening=opening,
                       literal=literal, pence=_pence)
    return env
