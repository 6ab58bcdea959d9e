"""Small text helpers shared by the document readers: markup, slugs, headings."""

from __future__ import annotations

import re

_BOLD = re.compile(r"\*\*(.*?)\*\*|(?<!\w)__(?=[^\W_])(.+?)(?<=[^\W_])__(?!\w)")
_LINK = re.compile(r"\[([^\]]*)\]\((?:#|mailto:[^)]*|https?://[^)]*)\)")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_SPACES = re.compile(r"[ \t]+")
_SPACE_BEFORE_PUNCT = re.compile(r" +([,.;:)])")
_PARENTHESES = re.compile(r"\([^)]*\)")
_TERMINAL = (".", "!", "?", ":", ";")
_ROMAN = re.compile(r"^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def strip_markup(text: str) -> str:
    """Remove formatting-only markup (bold, links, HTML tags), keeping the words."""
    text = _LINK.sub(r"\1", text)
    text = _BOLD.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _HTML_TAG.sub("", text)
    return text.replace("\\(", "(").replace("\\)", ")")


def tidy(text: str) -> str:
    """Collapse runs of spaces and the spaces markup removal leaves before punctuation."""
    text = _SPACES.sub(" ", text).strip()
    return _SPACE_BEFORE_PUNCT.sub(r"\1", text)


def slugify(heading: str) -> str:
    """A typable id part for a heading: ``Gifts and hospitality`` -> ``gifts-and-hospitality``."""
    slug = re.sub(r"[^a-z0-9]+", "-", heading.lower().replace("'", "").replace("’", ""))
    return slug.strip("-") or "section"


def ends_sentence(text: str) -> bool:
    """Whether a line ends as a sentence or list lead-in does; a page break splits those that don't."""
    return text.rstrip().endswith(_TERMINAL)


def starts_lowercase(text: str) -> bool:
    stripped = text.lstrip()
    return bool(stripped) and stripped[0].islower()


def is_title_like(text: str, max_words: int = 8) -> bool:
    """A heading is short and does not end as a sentence; clause text is long or punctuated."""
    text = text.strip()
    if not text or text.endswith((".", ";", ":", ",")):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "[(\""):
        return False
    return len(_PARENTHESES.sub("", text).split()) <= max_words


def is_roman(label: str) -> bool:
    return bool(label) and bool(_ROMAN.match(label))


def lower_first(text: str) -> str:
    """``Deliberately attempt`` -> ``deliberately attempt`` so that it reads after ``You must not``."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
