"""No work lost to a click, a close or a name: the prompts, driven by the test robot."""

import pygame
import pytest

from game.filenames import file_stem
from game.persistence import load, read_header
from game.ui.board import BoardScene, HandoverScene, start_game
from game.ui.menus import LoadScene, TitleScene
from game.ui.prompts import Prompt
from game.ui.screenshots import Robot
from tests.ui.screens import hot_seat_session


@pytest.fixture
def saves(tmp_path, monkeypatch):
    """The player's saves folder, and the autosaves beside it, in a temporary place."""
    auto = tmp_path / "autosave"
    for where in ("game.persistence", "game.ui.board", "game.ui.menus"):
        monkeypatch.setattr(f"{where}.SAVE_DIR", tmp_path)
    monkeypatch.setattr("game.ui.menus.AUTOSAVE_DIR", auto)
    return tmp_path


def _board(saves) -> tuple[Robot, BoardScene]:
    robot = Robot(autosave_dir=saves / "autosave")
    robot.start(start_game(robot.app, hot_seat_session()))
    robot.until(lambda: isinstance(robot.scene, HandoverScene))
    robot.key(pygame.K_SPACE)
    return robot, robot.scene


def _play(robot: Robot) -> None:
    """Something worth saving: a counter-intelligence sweep."""
    robot.click(robot.scene.buttons["sweep"])
    assert robot.scene.controller.unsaved


def _menu(robot: Robot, item: str) -> None:
    robot.key(pygame.K_ESCAPE)
    robot.click(robot.scene.dialog.items[item])


def _own_saves(saves) -> list:
    return sorted(saves.glob("*.json"))


def test_quit_to_title_asks_and_cancel_returns_to_the_game(saves):
    robot, board = _board(saves)
    _play(robot)
    _menu(robot, "title")
    prompt = robot.scene
    assert isinstance(prompt, Prompt) and prompt.question == "Save before leaving?"
    assert list(prompt.buttons) == ["Save", "Leave", "Cancel"]
    robot.click(prompt.buttons["Cancel"])
    assert isinstance(robot.scene, BoardScene) and robot.scene.controller is board.controller
    _menu(robot, "title")
    robot.key(pygame.K_ESCAPE)  # Esc is Cancel
    assert isinstance(robot.scene, BoardScene)
    _menu(robot, "title")
    robot.click(robot.scene.buttons["Leave"])
    assert isinstance(robot.scene, TitleScene) and _own_saves(saves) == []


def test_save_on_leaving_writes_the_games_own_save_and_continue_resumes_it(saves):
    robot, board = _board(saves)
    _play(robot)
    _menu(robot, "title")
    robot.click(robot.scene.buttons["Save"])
    assert isinstance(robot.scene, TitleScene)
    (path,) = _own_saves(saves)
    head = read_header(path)
    assert head.name == f"The Huawei Decision, {head.month}"
    assert head.game_id == board.controller.session.game_id
    assert len(load(path).actions) == len(board.controller.session.actions)
    robot.click(robot.scene.buttons["continue"])  # the newest save: the one just made
    robot.until(lambda: isinstance(robot.scene, HandoverScene))
    robot.key(pygame.K_SPACE)
    assert robot.scene.controller.session.game_id == head.game_id
    _menu(robot, "title")  # nothing played since loading: no question
    assert isinstance(robot.scene, TitleScene)


def test_closing_the_window_asks_and_cancel_keeps_it_open(saves):
    robot, board = _board(saves)
    _play(robot)
    robot.key(pygame.K_ESCAPE)  # a dialog is open when the window is closed
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    robot.frame()
    assert isinstance(robot.scene, Prompt) and robot.app.running
    robot.click(robot.scene.buttons["Cancel"])
    assert robot.scene is board and board.dialog is None and robot.app.running
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    robot.frame()
    robot.click(robot.scene.buttons["Save"])
    assert not robot.app.running
    (path,) = _own_saves(saves)
    assert read_header(path).game_id == board.controller.session.game_id


def test_closing_the_window_with_nothing_unsaved_just_closes(saves):
    robot, _ = _board(saves)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    robot.frame()
    assert not robot.app.running and _own_saves(saves) == []


def test_load_then_back_returns_to_the_game(saves):
    robot, board = _board(saves)
    _play(robot)
    _menu(robot, "load")
    assert isinstance(robot.scene, LoadScene)
    robot.click(robot.scene.back)
    assert isinstance(robot.scene, BoardScene) and robot.scene.controller is board.controller
    _menu(robot, "load")
    robot.key(pygame.K_ESCAPE)
    assert isinstance(robot.scene, BoardScene)


