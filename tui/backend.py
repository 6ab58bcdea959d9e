"""What the app needs from the assistant layer, without Textual.

Loading (the library, the index with progress, spaCy), asking through a
`Session`, comparing, searching, training answers, and the transcript. The app
calls the slow parts from worker threads; nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.answer import Answer
    from assistant.engine import Assistant
    from assistant.session import Reply, Session
    from corpus.library import Library
    from assistant.register.model import Draft, Entry, Event
    from assistant.register.outbox import Outcome
    from index.retriever import SearchResult

Progress = Callable[[str, int, int], None]
Warn = Callable[[str], None]
WARM_UP_QUESTION = "Can I accept a gift?"
PREPARING = "Preparing the search index"
"""What an officer sees while the index is built; the build's own stages are internal."""


@dataclass
class Turn:
    """One line the user typed and what came back."""

    question: str
    reply: "Reply"


@dataclass
class Backend:
    """The assistant, the chat session and the transcript, shared by every screen."""

    assistant: "Assistant | None" = None
    wanted_council: str | None = None
    """The council asked for at start-up (a slug or a name, typos forgiven)."""
    home: Path | None = None
    turns: list[Turn] = field(default_factory=list)
    session: "Session | None" = None
    ready: bool = False
    warnings: list[str] = field(default_factory=list)
    """Problems an officer should see (a council that could not be read, a council not found)."""
    details: list[str] = field(default_factory=list)
    """Internal notes (the index cache was stale and rebuilt); shown only when `verbose`."""
    verbose: bool = False
    _council: str | None = None
    _unreadable: set[str] = field(default_factory=set)
    """Added folders that would not load; not retried on every look."""

    # -- loading ------------------------------------------------------------
    @property
    def library(self) -> "Library | None":
        return self.assistant.library if self.assistant is not None else None

    def load(self, progress: Progress) -> None:
        """Everything slow, in order: library, assistant, index, language analyser. Call from a worker."""
        from assistant.session import Session

        progress("Reading the councils' codes", 0, 3)
        if self.assistant is None:
            self.assistant = self._build_assistant(progress)
        else:
            progress("Loading the search index", 1, 3)
            self.assistant.retriever  # noqa: B018 - an injected assistant loads its own index
        self._council = self._resolve(self.wanted_council)
        progress("Loading the language analyser", 2, 3)
        self._warm_up()
        from assistant.register.history import register_lookup

        self.session = Session(self.assistant, self._council, lookup=register_lookup(assistant=self.assistant))
        progress("Ready", 3, 3)
        self.ready = True

    def _build_assistant(self, progress: Progress) -> "Assistant":
        from assistant.engine import Assistant
        from corpus.library import load_library
        from index.retriever import load_retriever

        library = load_library(self.home, self.warnings.append)
        progress("Loading the search index", 1, 3)

        def building(stage: str, done: int, total: int) -> None:
            progress(PREPARING, done, total + 1)  # +1: "Ready" comes after the build

        retriever = load_retriever(library, home=self.home, progress=building, warn=self._detail)
        return Assistant(library, retriever=retriever)

    def _detail(self, message: str) -> None:
        self.details.append(message)
        if self.verbose:
            self.warnings.append(message)

    def _resolve(self, wanted: str | None) -> str | None:
        if not wanted or self.library is None:
            return None
        from corpus.safe_text import shown

        match = self.library.find_council(wanted)
        if match.slug is None:
            hint = f" Did you mean {', '.join(match.suggestions)}?" if match.suggestions else ""
            self.warnings.append(f"No council called {shown(wanted)!r}.{hint} Choose one with ctrl+o.")
        elif not match.exact:
            self.warnings.append(f"Taking {shown(wanted)!r} to mean {self.library.document(match.slug).council.name}.")
        return match.slug

    def _warm_up(self) -> None:
        """Ask once, off the record, so the first real question does not wait for spaCy."""
        from assistant.engine import Conversation

        if self.assistant is not None and self.library is not None and self.library.slugs:
            self.assistant.ask(WARM_UP_QUESTION, council=self.library.slugs[0], conversation=Conversation())

    def councils_added_since_loading(self) -> list[str]:
        """Load councils that `conduct add` stored after this chat loaded; their names.

        Cheap when nothing was added (one directory listing). The library, index and assistant are
        rebuilt together and the conversation carries on. Call from a worker.
        """
        from corpus.added import added_dir

        if self.library is None or self.session is None:
            return []
        root = added_dir(self.home)
        try:
            on_disk = {e.name for e in root.iterdir() if e.is_dir() and not e.name.startswith(".")}
        except OSError:
            return []
        new = sorted(on_disk - set(self.library.slugs) - self._unreadable)
        if not new:
            return []
        from assistant.engine import Assistant
        from corpus.library import load_library
        from index.retriever import load_retriever

        library = load_library(self.home, self.warnings.append)
        self._unreadable |= {slug for slug in new if slug not in library.documents}
        if not set(new) & set(library.documents):
            return []
        retriever = load_retriever(library, home=self.home, warn=self._detail)
        self.assistant = Assistant(library, retriever=retriever)
        self.session.assistant = self.assistant
        return [library.document(slug).council.name for slug in new if slug in library.documents]

    # -- the council ----------------------------------------------------------
    @property
    def council(self) -> str | None:
        return self.session.council if self.session is not None else self._council

    def council_name(self, slug: str | None = None) -> str:
        slug = slug or self.council
        if slug is None or self.library is None or slug not in self.library.documents:
            return slug or "no council chosen"
        return self.library.document(slug).council.name

    def switch_council(self, slug: str) -> str:
        """Answer from another council's code from now on; the message says so."""
        if self.session is None:
            self._council = slug
            return f"Now answering from {self.council_name(slug)}'s code."
        return self.ask(f"/council {slug}").message

    # -- asking ---------------------------------------------------------------
    def ask(self, line: str) -> "Reply":
        """One line through the session (a question or a /command), recorded in the transcript."""
        from assistant.session import Reply

        if self.session is not None and line.strip().lower().startswith(("/council", "/c ")):
            self.councils_added_since_loading()
        if self.session is None:
            reply = Reply(error="Conduct is still loading; ask again in a moment.")
        else:
            try:
                reply = self.session.handle(line)
            except Exception as exc:  # one bad line must never end the chat
                reply = Reply(error=f"Sorry, something went wrong answering that ({type(exc).__name__}).")
        self.turns.append(Turn(line, reply))
        return reply

    def last_answer(self) -> "Answer | None":
        if self.session is None or not self.session.conversation.history:
            return None
        return self.session.conversation.history[-1]

    def highlight_for(self, clause_id: str) -> str | None:
        """The words of a clause that most recently decided an answer, if any did."""
        history = self.session.conversation.history if self.session is not None else []
        for answer in reversed(history):
            for citation in answer.citations:
                if citation.id == clause_id and citation.highlight:
                    return citation.highlight
        return None

    def compare(self, topic: str, situation: str = "") -> "Answer":
        """Every council on a topic; with a situation, each council's decision on it.

        The situation is read as a question is (`read_question`: normalised, cut, unbroken runs
        broken), so pasted escapes or a huge paste cannot be misread or take seconds.
        """
        from assistant.understand.question import read_question

        assert self.assistant is not None
        question = read_question(situation)
        return self.assistant.compare(question.text or topic, topic, question.facts)

    def answer_alone(self, question: str, council: str) -> "Answer":
        """An answer outside the chat's conversation (training, previews)."""
        from assistant.engine import Conversation

        assert self.assistant is not None
        return self.assistant.ask(question, council=council, conversation=Conversation(council=council))

    def search(self, text: str, council: str, k: int = 20) -> "SearchResult":
        assert self.assistant is not None
        return self.assistant.retriever.search(text, [council], k)

    # -- the register -----------------------------------------------------------
    def can_record(self, answer: "Answer | None" = None) -> bool:
        from assistant.register.prefill import offers_record

        answer = answer or self.last_answer()
        return answer is not None and offers_record(answer)

    def record_draft(self, answer: "Answer | None" = None) -> "Draft":
        """The Record this form, filled from the answer and the conversation so far."""
        from assistant.register.model import Draft
        from assistant.register.prefill import draft_for

        answer = answer or self.last_answer()
        if answer is None:
            return Draft(council=self.council)
        said = self.session.conversation.said if self.session is not None else ""
        return draft_for(answer, said)

    def record(self, draft: "Draft", submit: bool = True) -> "Outcome":
        """Into the register, or kept on this computer with the reason; InvalidEntry goes back to the form."""
        from assistant.register.outbox import record_or_keep

        return record_or_keep(draft, submit=submit)

    def register_entries(self, waiting: bool = False) -> tuple[list["Entry"], str]:
        """The entries this person may see (or only those waiting for their decision) and whose view it is."""
        from assistant.register.database import RegisterError
        from assistant.register.history import register_exists
        from assistant.register.store import Store

        if not register_exists():
            return [], "Your register is empty: nothing recorded yet."
        try:
            with Store() as store:
                self.register_user = store.user
                who = f"{store.user} ({store.role.replace('_', ' ')})"
                if waiting:
                    return store.entries(waiting_for_me=True), f"{who}, waiting for your decision"
                return store.entries(), who
        except RegisterError as exc:
            return [], f"The register cannot be read: {exc}"

    register_user: str | None = None
    """Who the register last said this person is (their login), for the screen to offer the right actions."""

    def register_events(self, entry_id: str) -> list["Event"]:
        """One entry's history as this person may see it; empty when the register cannot be read."""
        from assistant.register.database import RegisterError
        from assistant.register.store import Store

        try:
            with Store() as store:
                return store.events(entry_id)
        except RegisterError:
            return []

    def register_decide(self, entry_id: str, outcome: str, comment: str = "") -> "Entry":
        """Approve or decline with a comment; RegisterError or InvalidEntry say why not, in a sentence."""
        from assistant.register.store import Store

        with Store() as store:
            return (store.approve if outcome == "approved" else store.decline)(entry_id, comment)

    def register_correct(self, entry_id: str, draft: "Draft") -> "Entry":
        """A correction, appended to the entry's history (never an edit in place)."""
        from assistant.register.store import Store

        with Store() as store:
            return store.correct(entry_id, draft)

    def register_withdraw(self, entry_id: str) -> "Entry":
        from assistant.register.store import Store

        with Store() as store:
            return store.withdraw(entry_id)

    # -- exporting ------------------------------------------------------------
    @property
    def exports_dir(self) -> Path:
        from corpus.home import conduct_home

        return (self.home or conduct_home()) / "exports"

    def export(self, when: datetime | None = None) -> Path:
        from tui.export import write_transcript

        return write_transcript(self.turns, self.council_name, self.exports_dir, when)

