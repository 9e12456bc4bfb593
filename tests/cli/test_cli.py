"""The command line other tools read: simulate --json and bench keep their keys."""

import json

import pytest

from game.batch import without
from game.cli import main
from game.scenario.loader import build, find, read_raw


def _json(capsys, *argv) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_simulate_json_summary_has_the_documented_keys(capsys):
    s = _json(capsys, "simulate", "--scenario", "ruritania", "--games", "4", "--seed", "1",
              "--json")
    assert set(s) == {"scenario", "games", "seed", "agencies", "threats", "catastrophe_rate",
                      "exchanges", "breaches", "moles", "events", "decisions",
                      "seconds_per_game",
                      "cpu_seconds_per_game"}
    assert (s["scenario"], s["games"], s["seed"]) == ("ruritania", 4, 1)
    assert set(s["agencies"]) == {"EID", "VSS", "NGA", "CCC", "MIS"}
    for a in s["agencies"].values():
        assert set(a) == {"mean_score", "stdev_score", "win_rate", "received_value"}
    assert set(s["threats"]) == {"spawned", "foiled", "executed"}
    assert s["threats"]["spawned"] >= s["threats"]["foiled"] + s["threats"]["executed"]
    assert set(s["exchanges"]) == {"proposed", "accepted", "refused_no_standing",
                                   "refused_other", "refused_debt", "capped", "threat_answers",
                                   "late", "caveated"}
    assert s["exchanges"]["late"] <= s["exchanges"]["threat_answers"]
    assert s["exchanges"]["caveated"] <= s["exchanges"]["proposed"]
    assert set(s["breaches"]) == {"committed", "discovered"}
    assert s["breaches"]["discovered"] <= s["breaches"]["committed"]
    assert s["exchanges"]["proposed"] > 0
    assert set(s["moles"]) == {"planted", "discovered"}
    assert 0.0 <= s["catastrophe_rate"] <= 1.0
    wins = sum(a["win_rate"] for a in s["agencies"].values())
    assert wins + s["catastrophe_rate"] == pytest.approx(1.0, abs=1e-3)


def test_simulate_is_deterministic_timing_aside(capsys):
    args = ("simulate", "--scenario", "the_envelope", "--games", "3", "--seed", "9", "--json")
    first, second = _json(capsys, *args), _json(capsys, *args)
    for timing in ("seconds_per_game", "cpu_seconds_per_game"):
        first.pop(timing)
        second.pop(timing)
    assert first == second


def test_simulate_counts_each_choice_taken_and_choose_forces_one(capsys):
    """R28: `decisions` counts every choice taken, by label; `--choose` forces one on
    whoever decides, so a batch can measure what each choice leads to."""
    args = ("simulate", "--scenario", "no_eternal_allies_1950", "--games", "3", "--seed", "5",
            "--json", "--workers", "1")
    free = _json(capsys, *args)["decisions"]
    assert set(free) == {"albania", "philby_recalled", "us_israeli_exchange"}
    assert sum(free["albania"].values()) == 3  # it fires in round 4 of every game
    launch = "Launch the joint infiltration"
    forced = _json(capsys, *args, "--choose", "albania=2")["decisions"]["albania"]
    assert forced == {"Hold back — this is no time to provoke Moscow": 3}
    by_label = _json(capsys, *args, "--choose", f"albania={launch.upper()}")
    assert by_label["decisions"]["albania"] == {launch: 3}


def test_without_turns_a_mechanism_off_and_nothing_else(capsys):
    """`--without` ablations (R25-R28, R21): moles never planted, no event fired, and the
    same seeds otherwise, so that paired games measure the mechanism."""
    args = ("simulate", "--scenario", "no_eternal_allies_1950", "--games", "6", "--seed", "3",
            "--json", "--workers", "1")
    full = _json(capsys, *args)
    assert full["moles"]["planted"] > 0 and full["events"]  # SIS's scripted mole, at least
    no_moles = _json(capsys, *args, "--without", "moles")
    assert no_moles["moles"] == {"planted": 0, "discovered": 0}
    assert no_moles["events"]  # the events still fire
    no_events = _json(capsys, *args, "--without", "events")
    assert no_events["events"] == {} and no_events["decisions"] == {}
    # No AI caveats yet, so the games are the same; the switch itself is R21's own test.
    assert _json(capsys, *args, "--without", "caveats")["agencies"] == full["agencies"]
    raw = read_raw(find("no_eternal_allies_1950"))
    assert not build(without(raw, ["caveats"])).world.rules.third_party.caveats
    assert raw["rules"]["third_party"]["caveats"] is True  # the file's data untouched


def test_without_moles_reaches_every_place_a_mole_can_come_from():
    """A scenario's own mole rate and a mole planted by a choice go too; the rest stays."""
    raw = {"rules": {"penetration": {"base_rate": 0.02, "recruit_rate": 0.04}},
           "penetration": {"base_rate": 0.3, "hostile": {"UK": ["KGB"]}},
           "events": [{"id": "e", "choices": [
               {"label": "a", "effects": [{"plant_mole": {"agency": "SIS", "hostile": "KGB"}},
                                          {"flag": "kept"}]}]}]}
    off = without(raw, ["moles"])
    assert off["rules"]["penetration"] == {"base_rate": 0.0, "recruit_rate": 0.0}
    assert off["penetration"] == {"hostile": {"UK": ["KGB"]}}
    assert off["events"][0]["choices"][0]["effects"] == [{"flag": "kept"}]
    assert raw["penetration"]["base_rate"] == 0.3  # a copy: the original is untouched


def test_simulate_takes_a_path_and_a_bot_per_agency(capsys, tmp_path):
    from game.scenario.loader import SCENARIO_DIR
    s = _json(capsys, "simulate", "--scenario", str(SCENARIO_DIR / "the_envelope.yaml"),
              "--games", "2", "--json", "--personality", "CIA=never_share")
    assert s["scenario"] == "the_envelope"


def test_bench_prints_the_documented_keys(capsys):
    b = _json(capsys, "bench", "--games", "1", "--idle-seconds", "0.5")
    assert {"ruritania", "the_envelope"} <= set(b["scenarios"])
    for entry in b["scenarios"].values():
        assert {"round_ms_p50", "round_ms_p99", "ai_turn_ms_p99", "game_s"} <= set(entry)
        assert entry["game_s"] > 0
    assert {"save_ms", "load_ms", "bytes"} <= set(b["saves"])
    assert {"frame_ms_p50", "frame_ms_p99", "idle_cpu_percent", "startup_s"} <= set(b["ui"])


def test_every_agency_of_the_winning_team_counts_the_win(capsys):
    """R31: a nation's agencies share a score and so a win: each of them has won it,
    and the teams' win rates and the catastrophe rate add up to one."""
    s = _json(capsys, "simulate", "--scenario", "the_envelope", "--games", "6", "--seed", "4",
              "--json")
    rates = {a: v["win_rate"] for a, v in s["agencies"].items()}
    assert rates["MI5"] == rates["MI6"] == rates["GCHQ"]
    assert rates["CIA"] == rates["NSA"]
    assert rates["MI5"] + rates["CIA"] + s["catastrophe_rate"] == pytest.approx(1.0, abs=1e-3)