def _save_as(robot: Robot, name: str) -> None:
    robot.key(pygame.K_ESCAPE)
    robot.scene.dialog.name.set_text(name)
    robot.click(robot.scene.dialog.items["save_as"])


def test_save_as_keeps_any_name_and_asks_before_replacing(saves):
    robot, _ = _board(saves)
    _save_as(robot, "9B week1 Chloé")
    _save_as(robot, "9B week1 Chlo")
    _save_as(robot, "第三課")
    names = {read_header(p).name for p in _own_saves(saves)}
    assert names == {"9B week1 Chloé", "9B week1 Chlo", "第三課"}
    chloe = saves / f"{file_stem('9B week1 Chloé')}.json"
    before = chloe.read_bytes()
    _play(robot)
    _save_as(robot, "9B week1 Chloé")
    prompt = robot.scene
    assert isinstance(prompt, Prompt) and "9B week1 Chloé" in prompt.detail
    robot.click(prompt.buttons["Cancel"])
    assert isinstance(robot.scene, BoardScene) and chloe.read_bytes() == before
    _save_as(robot, "9B week1 Chloé")
    robot.click(robot.scene.buttons["Replace"])
    assert isinstance(robot.scene, BoardScene) and "Chloé" in robot.scene.status
    assert chloe.read_bytes() != before and len(_own_saves(saves)) == 3


def test_quickload_asks_before_undoing_play_and_names_who_played(saves):
    """F9 goes back to this game's own quicksave; with play since, it asks first and
    names the seats whose turns it would undo. Cancel keeps the game as it was."""
    robot, board = _board(saves)
    robot.key(pygame.K_F5)
    assert board.quicksave_path.exists()
    assert board.quicksave_path.name == f"quicksave-{board.controller.session.game_id}.json"
    _play(robot)
    played = len(board.controller.session.actions)
    robot.key(pygame.K_F9)
    prompt = robot.scene
    assert isinstance(prompt, Prompt) and prompt.question == "Go back to the quicksave?"
    human = board.controller.player_name(board.seat)
    assert f"{human} ({board.v.agency.id})" in prompt.detail
    robot.click(prompt.buttons["Cancel"])
    assert isinstance(robot.scene, BoardScene)
    assert len(robot.scene.controller.session.actions) == played
    robot.key(pygame.K_F9)
    robot.click(robot.scene.buttons["Go back"])
    robot.until(lambda: isinstance(robot.scene, HandoverScene))
    assert len(robot.scene.controller.session.actions) < played


def test_loading_another_game_from_the_menu_asks_first(saves):
    """Menu -> Load... -> a save: with play since the last save, "Save before leaving?"
    comes before the other game replaces this one."""
    robot, board = _board(saves)
    board.controller.save(saves / "other.json", "Another game")
    _play(robot)
    _menu(robot, "load")
    assert isinstance(robot.scene, LoadScene)
    scene = robot.scene
    prompt = scene.open(saves / "other.json")
    assert isinstance(prompt, Prompt) and prompt.question == "Save before leaving?"
    robot.start(prompt)
    robot.click(prompt.buttons["Cancel"])
    assert isinstance(robot.scene, BoardScene) and robot.scene.controller.unsaved



@pytest.mark.parametrize("lines", [1, 3, 6])
def test_a_prompts_answers_sit_below_its_detail_however_long(lines, tmp_path):
    """A playtest saw the first-launch question's three lines of detail touch its buttons:
    the lowest drawn pixel of the text is well above the row of answers."""
    robot = Robot(autosave_dir=tmp_path)
    detail = " ".join(["A guided game of two months shows you the four moves."] * lines)
    robot.start(Prompt(robot.app, "New here?", detail, [("Yes", lambda: None),
                                                         ("No", lambda: None)]))
    top = min(b.rect.top for b in robot.scene.buttons.values())
    surface = pygame.Surface(robot.app.size)
    robot.scene.draw(surface)  # the question and its detail; the buttons are widgets
    pixels = pygame.surfarray.array3d(surface)
    background = pixels[0, 0]
    inked = [y for y in range(pixels.shape[1]) if (pixels[:, y] != background).any()]
    assert top - max(inked) >= robot.scene.look.px(12)
