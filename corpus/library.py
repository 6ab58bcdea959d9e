"""All the councils' documents together: look a clause or section up by id, or suggest ids."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from corpus.clause import Clause, Council, Document, Section


class UnknownCouncil(LookupError):
    pass


@dataclass
class Library:
    """The documents Conduct answers from, bundled and added, keyed by slug in manifest order."""

    documents: dict[str, Document] = field(default_factory=dict)

    @property
    def councils(self) -> list[Council]:
        return [doc.council for doc in self.documents.values()]

    @property
    def slugs(self) -> list[str]:
        return list(self.documents)

    def document(self, slug: str) -> Document:
        try:
            return self.documents[slug]
        except KeyError:
            raise UnknownCouncil(slug) from None

    def clause(self, clause_id: str) -> Clause | None:
        slug, _, _ = clause_id.partition(":")
        doc = self.documents.get(slug)
        return doc.get(clause_id) if doc else None

    def section(self, section_id: str) -> Section | None:
        slug, _, _ = section_id.partition(":")
        doc = self.documents.get(slug)
        if doc is None:
            return None
        return next((s for s in doc.sections if s.id == section_id), None)

    def all_clauses(self) -> list[Clause]:
        return [c for doc in self.documents.values() for c in doc.clauses]

    def all_ids(self) -> list[str]:
        ids = [c.id for c in self.all_clauses()]
        ids += [s.id for doc in self.documents.values() for s in doc.sections]
        return ids

    def neighbours(self, clause_id: str, before: int = 2, after: int = 2) -> list[Clause]:
        """The clause in context: the top-level clauses around it in its code."""
        clause = self.clause(clause_id)
        if clause is None:
            return []
        top = [c for c in self.document(clause.council).clauses if c.parent is None]
        anchor = clause.parent or clause.id
        index = next(i for i, c in enumerate(top) if c.id == anchor)
        return top[max(0, index - before) : index + after + 1]

    def suggest(self, wanted: str, limit: int = 5) -> list[str]:
        """The closest real ids to a mistyped one, so an error can say what was meant."""
        from rapidfuzz import fuzz, process, utils

        wanted = wanted.strip().lower()
        slug, sep, rest = wanted.partition(":")
        candidates = self.all_ids()
        if sep and slug in self.documents:
            candidates = [c for c in candidates if c.startswith(slug + ":")]
        matches = process.extract(
            wanted, candidates, scorer=fuzz.ratio, processor=utils.default_process, limit=limit * 3
        )
        ranked = sorted(matches, key=lambda m: (-m[1], len(m[0]), m[0]))
        return [m[0] for m in ranked[:limit]]

    def match_council(self, wanted: str) -> str | None:
        """The slug of the council a user means by a slug, name or alias, or an unambiguous typo of one."""
        return self.find_council(wanted).slug

    def find_council(self, wanted: str) -> "CouncilMatch":
        """An exact slug, name or alias (any case and spacing), else one close typo of one.

        A name that only resembles a council is not one: 'anytown' is not the town council,
        'gloucestershire' is not Gloucester City, 'county durham' is not the county council.
        So the whole of what was typed is compared (fuzz.ratio, not a partial-match scorer), and
        a typo is taken only when it is close (>= 85) and clearly closer to one council than any other.
        """
        from rapidfuzz import fuzz, utils

        key = " ".join(wanted.lower().split())
        best: dict[str, float] = {}
        for council in self.councils:
            for name in (council.slug, council.name, *council.aliases):
                if key == " ".join(name.lower().split()):
                    return CouncilMatch(council.slug, exact=True)
                score = fuzz.ratio(key, name, processor=utils.default_process)
                best[council.slug] = max(best.get(council.slug, 0.0), score)
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        if ranked and ranked[0][1] >= TYPO_SCORE and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= TYPO_MARGIN):
            return CouncilMatch(ranked[0][0], exact=False)
        return CouncilMatch(None, exact=False, suggestions=tuple(s for s, score in ranked[:3] if score >= 50))


TYPO_SCORE = 85
TYPO_MARGIN = 8


@dataclass(frozen=True)
class CouncilMatch:
    """What a typed council name resolved to: a slug (exact, or a typo taken), or suggestions."""

    slug: str | None
    exact: bool
    suggestions: tuple[str, ...] = ()


def load_library(home: Path | None = None, warn: Callable[[str], None] | None = None) -> Library:
    """The bundled councils and any added under CONDUCT_HOME (corpus/added.py), bundled first.

    An added council that cannot be read is skipped with a warning, never a traceback,
    so one damaged folder cannot stop Conduct answering for the others.
    """
    library = Library(dict(bundled_library().documents))
    try:
        from corpus.added import load_added
    except ImportError:
        return library
    for document in load_added(home, warn):
        if document.council.slug not in library.documents:
            library.documents[document.council.slug] = document
    return library


@lru_cache(maxsize=1)
def bundled_library() -> Library:
    from corpus.manifest import bundled_councils, load_bundled

    return Library({c.slug: load_bundled(c.slug) for c in bundled_councils()})
