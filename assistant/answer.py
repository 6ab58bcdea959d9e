"""The Answer: verdict, reasons, actions, cited clauses, facts, trace and fingerprint.

Its JSON form is the contract with the chat, scripts and saved answers
(../shared/DESIGN.md); `to_json` builds it with a fixed key order so the same
answer is the same bytes every time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

RULES_VERSION = "1"

VERDICTS = (
    "allowed", "allowed_with_conditions", "not_allowed", "required", "not_required",
    "refer", "needs_info", "guidance", "not_covered",
)

VERDICT_LABELS = {
    "allowed": "Yes",
    "allowed_with_conditions": "Yes, with conditions",
    "not_allowed": "No",
    "required": "Yes, you must",
    "not_required": "No need",
    "refer": "Ask first",
    "needs_info": "Need more information",
    "guidance": "Guidance",
    "not_covered": "Not covered",
}


@dataclass(frozen=True)
class Point:
    """A reason or an action, and the clause that backs it."""

    text: str
    citation: str | None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "citation": self.citation}


@dataclass(frozen=True)
class Citation:
    id: str
    council: str
    number: str
    section: str
    text: str
    highlight: str | None = None
    """The words of the clause that decided the answer, for the chat to highlight."""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "council": self.council, "number": self.number, "section": self.section,
                "text": self.text, "highlight": self.highlight}


@dataclass(frozen=True)
class Trace:
    template: str
    rule: str
    parameters: tuple[dict[str, Any], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"template": self.template, "rule": self.rule, "parameters": list(self.parameters)}


@dataclass(frozen=True)
class Answer:
    question: str
    council: str | None
    topic: str | None
    verdict: str
    summary: str
    reasons: tuple[Point, ...] = ()
    actions: tuple[Point, ...] = ()
    citations: tuple[Citation, ...] = ()
    follow_up: str | None = None
    follow_up_why: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    trace: Trace = Trace("none", "none")
    notice: str | None = None
    councils: dict[str, dict[str, Any]] | None = None
    slot: Any = field(default=None, compare=False, repr=False)
    """What a clarifying question waits for (a decide.decision.Slot); kept by the conversation, not in the JSON."""

    @property
    def label(self) -> str:
        return VERDICT_LABELS.get(self.verdict, self.verdict)

    @property
    def fingerprint(self) -> str:
        """Changes when, and only when, the basis changes: facts, rules version, cited text."""
        basis = {
            "rules": RULES_VERSION,
            "template": self.trace.template,
            "rule": self.trace.rule,
            "facts": self.facts,
            "council": self.council,
            "cited": sorted((c.id, c.text) for c in self.citations),
            "parameters": list(self.trace.parameters),
        }
        raw = json.dumps(basis, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]

    def markdown(self) -> str:
        """The answer as Markdown: what the chat renders and the transcript keeps."""
        lines = [f"**{self.label}** — {self.summary}"]
        if self.reasons:
            lines += ["", "**Why**"] + [f"- {p.text}{_cite(p.citation)}" for p in self.reasons]
        if self.actions:
            lines += ["", "**What to do**"] + [f"- {p.text}{_cite(p.citation)}" for p in self.actions]
        if self.follow_up and self.follow_up != self.summary:
            lines += ["", f"**{self.follow_up}**"]
            if self.follow_up_why:
                lines.append(f"_{self.follow_up_why}_")
        if self.notice:
            lines += ["", f"_{self.notice}_"]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "question": self.question,
            "council": self.council,
            "topic": self.topic,
            "verdict": self.verdict,
            "label": self.label,
            "summary": self.summary,
            "answer": self.markdown(),
            "reasons": [p.to_json() for p in self.reasons],
            "actions": [p.to_json() for p in self.actions],
            "citations": [c.to_json() for c in self.citations],
            "follow_up": self.follow_up,
            "follow_up_why": self.follow_up_why,
            "facts": self.facts,
            "trace": self.trace.to_json(),
            "fingerprint": self.fingerprint,
        }
        if self.notice:
            data["notice"] = self.notice
        if self.councils is not None:
            data["councils"] = self.councils
        return data


def _cite(citation: str | None) -> str:
    return f" ({citation})" if citation else ""
