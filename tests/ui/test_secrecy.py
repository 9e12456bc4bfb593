"""Hot-seat secrecy: render every screen for seat A and find nothing of seat B's.

B (NSA) is given secrets that would be unmistakable if they leaked: a report on
a threat only B knows, a budget of 4321, a found mole, a CYBER-3 programme in
Russia, and a ledger with the CIA of 77.7. A (GCHQ) must see none of them —
not in any text drawn, not in any widget, not in the view its screens hold.
"""

import dataclasses

import numpy as np

from game.core.records import Copy, Report, Threat
from game.core.state import GameState
from game.core.view import PlayerView
from game.session import Session
from game.ui.screenshots import Robot
from tests.ui.screens import every_screen, hot_seat_session, with_found_mole

SECRET_THREAT = "Zanzibar Secret Plot"


def _plant_secrets(session: Session) -> set[int]:
    state = session.state
    nsa, cia = state.world.agency_index("NSA"), state.world.agency_index("CIA")
    russia = state.world.region_index("russia")
    t = Threat(len(state.threats), "secret", SECRET_THREAT, "cyber", russia, (1,), 3,
               (0, 1, 0, 1), state.round, state.round + 9)
    state.threats.append(t)
    report = Report(len(state.reports), t.id, 3, 0.77, nsa, state.round)
    state.reports.append(report)
    state.add_copy(nsa, Copy(report.id, (nsa,), state.round))
    state.budget[nsa] = 4321.0
    state.orders[nsa, russia, 3] = state.paid[nsa, russia, 3] = 3
    state.ledger[nsa, cia], state.ledger[cia, nsa] = 77.7, -77.7
    with_found_mole(session, "NSA", "MSS")
    return {r.id for r in state.reports if r.id not in state.holdings[0]}


def _texts(scene) -> str:
    parts = list(scene.drawn)
    for element in scene.manager.get_sprite_group().sprites():
        for attr in ("text", "html_text"):
            value = getattr(element, attr, None)
            if isinstance(value, str):
                parts.append(value)
    return "\n".join(parts)


def _walk(obj, seen, found):
    """Everything reachable from a view: reports, threats, strings; and no state."""
    if id(obj) in seen:
        return
    seen.add(id(obj))
    assert not isinstance(obj, GameState | Session), "a screen can reach the whole state"
    if isinstance(obj, Report):
        found["reports"].add(obj.id)
    if isinstance(obj, Threat):
        found["threats"].add(obj.name)
    if isinstance(obj, str):
        found["strings"].add(obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            _walk(getattr(obj, f.name), seen, found)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            _walk(k, seen, found)
            _walk(v, seen, found)
    elif isinstance(obj, list | tuple | set | frozenset):
        for v in obj:
            _walk(v, seen, found)
    elif isinstance(obj, np.ndarray):
        found["numbers"].update(obj.ravel().tolist())


def test_no_screen_of_seat_a_shows_or_holds_seat_b_secrets(tmp_path):
    session = hot_seat_session()
    foreign = _plant_secrets(session)
    robot = Robot(autosave_dir=tmp_path)
    screens = 0
    for name, scene in every_screen(robot, session):
        robot.app.render()
        text = _texts(scene)
        for secret in (SECRET_THREAT, "4321", "77.7", "C3", "working for MSS", "Bob"):
            assert secret not in text, f"{name} shows {secret!r}"
        view = getattr(scene, "v", None)
        if isinstance(view, PlayerView):
            assert view.agency.id == "GCHQ"
            found = {"reports": set(), "threats": set(), "strings": set(), "numbers": set()}
            _walk(view, set(), found)
            leaked = found["reports"] & foreign
            offered = {r.id for inc in view.inbox for r in inc.offered}
            assert leaked <= offered, f"{name} holds B's reports {leaked - offered}"
            assert SECRET_THREAT not in found["threats"]
            assert 4321.0 not in found["numbers"] and 77.7 not in found["numbers"]
        screens += 1
    assert screens >= 12


def test_the_detector_sees_secrets_on_their_owners_board(tmp_path):
    """Control: the same checks do find B's secrets on B's own board."""
    from game.controller import GameController
    from game.ui.board import BoardScene

    session = hot_seat_session()
    _plant_secrets(session)
    session.state.current = session.state.world.agency_index("NSA")
    robot = Robot(autosave_dir=tmp_path)
    board = BoardScene(robot.app, GameController(session, None))
    robot.start(board)
    robot.click(board.tabs["Threats"])
    text = _texts(board)
    assert "4321" in text and SECRET_THREAT in text and "C3" in text
    robot.click(board.tabs["Inbox"])
    assert "working for MSS" in _texts(board)
