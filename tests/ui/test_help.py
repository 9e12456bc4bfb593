"""Help as an encyclopedia: topics by rule id, search, the events that have fired (and
none that have not), F1 on the board's widgets, and the way back to the same board."""

import re
import warnings
from dataclasses import replace

import pygame
import pytest

from game.core.records import Event
from game.paths import DOCS_DIR
from game.ui.board import BoardScene, HandoverScene, start_game
from game.ui.help import GLOSSARY, HelpScene, manual_topics, search, topics
from game.ui.keys import BOARD_KEYS, HANDOVER_KEYS
from game.ui.menus import TitleScene
from game.ui.screenshots import Robot
from game.ui.settings import Settings
from tests.ui.screens import hot_seat_session
from tests.ui.test_layout import _problems
from tests.ui.test_secrecy import SECRET_THREAT, _plant_secrets, _texts


def board_of(robot: Robot, session) -> BoardScene:
    robot.start(start_game(robot.app, session))
    robot.until(lambda: isinstance(robot.scene, HandoverScene))
    robot.key(pygame.K_SPACE)
    assert isinstance(robot.scene, BoardScene)
    return robot.scene


def f1_over(robot: Robot, point) -> HelpScene:
    pygame.mouse.set_pos(point)
    robot.key(pygame.K_F1)
    assert isinstance(robot.scene, HelpScene)
    return robot.scene


def test_every_rule_id_is_a_topic_with_its_text_from_the_manual():
    found = {t.id: t for t in topics(None)}
    assert {f"R{n}" for n in range(1, 33)} <= set(found)
    manual = " ".join(re.sub(r"[*`]", "", (DOCS_DIR / "rules.md").read_text()).split())
    assert "Unspent money carries over" in found["R5"].plain and found["R5"].title == "R5 Budget"
    assert found["R4"].title == "R4 A month"  # a rule without a title takes its heading's
    assert "Dusk" in found["R4"].plain and "Answers" in found["R4"].plain
    # R32 is only in the table of changes: what it is now is its topic. The table's
    # "was" and "why" are the designer's (balance figures, other scenarios' services):
    # two playtests read them as notes left in, so a player's page leaves them out.
    assert "at least one report" in found["R32"].plain
    assert "free riding should be" not in found["R32"].plain  # its "why"
    assert "Designer's note" not in found["R18"].plain and "trust ÷ 10" not in found["R18"].plain
    for t in found.values():  # nothing of Help's own: every rule's words are the manual's
        if t.section == "Rules":
            first = t.plain.split("\n")[0].split(".")[0].replace("• ", "")
            assert " ".join(first.split()[:6]).lower() in manual.lower(), t.id
            # and no page opens mid-sentence ("have a kind, a region…", a playtest)
            assert not t.plain[:1].islower(), t.id
    assert found["R9"].plain.startswith("Threats have a kind")
    # The introduction speaks to the player, not of the tests and base.yaml (a playtest).
    intro = found["manual:introduction"].plain
    assert "F1 opens it" in intro and "tests" not in intro and "base.yaml" not in intro
    assert {"A worked exchange", "Why reciprocity pays"} <= {t.title for t in found.values()
                                                             if t.section == "Manual"}
    assert "<a href='topic:R4'>R4</a>" in found["R15"].html  # rule ids link to their topics
    # a part of the manual leads to its rules, each a topic of its own
    assert found["manual:a-month"].html.startswith(
        "<b>Its rules</b>: <a href='topic:R4'>R4 A month</a> · <a href='topic:R5'>R5 Budget</a>")


def test_a_manual_is_parsed_into_topics_by_rule_id_and_heading():
    text = ("# Manual\nHello.\n\n## Money (R1, R2)\n\n- **R1 Income.** You get paid,\n"
            "  every month (R2).\n- **R2** Costs\n  - nested\n\n## Changes\n\n"
            "| rule | was | is now |\n|---|---|---|\n| R2, R3 | free | 8 a month |\n")
    found = {t.id: t for t in manual_topics(text)}
    assert found["R1"].title == "R1 Income" and "every month" in found["R1"].plain
    assert found["R2"].title == "R2 Money" and "nested" in found["R2"].plain
    assert "8 a month" not in found["R2"].plain  # the designer's row, under a rule
    assert found["R3"].title == "R3 Changes" and found["R3"].plain == "8 a month"
    assert found["manual:introduction"].plain == "Hello."


def test_search_finds_a_topic_by_a_word_in_its_body():
    found = topics(None)
    assert [t.id for t in search(found, "poisson")] == ["R7"]  # only in R7's text
    assert "R18" in [t.id for t in search(found, "credit line")]
    assert "glossary:ledger" in [t.id for t in search(found, "LEDGER")]
    assert search(found, "no-such-word-anywhere") == []


