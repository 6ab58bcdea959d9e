"""The Assistant: from a question (and the conversation so far) to a decided, cited Answer.

Understanding (council, facts, topic) happens here; deciding happens in the
topic's template; when no template fits, the best clauses' own obligations
are quoted as guidance, or the question is said to be outside the codes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.answer import Answer, Point, Trace
from assistant.decide.decision import Context, not_covered
from assistant.decide.policy import Policy, PolicyError, policy_for, policy_problems
from assistant.decide.render import answer_from_decision, citations_for, guidance_points
from assistant.decide.topics import TOPIC_NAMES, TOPICS, falls_back_on, overview_falls_back_on, template_for
from assistant.understand.question import Question, analysable, read_question
from assistant.understand.topics import outside_family
from corpus.library import Library

if TYPE_CHECKING:
    from assistant.understand.facts import Facts
    from index.retriever import Retriever

GUIDANCE_MIN_SCORE = 6.0
"""Below this BM25 score the best clause is only a loose match: say the code does not cover it."""
OBLIGATION = re.compile(r"\b(must|must not|should|shall|are required|is required|required to|expected to|may not|not permitted|will not be tolerated)\b", re.I)


@dataclass
class Conversation:
    """What a chat remembers between turns: the council, the topic and the facts given so far."""

    council: str | None = None
    topic: str | None = None
    facts: "Facts | None" = None
    said: str = ""
    """The questions asked on the current topic, so a follow-up keeps their words."""
    history: list[Answer] = field(default_factory=list)

    def reset(self, keep_council: bool = True) -> None:
        council = self.council if keep_council else None
        self.__init__()  # type: ignore[misc]
        self.council = council


class Assistant:
    """Answers questions for the councils in a library; the retriever is loaded only when needed."""

    def __init__(self, library: Library, retriever: "Retriever | None" = None, policies: dict[str, Policy] | None = None):
        self.library = library
        self._retriever = retriever
        self._policies = dict(policies or {})

    # -- plumbing ---------------------------------------------------------
    @property
    def retriever(self) -> "Retriever":
        if self._retriever is None:
            from index.retriever import load_retriever

            self._retriever = load_retriever(self.library)
        return self._retriever

    def policy(self, slug: str) -> Policy:
        """The council's parameters; an added council's hand-editable file is checked against its own code.

        Raises PolicyError (file, parameter, problem) rather than answer from a citation that
        does not exist or a quote its clause does not contain.
        """
        if slug not in self._policies:
            policy = policy_for(slug)
            document = self.library.documents.get(slug)
            if document is not None and not document.council.bundled:
                problems = policy_problems(document, policy, f"{slug}'s policy.toml")
                if problems:
                    raise PolicyError("; ".join(problems[:3]) + (" …" if len(problems) > 3 else ""))
            self._policies[slug] = policy
        return self._policies[slug]

    def council_choices(self) -> list[tuple[str, list[str]]]:
        return [(c.slug, [c.name, *c.aliases]) for c in self.library.councils]

    # -- asking -------------------------------------------------------------
    def read(self, typed: str) -> Question:
        """The question read once, against this library's councils."""
        return read_question(typed, self.council_choices())

    def ask(self, question: "str | Question", council: str | None = None, conversation: Conversation | None = None) -> Answer:
        convo = conversation if conversation is not None else Conversation(council=council)
        if council:
            convo.council = council
        q = self.read(question) if isinstance(question, str) else question
        text, notice, plain, facts, reading, named = q.text, q.notice, q.plain, q.facts, q.reading, q.named
        if not text:
            return self._remember(convo, Answer(question=text, council=convo.council, topic=None, verdict="needs_info",
                                                summary="Please type a question.", follow_up="What would you like to ask?",
                                                trace=Trace("none", "empty_question")))
        if reading.intent == "compare" or len(named) > 1:
            topic = reading.topic or convo.topic
            merged = convo.facts.merge(facts) if (convo.facts is not None and topic == convo.topic) else facts
            return self._remember(convo, self.compare(text, topic, merged, named if len(named) > 1 else None, notice))
        switch = _switching_council(plain, list(q.mentions), convo.council)
        if switch:
            convo.council = switch
        topic, facts, said = self._follow_on(convo, reading, facts, plain)
        convo.topic, convo.facts, convo.said = topic, facts, said
        if convo.council is None:
            answer = Answer(
                question=text, council=None, topic=topic, verdict="needs_info",
                summary="Which council do you work for? Each council's code has its own rules.",
                follow_up="Which council do you work for? (" + ", ".join(c.name for c in self.library.councils) + ")",
                follow_up_why="Each council's code has its own rules, and Conduct only answers from your own.",
                facts=facts.to_dict(), trace=Trace("none", "council_unknown"), notice=notice,
            )
            return self._remember(convo, answer)
        if reading.intent == "out_of_scope":
            # An HR question mid-conversation is a new question, not a detail of the last one.
            convo.topic, convo.facts, convo.said = None, q.facts, plain
            return self._remember(convo, self._outside_codes(text, convo.council, q.facts, notice, reading.outside))
        if reading.intent == "guidance" and topic is not None:
            return self._remember(convo, self.guidance(convo.council, topic, text, facts, notice))
        if topic is None:
            return self._remember(convo, self._from_clauses(text, convo.council, facts, notice, tokens=q.query_tokens))
        return self._remember(convo, self.decide(convo.council, topic, text, facts, said, notice, tokens=q.query_tokens))

    def _follow_on(self, convo: Conversation, reading: Any, facts: "Facts", text: str) -> tuple[str | None, "Facts", str]:
        """A reply that names no new topic continues the last one, keeping the facts given so far."""
        previous = convo.topic
        if previous is not None and convo.facts is not None:
            weak = not reading.scores or reading.scores[0][1] < 2 or reading.topic == previous
            if reading.topic is None or reading.topic == previous or (weak and not facts.is_empty()):
                return previous, convo.facts.merge(facts), f"{convo.said} {text}".strip()
        return reading.topic, facts, text

    def _remember(self, convo: Conversation, answer: Answer) -> Answer:
        convo.history.append(answer)
        return answer

    # -- deciding -----------------------------------------------------------
    def context(self, council: str, question: str, facts: "Facts") -> Context:
        return Context(self.library.document(council).council, self.policy(council), facts, question)

    def decide(self, council: str, topic: str, question: str, facts: "Facts", said: str | None = None,
               notice: str | None = None, tokens: Sequence[str] | None = None) -> Answer:
        ctx = self.context(council, said or question, facts)
        if falls_back_on(topic) is None and not ctx.policy.covers(topic):
            if not ctx.council.bundled:
                # An added council's parameters are drafted by machine: absence may be a gap, not silence.
                return self._from_clauses(question, council, facts, notice, drafted_gap=TOPIC_NAMES[topic], tokens=tokens)
            decision = not_covered(ctx, topic, TOPIC_NAMES[topic])
        else:
            decision = template_for(topic)(ctx)
        return answer_from_decision(self.library, decision, question, council, topic, facts.to_dict(), notice)

    def guidance(self, council: str, topic: str, question: str, facts: "Facts | None" = None,
                 notice: str | None = None) -> Answer:
        """What a council's code says on a topic: each of its parameters as a cited sentence."""
        policy = self.policy(council)
        params = [p for name, p in policy.params.items() if name.startswith(topic + ".")]
        fallback = overview_falls_back_on(topic)
        if not params and fallback:  # no rule of its own: the rule it falls back on is what applies
            params = [p for name, p in policy.params.items() if name.startswith(fallback + ".")]
        facts_dict = facts.to_dict() if facts is not None else {}
        name = _possessive_subject(self.library.document(council).council)
        if not params:
            ctx = self.context(council, question, facts) if facts is not None else None
            if ctx is not None:
                return answer_from_decision(self.library, not_covered(ctx, topic, TOPIC_NAMES[topic]), question,
                                            council, topic, facts_dict, notice)
        highlights = {p.citation: p.quote for p in reversed(params)}
        return Answer(
            question=question, council=council, topic=topic, verdict="guidance" if params else "not_covered",
            summary=(f"What {name} code says about {TOPIC_NAMES[topic]}." if params
                     else f"{name[:1].upper()}{name[1:]} code says nothing about {TOPIC_NAMES[topic]}."),
            reasons=guidance_points(params), citations=citations_for(self.library, [p.citation for p in params], highlights),
            facts=facts_dict, trace=Trace(topic, "guidance", tuple(p.to_json() for p in params)), notice=notice,
        )

    def _outside_codes(self, question: str, council: str, facts: "Facts", notice: str | None,
                       family: str | None = None) -> Answer:
        contact = self.policy(council).get("contact")
        who = contact.value if contact else "your line manager or HR"
        outside = outside_family(family)
        if outside is not None and outside.family != "general":
            summary = (f"Questions about {outside.name} are outside the code of conduct. "
                       f"They usually live in {outside.where}.")
        else:
            summary = f"That is not something a code of conduct covers. Ask {who}, or see your terms and conditions and HR policies."
        return Answer(
            question=question, council=council, topic=None, verdict="not_covered",
            summary=summary,
            facts=facts.to_dict(), trace=Trace("none", "outside_the_codes"), notice=notice,
        )

    def _from_clauses(self, question: str, council: str, facts: "Facts", notice: str | None,
                      drafted_gap: str | None = None, tokens: Sequence[str] | None = None) -> Answer:
        """No template fits: quote the obligations in the best-matching clauses, or say the code is silent.

        `tokens` are the question's query tokens when it was read as a `Question`; otherwise
        (a comparison's situation) the text is analysed here."""
        if tokens is None:
            result = self.retriever.search(analysable(question), [council], k=3)
        else:
            result = self.retriever.search_query(analysable(question), tokens, [council], k=3)
        if not result.hits:
            return self._outside_codes(question, council, facts, notice)
        confident = [h for h in result.hits if h.score >= GUIDANCE_MIN_SCORE]
        hits = confident or list(result.hits[:2])
        points, highlights = [], {}
        for hit in hits:
            sentence = _obligation(hit.clause.text)
            points.append(Point(sentence, hit.clause.id))
            highlights[hit.clause.id] = sentence
        name = _possessive_subject(self.library.document(council).council)
        contact = self.policy(council).get("contact")
        who = contact.value if contact else "your line manager"
        summary = f"Conduct has no decision rule for this question; these are the closest parts of {name} code."
        if not confident:
            summary = (f"I could not find a rule in {name} code that clearly answers this. The closest clauses are "
                       f"below; if they do not answer it, ask {who}.")
        if drafted_gap:
            summary = (f"No rule on {drafted_gap} was found when {name} code was added, so this answer quotes "
                       f"the closest clauses' own obligations instead of deciding.")
        return Answer(
            question=question, council=council, topic=None, verdict="guidance",
            summary=summary,
            reasons=tuple(points),
            citations=citations_for(self.library, [h.clause.id for h in hits], highlights),
            facts=facts.to_dict(),
            trace=Trace("clauses", "best_clauses", tuple({"name": "bm25", "value": round(h.score, 3), "citation": h.clause.id,
                                                         "quote": highlights[h.clause.id]} for h in hits)),
            notice=notice,
        )

    # -- comparing ----------------------------------------------------------
    def compare(self, question: str, topic: str | None, facts: "Facts", only: list[str] | None = None,
                notice: str | None = None) -> Answer:
        """Every council's answer side by side, and where they disagree."""
        if topic is None:
            return Answer(question=question, council=None, topic=None, verdict="needs_info",
                          summary="Which topic should I compare?",
                          follow_up="Which topic should I compare? For example: " + ", ".join(TOPICS[:6]) + ".",
                          facts=facts.to_dict(), trace=Trace("compare", "topic_unknown"), notice=notice)
        slugs = only or self.library.slugs
        per: dict[str, Answer] = {}
        for slug in slugs:
            if facts.is_empty():
                per[slug] = self.guidance(slug, topic, question, facts)
            else:
                per[slug] = self.decide(slug, topic, question, facts)
        councils = {
            slug: {"name": self.library.document(slug).council.short_name, "verdict": a.verdict, "label": a.label,
                   "summary": a.summary, "reasons": [p.text for p in a.reasons],
                   "citations": [c.id for c in a.citations]}
            for slug, a in per.items()
        }
        reasons = tuple(Point(f"{councils[s]['name']}: {a.label} — {a.summary}" if not facts.is_empty()
                              else f"{councils[s]['name']}: {_first_reason(a)}", a.citations[0].id if a.citations else None)
                        for s, a in per.items())
        all_ids = [c.id for a in per.values() for c in a.citations]
        highlights = {c.id: c.highlight for a in per.values() for c in a.citations if c.highlight}
        return Answer(
            question=question, council=None, topic=topic, verdict="guidance",
            summary=_agreement(topic, per, councils, facts),
            reasons=reasons, citations=citations_for(self.library, all_ids, highlights),
            facts=facts.to_dict(), trace=Trace("compare", "side_by_side"), notice=notice, councils=councils,
        )


