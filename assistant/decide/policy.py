"""Per-council decision parameters: loaded from TOML beside the documents, checked on load.

Each parameter carries its value, the clause it comes from and a short quote
from that clause, so every answer can show where its rule was read.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corpus.clause import Document

from assistant.decide.schema import GIVERS, SCHEMA

_ID = re.compile(r"^[a-z0-9-]+:[A-Za-z0-9.\-/]+(\([a-z0-9]+\))?$")
_FIELDS = {"value", "citation", "quote", "note"}


POLICY_LIMIT = 1024 * 1024
"""A drafted policy file is a few kilobytes; a bigger one is refused, not read."""
MAX_NESTING = 16


def _too_deep(text: str) -> int:
    """The line where [ or { nesting first passes MAX_NESTING (outside strings and comments), or 0.

    tomllib recurses once per level, so 5,000 '[' raise RecursionError; this scan is linear."""
    depth, line, quote, i, n = 0, 1, "", 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
        elif quote:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif ch in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return line
        elif ch in "]}":
            depth = max(0, depth - 1)
        i += 1
    return 0


class PolicyError(ValueError):
    """A policy file that cannot be trusted; the message says which file, parameter and why."""


@dataclass(frozen=True)
class Param:
    name: str
    value: Any
    citation: str
    quote: str
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "citation": self.citation, "quote": self.quote}


@dataclass(frozen=True)
class Policy:
    council: str
    params: dict[str, Param] = field(default_factory=dict)

    def get(self, name: str) -> Param | None:
        return self.params.get(name)

    def covers(self, topic: str) -> bool:
        return any(name.startswith(topic + ".") for name in self.params)


def policies_dir() -> Path:
    return Path(str(resources.files("assistant") / "data" / "policies"))


def parse_policy(council: str, text: str, source: str = "policy") -> Policy:
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors add
    deep = _too_deep(text)
    if deep:
        raise PolicyError(f"{source}: line {deep}: brackets nested more than {MAX_NESTING} deep; "
                          "a policy file needs at most one level of [table]")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{source}: not valid TOML ({exc})") from None
    except RecursionError:
        raise PolicyError(f"{source}: nested too deeply to read") from None
    params: dict[str, Param] = {}
    for name, entry in _flatten(data):
        params[name] = _param(name, entry, source)
    return Policy(council, params)


def _flatten(data: dict[str, Any], prefix: str = "") -> list[tuple[str, dict[str, Any]]]:
    out = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and "citation" not in value and "value" not in value:
            out.extend(_flatten(value, name + "."))
        else:
            out.append((name, value))
    return out


def _param(name: str, entry: Any, source: str) -> Param:
    where = f"{source}: parameter {name!r}"
    if name not in SCHEMA:
        raise PolicyError(f"{where} is not one the decision templates know (see assistant/decide/schema.py)")
    if not isinstance(entry, dict):
        raise PolicyError(f"{where} must be a table with value, citation and quote")
    unknown = set(entry) - _FIELDS
    missing = {"value", "citation", "quote"} - set(entry)
    if unknown or missing:
        raise PolicyError(f"{where}: missing {sorted(missing)} / unknown {sorted(unknown)}")
    citation, quote = entry["citation"], entry["quote"]
    if not isinstance(citation, str) or not _ID.match(citation):
        raise PolicyError(f"{where}: citation {citation!r} is not a clause id like thurrock:14.5")
    if not isinstance(quote, str) or len(quote.strip()) < 8:
        raise PolicyError(f"{where}: quote must be words copied from the clause")
    return Param(name, _value(SCHEMA[name][0], entry["value"], where), citation, quote, str(entry.get("note", "")))


def _value(kind: str, value: Any, where: str) -> Any:
    if kind == "phrase":
        if not isinstance(value, str) or not value.strip():
            raise PolicyError(f"{where}: value must be some words")
        return value.strip()
    if kind in {"pence", "months", "days"}:
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise PolicyError(f"{where}: value must be a positive whole number of {kind}")
        return value
    if kind == "flag":
        if value is not True:
            raise PolicyError(f"{where}: value must be true (leave the parameter out otherwise)")
        return True
    if kind == "givers":
        if not isinstance(value, list) or not value or any(v not in GIVERS for v in value):
            raise PolicyError(f"{where}: value must be a list of givers from {', '.join(GIVERS)}")
        return tuple(value)
    raise PolicyError(f"{where}: unknown kind {kind}")


@lru_cache(maxsize=None)
def bundled_policy(slug: str) -> Policy:
    path = policies_dir() / f"{slug}.toml"
    if not path.is_file():
        return Policy(slug)
    return parse_policy(slug, path.read_text(encoding="utf-8"), str(path.name))


def quote_found(quote: str, text: str) -> bool:
    """Whether the quote is in the clause, ignoring differences of spacing, case and quote marks."""
    return _fold(quote) in _fold(text)


def _fold(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.lower().split())


def policy_for(slug: str, home: Path | None = None) -> Policy:
    """A bundled council's curated policy, or an added council's drafted one (CONDUCT_HOME/councils/SLUG/policy.toml).

    Raises PolicyError with the file and the problem if a hand-edited file is invalid.
    """
    if (policies_dir() / f"{slug}.toml").is_file():
        return bundled_policy(slug)
    from corpus.home import conduct_home

    from corpus.files import NotRegular, read_regular

    path = (home or conduct_home()) / "councils" / slug / "policy.toml"
    try:
        raw = read_regular(path, POLICY_LIMIT)
    except FileNotFoundError:
        return Policy(slug)
    except NotRegular as exc:
        raise PolicyError(f"{path}: {str(exc).removeprefix(str(path) + ' ')}") from None
    except OSError as exc:
        raise PolicyError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return parse_policy(slug, decode_policy(raw, str(path)), str(path))


def decode_policy(raw: bytes, source: str) -> str:
    """UTF-8 text, with or without a byte-order mark; any other encoding is named with its line."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PolicyError(f"{source}: line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}; an editor may have "
                          "saved it as Windows-1252): save it again as UTF-8") from None


def policy_problems(document: "Document", policy: Policy, source: str) -> list[str]:
    """What a hand-edited policy gets wrong about its own code: clauses that do not exist, quotes not in them."""
    problems = []
    for param in policy.params.values():
        clause = document.get(param.citation)
        where = f"{source}: parameter {param.name!r}"
        if clause is None:
            problems.append(f"{where}: citation {param.citation!r} is not a clause of {document.council.slug}'s code "
                            f"(see `conduct clauses {document.council.slug}`)")
        elif not quote_found(param.quote, clause.text):
            problems.append(f"{where}: the quote is not in {param.citation} (copy the words from `conduct show {param.citation}`)")
    return problems
