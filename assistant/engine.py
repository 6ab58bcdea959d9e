"""The Assistant: from a question (and the conversation so far) to a decided, cited Answer.

Understanding (council, facts, topic) happens here; deciding happens in the
topic's template; when no template fits, the best clauses' own obligations
are quoted as guidance, or the question is said to be outside the codes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from assistant.answer import Answer, Point, Trace
from assistant.conversation import NEW, REPLY, Conversation, Pending
from assistant.decide.decision import Context, not_covered
from assistant.decide.from_clauses import Governing, action_for, answers_the_ask, governing, sharper, summary_for
from assistant.decide.clause_rules import split_sentences
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
OVERRIDE_SCORE = 10.0
OVERRIDE_COVER = 0.35
OVERRIDE_OWN_BEST = 5.0
"""With the same verdict, a rule replaces the template's clause only when the template's own clauses
hardly match the question (the sign of a topic forced on it)..."""
OVERRIDE_MARGIN = 3.0
"""...with another verdict, only when it matches this much better than they do, and is no laxer:
a general 'without permission' never softens a template's specific 'no'."""
STRICTNESS = {"allowed": 0, "not_required": 0, "allowed_with_conditions": 1, "required": 2, "refer": 2, "not_allowed": 3}
OVERRIDING = {"must_not", "only_with"}
"""Only a rule that says so outright overrides a template: a prohibition, or someone else's consent."""
"""How plainly a clause's rule must match before it decides over a template's answer."""
SILENT_TOPIC_WORD = 4.0
"""Where the code has no rule on the topic a question was read as, a clause's rule decides instead only if
it shares one of the question's own rare words ('account'): common ones ('use', 'personal') do not make
'personal stuff on the work laptop' an order of goods through a council account."""
RULE_CANDIDATES = 8
"""How many retrieved clauses are read for a rule that governs the question."""
OBLIGATION = re.compile(r"\b(must|must not|should|shall|are required|is required|required to|expected to|may not|not permitted|will not be tolerated)\b", re.I)


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
        read = self._read_turn(convo, reading, facts, plain)
        if read is None:  # "I don't know" (or a yes/no to a value): what each answer would mean
            return self._remember(convo, self._both_ways(convo, text, notice))
        topic, facts = read
        convo.topic, convo.facts = topic, facts
        said = convo.said
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
            convo.topic, convo.facts, convo.pending = None, q.facts, None
            convo.start(plain)
            return self._remember(convo, self._outside_codes(text, convo.council, q.facts, notice, reading.outside))
        if reading.intent == "guidance" and topic is not None:
            return self._remember(convo, self.guidance(convo.council, topic, text, facts, notice))
        if topic is None:
            return self._remember(convo, self._from_clauses(text, convo.council, facts, notice, tokens=q.query_tokens,
                                                            decide=reading.intent != "guidance"))
        answer = self.decide(convo.council, topic, text, facts, said, notice, tokens=q.query_tokens)
        if answer.verdict == "needs_info" and answer.follow_up and answer.follow_up == convo.asked:
            return self._remember(convo, self._both_ways(convo, text, notice))  # never the same question twice
        return self._remember(convo, answer)

    def _read_turn(self, convo: Conversation, reading: Any, facts: "Facts", text: str) -> tuple[str | None, "Facts"] | None:
        """Classify the line (a reply, a what-if, more detail or a new question) and update the state.

        Returns the topic and the facts to decide on, or None when the line says it does not know
        the answer Conduct asked for.
        """
        from assistant.conversation import answer_word, fills, negated_contexts, turn_kind, without
        from assistant.understand.facts import Facts, extract_facts

        kind = turn_kind(text, reading, facts, convo)
        if kind == NEW:
            convo.pending, convo.asked = None, None
            convo.start(text)
            negated = negated_contexts(text)
            return reading.topic, without(facts, negated)
        base = convo.facts if convo.facts is not None else Facts()
        topic, own_words = convo.topic, False
        if kind == REPLY and convo.pending is not None:
            slot, topic = convo.pending.slot, convo.pending.topic or convo.topic
            answered = answer_word(text)
            if not fills(slot, facts):
                if answered is None or answered[0] == "unknown" or not slot.yes_no:
                    return None
                text = f"{slot.yes if answered[0] == 'yes' else slot.no}. {answered[1]}".strip()
                facts, own_words = extract_facts(text), True
        negated = negated_contexts(text)
        convo.add(text if own_words else convo.deny(negated, text))  # the template's own words stay whole
        return topic, without(base.merge(without(facts, negated)), negated)

    def _both_ways(self, convo: Conversation, question: str, notice: str | None) -> Answer:
        """What each answer to the question asked would mean, and how to find out, instead of asking again."""
        from assistant.conversation import negated_contexts, without
        from assistant.decide.decision import sentence
        from assistant.decide.schema import SCHEMA
        from assistant.understand.facts import Facts, extract_facts
        from assistant.understand.money import GBP, Money

        pending = convo.pending
        topic = (pending.topic if pending is not None else None) or convo.topic
        council = convo.council
        facts = convo.facts if convo.facts is not None else Facts()
        if council is None:
            return Answer(question=question, council=None, topic=topic, verdict="needs_info",
                          summary="Which council do you work for? Each council's code has its own rules.",
                          follow_up="Which council do you work for? (" + ", ".join(c.name for c in self.library.councils) + ")",
                          facts=facts.to_dict(), trace=Trace("none", "council_unknown"), notice=notice)
        if topic is None:
            return self._from_clauses(question, council, facts, notice)
        ctx = self.context(council, convo.said, facts)
        asked = template_for(topic)(ctx)
        branches: list[tuple[str, Answer]] = []
        slot = pending.slot if pending is not None else asked.slot
        if slot is not None and slot.yes_no:
            for label, words in (("If yes", slot.yes), ("If not", slot.no)):
                extra = extract_facts(words)
                merged = without(facts.merge(extra), negated_contexts(words))
                branches.append((label, self.decide(council, topic, question, merged, f"{convo.said} {words}")))
        elif slot is not None and slot.name == "amount":
            limit = next((p for p in asked.decisive if SCHEMA.get(p.name, ("",))[0] == "pence"), None)
            if limit is not None:
                for label, pence in ((f"If it is worth less than {_pounds(limit.value)}", limit.value - 1),
                                     (f"If it is worth {_pounds(limit.value)} or more", limit.value)):
                    money = Money(pence, GBP, False, _pounds(pence), 0, 0)
                    merged = Facts(money, None, facts.giver, facts.item, facts.context, facts.relation)
                    branches.append((label, self.decide(council, topic, question, merged, convo.said)))
        name = _possessive_subject(self.library.document(council).council)
        points, ids, highlights = [], [], {}
        for label, answer in branches:
            points.append(Point(f"{label}: {answer.label} — {answer.summary}", answer.citations[0].id if answer.citations else None))
            for c in answer.citations:
                ids.append(c.id)
                if c.highlight:
                    highlights.setdefault(c.id, c.highlight)
        for param in asked.decisive:
            ids.append(param.citation)
            highlights.setdefault(param.citation, param.quote)
        if not branches:
            points = list(guidance_points(asked.decisive))
        verdicts = {a.verdict for _, a in branches}
        verdict = (branches[0][1].verdict if len(verdicts) == 1 else "refer") if branches else "guidance"
        what = asked.follow_up or "that"
        summary = (f"It depends on the answer to \"{what}\": what each answer means is below, and how to find out."
                   if branches else f"Conduct needs to know that to decide (\"{what}\"); this is what {name} code says.")
        actions = []
        if asked.follow_up_why and asked.decisive:
            actions.append(Point(sentence(f"What makes the difference: {asked.follow_up_why}"), asked.decisive[0].citation))
        advice = ctx.p(f"{topic}.advice") or ctx.p("contact")
        if advice is not None:
            actions.append(Point(sentence(f"If you cannot find out, ask {advice.value}"), advice.citation))
            ids.append(advice.citation)
            highlights.setdefault(advice.citation, advice.quote)
        return Answer(
            question=question, council=council, topic=topic, verdict=verdict, summary=summary,
            reasons=tuple(points), actions=tuple(actions), citations=citations_for(self.library, ids, highlights),
            facts=facts.to_dict(), trace=Trace(topic, "depends_on_the_answer", tuple(p.to_json() for p in asked.used)),
            notice=notice,
        )

    def _remember(self, convo: Conversation, answer: Answer) -> Answer:
        convo.history.append(answer)
        asking = answer.verdict == "needs_info" and answer.follow_up
        convo.asked = answer.follow_up if asking else None
        if answer.slot is not None and asking:
            convo.pending = Pending(answer.slot, answer.follow_up or "", answer.topic)
        elif answer.trace.rule != "depends_on_the_answer":
            convo.pending = None
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
                return self._from_clauses(question, council, facts, notice, drafted_gap=topic, tokens=tokens)
            if tokens is not None:
                # Silent on the topic is not silent on the situation: a clause elsewhere in the code
                # whose own rule plainly governs it ('must not order goods ... through a council
                # account') decides, rather than 'the code says nothing about equipment'.
                found, _ = self._governing(question, council, tokens, loose=True)
                if found is not None and found.rarest >= SILENT_TOPIC_WORD:
                    return self._from_rule(question, council, facts, notice, found, topic)
            decision = not_covered(ctx, topic, TOPIC_NAMES[topic])
        else:
            decision = template_for(topic)(ctx)
            if tokens is not None and decision.verdict not in {"needs_info", "not_covered", "guidance"}:
                cited = {p.citation for p in (*decision.decisive, *decision.used)}
                found, listing = self._governing(question, council, tokens, loose=not cited, also=cited)
                if found is not None and not cited:
                    # The template decided on no clause at all (an added code's parameter was not
                    # drafted): a clause whose rule plainly governs is a better basis than none.
                    return self._from_rule(question, council, facts, notice, found, topic)
                sections = {c.section_id for c in map(self.library.clause, cited) if c is not None}
                clause = self.library.clause(found.rule.clause_id) if found is not None else None
                own_best = max((c.score for c in listing
                                if c.rule.clause_id in cited or _section(self.library, c.rule.clause_id) in sections), default=0.0)
                if (found is not None and clause is not None and found.score >= OVERRIDE_SCORE
                        and found.cover >= OVERRIDE_COVER and clause.section_id not in sections
                        and answers_the_ask(found, question)
                        and (own_best < OVERRIDE_OWN_BEST if found.verdict == decision.verdict else
                             found.score - own_best >= OVERRIDE_MARGIN
                             and STRICTNESS.get(found.verdict, 0) >= STRICTNESS.get(decision.verdict, 0))
                        and found.rule.modality in OVERRIDING):
                    # A clause whose own rule matches the situation far better than the template's
                    # clauses decides it: 'gambling sites on a work laptop' is 24.2(c), not the
                    # general rule on using equipment.
                    return self._from_rule(question, council, facts, notice, found, topic)
                sharp = sharper(question, listing, decision.verdict, cited.__contains__,
                                lambda clause_id: _section(self.library, clause_id) in sections)
                if sharp is not None:
                    answer = answer_from_decision(self.library, decision, question, council, topic, facts.to_dict(), notice)
                    return self._sharpened(answer, sharp)
        return answer_from_decision(self.library, decision, question, council, topic, facts.to_dict(), notice)

    def _sharpened(self, answer: Answer, sharp: Governing) -> Answer:
        """The template's answer led by the neighbouring clause whose own rule names the situation. It gives
        the same verdict, so what the answer says stays true of every clause it cites."""
        rule = sharp.rule
        clause = self.library.clause(rule.clause_id)
        if clause is None:
            return answer
        highlights = {c.id: c.highlight for c in answer.citations if c.highlight}
        highlights[rule.clause_id] = rule.sentence
        ids = [rule.clause_id, *(c.id for c in answer.citations)]
        summary = summary_for(sharp, self.library.document(answer.council or "").council.short_name, clause.number)
        trace = replace(answer.trace, parameters=(*answer.trace.parameters, {
            "name": "rule", "value": rule.modality, "citation": rule.clause_id, "quote": rule.sentence,
            "score": round(sharp.score, 3), "cover": round(sharp.cover, 3)}))
        return replace(answer, summary=summary, reasons=(Point(_sentence_of(rule.sentence), rule.clause_id), *answer.reasons),
                       citations=citations_for(self.library, ids, highlights), trace=trace)

    def _governing(self, question: str, council: str, tokens: Sequence[str], loose: bool = False,
                   also: "set[str] | None" = None) -> "tuple[Governing | None, list]":
        """The rule that plainly governs the question among the clauses retrieved for it, and every rule
        ranked; `also` adds clauses retrieval may have missed (a template's own), so they are measured too."""
        from index.analyse import get_analyser
        from index.retriever import Hit

        plain = analysable(question)
        wide = self.retriever.search_query(plain, tokens, [council], k=RULE_CANDIDATES)
        hits = list(wide.hits)
        have = {h.clause.id for h in hits}
        for clause_id in sorted(also or ()):
            clause = self.library.clause(clause_id)
            if clause is not None and clause_id not in have and clause.council == council:
                hits.append(Hit(clause, 0.0))
        return governing(question, get_analyser().tokens(plain), tokens, council, self.library, self.retriever,
                         hits, loose=loose)

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
                      drafted_gap: str | None = None, tokens: Sequence[str] | None = None,
                      decide: bool = True) -> Answer:
        """No template fits: decide from the one clause whose rule plainly governs the question, or
        quote the obligations in the best-matching clauses, or say the code is silent.

        `tokens` are the question's query tokens when it was read as a `Question`; otherwise
        (a comparison's situation) the text is analysed here."""
        from index.analyse import get_analyser

        plain = analysable(question)
        if tokens is None:
            tokens = get_analyser().query_tokens(plain)
        wide = self.retriever.search_query(plain, tokens, [council], k=RULE_CANDIDATES)
        result = replace(wide, hits=wide.hits[:3])
        if not result.hits:
            return self._outside_codes(question, council, facts, notice)
        if decide:
            found, _ = governing(question, get_analyser().tokens(plain), tokens, council, self.library,
                                 self.retriever, wide.hits, loose=True)
            if found is not None:
                return self._from_rule(question, council, facts, notice, found)
        confident = [h for h in result.hits if h.score >= GUIDANCE_MIN_SCORE]
        if drafted_gap and not confident:
            # Nothing drafted, no rule governs, no clause comes close: the added code is silent on the
            # topic, said in the same words as for a bundled code that is.
            decision = not_covered(self.context(council, question, facts), drafted_gap, TOPIC_NAMES[drafted_gap])
            return answer_from_decision(self.library, decision, question, council, drafted_gap, facts.to_dict(), notice)
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
            summary = (f"No rule on {TOPIC_NAMES[drafted_gap]} was found when {name} code was added, so this answer quotes "
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

    def _from_rule(self, question: str, council: str, facts: "Facts", notice: str | None, found: Governing,
                   topic: str | None = None) -> Answer:
        """A verdict decided by one clause's own rule, citing it and highlighting its deciding words."""
        rule = found.rule
        clause = self.library.clause(rule.clause_id)
        ref = clause.number if clause is not None else rule.clause_id
        deciding = rule.exception if found.exception_fits and rule.exception else rule.sentence
        reasons = [Point(_sentence_of(rule.sentence), rule.clause_id)]
        if found.exception_fits and rule.exception:
            reasons.append(Point(_sentence_of(rule.exception), rule.clause_id))
        action = action_for(found)
        actions = (Point(action, rule.clause_id),) if action else ()
        ids, highlights = [rule.clause_id], {rule.clause_id: deciding}
        parent = self.library.clause(clause.parent) if clause is not None and clause.parent else None
        if parent is not None:  # a list item reads as part of the sentence that introduces it
            ids.append(parent.id)
            intro = [s for s in split_sentences(parent.body)]
            if intro:
                highlights[parent.id] = intro[-1]
        return Answer(
            question=question, council=council, topic=topic, verdict=found.verdict,
            summary=summary_for(found, self.library.document(council).council.short_name, ref),
            reasons=tuple(reasons), actions=actions,
            citations=citations_for(self.library, ids, highlights),
            facts=facts.to_dict(),
            trace=Trace("clauses", f"clause_rule_{rule.modality}", ({
                "name": "rule", "value": rule.modality, "citation": rule.clause_id, "quote": deciding,
                "person": rule.person, "score": round(found.score, 3), "cover": round(found.cover, 3)},)),
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
        skipped: list[str] = []
        for slug in slugs:
            try:
                if facts.is_empty():
                    per[slug] = self.guidance(slug, topic, question, facts)
                else:
                    per[slug] = self.decide(slug, topic, question, facts)
            except PolicyError as exc:  # one broken hand-edited file must not stop the comparison
                skipped.append(f"{slug} was left out: {exc}")
        if skipped:
            notice = " ".join(filter(None, [notice, *skipped]))
        if not per:
            return Answer(question=question, council=None, topic=topic, verdict="needs_info",
                          summary="No council could be compared.", facts=facts.to_dict(),
                          trace=Trace("compare", "no_council"), notice=notice)
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


def _pounds(pence: int) -> str:
    return f"£{pence // 100:,}" if pence % 100 == 0 else f"£{pence / 100:,.2f}"


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


def _sentence_of(text: str) -> str:
    text = " ".join(text.split()).rstrip(" ;:,")
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _section(library: Library, clause_id: str) -> str | None:
    clause = library.clause(clause_id)
    return clause.section_id if clause is not None else None
