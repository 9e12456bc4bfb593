"""Every screen of a game, for the layout and secrecy tests: yields (name, scene)."""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.ai.driver import play_game
from game.campaign import begin, find_campaign
from game.controller import GameController
from game.core import apply
from game.core.actions import ProposeExchange
from game.core.records import ANSWERS, MOLE_FOUND
from game.scenario.loader import find, read_raw
from game.session import Seat, Session
from game.ui import dialogs
from game.ui.board import BoardScene, HandoverScene, next_scene, start_game
from game.ui.campaign import BriefingScene, CampaignListScene
from game.ui.menus import (
    HelpScene,
    LoadScene,
    NewGameScene,
    SettingsScene,
    TitleScene,
    start_tutorial,
)
from tests.helpers import answer_round


def hot_seat_session(seed: int = 3) -> Session:
    return Session.start("huawei_2020", seed,
                         {"GCHQ": Seat(human="Alice"), "NSA": Seat(human="Bob")})


def single_player_screens(robot):
    """The screens of one player alone: the campaign list, a chapter's briefing and the
    tutorial's board with its guide."""
    app = robot.app
    robot.start(CampaignListScene(app))
    yield "campaigns", robot.scene
    robot.start(BriefingScene(app, begin(find_campaign("thames_house"), 1, "Alice")))
    yield "briefing", robot.scene
    robot.start(start_tutorial(app, read_raw(find("tutorial")), "Alice"))
    robot.until(lambda: isinstance(robot.scene, BoardScene))
    yield "tutorial", robot.scene


def every_screen(robot, session: Session):
    app = robot.app
    for name, make in (("title", lambda: TitleScene(app)), ("new_game", lambda: NewGameScene(app)),
                       ("load", lambda: LoadScene(app)),
                       ("settings", lambda: SettingsScene(app, back=lambda: TitleScene(app))),
                       ("help", lambda: HelpScene(app, back=lambda: TitleScene(app)))):
        robot.start(make())
        yield name, robot.scene
    robot.start(start_game(app, session))
    robot.until(lambda: isinstance(robot.scene, HandoverScene))
    yield "handover", robot.scene
    robot.key(pygame.K_SPACE)
    board: BoardScene = robot.scene
    for tab in ("Inbox", "Threats", "Liaison", "Reports"):
        robot.click(board.tabs[tab])
        yield f"board_{tab.lower()}", board
    v = board.v
    openers = [("collection", lambda: dialogs.CollectionDialog(board)),
               ("exchange", lambda: dialogs.ExchangeDialog(board)),
               ("menu", lambda: dialogs.MenuDialog(board)),
               ("partner", lambda: dialogs.PartnerDialog(board, "NSA")),
               ("partner_hostile", lambda: dialogs.PartnerDialog(board, "SVR"))]
    openers += [("event", lambda d=d: dialogs.EventDialog(board, d.pending)) for d in v.decisions]
    openers += [("answer", lambda i=i: dialogs.AnswerDialog(board, i.cable.id)) for i in v.inbox]
    openers += [("operation", lambda t=t: dialogs.OperationDialog(board, t.threat.id))
                for t in v.threats[:1]]
    openers += [("mole", lambda m=m: dialogs.MoleDialog(board, m.id)) for m in v.moles
                if m.status == "found" and m.victim == v.agency.id]
    for name, make in openers:
        board.dialog = make()
        robot.frame()
        yield f"dialog_{name}", board
        board.dialog.kill()
        board.dialog = None
    yield from answer_round_screens(robot, session)


def answer_round_screens(robot, session: Session):
    """The same month's answer round for the first seat: the CIA has asked it about a
    region the CIA collects in. (The CIA sits after NSA, so NSA's turn is not ended
    here: the secrecy test's secrets stay NSA's.)"""
    state = session.state
    first = state.world.agencies[state.current].id
    cia = state.world.agency_index("CIA")
    region = state.world.regions[int(state.paid[cia].sum(axis=1).argmax())].id
    state.current = cia
    apply(state, ProposeExchange("CIA", first, (), ask_region=region))
    answer_round(state)
    assert state.world.agencies[state.current].id == first and state.phase == ANSWERS
    robot.start(next_scene(robot.app, GameController(session, None)))
    yield "handover_answer_round", robot.scene
    robot.key(pygame.K_SPACE)
    board: BoardScene = robot.scene
    yield "board_answer_round", board
    robot.click(board.tabs["Threats"])
    yield "board_answer_round_threats", board
    robot.link(f"answer:{board.v.inbox[0].cable.id}")
    yield "dialog_answer_round", board


def with_found_mole(session: Session, agency: str, hostile: str) -> None:
    from game.core.penetration import plant
    state = session.state
    mole = plant(state, state.world.agency_index(agency), state.world.agency_index(hostile),
                 "hazard", [])
    state.moles[mole.id] = replace(mole, status=MOLE_FOUND)


def finished(session: Session) -> Session:
    played = play_game(session.scenario, session.seed)
    return Session(session.raw, session.scenario, session.seed, session.seats, played.state,
                   played.actions)
