"""The tutorial, played through the real window by a robot: every step, as a newcomer
would do it; left midway; and offered once on the first launch."""

from __future__ import annotations

import pygame

from game.scenario.loader import find, read_raw
from game.ui.board import BoardScene
from game.ui.menus import TitleScene, first_launch, start_tutorial
from game.ui.prompts import Prompt
from game.ui.screenshots import Robot
from game.ui.settings import Settings

RAW = read_raw(find("tutorial"))


def _board(robot: Robot) -> BoardScene:
    robot.until(lambda: isinstance(robot.scene, BoardScene))
    return robot.scene


def _step(board: BoardScene) -> int:
    return board.guide.guide.index


def _frame(board: BoardScene) -> pygame.Rect | None:
    """Where the guide draws its frame now, on a blank surface; None if it draws none."""
    surface = pygame.Surface(board.app.size, pygame.SRCALPHA)
    surface.fill((0, 0, 0, 0))
    board.guide.draw_over(surface)
    drawn = surface.get_bounding_rect()
    return drawn if drawn.width else None


def _points_at(board: BoardScene, widget) -> bool:
    return board.guide.target() == widget.get_abs_rect()


def test_a_robot_completes_the_tutorial(tmp_path):
    robot = Robot(autosave_dir=tmp_path)
    robot.start(start_tutorial(robot.app, RAW, "Ann"))
    board = _board(robot)
    assert board.controller.humans == 1 and board.v.agency.id == "MI6"
    assert _step(board) == 0 and board.guide.next is not None
    robot.click(board.guide.next)

    assert _step(board) == 1 and _points_at(board, board.buttons["collect"])
    robot.click(board.buttons["collect"])
    assert _step(board) == 2
    plus = next(b for b, (region, discipline, level) in board.dialog.cells.items()
                if (region, discipline) == ("east_africa", "HUMINT") and level == 3)
    robot.click(plus)
    robot.click(board.dialog.done)

    assert _step(board) == 3 and _points_at(board, board.tabs["Threats"])
    robot.click(board.tabs["Threats"])
    assert _step(board) == 4
    robot.click(board.guide.next)

    assert _step(board) == 5
    robot.click(board.buttons["exchange"])
    composer = board.dialog
    robot.choose(composer.partner_menu, "CIA")
    robot.choose(composer.topic_menu, "Region: Middle East")
    assert composer.verdict.refusal.startswith("R16")
    assert _step(board) == 6 and _points_at(board, composer.partner_menu)
    robot.choose(composer.partner_menu, "GCHQ")
    envelope = board.v.threats[0].threat
    robot.choose(composer.topic_menu, f"Threat: {envelope.name}")
    (mine,) = composer.offer_list.item_list
    robot.click(mine["button_element"])
    assert not composer.verdict.refusal and not composer.verdict.problem
    robot.click(composer.send)
    assert _step(board) == 7 and board.dialog is None

    robot.key(pygame.K_RETURN)  # end of orders
    board = _board(robot)
    assert board.v.answering and _step(board) == 8 and board.v.inbox
    ids = board.v.world.rules.discipline_ids
    (ask,) = [i for i in board.v.inbox if i.cable.topic is not None]  # as step 8 says:
    assert ask.cable.topic.threat == envelope.id  # GCHQ offers SIGINT for HUMINT
    assert [ids[r.discipline] for r in ask.offered] == ["SIGINT"]
    assert [ids[board.v.reports[r].discipline] for r, _ in ask.candidates] == ["HUMINT"]
    assert _frame(board) is not None  # the step frames the Inbox
    for incoming in board.v.inbox:  # as step 8 says: accept the gift, answer the ask
        robot.link(f"answer:{incoming.cable.id}")
        answer = board.dialog
        assert _frame(board) is None  # never drawn through the dialog over the Inbox
        if answer.labels:
            robot.click(answer.pick.item_list[0]["button_element"])
        robot.click(answer.accept)
    robot.key(pygame.K_RETURN)  # end of answers
    board = _board(robot)
    assert board.v.round == 2 and not board.v.answering
    assert _step(board) == 9
    assert board.v.threat(envelope.id).picture.all_source, "GCHQ's answer came in time"
    assert board.v.can_launch(envelope.id)[0]
    robot.link(f"op:{envelope.id}")
    robot.click(board.dialog.solo)
    assert _step(board) == 10
    robot.key(pygame.K_RETURN)
    board = _board(robot)
    for _ in range(5):
        if board.v.round == 3 and not board.v.answering:
            break
        robot.key(pygame.K_RETURN)
        board = _board(robot)
    assert _step(board) == 11 and board.guide.next.text == "Finish"
    robot.click(board.guide.next)
    assert board.guide.guide.finished and board.guide.window is None


