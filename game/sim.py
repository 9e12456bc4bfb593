"""`simulate` and `bench`: all-AI games in batch, summarised as JSON other tools read."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

from game.ai.driver import Played, play_game
from game.batch import Batch, built, run
from game.core import scoring
from game.core.records import ACCEPTED, EXCHANGE, EXECUTED, FOILED, NOTHING, REFUSED
from game.core.spec import Scenario
from game.core.state import GameState
from game.scenario.loader import load, scenario_paths


def one_game(scenario: Scenario, seed: int, policies: dict[str, str],
             difficulties: dict[str, str]) -> dict:
    """One all-AI game reduced to the numbers the summaries need (cheap to send back
    from a worker process)."""
    started = time.process_time()
    played = play_game(scenario, seed, policies, difficulties)
    return outcome(played.state, played.timings.ai_ms, time.process_time() - started)


def outcome(state: GameState, ai_ms: list[float], cpu_s: float) -> dict:
    """The numbers of one finished game. An answer "bound by the cap" is one whose
    recipient held a useful report on the topic that the R18 cap kept it from adding;
    a "late" answer brought reports on a threat in the month it struck, too late for
    any operation."""
    world = state.world
    n = state.n_agencies
    cables = [c for c in state.cables.values() if c.kind == EXCHANGE]
    answered = [c for c in cables if c.status == ACCEPTED and c.topic is not None]
    capped = {e.data["cable"] for e in state.log if e.kind == "accepted" and e.data.get("capped")}
    threat_asks = [c for c in answered if c.topic.threat is not None and c.given]
    late = [c for c in threat_asks if state.threats[c.topic.threat].deadline <= c.answered]
    received = [0.0] * n
    answers = [0] * n
    bound = [0] * n
    for c in answered:
        received[c.sender] += c.value_returned
        answers[c.sender] += 1
        bound[c.sender] += c.id in capped
    found = sum(e.kind == "breach" for e in state.log)  # R20: a found breach leaves the list
    scores = scoring.scores(state)
    shares = scoring.standings(state)
    playable = world.contenders
    at = -(-2 * world.rounds // 3)  # the round two thirds of the way through, rounded up
    history = state.history.scores
    leader = (max(playable, key=lambda a: (history[at - 1][a] / world.targets[a], -a))
              if len(history) >= at else None)
    return {
        "scores": scores.tolist(),
        "ranks": [1 + sum(shares[b] > shares[a] + 1e-9 for b in playable) for a in range(n)],
        "winners": scoring.winners(state),
        "leader_two_thirds": leader,
        "catastrophe": state.catastrophe,
        "threats": [len(state.threats), sum(t.status == FOILED for t in state.threats),
                    sum(t.status == EXECUTED for t in state.threats)],
        "exchanges": [len(cables), sum(c.status == ACCEPTED for c in cables),
                      sum(c.status == NOTHING and c.refusal.startswith("R16") for c in cables),
                      sum(c.status == REFUSED for c in cables),
                      sum(c.status == NOTHING and c.refusal.startswith("R18") for c in cables),
                      len(capped), len(threat_asks), len(late),
                      sum(bool(c.caveats) for c in cables)],
        "received_value": received,
        "answers_received": answers,
        "capped_received": bound,
        "breaches": [len(state.breaches) + found, found],
        "moles": [sum(e.kind == "mole_planted" for e in state.log),
                  sum(e.kind == "mole_discovered" for e in state.log)],
        "events": dict(state.fired),
        "decisions": [(e.data["id"], e.data["choice"]) for e in state.log if e.kind == "decided"],
        "ai_ms": ai_ms,
        "cpu_s": cpu_s,
    }


def simulate(raw: dict, games: int, seed: int, policies: dict[str, str] | None = None,
             difficulties: dict[str, str] | None = None, progress: bool = True,
             workers: int | None = None) -> dict:
    """Play `games` all-AI games with seeds seed, seed+1, ... spread over the machine's
    cores; the summary is the same whatever the number of workers."""
    batch = Batch(raw, built(raw), games, seed, workers, policies or {}, difficulties or {})
    started = time.perf_counter()
    results = list(run(batch, one_game, progress))
    return summary(batch, results, time.perf_counter() - started)


def summary(batch: Batch, results: list[dict], elapsed: float) -> dict:
    """The JSON summary of a batch's games (docs/balance.md names every key)."""
    scenario, games = batch.scenario, batch.games
    ids = [a.id for a in scenario.world.agencies]
    wins: Counter[str] = Counter()
    fired: Counter[str] = Counter()
    taken: Counter[tuple[str, int]] = Counter()
    for r in results:
        wins.update(ids[w] for w in r["winners"])  # a nation's agencies share a win
        fired.update(r["events"])
        taken.update(tuple(d) for d in r["decisions"])
    total = np.array([r["threats"] for r in results]).sum(axis=0)
    ex = np.array([r["exchanges"] for r in results]).sum(axis=0)
    moles = np.array([r["moles"] for r in results]).sum(axis=0)
    breaches = np.array([r["breaches"] for r in results]).sum(axis=0)
    scores = np.array([r["scores"] for r in results])
    received = np.array([r["received_value"] for r in results])
    return {
        "scenario": scenario.world.id,
        "games": games,
        "seed": batch.seed,
        "agencies": {
            a: {
                "mean_score": round(float(scores[:, i].mean()), 3),
                "stdev_score": round(float(scores[:, i].std()), 3),
                "win_rate": round(wins[a] / games, 4),
                "received_value": round(float(received[:, i].mean()), 3),
            }
            for i, a in enumerate(ids)
        },
        "threats": dict(zip(("spawned", "foiled", "executed"), map(int, total), strict=True)),
        "catastrophe_rate": round(sum(r["catastrophe"] for r in results) / games, 4),
        "exchanges": dict(zip(("proposed", "accepted", "refused_no_standing", "refused_other",
                               "refused_debt", "capped", "threat_answers", "late",
                               "caveated"),
                              map(int, ex), strict=True)),
        "breaches": dict(zip(("committed", "discovered"), map(int, breaches), strict=True)),
        "moles": dict(zip(("planted", "discovered"), map(int, moles), strict=True)),
        "events": dict(sorted(fired.items())),
        "decisions": {e.id: {c.label: taken[(e.id, n)] for n, c in enumerate(e.choices)}
                      for e in scenario.script.events if e.choices},
        "seconds_per_game": round(elapsed / games, 4),
        "cpu_seconds_per_game": round(sum(r["cpu_s"] for r in results) / games, 4),
    }