_MEDIA_BEFORE = re.compile(r"\b(bbc|itv|radio|sky|heart|fm)\s+$", re.I)
_ELECTION_BEFORE = re.compile(
    r"\b(stand(ing)?\s+(for|as)|candidate\s+(for|in|to)|elected\s+(to|for|on)|run(ning)?\s+for|seat\s+on|"
    r"elections?\s+(for|to|in)|vote\s+(for|in)|canvass(ing)?\s+for)\s+(the\s+)?$", re.I)
_SWITCH_BEFORE = re.compile(r"(^|\b)(at|in|for|with|from|under)\s+(the\s+)?$", re.I)
_SWITCH_AFTER = re.compile(r"^\s*('s)?\s+(code|rules|policy|policies)\b", re.I)


def _switching_council(text: str, mentions: list, current: str | None) -> str | None:
    """The council a question asks about, if it names one that should replace the current council.

    A council named in passing does not switch: 'can I stand for the county council?' is about an
    election, 'BBC Essex' is a radio station. With no council chosen yet, any real mention is taken;
    otherwise a different council needs a cue: 'at Gloucester…', 'in Essex's code…'.
    """
    for mention in mentions:
        before, after = text[: mention.start], text[mention.end :]
        if _MEDIA_BEFORE.search(before) or _ELECTION_BEFORE.search(before):
            continue
        if current is None or mention.slug == current:
            return mention.slug
        if _SWITCH_BEFORE.search(before) or _SWITCH_AFTER.match(after):
            return mention.slug
    return None


