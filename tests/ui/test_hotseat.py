"""Drive the real screens with posted mouse and key events through a hot-seat game:
a new game with two humans and AI seats, collection, an exchange proposed and
answered, an event choice, end of turn, handover, undo, and the debrief."""

import pygame
import pytest

from game.ai.driver import play_game
from game.core.records import ACCEPTED
from game.session import Session
from game.ui.board import AIScene, BoardScene, HandoverScene, start_game
from game.ui.debrief import DebriefScene
from game.ui.menus import NewGameScene, TitleScene
from game.ui.screenshots import Robot


@pytest.fixture
def robot(tmp_path):
    return Robot(autosave_dir=tmp_path / "autosave")


def _start_from_title(robot):
    robot.start(TitleScene(robot.app))
    robot.click(robot.scene.buttons["new"])
    scene = robot.scene
    assert isinstance(scene, NewGameScene)
    labels = [c.label for c in scene.choices]
    robot.click(scene.list.item_list[labels.index("The Huawei Decision")]["button_element"])
    scene = robot.scene
    for agency in ("GCHQ", "NSA"):
        row = next(r for r in scene.rows if r[0] == agency)
        robot.click(row[1])
        scene = robot.scene
    names = {a: s.human for a, s in scene.seats.items() if s.is_human}
    assert names == {"GCHQ": "Player 1", "NSA": "Player 2"}
    robot.click(scene.start)


