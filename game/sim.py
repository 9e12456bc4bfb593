"""`simulate` and `bench`: all-AI games in batch, summarised as JSON other tools read."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from game.ai.driver import Played, play_game
from game.core import scoring
from game.core.records import ACCEPTED, EXCHANGE, EXECUTED, FOILED, NOTHING, REFUSED
from game.core.spec import Scenario
from game.scenario.loader import build, load, scenario_paths


def _progress(done: int, total: int) -> None:
    if not sys.stderr.isatty():
        return
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} games")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


_JOB: dict = {}


def _set_job(raw: dict, personalities: dict[str, str], difficulties: dict[str, str]) -> None:
    """A worker's set-up: the scenario and seats arrive once, then only seeds do."""
    _JOB.update(scenario=_built(raw), personalities=personalities, difficulties=difficulties)


def _one_game(seed: int) -> dict:
    """One all-AI game reduced to the numbers the summary needs (cheap to send back
    from a worker process)."""
    played = play_game(_JOB["scenario"], seed, _JOB["personalities"], _JOB["difficulties"])
    state = played.state
    cables = [c for c in state.cables.values() if c.kind == EXCHANGE]
    return {
        "scores": scoring.scores(state).tolist(),
        "winners": scoring.winners(state),
        "catastrophe": state.catastrophe,
        "threats": [len(state.threats), sum(t.status == FOILED for t in state.threats),
                    sum(t.status == EXECUTED for t in state.threats)],
        "exchanges": [len(cables), sum(c.status == ACCEPTED for c in cables),
                      sum(c.status == NOTHING for c in cables),
                      sum(c.status == REFUSED for c in cables)],
        "moles": [sum(e.kind == "mole_planted" for e in state.log),
                  sum(e.kind == "mole_discovered" for e in state.log)],
        "events": dict(state.fired),
        "ai_ms": played.timings.ai_ms,
    }


_BUILT: dict[str, Scenario] = {}


def _built(raw: dict) -> Scenario:
    """Build the scenario once per process."""
    key = raw["id"]
    if key not in _BUILT:
        _BUILT[key] = build(raw)
    return _BUILT[key]


def simulate(raw: dict, games: int, seed: int, personalities: dict[str, str] | None = None,
             difficulties: dict[str, str] | None = None, progress: bool = True,
             workers: int | None = None) -> dict:
    """Play `games` all-AI games with seeds seed, seed+1, ... spread over the machine's
    cores; the summary is the same whatever the number of workers."""
    personalities, difficulties = personalities or {}, difficulties or {}
    scenario = _built(raw)
    workers = workers or min(os.cpu_count() or 1, max(1, games // 4))
    started = time.perf_counter()
    results: list[dict] = []
    seeds = range(seed, seed + games)
    job = (raw, personalities, difficulties)
    if workers > 1:
        with ProcessPoolExecutor(workers, initializer=_set_job, initargs=job) as pool:
            for result in pool.map(_one_game, seeds, chunksize=4):
                results.append(result)
                if progress:
                    _progress(len(results), games)
    else:
        _set_job(*job)
        for s in seeds:
            results.append(_one_game(s))
            if progress:
                _progress(len(results), games)
    elapsed = time.perf_counter() - started
    return summarise(scenario, results, games, seed, elapsed)


def summarise(scenario: Scenario, results: list[dict], games: int, seed: int,
              elapsed: float) -> dict:
    ids = [a.id for a in scenario.world.agencies]
    wins: Counter[str] = Counter()
    fired: Counter[str] = Counter()
    for r in results:
        for w in r["winners"]:
            wins[ids[w]] += 1 / len(r["winners"])
        fired.update(r["events"])
    total = np.array([r["threats"] for r in results]).sum(axis=0) if results else [0, 0, 0]
    ex = np.array([r["exchanges"] for r in results]).sum(axis=0) if results else [0] * 4
    moles = np.array([r["moles"] for r in results]).sum(axis=0) if results else [0, 0]
    scores = np.array([r["scores"] for r in results]) if results else np.zeros((0, len(ids)))
    return {
        "scenario": scenario.world.id,
        "games": games,
        "seed": seed,
        "agencies": {
            a: {
                "mean_score": round(float(scores[:, i].mean()), 3) if games else 0.0,
                "stdev_score": round(float(scores[:, i].std()), 3) if games else 0.0,
                "win_rate": round(wins[a] / games, 4) if games else 0.0,
            }
            for i, a in enumerate(ids)
        },
        "threats": dict(zip(("spawned", "foiled", "executed"), map(int, total), strict=True)),
        "catastrophe_rate": round(sum(r["catastrophe"] for r in results) / games, 4)
        if games else 0.0,
        "exchanges": dict(zip(("proposed", "accepted", "refused_no_standing", "refused_other"),
                              map(int, ex), strict=True)),
        "moles": dict(zip(("planted", "discovered"), map(int, moles), strict=True)),
        "events": dict(sorted(fired.items())),
        "seconds_per_game": round(elapsed / games, 4) if games else 0.0,
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