def test_search_filters_the_list_live_as_the_player_types(tmp_path):
    robot = Robot(autosave_dir=tmp_path)
    robot.start(HelpScene(robot.app, back=lambda: TitleScene(robot.app)))
    scene = robot.scene
    assert scene.search.is_focused  # typing goes straight to the search field
    for char in "poisson":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
        robot.frame(1)
    robot.frame()
    assert set(scene.rows.values()) == {"index", "section:Rules", "R7"}
    assert "1 topic matches" in scene.box.html_text and "Poisson" in scene.box.html_text
    robot.key(pygame.K_RETURN)  # Enter in the field opens the first match
    assert scene.shown == ("R7",) and isinstance(robot.scene, HelpScene)
    robot.click(next(i["button_element"] for i in scene.list.item_list if i["text"] == "Index"))
    assert scene.shown == ("index",)


def test_from_the_title_there_is_no_game_to_tell_of(tmp_path):
    sections = {t.section for t in topics(None)}
    assert {"Rules", "Disciplines", "Glossary", "Keys", "Manual"} <= sections
    assert not sections & {"Agencies", "Regions", "Events"}
    assert "Human intelligence" in {t.id: t for t in topics(None)}["discipline:HUMINT"].title


def test_the_glossary_and_the_keys_are_topics():
    found = {t.id: t for t in topics(None)}
    for term, _ in GLOSSARY:
        assert any(t.title == term for t in found.values() if t.section == "Glossary")
    keys = found["keys"].plain
    names = [k.name for k in (*BOARD_KEYS, *HANDOVER_KEYS)]
    assert names == ["Enter", "Ctrl+Z", "Esc", "F1", "F5", "F9", "Space"]
    assert all(f"{name} — " in keys for name in names)


