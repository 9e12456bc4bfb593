"""Saves: round trips, refusals, atomic writes, migrations, replay, the header."""

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from game import persistence
from game.ai.bots import make_bot
from game.ai.driver import play_game, play_turn
from game.cli import main
from game.core import digest, view
from game.core.report import month_report
from game.core.scoring import winners
from game.persistence import SaveError, autosave, load, read, read_header, save
from game.scenario.loader import build, find, read_raw
from game.session import Seat, Session

FIXTURES = Path(__file__).parent / "fixtures" / "saves"
WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def halfway(name="the_envelope", seed=3, share=0.5) -> Session:
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
    s = halfway()
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    save(s, a, "Lesson 3", when=WHEN)
    save(load(a), b, "Lesson 3", when=WHEN)
    assert a.read_bytes() == b.read_bytes()


def test_loaded_game_continues_exactly_as_if_never_saved(tmp_path):
    s = halfway(seed=8)
    save(s, tmp_path / "g.json")
    loaded = load(tmp_path / "g.json")
    assert loaded.seats["MI6"].human == "Alice"
    assert _finish(loaded) == _finish(s)
    assert loaded.state.history.digests == s.state.history.digests


def parts(path: Path) -> tuple[dict, dict]:
    """A save's header line and body, as data."""
    head, body = path.read_bytes().split(b"\n", 1)
    return json.loads(head), json.loads(body)


def resealed(path: Path, head: dict, body: dict) -> Path:
    """Write a save back with a valid checksum over whatever the body now holds."""
    path.write_bytes(persistence.seal(head, body))
    return path


