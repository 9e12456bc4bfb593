"""Batches of all-AI games: the options `simulate`, `tournament` and `balance` share, and
the runner that spreads games over processes.

One set of options means an option added here reaches all three commands. The
runner feeds its workers in bounded chunks (a hundred million games never sit
in memory at once), returns results in seed order whatever the number of
workers, and stops its workers on Ctrl+C or SIGTERM.
"""

from __future__ import annotations

import argparse
import copy
import json
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from game.ai.driver import DIFFICULTIES, policy_problem
from game.core.spec import Scenario
from game.scenario.loader import build, find, read_raw

CHUNK = 8  # seeds per task: small enough for an even spread, large enough to be cheap


@dataclass(frozen=True)
class Batch:
    """What to play: a scenario, how many games from which seed, and who plays."""

    raw: dict
    scenario: Scenario
    games: int
    seed: int
    workers: int | None = None
    policies: dict[str, str] = field(default_factory=dict)  # agency -> policy spec
    difficulties: dict[str, str] = field(default_factory=dict)  # agency -> difficulty

    def with_policies(self, **policies: str) -> Batch:
        return Batch(self.raw, self.scenario, self.games, self.seed, self.workers,
                     {**self.policies, **policies}, self.difficulties)

    @property
    def playable(self) -> list[str]:
        return [a.id for a in self.scenario.world.agencies if a.playable]


def add_options(p: argparse.ArgumentParser, *, games: int, scenario_required: bool = True,
                whole: Callable[[int], Callable[[str], int]]) -> None:
    """The options every batch command takes. `whole(n)` is the command line's type for
    a whole number of at least n."""
    p.add_argument("--scenario", required=scenario_required,
                   help="scenario id, MODID/ID or path" + ("" if scenario_required else
                                                           "; default: every shipped one"))
    p.add_argument("--games", type=whole(1), default=games, help="games per measurement")
    p.add_argument("--seed", type=whole(0), default=1, help="first seed; then seed+1, ...")
    p.add_argument("--workers", type=whole(1), default=None,
                   help="processes to spread games over (default: the machine's cores)")
    p.add_argument("--personality", action="append", default=[], metavar="AGENCY=POLICY",
                   help="a seat's policy: reciprocal, generous, grudger, free_rider, "
                        "adversary (optionally @easy/@normal/@hard), a bot (random, "
                        "always_share, never_share), or path/to/file.py:ClassName")
    p.add_argument("--difficulty", action="append", default=[], metavar="AGENCY=LEVEL",
                   help="easy, normal or hard")
    p.add_argument("--choose", action="append", default=[], metavar="EVENT=CHOICE",
                   help="force a decision event's choice, by its label or number (1, 2, ...)")
    p.add_argument("--without", action="append", default=[], choices=ABLATIONS,
                   help="turn a mechanism off, to measure what it does: moles (R25, R26), "
                        "events (R28) or caveats (R21); repeat for more than one")


def from_args(args: argparse.Namespace, scenario: str | None = None) -> Batch:
    """The batch the options describe; ValueError names what is wrong with them."""
    path = find(scenario or args.scenario)
    raw = forced(without(read_raw(path), args.without),
                 _pairs(args.choose, "choose", "EVENT=CHOICE"))
    built = build(raw, str(path))
    policies = _pairs(args.personality, "personality")
    difficulties = _pairs(args.difficulty, "difficulty")
    ids = {a.id for a in built.world.agencies}
    unknown = sorted((set(policies) | set(difficulties)) - ids)
    if unknown:
        raise ValueError(f"no agency {', '.join(unknown)} in {built.world.id}")
    for spec in policies.values():
        if problem := policy_problem(spec):
            raise ValueError(problem)
    bad = sorted(set(difficulties.values()) - set(DIFFICULTIES))
    if bad:
        raise ValueError(f"unknown difficulty: {', '.join(bad)} (easy, normal or hard)")
    return Batch(raw, built, args.games, args.seed, args.workers, policies, difficulties)


def forced(raw: dict, choices: dict[str, str]) -> dict:
    """The scenario with each named decision cut down to the one choice forced on it
    (`--choose EVENT=CHOICE`), so that whoever decides, every game takes it."""
    if not choices:
        return raw
    raw = copy.deepcopy(raw)
    events = {e.get("id"): e for e in raw.get("events") or () if isinstance(e, dict)}
    for event_id, wanted in choices.items():
        event = events.get(event_id)
        options = (event or {}).get("choices") or []
        if not options:
            decisions = sorted(i for i, e in events.items() if e.get("choices"))
            raise ValueError(f"no decision event {event_id!r} in this scenario (its decisions: "
                             f"{', '.join(decisions) or 'none'})")
        labels = [str(c.get("label", "")) for c in options]
        pick = (int(wanted) - 1 if wanted.isdigit() else
                next((i for i, label in enumerate(labels)
                      if label.casefold() == wanted.casefold()), -1))
        if not 0 <= pick < len(options):
            raise ValueError(f"{event_id} has no choice {wanted!r}: give its number (1 to "
                             f"{len(options)}) or a label: {'; '.join(labels)}")
        event["choices"] = [options[pick]]
    return raw