def test_an_event_that_has_not_fired_is_not_listed_and_one_that_has_is(tmp_path):
    session = hot_seat_session()
    script = {e.id: e for e in session.scenario.script.events}
    fired = set(session.state.fired)
    assert "huawei_decision" in fired and "court_disclosure" not in fired
    robot = Robot(autosave_dir=tmp_path)
    board = board_of(robot, session)
    help_ = f1_over(robot, (1, robot.app.size[1] // 2))
    ids = {t.id for t in help_.topics}
    assert "event:huawei_decision" in ids
    text = "\n".join(t.plain for t in help_.topics)
    assert " ".join(script["huawei_decision"].history.split()[:12]) in " ".join(text.split())
    for eid in set(script) - fired:
        assert f"event:{eid}" not in ids
        assert script[eid].history[:60] not in text and script[eid].title not in text
    # Once it has fired (as the seat's view shows it), it is listed with its history.
    spec = script["court_disclosure"]
    fire = Event(board.v.round, "event_fired", f"{spec.title}: {spec.text}",
                 data={"id": spec.id, "title": spec.title, "history": spec.history})
    later = {t.id: t for t in topics(replace(board.v, events=(*board.v.events, fire)))}
    assert spec.history[:60] in later["event:court_disclosure"].plain


def test_f1_over_the_budget_opens_r5_and_esc_returns_to_the_same_board(tmp_path):
    session = hot_seat_session()
    robot = Robot(autosave_dir=tmp_path)
    board = board_of(robot, session)
    robot.click(board.tabs["Reports"])
    board.status = "where I was"
    state = session.state
    before = (state.current, state.phase, state.round, len(state.log))
    help_ = f1_over(robot, board.top["budget"].get_abs_rect().center)
    assert help_.shown == ("R5",) and "Unspent money carries over" in help_.box.html_text
    robot.key(pygame.K_RETURN)  # Enter in Help never ends the turn
    robot.key(pygame.K_KP_ENTER)
    assert robot.scene is help_ and (state.current, state.phase, state.round) == before[:3]
    robot.key(pygame.K_ESCAPE)
    assert robot.scene is board and board.tab == "Reports" and board.status == "where I was"
    assert (state.current, state.phase, state.round, len(state.log)) == before
    assert board.tabs["Reports"].is_selected
    # F1 and the Back button return the same way; the Help button opens the index.
    f1_over(robot, board.top["budget"].get_abs_rect().center)
    robot.key(pygame.K_F1)
    assert robot.scene is board
    robot.click(board.buttons["help"])
    assert isinstance(robot.scene, HelpScene) and robot.scene.shown == ("index",)
    robot.click(robot.scene.close_button)
    assert robot.scene is board and (state.current, state.round) == before[0:3:2]


def test_f1_opens_the_topic_under_the_cursor(tmp_path):
    session = hot_seat_session()
    robot = Robot(autosave_dir=tmp_path)
    board = board_of(robot, session)
    world = board.v.world

    def at(point) -> tuple[str, ...]:
        shown = f1_over(robot, point).shown
        robot.key(pygame.K_ESCAPE)
        assert robot.scene is board
        return shown

    assert at(board.tabs["Liaison"].get_abs_rect().center) == ("R15", "R16", "R17", "R18",
                                                              "R19")
    assert at(board.top["score"].get_abs_rect().center)[0] == "R30"
    assert at(board.top["agency"].get_abs_rect().center) == ("agency:GCHQ",)
    assert at(board.buttons["collect"].get_abs_rect().center)[0] == "R6"
    assert at(board.buttons["undo"].get_abs_rect().center) == ("keys",)
    region = world.region_index("british_isles")
    assert at(board.mapview.centre(region)) == ("region:british_isles",)
    sea = (board.map_rect.x + 2, board.map_rect.y + 2)
    assert at(sea) == ("index",)
    help_ = f1_over(robot, board.buttons["sweep"].get_abs_rect().center)
    assert "F1 on Sweep" in help_.box.html_text and "mole" in help_.box.html_text
    robot.key(pygame.K_ESCAPE)


def test_help_from_a_board_shows_nothing_of_another_seat(tmp_path):
    session = hot_seat_session()
    _plant_secrets(session)
    robot = Robot(autosave_dir=tmp_path)
    board = board_of(robot, session)
    assert board.v.agency.id == "GCHQ"
    help_ = f1_over(robot, (1, robot.app.size[1] // 2))
    shown = []
    for tid in [t.id for t in help_.topics]:
        help_.open(tid)
        robot.app.render()
        shown.append(_texts(help_))
    text = "\n".join(shown)
    for secret in (SECRET_THREAT, "4321", "77.7", "working for MSS", "Bob"):
        assert secret not in text


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5])
@pytest.mark.parametrize("size", [(1280, 720), (960, 600)])
def test_help_is_legible_at_every_size_and_text_scale(size, scale, tmp_path):
    robot = Robot(size, settings=Settings(ui_scale=scale), autosave_dir=tmp_path)
    problems = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        robot.start(HelpScene(robot.app, back=lambda: TitleScene(robot.app)))
        problems += _problems(robot, "help from the title")
        board = board_of(robot, hot_seat_session())
        help_ = f1_over(robot, board.tabs["Liaison"].get_abs_rect().center)
        robot.app.render()
        problems += _problems(robot, "help on the Liaison tab")
        for tid in ("agency:GCHQ", "index", "section:Agencies", "keys"):
            help_.open(tid)
            robot.app.render()
            problems += _problems(robot, f"help on {tid}")
        box, items = help_.box.get_abs_rect(), help_.list.get_abs_rect()
        assert box.width >= robot.app.look.px(380) and items.width >= robot.app.look.px(180)
        assert not box.colliderect(items)
    problems += [str(w.message) for w in caught if "too small" in str(w.message)
                 or "not a supported html" in str(w.message)]
    assert problems == [], "\n".join(problems)


def test_a_link_in_the_tab_has_its_tip_and_f1_opens_its_rule(tmp_path):
    """A playtest found 'post an officer' with no tooltip, and F1 over it opening R15 (the
    Liaison tab's first rule): the link says what a posting costs and brings, and F1
    over it opens R24."""
    from tests.ui.test_bugs_in_play import _link_pieces
    from tests.ui.test_explained import _hover

    session = hot_seat_session()
    robot = Robot(autosave_dir=tmp_path)
    board = board_of(robot, session)
    robot.click(board.tabs["Liaison"])
    rect = next(r for href, r in _link_pieces(board.content) if href == "post:NSA")
    _hover(robot, rect.center)
    posting = session.state.rules.posting
    assert board.hover.startswith(f"Post a liaison officer with NSA (R24): {posting.cost:g} now")
    assert f1_over(robot, rect.center).shown == ("R24",)
    robot.key(pygame.K_ESCAPE)


def test_a_click_on_a_number_in_the_top_bar_opens_its_rule(tmp_path):
    """A playtester clicked "Damage 0 / 55" to learn what it meant, and nothing happened:
    a click opens the number's rule, as F1 over it does, and Esc comes back."""
    session = hot_seat_session()
    robot = Robot(autosave_dir=tmp_path)
    board = board_of(robot, session)
    robot.click(board.top["damage"])
    assert isinstance(robot.scene, HelpScene) and "R31" in robot.scene.shown
    robot.key(pygame.K_ESCAPE)
    assert robot.scene is board
