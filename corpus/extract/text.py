"""Plain text (.txt) and Markdown (.md): the author's own line structure, with Markdown's markup read."""

from __future__ import annotations

import html
import re

from corpus.extract.clean import assemble, bullet_to_dash, clean_chars, decode


def read_txt(data: bytes, name: str) -> tuple[str, list[str]]:
    """Plain text is taken as written: its line structure is the author's."""
    text, notes = decode(data, name)
    lines = [bullet_to_dash(line) for line in clean_chars(text).split("\n")]
    return "\n".join(lines), notes




def _strip_comments(text: str) -> str:
    """HTML comments removed by scanning (an unclosed "<!--" repeated made "<!--.*?-->" quadratic)."""
    out, i = [], 0
    while (start := text.find("<!--", i)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break  # unclosed: kept as text, as before
        out.append(text[i:start])
        i = end + 3
    out.append(text[i:])
    return "".join(out)
_MD_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_MD_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_MD_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_MD_QUOTE = re.compile(r"^ {0,3}>[ ]?")
_MD_BULLET = re.compile(r"^[ \t]*[-*+](?:[ \t]+(.*))?$")
_MD_ORDERED = re.compile(r"^[ \t]*(\d{1,9}[.)])[ \t]+(.*)$")
_MD_LINK_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]+\S+")
_MD_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
_MD_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_MD_CLAUSE = re.compile(r"^[ \t]*(?:\d{1,3}(?:\.\d{1,3})+\.?|\(\d{1,3}\)|\(?[a-z]\)|\([ivx]{1,6}\))[ \t]")
"""A line opening with a clause number ("14.5", "(a)") starts a paragraph
even without a blank line before it: Markdown would run it into the line
above, and the clause would lose its number's place at the start of a line."""

_MD_ESCAPABLE = "\\`*_{}[]()#+-.!|~<>&"
_PROTECT = {c: chr(0xE000 + ord(c)) for c in _MD_ESCAPABLE}
_UNPROTECT = str.maketrans({v: k for k, v in _PROTECT.items()})
_MD_INLINE: list[tuple[re.Pattern[str], str]] = [
    # A URL's inner parentheses cannot hold another "(": an unclosed "[a](" repeated made "[^)]*" scan
    # to the end of the paragraph from every one of them.
    (re.compile(r"!\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)"), r"\1"),           # image -> alt text
    (re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)"), r"\1"),            # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),                           # [text][ref]
    (re.compile(r"<((?:https?|ftp|mailto):[^>\s]+|[^@<>\s]+@[^@<>\s]+)>"), r"\1"),  # autolink
    (re.compile(r"<br\s*/?>", re.I), "\n"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),           # other HTML tags
    # Emphasis. The text inside must not be only markers, so that a blank to
    # fill in ("[_____]") or a rule of stars survives.
    # Linear time: a span cannot contain its own marker, so each opening marker is tried only
    # as far as the next one ("**a " repeated 40,000 times took 111 s with ".+?").
    (re.compile(r"\*\*(?=[^\s*])((?:[^*\n]|\*(?!\*))+?)(?<=[^\s*])\*\*"), r"\1"),
    (re.compile(r"(?<!\w)__(?=[^\s_])((?:[^_\n]|_(?!_))+?)(?<=[^\s_])__(?!\w)"), r"\1"),
    (re.compile(r"\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*"), r"\1"),
    (re.compile(r"(?<!\w)_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?!\w)"), r"\1"),
]
_MD_STRIKE = re.compile(r"~~(?=\S)((?:[^~\n]|~(?!~))+?)(?<=\S)~~")
_MD_CODE = re.compile(r"(?<!`)(`+)(?!`)([^`\n]+?)(?<!`)\1(?!`)")
"""A code span starts only at a run's first backtick and holds none: a run of 30,000 is one try, not 30,000³."""
_MD_ESCAPE = re.compile(r"\\([" + re.escape(_MD_ESCAPABLE) + r"])")
_MD_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_STRIKE_NOTE = ("Struck-through text (~~like this~~) was taken to be deleted and left out; "
                "check the document does not use it for anything else.")


def read_md(data: bytes, name: str) -> tuple[str, list[str]]:
    """Markdown keeps its words and list structure; markup that is only
    formatting goes, since the parser and the citations show plain text."""
    text, notes = decode(data, name)
    text = _strip_comments(clean_chars(text))
    blocks = _MarkdownBlocks(notes).parse(_without_front_matter(text.split("\n")))
    return assemble(blocks), notes


