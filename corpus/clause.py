"""The Clause, Section and Document records every other layer cites."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Clause:
    """One citable unit of a code: a numbered paragraph, a list item or a table row."""

    id: str
    """Stable, typable id: ``thurrock:14.5``, ``county:24.2(c)``, ``essex:gifts-and-hospitality/2``."""
    council: str
    """The council's slug."""
    number: str
    """The id without the council: ``14.5``, ``24.2(c)``, ``note-1``."""
    section_id: str
    """Id of the section holding it: ``thurrock:14``, ``essex:gifts-and-hospitality``."""
    section: str
    """The section heading as the document prints it."""
    text: str
    """Full readable text, list items and table rows included, paragraphs on separate lines."""
    body: str
    """The clause's own words without its items: what retrieval indexes for a parent,
    so that a list item is found as itself rather than through its parent as well."""
    parent: str | None
    """For a list item or table row, the id of the clause it belongs to."""
    position: int
    """Order in the document, from 0."""
    children: tuple[str, ...] = ()
    """Ids of its list items or table rows, in order."""


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the clauses under it (possibly none: a draft may delete them all)."""

    id: str
    council: str
    number: str
    heading: str
    clause_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Council:
    """One entry of the manifest: which document a slug stands for."""

    slug: str
    name: str
    title: str
    date: str
    source: str
    """File name of the document, as shipped."""
    dialect: str
    """Which parser reads it: ``numbered``, ``markdown`` or ``tracked``."""
    bundled: bool = True
    notes: str = ""
    table_header: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    """Names staff use for the council in a question."""
    raw_repairs: tuple[tuple[str, str], ...] = ()
    """Literal (wrong, right) fixes applied to the raw text, before markup is read."""
    repairs: tuple[tuple[str, str], ...] = ()
    """Literal (wrong, right) fixes for conversion artefacts, applied after markup is removed."""

    @property
    def short_name(self) -> str:
        """How to name the council mid-sentence: 'Thurrock', 'the county council'."""
        return self.aliases[0] if self.aliases else self.name


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed code: its council, its sections and its clauses in document order."""

    council: Council
    sections: tuple[Section, ...]
    clauses: tuple[Clause, ...]
    _by_id: dict[str, Clause] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({c.id: c for c in self.clauses})

    def get(self, clause_id: str) -> Clause | None:
        return self._by_id.get(clause_id)

    @property
    def top_level(self) -> tuple[Clause, ...]:
        """Clauses that are not list items: the outline of the code."""
        return tuple(c for c in self.clauses if c.parent is None)
