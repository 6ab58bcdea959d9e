"""The chat: asking, follow-ups, councils, citations in context, Why?, help, theme, history."""

from __future__ import annotations

import pytest
from pilot_helpers import ask, badge_of, card_text, last_answer, settle, shown

from tui.app import ConductApp, make_app
from tui.screens.clause import ClauseScreen
from tui.screens.council_picker import CouncilPicker
from tui.screens.help import HelpScreen
from tui.screens.why import WhyScreen
from tui.widgets.answer_card import AnswerCard
from tui.widgets.bubbles import Note, QuestionBubble
from tui.widgets.chat_input import ChatInput
from tui.widgets.citation_card import CitationCard
from tui.widgets.citations_panel import CitationsPanel
from tui.widgets.clause_view import ClauseView

SIZE = (100, 32)
SIZES = [(80, 24), (120, 40)]


async def test_ask_shows_the_verdict_in_words_and_the_cited_clauses(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await ask(pilot, "Can I accept a £30 gift from a contractor?")
        card = last_answer(pilot)
        assert badge_of(card) == "✘ No"
        assert "[thurrock:14.5]" in card_text(card)
        panel = app.screen.query_one(CitationsPanel)
        assert panel.ids[0] == "thurrock:14.5"
        assert "Hospitality" in shown(panel.query(CitationCard).first())


async def test_typed_question_is_answered(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"a 30 pound gift from a contractor?", "enter")
        await settle(pilot)
        assert badge_of(last_answer(pilot)) == "✘ No"
        assert app.screen.query_one(ChatInput).value == ""


async def test_a_missing_fact_is_asked_for_and_the_reply_decides(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await ask(pilot, "Can I accept a gift from a contractor?")
        first = last_answer(pilot)
        assert badge_of(first) == "? Need more information"
        assert "Roughly what is it worth?" in card_text(first)
        await ask(pilot, "£30")
        assert badge_of(last_answer(pilot)) == "✘ No"


async def test_council_picker_switches_council(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, CouncilPicker)
        await pilot.press("end", "enter")
        await settle(pilot)
        assert app.backend.council == "essex"
        assert app.sub_title == "Council: Essex County Council"
        await ask(pilot, "Can I accept a £30 gift from a contractor?")
        assert last_answer(pilot).answer.council == "essex"


async def test_council_command_is_fuzzy(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await ask(pilot, "/council glocester")
        assert app.backend.council == "gloucester"
        assert "Gloucester" in app.sub_title


async def test_citation_opens_in_context_with_its_neighbours(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await ask(pilot, "Can I accept a £30 gift from a contractor?")
        app.screen.query(CitationCard).first().focus()
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClauseScreen) and screen.clause_id == "thurrock:14.5"
        views = screen.query(ClauseView)
        assert [v.clause.id for v in views if v.has_class("-target")] == ["thurrock:14.5"]
        assert {"thurrock:14.4", "thurrock:14.6"} <= {v.clause.id for v in views}
        await pilot.press("n")
        await pilot.pause()
        assert screen.clause_id == "thurrock:14.6"
        await pilot.press("escape")
        assert not isinstance(app.screen, ClauseScreen)


async def test_why_shows_facts_parameters_and_rule(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await ask(pilot, "Can I accept a £30 gift from a contractor?")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, WhyScreen)
        text = "\n".join(shown(s) for s in app.screen.query("Static"))
        assert "Rule that fired: gifts → not_token" in text
        assert "amount: £30" in text
        assert "gifts.token_only" in text and "pens and diaries" in text
        await pilot.press("escape")
        await ask(pilot, "/why")
        assert isinstance(app.screen, WhyScreen)


async def test_help_on_f1(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_theme_toggles_between_light_and_dark(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"


async def test_up_and_down_walk_the_question_history(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await ask(pilot, "first question about gifts")
        await ask(pilot, "second question about hospitality")
        box = app.screen.query_one(ChatInput)
        box.value = "draft"
        await pilot.press("up")
        assert box.value == "second question about hospitality"
        await pilot.press("up")
        assert box.value == "first question about gifts"
        await pilot.press("down", "down")
        assert box.value == "draft"


async def test_pasted_paragraph_arrives_on_one_line(app: ConductApp) -> None:
    from textual.events import Paste

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        box = app.screen.query_one(ChatInput)
        box.post_message(Paste("Can I accept\na £30 gift\x1b[31m?"))
        await pilot.pause()
        assert box.value == "Can I accept a £30 gift␛[31m?"


async def test_app_builds_its_own_assistant_in_a_worker(conduct_home, tmp_path) -> None:
    app = make_app(council="Thurock", home=conduct_home)
    async with app.run_test(size=SIZE) as pilot:
        await ask(pilot, "Can I accept a £30 gift from a contractor?")
        await settle(pilot)
        assert app.backend.ready and app.backend.council == "thurrock"
        assert badge_of(last_answer(pilot)) == "✘ No"


async def test_clicking_a_clause_id_opens_it_with_its_deciding_words(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await ask(pilot, "Can I accept a £30 gift from a contractor?")
        await app.run_action("app.open_clause('thurrock:14.5')")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClauseScreen) and screen.clause_id == "thurrock:14.5"
        assert screen.highlight == "other than ones of a token value such as pens and diaries"


# -- nothing typed is lost; focus goes where a person expects -------------------------------------

@pytest.mark.parametrize("size", SIZES)
async def test_typing_after_tab_goes_to_the_question_box(app: ConductApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await ask(pilot, "Can I accept a £30 gift from a contractor?")
        await pilot.press("tab")
        assert isinstance(app.focused, AnswerCard)
        await pilot.press(*"/council county")
        box = app.screen.query_one(ChatInput)
        assert app.focused is box and box.value == "/council county"
        await pilot.press("enter")
        await settle(pilot)
        assert app.backend.council == "county"


@pytest.mark.parametrize("size", SIZES)
async def test_a_paste_while_an_answer_has_focus_reaches_the_box(app: ConductApp, size: tuple[int, int]) -> None:
    from textual.events import Paste

    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await ask(pilot, "Can I accept a £30 gift from a contractor?")
        await pilot.press("tab")
        app.screen.post_message(Paste("a £40 bottle\nof whisky"))
        await pilot.pause()
        box = app.screen.query_one(ChatInput)
        assert app.focused is box and box.value == "a £40 bottle of whisky"


@pytest.mark.parametrize("size", SIZES)
async def test_tab_reaches_the_newest_answer_then_its_clauses(app: ConductApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await ask(pilot, "Can I accept a £30 gift from a contractor?")
        await ask(pilot, "Do I need permission for a second job?")
        cards = list(app.screen.query(AnswerCard))
        await pilot.press("tab")
        assert app.focused is cards[-1]
        await pilot.press("tab")
        assert isinstance(app.focused, CitationCard)
        assert app.focused.citation.id == cards[-1].answer.citations[0].id
        await pilot.press("escape")
        assert isinstance(app.focused, ChatInput)
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is cards[0]
        panel = app.screen.query_one(CitationsPanel)
        assert panel.ids == [c.id for c in cards[0].answer.citations]


@pytest.mark.parametrize("size", SIZES)
async def test_escape_returns_to_the_bottom_of_the_conversation(app: ConductApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for question in ("Can I accept a £30 gift from a contractor?", "Do I need permission for a second job?",
                         "Can I use my work laptop for personal things?"):
            await ask(pilot, question)
        conversation = app.screen.query_one("#conversation")
        conversation.scroll_home(animate=False)
        await pilot.pause()
        assert conversation.scroll_y == 0
        await pilot.press("tab", "shift+tab", "shift+tab", "escape")
        await pilot.pause()
        assert isinstance(app.focused, ChatInput)
        assert conversation.scroll_y == conversation.max_scroll_y > 0


@pytest.mark.parametrize("size", SIZES)
async def test_w_shows_why_for_the_newest_answer_without_tabbing_to_it(app: ConductApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await ask(pilot, "Can I accept a £30 gift from a contractor?")
        newest = last_answer(pilot).answer
        await pilot.press("tab", "tab")  # on a cited clause, not the answer
        assert isinstance(app.focused, CitationCard)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WhyScreen)
        assert app.screen.answer is newest
        await pilot.press("escape")
        await pilot.pause()
        box = app.screen.query_one(ChatInput)
        box.focus()
        await pilot.press(*"what if")
        assert box.value == "what if" and not isinstance(app.screen, WhyScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_a_long_paste_echoes_its_start_and_the_answer_is_in_view(app: ConductApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        text = ("Can I accept a £30 gift from a contractor who has been very kind to us? " * 80)[:5000]
        await ask(pilot, text)
        bubble = app.screen.query(QuestionBubble).last()
        echo = shown(bubble)
        assert len(echo) < 500
        assert "5,000 characters pasted: showing the start; Conduct reads the first 2,000." in echo
        card = last_answer(pilot)
        conversation = app.screen.query_one("#conversation")
        assert card.region.height > 0
        assert conversation.region.contains_region(card.region.intersection(conversation.region))
        assert conversation.region.y <= card.region.y < conversation.region.bottom


@pytest.mark.parametrize("verbose", [False, True])
async def test_a_stale_index_cache_is_rebuilt_without_telling_officers(tmp_path, verbose: bool) -> None:
    from tui.backend import PREPARING
    from tui.widgets.bubbles import Note
    from tui.widgets.loading_line import LoadingLine

    cache = tmp_path / "cache" / "index.bin"
    cache.parent.mkdir(parents=True)
    cache.write_text("CONDUCT-INDEX 1 0000\n{}", encoding="utf-8")
    app = make_app(council="thurrock", home=tmp_path, verbose=verbose)
    stages: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        line = app.screen.query_one(LoadingLine)
        original = line.update_progress
        line.update_progress = lambda stage, done, total: (stages.append(stage), original(stage, done, total))
        await settle(pilot)
        notes = " ".join(shown(n) for n in app.screen.query(Note))
        assert app.backend.ready and app.backend.details  # it was rebuilt, and the reason kept
        assert ("index cache" in notes) is verbose
        assert PREPARING in stages and not {"Analysing clauses", "Building indexes"} & set(stages)


ANYTOWN = "\n\n".join(
    ["Anytown Borough Council Officers' Code of Conduct", "1. Introduction"]
    + [f"1.{n} Officers must act with integrity in matter number {n} and declare any interest." for n in range(1, 4)]
    + ["2. Gifts and hospitality"]
    + [f"2.{n} Employees must not accept gifts worth more than £25 from anyone, rule {n}." for n in range(1, 5)]
    + ["3. Outside work"]
    + [f"3.{n} Employees must obtain written permission before taking a second job, rule {n}." for n in range(1, 4)]
) + "\n"


async def test_a_council_added_while_the_chat_is_open_can_be_chosen(tui_assistant, tmp_path) -> None:
    from corpus.added import add_council

    app = make_app(council="thurrock", home=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        source = tmp_path / "anytown.txt"
        source.write_text(ANYTOWN, encoding="utf-8")
        add_council(source, "Anytown Borough Council", home=tmp_path)  # as `conduct add` does, from another shell
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, CouncilPicker)
        await pilot.press("escape")
        await pilot.pause()
        notes = " ".join(shown(n) for n in app.screen.query(Note))
        assert "Added since Conduct opened: Anytown Borough Council." in notes
        await ask(pilot, "/council anytown")
        assert app.backend.council == "anytown"
        await ask(pilot, "Can I take a second job?")
        assert last_answer(pilot).answer.council == "anytown"


async def test_council_command_sees_a_council_added_after_opening(tmp_path) -> None:
    from corpus.added import add_council

    app = make_app(council="thurrock", home=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        source = tmp_path / "anytown.txt"
        source.write_text(ANYTOWN, encoding="utf-8")
        add_council(source, "Anytown Borough Council", home=tmp_path)
        await ask(pilot, "/council anytown")
        assert app.backend.council == "anytown"
