"""All the councils' documents together: look a clause or section up by id, or suggest ids."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from corpus.clause import Clause, Council, Document, Section


class UnknownCouncil(LookupError):
    pass


class Documents(Mapping[str, Document]):
    """Documents by slug, each read only when first asked for: who each council is, and how many
    clauses it has, are known without reading it (at 10,000 added councils, `conduct show`
    reads one code, not all of them)."""

    def __init__(self, documents: Mapping[str, Document] | None = None) -> None:
        self._loaded: dict[str, Document] = {}
        self._pending: dict[str, tuple[Callable[[], Document], int | None, str | None]] = {}
        self._councils: dict[str, Council] = {}
        for document in (documents or {}).values():
            self[document.council.slug] = document

    def __setitem__(self, slug: str, document: Document) -> None:
        self._councils[slug] = document.council
        self._loaded[slug] = document
        self._pending.pop(slug, None)

    def add_lazy(self, council: Council, load: Callable[[], Document], clauses: int | None = None,
                 digest: str | None = None) -> None:
        self._councils[council.slug] = council
        self._pending[council.slug] = (load, clauses, digest)

    def __getitem__(self, slug: str) -> Document:
        document = self._loaded.get(slug)
        if document is None:
            if slug not in self._pending:
                raise KeyError(slug)
            try:
                document = self._pending[slug][0]()
            except KeyError:  # found damaged when read: gone, as if skipped at start
                del self._pending[slug], self._councils[slug]
                raise
            del self._pending[slug]
            self._loaded[slug] = document
        return document

    def __contains__(self, slug: object) -> bool:
        return slug in self._councils

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._councils))

    def values(self) -> list[Document]:  # type: ignore[override]
        """Every document, read now; one found damaged on reading is left out (and was warned of)."""
        found = []
        for slug in list(self._councils):
            try:
                found.append(self[slug])
            except KeyError:
                continue
        return found

    def __len__(self) -> int:
        return len(self._councils)

    def council(self, slug: str) -> Council:
        return self._councils[slug]

    def clause_count(self, slug: str) -> int:
        pending = self._pending.get(slug)
        if pending is not None and pending[1] is not None:
            return pending[1]
        return len(self[slug].clauses)

    def digest(self, slug: str) -> str | None:
        """The parsed clauses' digest, when known without reading the document (corpus/parsed.py)."""
        pending = self._pending.get(slug)
        return pending[2] if pending else None


@dataclass
class Library:
    """The documents Conduct answers from, bundled and added, keyed by slug in manifest order."""

    documents: Documents = field(default_factory=Documents)

    def __post_init__(self) -> None:
        if not isinstance(self.documents, Documents):
            self.documents = Documents(self.documents)

    @property
    def councils(self) -> list[Council]:
        return [self.documents.council(slug) for slug in self.documents]

    def council(self, slug: str) -> Council:
        try:
            return self.documents.council(slug)
        except KeyError:
            raise UnknownCouncil(slug) from None

    def clause_count(self, slug: str) -> int:
        return self.documents.clause_count(slug)

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
    from corpus.manifest import bundled_councils, load_bundled

    documents = Documents()
    for council in bundled_councils():
        documents.add_lazy(council, lambda slug=council.slug: load_bundled(slug))
    library = Library(documents)
    try:
        from corpus.added import scan_added
    except ImportError:
        return library
    for added in scan_added(home, warn):
        if added.council.slug not in documents:
            documents.add_lazy(added.council, _loader(added, home, warn), added.clauses, added.digest)
    return library


def _loader(added, home: Path | None, warn: Callable[[str], None] | None) -> Callable[[], Document]:
    def load() -> Document:
        from corpus.added import AddError, added_document

        try:
            return added_document(added, home)
        except AddError as exc:  # changed since it was checked at start: as if it had been skipped then
            if warn is not None:
                warn(f"skipped the added council in {added.directory}: {exc}")
            raise KeyError(added.council.slug) from None

    return load


@lru_cache(maxsize=1)
def bundled_library() -> Library:
    from corpus.manifest import bundled_councils, load_bundled

    return Library({c.slug: load_bundled(c.slug) for c in bundled_councils()})