def _pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 3) if values else 0.0


def bench(games: int = 5, seed: int = 1, ui: bool = True, idle_s: float = 2.0) -> dict:
    """Per shipped scenario: round time p50/p99, all AI seats of a round p99, game time;
    then save and load times of a late-game save of the largest scenario."""
    out: dict = {"scenarios": {}}
    largest: tuple[int, Scenario, Played] | None = None
    for path in scenario_paths():
        scenario = load(path.stem)
        round_ms: list[float] = []
        ai_ms: list[float] = []
        game_s: list[float] = []
        for i in range(games):
            t0 = time.perf_counter()
            played = play_game(scenario, seed + i)
            game_s.append(time.perf_counter() - t0)
            round_ms += played.timings.round_ms
            ai_ms += played.timings.ai_ms
        size = len(scenario.world.agencies) * len(scenario.world.regions) * scenario.world.rounds
        if largest is None or size > largest[0]:
            largest = (size, scenario, played)
        out["scenarios"][scenario.world.id] = {
            "agencies": len(scenario.world.agencies),
            "rounds": scenario.world.rounds,
            "round_ms_p50": _pct(round_ms, 50),
            "round_ms_p99": _pct(round_ms, 99),
            "ai_turn_ms_p99": _pct(ai_ms, 99),
            "game_s": round(statistics.fmean(game_s), 4),
        }
    if largest is not None:
        out["saves"] = _bench_saves(largest[1], largest[2], seed + games - 1)
        if ui:
            from game.ui.bench import bench_ui

            out["ui"] = bench_ui(largest[1].world.id, idle_s=idle_s)
    return out


def _bench_saves(scenario: Scenario, played: Played, seed: int, repeats: int = 5) -> dict:
    from game.persistence import load as load_save
    from game.persistence import save
    from game.scenario.loader import find, read_raw
    from game.session import Session

    raw = read_raw(find(scenario.world.id))
    session = Session.from_scenario(raw, scenario, seed)
    session.state, session.actions = played.state, played.actions
    save_ms, load_ms = [], []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.json"
        for _ in range(repeats):
            t0 = time.perf_counter()
            save(session, path)
            save_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            load_save(path)
            load_ms.append((time.perf_counter() - t0) * 1000)
        size = path.stat().st_size
    return {"scenario": scenario.world.id, "save_ms": round(statistics.median(save_ms), 2),
            "load_ms": round(statistics.median(load_ms), 2), "bytes": size}
