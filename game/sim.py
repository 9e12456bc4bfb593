"""`simulate` and `bench`: all-AI games in batch, summarised as JSON other tools read."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

from game.ai.driver import Played, play_game
from game.core import scoring
from game.core.records import ACCEPTED, EXCHANGE, EXECUTED, FOILED, NOTHING, REFUSED
from game.core.spec import Scenario
from game.scenario.loader import load, scenario_paths


def _progress(done: int, total: int) -> None:
    if not sys.stderr.isatty():
        return
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} games")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def simulate(scenario: Scenario, games: int, seed: int, bots: dict[str, str] | None = None,
             progress: bool = True) -> tuple[dict, Played | None]:
    """Play `games` all-AI games with seeds seed, seed+1, ...; return the summary and
    the last game played (for `--save`)."""
    world = scenario.world
    ids = [a.id for a in world.agencies]
    scores: dict[str, list[float]] = {a: [] for a in ids}
    wins: Counter[str] = Counter()
    threats: Counter[str] = Counter()
    exchanges: Counter[str] = Counter()
    moles: Counter[str] = Counter()
    fired: Counter[str] = Counter()
    catastrophes = 0
    last = None
    started = time.perf_counter()
    for i in range(games):
        last = play_game(scenario, seed + i, bots)
        state = last.state
        final = scoring.scores(state)
        for a, s in zip(ids, final.tolist(), strict=True):
            scores[a].append(s)
        winners = scoring.winners(state)
        for w in winners:
            wins[ids[w]] += 1 / len(winners)
        catastrophes += state.catastrophe
        threats["spawned"] += len(state.threats)
        threats["foiled"] += sum(t.status == FOILED for t in state.threats)
        threats["executed"] += sum(t.status == EXECUTED for t in state.threats)
        for cable in state.cables.values():
            if cable.kind != EXCHANGE:
                continue
            exchanges["proposed"] += 1
            exchanges["accepted"] += cable.status == ACCEPTED
            exchanges["refused_no_standing"] += cable.status == NOTHING
            exchanges["refused_other"] += cable.status == REFUSED
        for event in state.log:
            if event.kind in ("mole_planted", "mole_discovered"):
                moles[event.kind.removeprefix("mole_")] += 1
            if event.kind == "event_fired":
                fired[event.data["id"]] += 1
        if progress:
            _progress(i + 1, games)
    elapsed = time.perf_counter() - started
    summary = {
        "scenario": world.id,
        "games": games,
        "seed": seed,
        "agencies": {
            a: {
                "mean_score": round(statistics.fmean(scores[a]), 3) if games else 0.0,
                "stdev_score": round(statistics.pstdev(scores[a]), 3) if games else 0.0,
                "win_rate": round(wins[a] / games, 4) if games else 0.0,
            }
            for a in ids
        },
        "threats": {k: int(threats[k]) for k in ("spawned", "foiled", "executed")},
        "catastrophe_rate": round(catastrophes / games, 4) if games else 0.0,
        "exchanges": {k: int(exchanges[k]) for k in
                      ("proposed", "accepted", "refused_no_standing", "refused_other")},
        "moles": {k: int(moles[k]) for k in ("planted", "discovered")},
        "events": dict(sorted(fired.items())),
        "seconds_per_game": round(elapsed / games, 4) if games else 0.0,
    }
    return summary, last


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
