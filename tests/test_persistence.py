"""Saves: round trips, refusals, atomic writes, autosaves, migrations, replay."""

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game import persistence
from game.ai.bots import make_bot
from game.ai.driver import play_game, play_turn
from game.cli import main
from game.core import digest
from game.core.scoring import winners
from game.persistence import SaveError, autosave, load, newest_loadable, read, save
from game.scenario.loader import build, find, read_raw
from game.session import Seat, Session

FIXTURES = Path(__file__).parent / "fixtures" / "saves"
WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def _session(name="the_envelope", seed=3, share=0.5) -> Session:
    raw = read_raw(find(name))
    sc = build(raw)
    played = play_game(sc, seed)
    s = Session.from_scenario(raw, sc, seed, {"MI6": Seat(human="Alice")} if name ==
                              "the_envelope" else None)
    for action in played.actions[: int(len(played.actions) * share)]:
        s.apply(action)
    return s


def _finish(session: Session) -> str:
    bots = [make_bot("always_share", session.seed, i) for i in range(session.state.n_agencies)]
    while not session.state.over:
        play_turn(session.state, bots[session.state.current], session.actions)
    return digest(session.state)


def test_save_load_save_gives_identical_bytes(tmp_path):
    s = _session()
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    save(s, a, "Lesson 3", when=WHEN)
    save(load(a), b, "Lesson 3", when=WHEN)
    assert a.read_bytes() == b.read_bytes()


def test_loaded_game_continues_exactly_as_if_never_saved(tmp_path):
    s = _session(seed=8)
    save(s, tmp_path / "g.json")
    loaded = load(tmp_path / "g.json")
    assert loaded.seats["MI6"].human == "Alice"
    assert _finish(loaded) == _finish(s)
    assert loaded.state.history.digests == s.state.history.digests


def _write(tmp_path, data) -> Path:
    path = tmp_path / "bad.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


