"""`python main.py screenshots DIR`: a scripted two-human hot-seat game, played
headless through the real screens, with a PNG of every screen and dialog.

The `Robot` posts real mouse and key events (the same ones a player makes) and
steps the app's loop; the tests drive the window with it too.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame
import pygame_gui

from game.ai.driver import play_game
from game.campaign import begin, chapter_session, find_campaign, finish
from game.core.records import MOLE_FOUND
from game.core.view import MoleView
from game.scenario.loader import find, read_raw
from game.session import Seat, Session
from game.ui.app import App, Scene
from game.ui.board import BoardScene, HandoverScene, start_game
from game.ui.campaign import BriefingScene, CampaignListScene
from game.ui.debrief import DebriefScene
from game.ui.menus import HelpScene, LoadScene, SettingsScene, TitleScene, start_tutorial
from game.ui.settings import Settings


class Robot:
    """Plays the window like a person: clicks, keys, and a frame after each."""

    def __init__(self, size=(1280, 720), settings: Settings | None = None,
                 autosave_dir: Path | None = None):
        self.app = App(settings or Settings(), size)
        self.app.autosave_dir = autosave_dir
        self.app.settings.save = lambda *a, **k: None  # never touch the player's settings

    @property
    def scene(self) -> Scene:
        return self.app.scene

    def start(self, scene: Scene) -> None:
        self.app.switch(scene)
        self.frame()

    def frame(self, n: int = 3) -> None:
        """A few frames: pygame_gui turns a click into a press, then a selection."""
        for _ in range(n):
            self.app.step(pygame.event.get())
        self.app.render()

    def until(self, predicate, limit: int = 2000) -> None:
        """Step frames (letting AI seats act) until `predicate()` holds."""
        for _ in range(limit):
            if predicate():
                return
            self.app.step(pygame.event.get())
        raise TimeoutError("the window never reached the expected screen")

    def click(self, element) -> None:
        """Press and release the left button over a widget, as a mouse would."""
        self.click_at(element.get_abs_rect().center)

    def click_at(self, pos: tuple[int, int]) -> None:
        """Press and release the left button at a point of the window."""
        pygame.mouse.set_pos(pos)
        for kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            data = {"pos": pos} if kind == pygame.MOUSEMOTION else {"pos": pos, "button": 1}
            if kind == pygame.MOUSEMOTION:
                data.update(rel=(0, 0), buttons=(0, 0, 0))
            pygame.event.post(pygame.event.Event(kind, data))
        self.frame()

    def key(self, key: int, mod: int = 0) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="",
                                             scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="",
                                             scancode=0))
        self.frame()

    def link(self, target: str) -> None:
        """Follow a link in a text box (what a click on it sends)."""
        pygame.event.post(pygame.event.Event(pygame_gui.UI_TEXT_BOX_LINK_CLICKED,
                                             link_target=target, ui_element=None))
        self.frame()

    def choose(self, dropdown, option: str) -> None:
        """Open a drop-down with a click and click one of its options."""
        for _ in range(3):  # a menu that just closed may need a moment before it reopens
            self.click(dropdown.current_state.selected_option_button)
            if hasattr(dropdown.current_state, "options_selection_list"):
                break
            self.frame()
        items = dropdown.current_state.options_selection_list.item_list
        texts = [i["text"] for i in items]
        self.click(items[texts.index(option)]["button_element"])
        self.frame()  # the change event, posted by the click, reaches the scene

    def shot(self, folder: Path, name: str) -> Path:
        self.app.render()
        path = folder / f"{name}.png"
        pygame.image.save(self.app.screen, str(path))
        return path


def take(folder: Path, size=(1280, 720)) -> list[Path]:
    """Play the scripted game and save a PNG of each screen; returns the paths."""

    folder.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    tmp = Path(tempfile.mkdtemp())
    robot = Robot(size, autosave_dir=tmp)
    app = robot.app
    robot.start(TitleScene(app))
    shots.append(robot.shot(folder, "01_title"))
    robot.click(robot.scene.buttons["new"])
    shots.append(robot.shot(folder, "02_new_game"))
    robot.start(SettingsScene(app, back=lambda: TitleScene(app)))
    shots.append(robot.shot(folder, "19_settings"))
    robot.start(HelpScene(app, back=lambda: TitleScene(app)))
    shots.append(robot.shot(folder, "20_help"))
    shots += _campaign_and_tutorial(robot, folder)

    seats = {"GCHQ": Seat(human="Alice"), "NSA": Seat(human="Bob")}
    session = Session.start("huawei_2020", 3, seats)
    robot.start(start_game(app, session))
    robot.until(lambda: isinstance(robot.scene, HandoverScene))
    shots.append(robot.shot(folder, "03_handover"))
    robot.key(pygame.K_SPACE)
    board: BoardScene = robot.scene
    shots.append(robot.shot(folder, "04_board_inbox"))
    robot.link(f"decide:{board.v.decisions[0].pending}")
    shots.append(robot.shot(folder, "05_dialog_event"))
    robot.click(board.dialog.choices[0])
    robot.click(board.buttons["collect"])
    shots.append(robot.shot(folder, "06_dialog_collection"))
    robot.click(next(b for b, cell in board.dialog.cells.items()
                     if cell[:2] == ("british_isles", "SIGINT") and cell[2] == 1))
    robot.click(board.dialog.done)
    robot.click(board.buttons["exchange"])
    dialog = board.dialog
    robot.choose(dialog.partner_menu, "SVR (hostile)")
    shots.append(robot.shot(folder, "07_dialog_exchange_hostile"))
    robot.choose(dialog.partner_menu, "NSA")
    shots.append(robot.shot(folder, "07_dialog_exchange"))
    robot.click(dialog.send)
    robot.click(board.tabs["Liaison"])
    shots.append(robot.shot(folder, "08_board_liaison"))
    robot.click(board.tabs["Threats"])
    shots.append(robot.shot(folder, "09_board_threats"))
    robot.click(board.buttons["end"])
    shots.append(robot.shot(folder, "10_ai_at_work"))

    # Bob takes over; the next month Alice's cable reaches him.
    robot.until(lambda: isinstance(robot.scene, HandoverScene))
    shots.append(robot.shot(folder, "11_handover_bob"))
    while True:
        if robot.scene.answering and not any("answer_round" in p.name for p in shots):
            shots.append(robot.shot(folder, "11_handover_answer_round"))
        robot.key(pygame.K_SPACE)
        board = robot.scene
        if board.v.inbox and board.v.agency.id == "NSA":
            break
        robot.key(pygame.K_RETURN)
        robot.until(lambda: isinstance(robot.scene, HandoverScene))
    shots.append(robot.shot(folder, "12_board_answer_round"))
    robot.link(f"answer:{board.v.inbox[0].cable.id}")
    shots.append(robot.shot(folder, "12_dialog_answer"))
    robot.click(board.dialog.accept)
    robot.link("partner:GCHQ")
    shots.append(robot.shot(folder, "12_partner_card"))
    robot.key(pygame.K_ESCAPE)
    robot.click(board.tabs["Reports"])
    shots.append(robot.shot(folder, "13_board_reports"))
    robot.click(board.tabs["Threats"])
    shots.append(robot.shot(folder, "13_board_threats_bob"))
    if board.v.threats:
        robot.link(f"op:{board.v.threats[0].threat.id}")
        shots.append(robot.shot(folder, "14_dialog_operation"))
        robot.key(pygame.K_ESCAPE)
    # A found mole, to show its dialog: chance would take many months, and no action
    # plants one, so the board's view is given one as a view would carry it.
    board.v = replace(board.v, moles=(MoleView(99, "NSA", "MSS", MOLE_FOUND, 3),))
    robot.link("mole:99")
    shots.append(robot.shot(folder, "15_dialog_mole"))
    robot.key(pygame.K_ESCAPE)
    robot.key(pygame.K_ESCAPE)
    shots.append(robot.shot(folder, "16_dialog_menu"))
    robot.key(pygame.K_ESCAPE)

    robot.start(LoadScene(app))
    shots.append(robot.shot(folder, "17_load"))

    played = play_game(session.scenario, 3)
    done = Session(session.raw, session.scenario, 3, session.seats, played.state, played.actions)
    robot.start(start_game(app, done))
    assert isinstance(robot.scene, DebriefScene)
    shots.append(robot.shot(folder, "18_debrief"))
    return shots


def _campaign_and_tutorial(robot: Robot, folder: Path) -> list[Path]:
    """The campaign list, the second chapter's briefing of Thames House (the first
    played by the AI, so that something carries over), and the tutorial's third step."""

    app = robot.app
    shots = []
    robot.start(CampaignListScene(app))
    shots.append(robot.shot(folder, "21_campaigns"))
    progress = begin(find_campaign("thames_house"), 7, "Alice")
    first = chapter_session(progress)
    played = play_game(first.scenario, first.seed)
    robot.start(BriefingScene(app, finish(progress, played.state)))
    shots.append(robot.shot(folder, "22_campaign_briefing"))
    robot.start(start_tutorial(app, read_raw(find("tutorial")), "Alice"))
    robot.until(lambda: isinstance(robot.scene, BoardScene))
    board = robot.scene
    robot.click(board.guide.next)
    robot.click(board.buttons["collect"])
    shots.append(robot.shot(folder, "23_tutorial"))
    return shots