def test_a_hot_seat_round_through_the_real_screens(robot):
    _start_from_title(robot)
    assert isinstance(robot.scene, HandoverScene)
    assert "Player 1" in " ".join(robot.scene.drawn)
    robot.key(pygame.K_SPACE)
    board = robot.scene
    assert isinstance(board, BoardScene) and board.v.agency.id == "GCHQ"

    # The Huawei decision waits for the UK seat: choose through the event dialog.
    robot.link(f"decide:{board.v.decisions[0].pending}")
    told = board.dialog.window.get_container().elements[0].html_text
    assert "What each choice does" in told and "trust in GCHQ, MI6 and MI5 falls by 15" in told
    assert "In January 2020" not in told  # what really happened waits for the debrief
    robot.click(board.dialog.choices[0])
    assert board.dialog is None and board.v.decisions == ()
    assert board.controller.state.queued == [("huawei_decision", 0)]

    # Collection: raise SIGINT in the British Isles from 0 to 1, then undo it with Ctrl+Z.
    budget = board.v.budget
    robot.click(board.buttons["collect"])
    plus = next(b for b, cell in board.dialog.cells.items()
                if cell == ("europe", "CYBER", 1))
    robot.click(plus)
    # the detail follows the cell just changed (a playtest saw it stay on another)
    world = board.v.world
    assert board.dialog.selected == (world.region_index("europe"),
                                     world.rules.discipline_ids.index("CYBER"))
    robot.click(board.dialog.done)
    assert board.v.budget == budget - 10
    robot.key(pygame.K_z, pygame.KMOD_CTRL)
    assert board.v.budget == budget
    robot.click(board.buttons["collect"])
    robot.click(next(b for b, c in board.dialog.cells.items() if c == ("europe", "CYBER", 1)))
    robot.click(board.dialog.done)
    # A sweep greys its button (one a month); Undo gives back the money and the button.
    robot.click(board.buttons["sweep"])
    assert not board.buttons["sweep"].is_enabled
    robot.key(pygame.K_z, pygame.KMOD_CTRL)
    assert board.buttons["sweep"].is_enabled and not board.v.swept
    robot.key(pygame.K_RETURN)

    # AI seats act between the humans; then the handover blanks the screen for Player 2.
    assert isinstance(robot.scene, (AIScene, HandoverScene))
    robot.until(lambda: isinstance(robot.scene, HandoverScene))
    assert "Player 2" in " ".join(robot.scene.drawn)
    assert "GCHQ" not in " ".join(robot.scene.drawn)
    robot.key(pygame.K_SPACE)
    board = robot.scene
    assert board.v.agency.id == "NSA"

    # Player 2 composes an ask to GCHQ about a region it collects in (NSA runs SIGINT in
    # East Asia), so R16 admits it — the composer says so before sending.
    robot.click(board.buttons["exchange"])
    composer = board.dialog
    robot.choose(composer.partner_menu, "GCHQ")
    robot.choose(composer.topic_menu, "Region: British Isles")
    assert "Refused by rule" in composer.status.html_text
    assert "R16: no programme in British Isles" in composer.status.html_text
    robot.choose(composer.topic_menu, "Region: East Asia")
    assert "Admitted" in composer.status.html_text and "Refused" not in composer.status.html_text
    assert "R18 cap" in composer.status.html_text
    robot.click(composer.send)
    (sent,) = [c for c in board.v.outbox if c.sent == board.v.round]
    assert board.v.world.agencies[sent.recipient].id == "GCHQ" and sent.admitted
    assert "answered this month, in the answer round" in board.content.html_text
    month = board.v.round
    robot.key(pygame.K_RETURN)

    # The same month's answer round: Player 1 gets a handover that says so, then a board
    # where only answers can be given.
    robot.until(lambda: isinstance(robot.scene, HandoverScene))
    assert "Player 1" in " ".join(robot.scene.drawn)
    assert any(t.startswith("Answer round") for t in robot.scene.drawn)
    robot.key(pygame.K_SPACE)
    board = robot.scene
    assert board.v.agency.id == "GCHQ" and board.v.answering and board.v.round == month
    assert any(t.startswith("Answer round") for t in board.drawn)  # the banner
    assert board.buttons["end"].text.startswith("End answers")
    assert not any(board.buttons[k].is_enabled for k in ("collect", "exchange", "sweep"))
    robot.click(board.buttons["exchange"])
    assert board.dialog is None
    assert [i.cable.id for i in board.v.inbox if i.cable.id == sent.id] == [sent.id]
    robot.link(f"answer:{sent.id}")
    assert "You may return up to" in board.dialog.window.get_container().elements[0].html_text
    board.dialog.why.set_text("fair trade, Bob")
    robot.click(board.dialog.accept)
    assert board.controller.state.cables[sent.id].status == ACCEPTED
    assert board.controller.state.round == month  # answered the month it was sent
    told = [e.text for e in board.controller.view(sent.sender).events if e.kind == "accepted"]
    assert any("fair trade, Bob" in text for text in told)  # the asker reads why
    robot.key(pygame.K_RETURN)
    robot.until(lambda: isinstance(robot.scene, HandoverScene))


def test_debrief_after_the_last_month_and_export(robot, tmp_path, monkeypatch):
    session = Session.start("the_envelope", 2)
    played = play_game(session.scenario, 2)
    session.state, session.actions = played.state, played.actions
    robot.start(start_game(robot.app, session))
    scene = robot.scene
    assert isinstance(scene, DebriefScene)
    assert "Scoreboard" in scene.box.html_text
    from game.debrief import export
    # The button says where the files go: it said saves/debriefs/, where they never went.
    assert scene.export_button.tool_tip_text.endswith(f"in {export.DEBRIEF_DIR}")
    monkeypatch.setattr(export, "DEBRIEF_DIR", tmp_path)
    monkeypatch.setattr("game.ui.debrief.export",
                        lambda r, font, palette: export.export(r, font, palette, tmp_path))
    robot.click(scene.export_button)
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert {p.name for p in folder.iterdir()} == {"debrief.html", "rounds.csv", "scores.png",
                                                  "reputation.png", "damage.png"}
    assert "Scoreboard" in (folder / "debrief.html").read_text()
    lines = (folder / "rounds.csv").read_text().splitlines()
    assert len(lines) == 1 + played.state.round
    # A nation's agencies share one score (R30): the chart draws one line per team.
    assert scene.reveal.teams() == [("MI5 · MI6 · GCHQ", 0), ("CIA · NSA", 3)]
