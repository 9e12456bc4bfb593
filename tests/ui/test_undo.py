"""Undo (Ctrl+Z) takes back actions of the turn under way, never across a change of
round: the answer round after the orders, or a dawn."""

from game.controller import GameController
from game.core.actions import EndTurn, ProposeExchange, SetProgramme
from game.core.records import ANSWERS
from game.scenario.loader import build
from game.session import Seat, Session
from tests.helpers import raw_world


def _all_human() -> GameController:
    raw = raw_world()
    session = Session.from_scenario(raw, build(raw), 5,
                                    {a: Seat(human=a) for a in ("X", "Y", "Z")})
    return GameController(session, None)


def test_undo_stops_at_the_answer_round_even_when_the_same_seat_plays_on():
    c = _all_human()
    c.begin_turn()
    c.act(SetProgramme("X", "north", "HUMINT", 1))
    c.act(ProposeExchange("X", "Z", (), ask_region="north"))
    c.act(EndTurn("X"))
    c.begin_turn()
    c.act(EndTurn("Y"))
    c.begin_turn()
    budget = c.view(2).budget
    c.act(SetProgramme("Z", "south", "SIGINT", 1))
    assert c.can_undo()
    c.undo()
    assert c.view(2).budget == budget  # within the turn, undo works
    c.act(SetProgramme("Z", "south", "SIGINT", 1))
    c.act(EndTurn("Z"))  # the last seat's orders: the cable goes out to Z itself
    assert (c.state.phase, c.seat) == (ANSWERS, 2)
    assert not c.can_undo()
    c.undo()
    assert c.state.phase == ANSWERS and c.view(2).inbox  # nothing was taken back