@pytest.mark.parametrize("mutate, words", [
    (lambda h, b: b"not json at all {", "not a saved game"),
    (lambda h, b: _join(h, b)[: len(_join(h, b)) // 2], "cut short"),
    (lambda h, b: _join(h, b)[:200], "not a saved game"),
    (lambda h, b: b"[1, 2, 3]\n{}", "not a No Free Lunches save"),
    (lambda h, b: _join({**h, "format_version": 99}, b), "newer version of the game"),
    (lambda h, b: _join({**h, "format_version": "one"}, b), "unknown save format"),
    (lambda h, b: _join(h, {**b, "actions": b["actions"][:-1]}), "changed after it was saved"),
    (lambda h, b: _join(h, {k: v for k, v in b.items() if k != "state"}),
     "incomplete: state is missing"),
    (lambda h, b: json.dumps({**h, **b}).encode(), "no header line"),
])
def test_a_broken_save_is_refused_with_a_message(tmp_path, mutate, words):
    good = tmp_path / "good.json"
    save(halfway(), good)
    path = tmp_path / "bad.json"
    path.write_bytes(mutate(*parts(good)))
    with pytest.raises(SaveError, match=words):
        load(path)


def _join(head: dict, body: dict) -> bytes:
    return json.dumps(head).encode() + b"\n" + json.dumps(body).encode()


def test_a_failed_write_leaves_the_previous_save_loadable(tmp_path, monkeypatch):
    """Atomicity: the disk fills up mid-write; the old file is untouched and the
    temporary file is gone."""
    path = tmp_path / "slot.json"
    save(halfway(seed=1), path)
    before = path.read_bytes()

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(SaveError, match="No space left on device"):
        save(halfway(seed=2), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert load(path).seed == 1
    assert [p.name for p in tmp_path.iterdir()] == ["slot.json"]


def test_session_autosaves_at_every_dawn(tmp_path):
    raw = read_raw(find("the_envelope"))
    played = play_game(build(raw), 5)
    s = Session.from_scenario(raw, build(raw), 5)
    s.on_dawn = lambda session: autosave(session, tmp_path, "dawn")
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
    """Each format step has one function; a v1 file passes through all of them, in order."""
    steps = []
    real = dict(persistence.MIGRATIONS)
    now = persistence.FORMAT_VERSION
    monkeypatch.setattr(persistence, "FORMAT_VERSION", now + 1)
    def step(n):
        return lambda d: steps.append(n) or real[n](d)

    monkeypatch.setattr(persistence, "MIGRATIONS", {
        **{n: step(n) for n in range(1, now)},
        now: lambda d: steps.append(now) or {**d, "format_version": now + 1, "migrated": True},
    })
    assert read(FIXTURES / "v1_the_envelope.json")["migrated"]
    assert steps == list(range(1, now + 1))


def test_replay_verify_confirms_a_save_and_names_the_first_differing_round(tmp_path, capsys):
    path = tmp_path / "g.json"
    assert main(["simulate", "--scenario", "ruritania", "--games", "1", "--seed", "4",
                 "--save", str(path)]) == 0
    assert main(["replay", str(path), "--verify"]) == 0
    assert "hashes match, and so does the final state" in capsys.readouterr().out
    head, body = parts(path)
    body["digests"][2] = "0" * 16
    body["state"]["history"]["digests"][2] = "0" * 16
    resealed(path, head, body)
    assert main(["replay", str(path), "--verify"]) == 1
    assert "differs from the save at round 3" in capsys.readouterr().out


def test_replay_verify_compares_the_final_stored_state(tmp_path, capsys):
    """Every round hash can match while the stored state was changed after the last
    round (a budget raised by hand, re-sealed): the final state gives it away."""
    path = tmp_path / "g.json"
    save(halfway(), path)
    head, body = parts(path)
    body["state"]["budget"][0] += 1000
    resealed(path, head, body)
    assert load(path).state.budget[0] == body["state"]["budget"][0]  # it does load
    assert main(["replay", str(path), "--verify"]) == 1
    assert "ends in a different state" in capsys.readouterr().out


def test_the_header_is_read_alone_and_says_what_the_load_list_shows(tmp_path):
    path = tmp_path / "g.json"
    s = halfway()
    save(s, path, "Tuesday's lesson", when=WHEN)
    head = read_header(path)
    assert (head.name, head.scenario_title, head.month, head.round) == (
        "Tuesday's lesson", "The Envelope", s.scenario.world.month_label(s.state.round),
        s.state.round)
    assert head.players == {"MI6": "Alice"} and head.kind == "game" and head.group is None
    assert head.game_id == s.game_id and head.format_version == persistence.FORMAT_VERSION
    # The body is never read: a save whose body was cut off still has its header.
    path.write_bytes(path.read_bytes()[:path.read_bytes().index(b"\n") + 50])
    assert read_header(path) == head
    with pytest.raises(SaveError, match="cut short"):
        load(path)


def test_the_game_id_is_kept_through_saves_and_loads(tmp_path):
    s = halfway()
    other = halfway()
    assert s.game_id != other.game_id  # each new game draws its own
    save(s, tmp_path / "a.json")
    save(load(tmp_path / "a.json"), tmp_path / "b.json")
    assert load(tmp_path / "b.json").game_id == s.game_id


def test_v2_fixture_migrates_and_plays_on_to_its_expected_outcome(tmp_path, capsys):
    """A save made by the format-2 game (a header and body in one object, no game id)
    loads: it gets a header with a game id made from its checksum (the same every time)
    and its humans by seat; format 4 changed the rules of reciprocity, so replay says
    its round hashes cannot be checked; and playing on gives the recorded outcome."""
    fixture = FIXTURES / "v2_the_envelope.json"
    expected = json.loads((FIXTURES / "v2_the_envelope.expected.json").read_text())
    head = read_header(fixture)
    assert head.players == expected["players"] and head.kind == "game"
    assert head.game_id == read_header(fixture).game_id == load(fixture).game_id
    s = load(fixture)
    assert s.state.round == expected["round"] == head.round
    assert s.scenario.world.agencies[s.state.current].id == expected["current_agency"]
    assert len(s.actions) == expected["actions"]
    assert s.state.history.digests[-1] == expected["last_round_digest"]
    assert main(["replay", str(fixture), "--verify"]) == 1
    assert "older version" in capsys.readouterr().out
    save(s, tmp_path / "again.json")  # saved again, it is a file of today's format
    assert parts(tmp_path / "again.json")[0]["format_version"] == persistence.FORMAT_VERSION
    outcome = expected["after_always_share_bots"]
    assert _finish(s) == outcome["final_digest"]
    assert [s.scenario.world.agencies[w].id for w in winners(s.state)] == outcome["winners"]


def test_a_format_4_save_plays_on_with_dice_keyed_by_its_seed(tmp_path, capsys):
    """Format 5 keys every die by the game's seed and month: a format-4 save (one
    generator's state in place of the seed) loads, plays on to the end, and replay
    says its round hashes belong to the older dice."""
    path = tmp_path / "g.json"
    half = halfway()
    save(half, path)
    head, body = parts(path)
    state = {k: v for k, v in body["state"].items() if k != "seed"}
    state["rng"] = np.random.default_rng(half.seed).bit_generator.state
    del body["scenario"]["rules"]["forum"]["memory"]  # format 4 had none
    resealed(path, {**head, "format_version": 4}, {**body, "state": state})
    data = read(path)
    assert data["migrated_from"] == 4 and "rng" not in data["state"]
    assert data["scenario"]["rules"]["forum"]["memory"] == 0  # its forums as they were
    s = load(path)
    assert s.state.seed == half.seed and s.state.round == half.state.round
    _finish(s)
    assert s.state.over and s.state.round == s.scenario.world.rounds
    assert main(["replay", str(path), "--verify"]) == 1
    assert "older version" in capsys.readouterr().out


@pytest.mark.parametrize("old", [7, 9, 10])
def test_a_save_from_before_a_fix_to_r17_plays_on_under_the_fixed_rule(tmp_path, capsys, old):
    """Format 8 fixed R17 for reports on ended threats, format 10 for a closed pact's
    copies and format 11 for reports handed back to the service that showed them: an
    older save loads as it stood, plays on to the end, and replay says its
    round hashes belong to the older rules rather than calling the file corrupt."""
    path = tmp_path / "g.json"
    half = halfway()
    save(half, path)
    head, body = parts(path)
    resealed(path, {**head, "format_version": old}, body)
    assert read(path)["migrated_from"] == old
    s = load(path)
    assert s.state.round == half.state.round and digest(s.state) == digest(half.state)
    _finish(s)
    assert s.state.over
    assert main(["replay", str(path), "--verify"]) == 1
    assert f"older version of the game (format {old})" in capsys.readouterr().out


def test_v5_fixture_loads_without_a_journal_and_plays_on(tmp_path, capsys):
    """A save of format 5 (made by the game before the monthly report) loads with an empty
    journal: no report yet (the Inbox lists the news), the game plays on to its recorded
    outcome, and each seat's reports from its next months add up. Format 6 came with two
    rule fixes (R13, R17), so replay says its hashes belong to the older rules."""
    fixture = FIXTURES / "v5_the_envelope.json"
    expected = json.loads((FIXTURES / "v5_the_envelope.expected.json").read_text())
    data = read(fixture)
    assert data["migrated_from"] == 5 and data["format_version"] == persistence.FORMAT_VERSION
    assert (data["state"]["journal"], data["state"]["marks"], data["state"]["said"]) == \
        ([], [], [])
    s = load(fixture)
    state = s.state
    assert (state.round, state.phase, len(s.actions)) == (
        expected["round"], expected["phase"], expected["actions"])
    assert s.scenario.world.agencies[state.current].id == expected["current_agency"]
    assert state.history.digests[-1] == expected["last_round_digest"]
    assert view(state, state.current, explained=True).report is None
    assert main(["replay", str(fixture), "--verify"]) == 1
    assert "cannot be checked by this one. It still loads" in capsys.readouterr().out
    outcome = expected["after_always_share_bots"]
    assert _finish(s) == outcome["final_digest"]
    assert [s.scenario.world.agencies[w].id for w in winners(s.state)] == outcome["winners"]
    for seat in range(s.state.n_agencies):
        r = month_report(s.state, seat)
        assert r is not None and r.round > expected["round"]
        assert abs(sum(x.amount for x in r.budget) - (r.budget_after - r.budget_before)) < 1e-9
        assert abs(sum(x.amount for x in r.score) - (r.score_after - r.score_before)) < 1e-9
    save(s, tmp_path / "again.json")
    assert load(tmp_path / "again.json").state.journal == s.state.journal


def test_v6_fixture_plays_on_without_tasking(capsys):
    """A save of format 6 (made before R15's tasking) loads with tasking off, so the game
    goes on under the rules it began with, and playing on gives the outcome the older
    game recorded. Format 8 fixed R17 for reports on ended threats, so replay says its
    hashes belong to the older rules."""
    fixture = FIXTURES / "v6_the_envelope.json"
    expected = json.loads((FIXTURES / "v6_the_envelope.expected.json").read_text())
    data = read(fixture)
    assert data["migrated_from"] == 6 and data["format_version"] == persistence.FORMAT_VERSION
    assert data["scenario"]["rules"]["collection"]["tasking"] == 0
    s = load(fixture)
    assert s.scenario.world.rules.collection.tasking == 0
    assert (s.state.round, s.state.phase, len(s.actions)) == (
        expected["round"], expected["phase"], expected["actions"])
    assert s.state.history.digests[-1] == expected["last_round_digest"]
    assert main(["replay", str(fixture), "--verify"]) == 1
    assert "cannot be checked by this one. It still loads" in capsys.readouterr().out
    outcome = expected["after_always_share_bots"]
    assert _finish(s) == outcome["final_digest"]
    assert [s.scenario.world.agencies[w].id for w in winners(s.state)] == outcome["winners"]