def test_the_guide_can_be_left_and_the_game_goes_on(tmp_path):
    robot = Robot(autosave_dir=tmp_path)
    robot.start(start_tutorial(robot.app, RAW, "Bo"))
    board = _board(robot)
    robot.click(board.guide.next)
    robot.click(board.guide.leave)
    assert board.guide.guide.step is None and board.guide.window is None
    assert board.guide.target() is None
    robot.key(pygame.K_RETURN)
    board = _board(robot)  # the answer round, or the next month
    assert board.guide.guide.left and board.guide.window is None  # it stays closed


def test_the_first_launch_offers_the_tutorial_once(tmp_path):
    robot = Robot(settings=Settings(), autosave_dir=tmp_path)
    assert not robot.app.settings.tutorial_offered
    robot.start(first_launch(robot.app))
    assert isinstance(robot.scene, Prompt) and robot.app.settings.tutorial_offered
    robot.click(robot.scene.buttons["Not now"])
    assert isinstance(robot.scene, TitleScene)
    robot.start(first_launch(robot.app))
    robot.click(robot.scene.buttons["Take the tutorial"])
    assert _board(robot).guide is not None


def test_every_widget_id_a_step_may_name_is_found_on_the_board(tmp_path):
    """The ids of the modding guide are stable: each frames a widget on screen (a dialog's
    widget once its dialog is open, before that what opens it)."""
    from game.scenario.format import WIDGETS
    from game.ui import dialogs
    from game.ui.tutorial import IN_DIALOGS, OPENED_BY

    robot = Robot(autosave_dir=tmp_path)
    robot.start(start_tutorial(robot.app, RAW, "Cy"))
    board = _board(robot)
    panel, guide = board.guide, board.guide.guide
    opens = {"collection": lambda: dialogs.CollectionDialog(board),
             "exchange": lambda: dialogs.ExchangeDialog(board),
             "operation": lambda: dialogs.OperationDialog(board, board.v.threats[0].threat.id)}
    screen = pygame.Rect((0, 0), robot.app.size)
    for widget in WIDGETS:
        step = guide.tutorial.steps[0]
        guide.tutorial = type(guide.tutorial)(guide.tutorial.player, guide.tutorial.seed,
                                              (type(step)("t", "", widget, "next", True),))
        kind = IN_DIALOGS.get(widget, (None,))[0]
        if kind is not None:
            opener = panel.target()
            assert opener == _target_of(panel, OPENED_BY[kind]), widget
            board.dialog = opens[kind]()
        rect = panel.target()
        assert rect is not None and screen.contains(rect), widget
        if board.dialog is not None:
            board.dialog.kill()
            board.dialog = None


def _target_of(panel, widget: str):
    guide = panel.guide
    step = guide.tutorial.steps[0]
    guide.tutorial = type(guide.tutorial)(guide.tutorial.player, guide.tutorial.seed,
                                          (type(step)("t", "", widget, "next", True),))
    return panel.target()


def test_a_step_pointing_at_an_unknown_widget_is_a_positioned_error(tmp_path):
    from game.scenario.validate import check

    text = find("tutorial").read_text().replace("point: tab.threats", "point: tab.threat")
    (tmp_path / "base.yaml").write_text((find("tutorial").parent / "base.yaml").read_text())
    bad = tmp_path / "tutorial_copy.yaml"
    bad.write_text(text.replace("id: tutorial", "id: tutorial_copy"))
    problems = [str(p) for p in check(bad)[1]]
    assert any("steps[3].point" in p and "'tab.threats'" in p for p in problems), problems


def test_every_step_fits_its_panel_without_scrolling(tmp_path):
    """A step's text and its reason are read at a glance: none needs the panel's scroll
    bar (found in a playtest: a step's reason ran off the bottom of the panel)."""
    robot = Robot(autosave_dir=tmp_path)
    robot.start(start_tutorial(robot.app, RAW, "Di"))
    board = _board(robot)
    panel = board.guide
    for index in range(len(panel.guide.tutorial.steps)):
        panel.guide.index = index
        panel.build()
        robot.app.manager.update(0.05)
        assert panel.box.scroll_bar is None, panel.guide.step.text


def test_the_panel_is_no_taller_than_its_step_needs(tmp_path):
    """A wide dialog (Collection) reaches under the guide's panel, so the panel keeps
    only the height its text needs: a short step's panel is shorter than a long one's
    (found in a playtest: the panel's empty lower half hid the dialog's text)."""
    robot = Robot(autosave_dir=tmp_path)
    robot.start(start_tutorial(robot.app, RAW, "Ed"))
    panel = _board(robot).guide
    heights = {}
    for index, step in enumerate(panel.guide.tutorial.steps):
        panel.guide.index = index
        panel.build()
        heights[len(step.text) + len(step.why or "")] = panel.window.get_abs_rect().height
    shortest, longest = heights[min(heights)], heights[max(heights)]
    assert shortest < longest