@pytest.mark.parametrize("mutate, words", [
    (lambda d: "not json at all {", "not a saved game"),
    (lambda d: json.dumps(d)[: len(json.dumps(d)) // 2], "cut short"),
    (lambda d: [1, 2, 3], "not a No Free Lunches save"),
    (lambda d: {**d, "format_version": 99}, "newer version of the game"),
    (lambda d: {**d, "format_version": "one"}, "unknown save format"),
    (lambda d: {**d, "actions": d["actions"][:-1]}, "changed after it was saved"),
    (lambda d: {k: v for k, v in d.items() if k != "state"}, "incomplete: state is missing"),
])
def test_a_broken_save_is_refused_with_a_message(tmp_path, mutate, words):
    good = tmp_path / "good.json"
    save(_session(), good)
    path = _write(tmp_path, mutate(json.loads(good.read_text())))
    with pytest.raises(SaveError, match=words):
        load(path)


def test_a_save_damaged_inside_but_with_a_matching_checksum_is_refused(tmp_path):
    good = tmp_path / "good.json"
    save(_session(), good)
    data = json.loads(good.read_text())
    data["state"]["holdings"] = "nonsense"
    path = tmp_path / "resealed.json"
    path.write_bytes(persistence.seal(data, {k: data[k] for k in persistence.BODY}))
    with pytest.raises(SaveError, match="damaged"):
        load(path)


def test_a_failed_write_leaves_the_previous_save_loadable(tmp_path, monkeypatch):
    """Atomicity: the disk fills up mid-write; the old file is untouched and the
    temporary file is gone."""
    path = tmp_path / "slot.json"
    save(_session(seed=1), path)
    before = path.read_bytes()

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(SaveError, match="No space left on device"):
        save(_session(seed=2), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert load(path).seed == 1
    assert [p.name for p in tmp_path.iterdir()] == ["slot.json"]


def test_autosave_keeps_the_last_five_and_continue_skips_a_corrupt_newest(tmp_path):
    s = _session()
    for _ in range(7):
        autosave(s, tmp_path)
    kept = sorted(tmp_path.glob("auto-*.json"))
    assert len(kept) == 5
    newest = kept[-1]
    newest.write_text(newest.read_text()[:100])  # a crash mid-way through a copy
    os.utime(newest, (newest.stat().st_atime + 10, newest.stat().st_mtime + 10))
    with pytest.raises(SaveError):
        load(newest)
    resumed = newest_loadable(tmp_path)
    assert resumed is not None and resumed.state.round == s.state.round


def test_session_autosaves_at_every_dawn(tmp_path):
    raw = read_raw(find("the_envelope"))
    played = play_game(build(raw), 5)
    s = Session.from_scenario(raw, build(raw), 5)
    s.on_dawn = lambda session: autosave(session, tmp_path)
    for action in played.actions[:200]:
        s.apply(action)
    rounds = sorted(load(p).state.round for p in tmp_path.glob("auto-*.json"))
    assert rounds == list(range(max(2, s.state.round - 4), s.state.round + 1))


def test_v1_fixture_migrates_and_plays_on_to_its_expected_outcome():
    """A save of the first format (before moles and events) still loads: migration
    adds what format 2 needs, the game resumes where it stopped, and playing on gives
    the recorded outcome. Its round hashes belong to the old rules, so replay says
    it cannot check them rather than calling the save corrupt."""
    expected = json.loads((FIXTURES / "v1_the_envelope.expected.json").read_text())
    data = read(FIXTURES / "v1_the_envelope.json")
    assert data["migrated_from"] == 1 and data["format_version"] == persistence.FORMAT_VERSION
    s = load(FIXTURES / "v1_the_envelope.json")
    assert s.state.round == expected["round"]
    assert s.scenario.world.agencies[s.state.current].id == expected["current_agency"]
    assert len(s.actions) == expected["actions"]
    assert s.state.history.digests[-1] == expected["last_round_digest"]
    assert s.state.moles == [] and s.scenario.world.rules.penetration.discovery == 0.05
    outcome = expected["after_always_share_bots"]
    assert _finish(s) == outcome["final_digest"]
    assert [s.scenario.world.agencies[w].id for w in winners(s.state)] == outcome["winners"]


def test_replay_of_an_old_format_save_explains_itself(capsys):
    assert main(["replay", str(FIXTURES / "v1_the_envelope.json"), "--verify"]) == 1
    assert "older version" in capsys.readouterr().out


def test_migrations_run_in_order(tmp_path, monkeypatch):
    """Each format step has one function; a v1 file passes through all of them."""
    path = tmp_path / "g.json"
    save(_session(), path)
    steps = []
    now = persistence.FORMAT_VERSION
    monkeypatch.setattr(persistence, "FORMAT_VERSION", now + 2)
    monkeypatch.setattr(persistence, "MIGRATIONS", {
        now: lambda d: steps.append(now) or {**d, "format_version": now + 1},
        now + 1: lambda d: steps.append(now + 1) or {**d, "format_version": now + 2,
                                                     "migrated": True},
    })
    assert read(path)["migrated"] and steps == [now, now + 1]


def test_replay_verify_confirms_a_save_and_names_the_first_differing_round(tmp_path, capsys):
    path = tmp_path / "g.json"
    assert main(["simulate", "--scenario", "ruritania", "--games", "1", "--seed", "4",
                 "--save", str(path)]) == 0
    assert main(["replay", str(path), "--verify"]) == 0
    assert "hashes match" in capsys.readouterr().out
    data = json.loads(path.read_text())
    data["digests"][2] = "0" * 16
    data["state"]["history"]["digests"][2] = "0" * 16
    path.write_bytes(persistence.seal(data, {k: data[k] for k in persistence.BODY}))
    assert main(["replay", str(path), "--verify"]) == 1
    assert "differs from the save at round 3" in capsys.readouterr().out


def test_describe_shows_the_load_dialog_fields_only(tmp_path):
    path = tmp_path / "g.json"
    save(_session(), path, "Tuesday's lesson")
    info = persistence.describe(path)
    assert info["name"] == "Tuesday's lesson"
    assert info["scenario_title"] == "The Envelope" and info["humans"] == ["Alice"]
    assert set(info) == {"name", "scenario_title", "round", "month", "saved_at", "humans",
                         "path"}
    assert persistence.describe(_write(tmp_path, "{")) is None