ABLATIONS = ("moles", "events", "caveats")


def without(raw: dict, mechanisms: list[str]) -> dict:
    """The scenario with each named mechanism turned off (`--without`), all else alike, so
    that paired seeds measure what the mechanism does: no mole is ever planted (no hazard,
    no recruited officer, no scripted mole); no event fires; no caveat holds."""
    if not mechanisms:
        return raw
    raw = copy.deepcopy(raw)
    if "moles" in mechanisms:
        raw["rules"]["penetration"].update(base_rate=0.0, recruit_rate=0.0)
        (raw.get("penetration") or {}).pop("base_rate", None)
        for event in raw.get("events") or ():
            for holder in (event, *(event.get("choices") or ())):
                if "effects" in holder:
                    holder["effects"] = [e for e in holder["effects"]
                                         if not (isinstance(e, dict) and "plant_mole" in e)]
    if "events" in mechanisms:
        raw["events"] = []
    if "caveats" in mechanisms:
        raw["rules"]["third_party"]["caveats"] = False
    return raw


def _pairs(values: list[str], what: str, form: str = "AGENCY=NAME") -> dict[str, str]:
    out = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key or not value:
            raise ValueError(f"--{what} takes {form}, got {item!r}")
        out[key] = value
    return out


# --------------------------------------------------------------------------- running
_JOB: dict = {}


def _set_job(job: Callable, raw: dict, policies: dict, difficulties: dict) -> None:
    """A worker's set-up: the scenario and seats arrive once, then only seeds do."""
    _JOB.update(job=job, scenario=built(raw), policies=policies, difficulties=difficulties)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop


def _chunk(seeds: range) -> list:
    return [_JOB["job"](_JOB["scenario"], s, _JOB["policies"], _JOB["difficulties"])
            for s in seeds]


_BUILT: dict[str, Scenario] = {}


def built(raw: dict) -> Scenario:
    """Build the scenario once per process, keyed by its content: two variants of one
    scenario (a tuned copy that keeps the id) are two scenarios."""
    key = json.dumps(raw, sort_keys=True)
    if key not in _BUILT:
        _BUILT[key] = build(raw)
    return _BUILT[key]


def run(batch: Batch, job: Callable, progress: bool = True) -> Iterator:
    """`job(scenario, seed, policies, difficulties)` for every seed of the batch, in seed
    order. `job` must be a module-level function (it is sent to worker processes)."""
    games = batch.games
    workers = batch.workers or min(os.cpu_count() or 1, max(1, games // CHUNK))
    setup = (job, batch.raw, batch.policies, batch.difficulties)
    chunks = (range(s, min(s + CHUNK, batch.seed + games))
              for s in range(batch.seed, batch.seed + games, CHUNK))
    done = 0
    if workers == 1:
        _set_job(*setup)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for seeds in chunks:
            for result in _chunk(seeds):
                done += 1
                _progress(progress, done, games)
                yield result
        return
    # Spawned, not forked: a fork copies whatever locks the parent's threads held (a
    # test runner's, a window's) and can leave a worker waiting on one for ever.
    pool = multiprocessing.get_context("spawn").Pool(workers, initializer=_set_job,
                                                    initargs=setup)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        pending: deque = deque()
        for seeds in chunks:  # at most two chunks a worker in flight: bounded memory
            pending.append(pool.apply_async(_chunk, (seeds,)))
            while len(pending) >= 2 * workers:
                yield from _collect(pending.popleft(), progress, done, games)
                done = min(games, done + CHUNK)
        while pending:
            chunk = pending.popleft()
            yield from _collect(chunk, progress, done, games)
            done = min(games, done + CHUNK)
        pool.close()
    finally:
        pool.terminate()  # stops the workers at once on an error, Ctrl+C or SIGTERM
        pool.join()
        signal.signal(signal.SIGTERM, previous)


def _collect(chunk, progress: bool, done: int, games: int) -> Iterator:
    for i, result in enumerate(chunk.get()):
        _progress(progress, min(games, done + i + 1), games)
        yield result


def _terminate(signum, frame) -> None:
    raise KeyboardInterrupt


def _progress(show: bool, done: int, total: int) -> None:
    if not show or not sys.stderr.isatty():
        return
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} games")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()
