"""The other screens: browse and search a code, compare a topic, a training round, the command palette."""

from __future__ import annotations

import pytest
from pilot_helpers import settle, shown
from textual.widgets import DataTable, Input, OptionList, Tree

from tui.app import ConductApp
from tui.screens.browser import BrowserScreen
from tui.screens.clause import ClauseScreen
from tui.screens.compare import CompareScreen
from tui.screens.training import TrainingScreen
from tui.widgets.answer_card import AnswerCard

SIZE = (100, 32)


async def test_browser_outlines_the_code_and_opens_a_clause(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowserScreen) and screen.slug == "thurrock"
        tree = screen.query_one("#outline", Tree)
        assert str(tree.root.children[0].label) == "1 Introduction"
        await pilot.press("down")  # every clause one keypress away
        assert tree.cursor_node is not None and tree.cursor_node.data == "thurrock:1.1"
        assert "thurrock:1.1" in shown(screen.query_one("#detail"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClauseScreen) and app.screen.clause_id == "thurrock:1.1"


async def test_browser_search_uses_bm25_and_opens_a_hit(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("slash")
        search = app.screen.query_one("#browser-search", Input)
        assert search.has_focus
        search.value = "gifts of token value"
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        ids = [results.get_option_at_index(i).id for i in range(results.option_count)]
        assert "thurrock:14.5" in ids[:3]
        await pilot.press("enter")  # to the results
        await pilot.press("enter")  # open the first
        await pilot.pause()
        assert isinstance(app.screen, ClauseScreen) and app.screen.clause_id == ids[0]


async def test_browser_finds_a_clause_by_number(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        app.screen.query_one("#browser-search", Input).value = "14.5"
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        assert results.get_option_at_index(0).id == "thurrock:14.5"


async def test_compare_shows_every_council_side_by_side(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        table = screen.query_one(DataTable)
        assert [key.value for key in table.rows] == ["thurrock", "county", "town", "gloucester", "essex"]
        screen.query_one("#situation", Input).value = "a £30 gift from a contractor"
        screen.query_one("#situation", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "disagree" in shown(screen.query_one("#agreement"))
        assert str(table.get_cell("thurrock", "verdict")) == "✘ No"
        assert str(table.get_cell("town", "verdict")) == "→ Ask first"
        assert "14.5" in str(table.get_cell("thurrock", "cited"))


async def test_compare_topic_from_the_palette_command(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.compare_topic("hospitality")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.topic == "hospitality"
        assert screen.answer is not None and screen.answer.topic == "hospitality"


async def test_training_round_keeps_score(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TrainingScreen)
        assert "A bottle of whisky at Christmas" in shown(screen.query_one("#scenario-head"))
        await pilot.press("3")  # ✘ No
        await settle(pilot)
        reveal = "\n".join(shown(w) for w in screen.query("#reveal Static"))
        assert "✔ Correct" in reveal
        assert "Rule that fired: gifts → not_token" in reveal
        assert "Key clause: thurrock:14.5" in reveal
        assert screen.score == (1, 1)
        await pilot.press("n")
        await pilot.pause()
        assert "A pen from the sales rep" in shown(screen.query_one("#scenario-head"))
        await pilot.press("1")  # ✔ Yes: wrong, the key says yes with conditions
        await settle(pilot)
        assert screen.score == (1, 2)
        assert "Score: 1 of 2 correct" in shown(screen.query_one("#score"))


async def test_training_other_council_and_presenting(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.start_scenario("whisky")
        await settle(pilot)
        screen = app.screen
        await pilot.press("c")
        await pilot.pause()
        assert screen.slug == "town"
        await pilot.press("4")  # → Ask first
        await settle(pilot)
        assert screen.score == (1, 1)
        await pilot.press("l")
        assert screen.has_class("-presenting")


async def test_palette_opens_a_clause_by_id(app: ConductApp) -> None:
    from textual.command import CommandPalette

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"thurrock:14.5")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClauseScreen) and app.screen.clause_id == "thurrock:14.5"


async def test_palette_switches_council(app: ConductApp) -> None:
    from tui.commands import ConductCommands

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        texts = [c.text for c in ConductCommands(app.screen)._commands()]
        assert "Council: Essex County Council" in texts
        assert "Compare: gifts" in texts and "Scenario: A bottle of whisky at Christmas" in texts
        app.switch_council("essex")
        await pilot.pause()
        assert app.backend.council == "essex" and "Essex" in app.sub_title


async def test_training_with_the_bundled_scenarios(app: ConductApp, monkeypatch) -> None:
    import pytest

    from tui import scenarios
    from tui.screens.training import CHOICES

    monkeypatch.undo()  # the real table, not the stand-in
    pytest.importorskip("assistant.training")
    bundled = scenarios.load()
    assert bundled, "assistant/data/training.toml has no scenarios"
    first = bundled[0]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TrainingScreen) and len(screen.scenarios) == len(bundled)
        key = first.expected[screen.slug].verdict
        await pilot.press(str(CHOICES.index(key) + 1))
        await settle(pilot)
        assert screen.score == (1, 1)


# -- every screen usable at 80x24 and 120x40 ------------------------------------------------------

SIZES = [(80, 24), (120, 40)]


def _visible(widget) -> bool:  # type: ignore[no-untyped-def]
    """The widget is drawn whole on the screen, not scrolled or cut away."""
    screen_region = widget.screen.region
    return widget.region.height > 0 and screen_region.contains_region(widget.region) and widget.region == \
        widget.region.intersection(widget.parent.region if widget.parent is not None else screen_region)


@pytest.mark.parametrize("size", SIZES)
async def test_training_title_follows_the_council_and_the_scenario_stays_in_view(app: ConductApp,
                                                                                size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        screen = app.screen
        head = screen.query_one("#scenario-head")
        assert "Scenario 1 of 2" in shown(head) and _visible(head)
        assert screen.sub_title == "Scenario for Thurrock Council"
        await pilot.press("c")
        await pilot.pause()
        assert screen.slug == "town" and screen.sub_title == "Scenario for A town council (unnamed)"
        await pilot.press("4")
        await settle(pilot)
        text = screen.query_one("#scenario-text")
        assert _visible(head) and _visible(text)
        assert "Jo's desk" in shown(text)
        assert "✔ Correct" in "\n".join(shown(w) for w in screen.query("#reveal Static"))
        assert isinstance(app.focused, AnswerCard)  # focus stays on something that shows it
        assert "n next" in shown(screen.query_one("#score"))
        score = screen.query_one("#score")
        assert score.region.width >= len(shown(score))  # the hint is not cut


@pytest.mark.parametrize("size", SIZES)
async def test_typing_a_situation_on_compare_is_never_lost(app: ConductApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(app.focused, DataTable)
        await pilot.press(*"a 30 pound gift from a contractor", "enter")
        await settle(pilot)
        situation = screen.query_one("#situation", Input)
        assert situation.value == "a 30 pound gift from a contractor"
        assert isinstance(app.screen, CompareScreen)  # Enter compared; it did not open a clause
        table = screen.query_one(DataTable)
        assert str(table.get_cell("thurrock", "verdict")) == "✘ No"
        assert "every council" in screen.sub_title


@pytest.mark.parametrize("size", SIZES)
async def test_help_descriptions_wrap_in_their_own_column(app: ConductApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        tables = list(app.screen.query(".help-table"))
        assert len(tables) == 4
        for table in tables:
            keys, texts = list(table.query(".help-key")), list(table.query(".help-text"))
            assert keys and len(keys) == len(texts)
            left = texts[0].virtual_region.x
            assert all(t.virtual_region.x == left for t in texts)  # descriptions start in one column
            assert all(k.virtual_region.right <= left for k in keys)
        keys = list(app.screen.query(".help-key"))
        tab = next(t for k, t in zip(keys, app.screen.query(".help-text")) if "Tab / Shift+Tab" in shown(k))
        assert "newest answer" in shown(tab)
        if size[0] == 80:
            assert tab.virtual_region.height > 1  # it wraps, and (above) within its own column
