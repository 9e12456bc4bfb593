"""Autosaves: per game, per kind (dawn and turn), at every end of turn and handover,
from the first month on; and temporary files left by crashes are cleaned up."""

import os
import time

from game.controller import GameController
from game.core.actions import EndTurn
from game.persistence import (
    AUTOSAVES_KEPT,
    autosave,
    clean_stale_temps,
    newest_loadable,
    read_header,
    save,
)
from game.session import Seat, Session
from tests.test_persistence import halfway


def _rotation(folder, session, kind):
    return sorted(folder.glob(f"auto-{session.game_id[:12]}-{kind}-*.json"))


def test_two_games_never_prune_each_others_autosaves(tmp_path):
    a, b = halfway(seed=1), halfway(seed=2)
    for _ in range(7):
        autosave(a, tmp_path, "dawn")
        autosave(b, tmp_path, "dawn")
        autosave(a, tmp_path, "turn")
    for game in (a, b):
        kept = _rotation(tmp_path, game, "dawn")
        assert len(kept) == AUTOSAVES_KEPT["dawn"] == 5
        assert {read_header(p).game_id for p in kept} == {game.game_id}
    assert len(_rotation(tmp_path, a, "turn")) == AUTOSAVES_KEPT["turn"]
    assert _rotation(tmp_path, b, "turn") == []


def test_turn_autosaves_never_push_out_the_monthly_ones(tmp_path):
    s = halfway()
    dawns = [autosave(s, tmp_path, "dawn") for _ in range(5)]
    for _ in range(20):
        autosave(s, tmp_path, "turn")
    assert _rotation(tmp_path, s, "dawn") == dawns
    assert read_header(dawns[0]).name == "Autosave: start of the month"


def _hot_seat() -> Session:
    return Session.start("the_envelope", 4, {"MI5": Seat(human="Alice"),
                                             "MI6": Seat(human="Bob")})


def test_a_new_game_can_be_resumed_from_its_first_month(tmp_path):
    """Quit before the first end of turn: Continue still finds the game, at its start."""
    session = _hot_seat()
    GameController(session, tmp_path)
    path, resumed = newest_loadable(tmp_path)
    assert resumed.game_id == session.game_id and resumed.state.round == 1
    assert resumed.actions == [] and path.parent == tmp_path


def test_every_end_of_turn_and_handover_is_autosaved(tmp_path):
    session = _hot_seat()
    c = GameController(session, tmp_path)
    assert len(_rotation(tmp_path, session, "turn")) == 1  # the start
    c.act(EndTurn("MI5"))  # Alice ends her turn: Bob is next, a human
    after_alice = newest_loadable(tmp_path)[1]
    assert len(after_alice.actions) == 1 and after_alice.state.current == 1
    c.act(EndTurn("MI6"))  # Bob ends his: the AI seats play, then the answer round
    assert newest_loadable(tmp_path)[1].state.current == 2
    while c.state.round == 1:  # Alice and Bob end their answer turns as they come
        if c.ai_pending():
            c.run_ai(budget_s=1.0)
        else:
            c.act(EndTurn(c.world.agencies[c.seat].id))
    while c.ai_pending():
        c.run_ai(budget_s=1.0)
    path, handover = newest_loadable(tmp_path)
    assert len(handover.actions) == len(session.actions)
    assert handover.state.round == 2 and "dawn" in path.name  # that dawn was saved once
    assert len(_rotation(tmp_path, session, "turn")) == AUTOSAVES_KEPT["turn"]


def test_a_failed_autosave_does_not_stop_the_game(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    c = GameController(_hot_seat(), blocked)
    assert "Could not save" in c.autosave_problem
    c.act(EndTurn("MI5"))
    assert c.state.current == 1


def test_stale_temporary_files_are_cleaned_and_fresh_ones_kept(tmp_path):
    save(halfway(), tmp_path / "keep.json")
    old, fresh = tmp_path / ".a.json.x1.tmp", tmp_path / ".b.json.x2.tmp"
    old.write_text("half a save")
    fresh.write_text("a save being written by another window")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    assert clean_stale_temps(tmp_path, tmp_path / "missing") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [fresh.name, "keep.json"]