def _possessive_subject(council) -> str:
    """'Thurrock's', 'the county council's': how to say whose code it is mid-sentence."""
    return f"{council.short_name}'s"


def _first_reason(answer: Answer) -> str:
    if answer.reasons:
        return answer.reasons[0].text
    return answer.summary


def _agreement(topic: str, per: dict[str, Answer], councils: dict[str, dict[str, Any]], facts: "Facts") -> str:
    what = TOPIC_NAMES[topic]
    if facts.is_empty():
        silent = [councils[s]["name"] for s, a in per.items() if a.verdict == "not_covered"]
        text = f"How the councils' codes deal with {what}."
        return text + (f" Silent: {', '.join(silent)}." if silent else "")
    groups: dict[str, list[str]] = {}
    for slug, answer in per.items():
        groups.setdefault(answer.label, []).append(councils[slug]["name"])
    if len(groups) == 1:
        label = next(iter(groups))
        return f"All {len(per)} councils agree: {label}."
    parts = [f"{label} at {_names(names)}" for label, names in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    return "The councils disagree: " + "; ".join(parts) + "."


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _obligation(text: str) -> str:
    """The clause's first must / must not / should sentence, or its opening sentence."""
    sentences = re.split(r"(?<=[.;:])\s+(?=[A-Z(])|\n", text)
    for sentence in sentences:
        if OBLIGATION.search(sentence):
            return sentence.strip()
    return sentences[0].strip()
