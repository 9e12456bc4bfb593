"""Saves that are wrong inside but re-sealed with a valid checksum, and saves too big
to open: each is refused with a message naming what is wrong - by loading, by
`replay --verify`, by `play --load` - and Continue passes over them."""

import os
import tracemalloc

import pytest

from game import persistence
from game.cli import main
from game.persistence import SaveError, load, newest_loadable, read_header, save, saves_in
from tests.test_persistence import halfway, parts, resealed


def _holdings_for_two(head, body):
    body["state"]["holdings"] = body["state"]["holdings"][:2]


def _set(*keys, value):
    def change(head, body):
        target = body
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return change


def _drop_rules(head, body):
    del body["scenario"]["rules"]


def _header_round(head, body):
    head["round"] = 99


CASES = [
    (_set("scenario", value="abc"), "scenario is 'abc', not a mapping"),
    (_set("scenario", "agencies", value=5), "scenario.agencies"),
    (_set("scenario", "regions", value=[{"id": 3}]), "scenario.regions"),
    (_drop_rules, "scenario"),
    (_set("seed", value="abc"), "seed is 'abc', not int"),
    (_set("seed", value=-5), "seed is -5, not a seed"),
    (_set("digests", value=None), "digests is None"),
    (_set("seats", value={"MI6": {"human": "Alice"}}), "seats are for MI6, not the scenario"),
    (_set("actions", value=[{"type": "Nope"}]), "actions[0] is not an action"),
    (_holdings_for_two, "state.holdings has 2 entries; the scenario has 5"),
    (_set("state", "threats", 0, 4, value="x"), "state.threats[0].region is 'x', not int"),
    (_set("state", "budget", value=[1, 2]), "state.budget has 2 entries"),
    (_set("state", "orders", 0, 0, value=None), "state.orders[0][0] is None"),
    (_set("state", "seed", value="x"), "state.seed is 'x', not int"),
    (_set("state", "seed", value=12), "state.seed is 12, but the game's seed is"),
    (_set("state", "current", value=7), "state.current is 7"),
    (_set("state", "history", "digests", value=["0" * 16]), "digests differ"),
    (_set("state", "frozen", value=1), "state.frozen is not part of the save format"),
    (_set("state", "journal", 0, 4, value="lots"), "state.journal[0].amount is 'lots', not float"),
    (_set("state", "marks", value=[[1, 0, 0]]), "state.marks[0] has 3 fields, not 8"),
    (_set("state", "said", value=[[0, 5]]), "state.said is [[0, 5]], not tuple[tuple[int, str]"),
    (_header_round, "round in the header is 99"),
]


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    path = tmp_path_factory.mktemp("good") / "good.json"
    save(halfway(), path)
    return path


def _broken(good, folder, change):
    head, body = parts(good)
    change(head, body)
    return resealed(folder / "broken.json", head, body)


@pytest.mark.parametrize("change, words", CASES)
def test_a_resealed_save_is_refused_naming_the_field(good, tmp_path, change, words, capsys):
    path = _broken(good, tmp_path, change)
    with pytest.raises(SaveError, match="damaged") as refused:
        load(path)
    assert words in str(refused.value)
    assert main(["replay", str(path), "--verify"]) == 1
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("field, value, words", [
    ("saved_at", "2026-01-01T00:00:00", "saved_at has no time zone"),
    ("saved_at", "yesterday", "saved_at"),
    ("game_id", "../../x", "game_id is '../../x', not a game id"),
    ("players", ["Alice"], "players is ['Alice']"),
    ("kind", "replay", "kind is 'replay', not one of game, campaign"),
])
def test_a_damaged_header_is_refused_and_listed_with_its_problem(good, tmp_path, field,
                                                                 value, words):
    head, body = parts(good)
    head[field] = value
    path = resealed(tmp_path / "bad.json", head, body)
    for attempt in (read_header, load):
        with pytest.raises(SaveError, match="damaged header") as refused:
            attempt(path)
        assert words in str(refused.value)
    (listed,) = saves_in(tmp_path)
    assert listed.header is None and words in listed.problem


def test_continue_skips_every_broken_save_for_an_older_good_one(good, tmp_path):
    older = tmp_path / "older.json"
    older.write_bytes(good.read_bytes())
    for n, (change, _) in enumerate(CASES):
        head, body = parts(good)
        change(head, body)
        head["saved_at"] = f"2099-01-01T00:00:{n:02d}+00:00"  # all newer than the good one
        resealed(tmp_path / f"broken{n}.json", head, body)
    path, session = newest_loadable(tmp_path)
    assert path == older and session.game_id == read_header(good).game_id


def test_play_load_shows_the_refusal_on_the_load_screen(good, tmp_path):
    from game.ui.menus import LoadScene, start_scene
    from game.ui.screenshots import Robot

    path = _broken(good, tmp_path, _set("seed", value="abc"))
    robot = Robot(autosave_dir=tmp_path / "auto")
    scene = start_scene(robot.app, None, [], None, path)
    assert isinstance(scene, LoadScene) and "seed is 'abc'" in scene.note


def test_a_huge_file_is_refused_without_being_read(good, tmp_path):
    """300 MB (sparse, so the test costs nothing): header, load and the Load list all
    refuse it, and none of them holds more than a few kilobytes of it in memory."""
    huge = tmp_path / "huge.json"
    huge.write_bytes(good.read_bytes())
    with open(huge, "r+b") as f:
        f.truncate(300 * 2**20)
    tracemalloc.start()
    for attempt in (read_header, load):
        with pytest.raises(SaveError, match="300 MB, more than a save can be"):
            attempt(huge)
    (listed,) = saves_in(tmp_path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 2**20
    assert listed.header is None and "more than a save can be" in listed.problem
    assert os.path.getsize(huge) > persistence.MAX_SAVE_BYTES