def _without_front_matter(lines: list[str]) -> list[str]:
    """YAML front matter is metadata for a site generator, not the code's text."""
    if lines and lines[0].strip() == "---":
        for end in range(1, min(len(lines), 60)):
            if lines[end].strip() in ("---", "..."):
                return lines[end + 1:]
    return lines


class _MarkdownBlocks:
    """A small line-based reader for the Markdown councils actually write:
    headings, paragraphs (re-joined when hard-wrapped, as Markdown renders
    them), lists, pipe tables, quotes and fenced blocks."""

    def __init__(self, notes: list[str]) -> None:
        self.notes = notes
        self.blocks: list[tuple[str, str]] = []
        self.paragraph: list[str] = []
        self.item_open = False

    def parse(self, lines: list[str]) -> list[tuple[str, str]]:
        fence: str | None = None
        index = 0
        while index < len(lines):
            raw = lines[index]
            index += 1
            if fence is not None:
                if raw.strip().startswith(fence):
                    fence = None
                else:
                    self._add("line", raw.rstrip())
                continue
            if match := _MD_FENCE.match(raw):
                self._flush()
                fence = match.group(1)
                continue
            line = raw
            while _MD_QUOTE.match(line):
                line = _MD_QUOTE.sub("", line, count=1)
            index = self._line(line, lines, index)
        self._flush()
        return self.blocks

    def _line(self, line: str, lines: list[str], index: int) -> int:
        """Handle one source line; returns the index of the next line to read
        (a table consumes several)."""
        if not line.strip():
            self._flush()
            return index
        if match := _MD_HEADING.match(line):
            self._flush()
            self._add("heading", self._inline(match.group(1) or ""))
            return index
        if self.paragraph and _MD_SETEXT.match(line):
            heading = " ".join(self.paragraph)
            self.paragraph = []
            self._add("heading", heading)
            return index
        if _MD_RULE.match(line) or _MD_LINK_DEF.match(line):
            self._flush()
            return index
        if "|" in line and index < len(lines) and _MD_TABLE_RULE.match(lines[index]):
            self._flush()
            self._add("row", self._row(line))
            index += 1
            while index < len(lines) and "|" in lines[index] and lines[index].strip():
                self._add("row", self._row(lines[index]))
                index += 1
            return index
        if (match := _MD_BULLET.match(line)) or (match := _MD_ORDERED.match(line)):
            self._flush()
            marker, text = ("-", match.group(1)) if match.re is _MD_BULLET else match.groups()
            if text := self._inline(text or ""):  # an empty item is not a clause
                self._add("item" if marker == "-" else "numbered", f"{marker} {text}")
                self.item_open = True
            return index
        if "\t" in line:
            # A tab-separated line is a table row or a contents line: keep it whole.
            self._flush()
            self._add("row", "\t".join(self._inline(cell) for cell in line.strip(" ").split("\t")))
            return index
        if _MD_CLAUSE.match(line):
            self._flush()
        text = self._inline(line.strip())
        if self.item_open:
            kind, previous = self.blocks[-1]
            self.blocks[-1] = (kind, f"{previous} {text}")
            return index
        self.paragraph.append(text)
        if line.endswith(("  ", "\\")):
            self._flush()
        return index

    def _row(self, line: str) -> str:
        line = line.strip()
        line = line[1:] if line.startswith("|") else line
        line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
        return "\t".join(self._inline(cell.strip()) for cell in _MD_CELL_SPLIT.split(line))

    def _add(self, kind: str, text: str) -> None:
        self.item_open = False
        self.blocks.append((kind, text))

    def _flush(self) -> None:
        if self.paragraph:
            self._add("para", " ".join(p for p in self.paragraph if p))
            self.paragraph = []
        self.item_open = False

    def _inline(self, text: str) -> str:
        """Strip formatting-only markup. Escaped characters and code spans are
        protected first so that, say, `\\*` or `a_b` survive literally."""
        text = _MD_ESCAPE.sub(lambda m: _PROTECT[m.group(1)], text)
        text = _MD_CODE.sub(lambda m: m.group(2).strip().translate(str.maketrans(_PROTECT)), text)
        if _MD_STRIKE.search(text):
            text = _MD_STRIKE.sub("", text)
            self.notes.append(_STRIKE_NOTE)
        for pattern, replacement in _MD_INLINE:
            text = pattern.sub(replacement, text)
        text = _MD_ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
        text = text.rstrip("\\").translate(_UNPROTECT)
        return re.sub(r"[ ]{2,}", " ", text).strip(" ")
