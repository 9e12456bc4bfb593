"""R31 on screen: a seat reads its objective, its target and every team's share of its
own target, which is what the win is judged by."""

import re

from game.controller import GameController
from game.ui.board import BoardScene
from game.ui.screenshots import Robot
from tests.ui.screens import hot_seat_session


def test_the_liaison_tab_shows_the_objective_and_the_standings_by_share(tmp_path):
    session = hot_seat_session()
    state = session.state
    world = state.world
    state.current = world.agency_index("GCHQ")
    state.credit[world.agency_index("CSE")] = 10.0
    robot = Robot(autosave_dir=tmp_path)
    board = BoardScene(robot.app, GameController(session, None))
    robot.start(board)
    robot.click(board.tabs["Liaison"])
    text = re.sub(r"</?a\b[^>]*>", "", board.content.html_text)  # numbers carry tooltips
    gchq = world.agencies[world.agency_index("GCHQ")]
    assert gchq.objective.brief.split()[0] in text
    assert f"Your team's target: {gchq.objective.target:g} points" in text
    cse = world.agency_index("CSE")
    share = board.v.standings[cse].share
    target = world.targets[cse]
    assert share > 0 and f"of {target:g} ({share:.0%})" in text
    first = text.split("Standings")[1].split("<br>")[1]
    assert "CSE" in first  # the only team with credit leads by share
