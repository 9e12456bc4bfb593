"""python main.py [play|simulate|validate|schema|replay|bench|screenshots]: the command
line other tools rely on (documented in the README)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.scenario.loader import ScenarioError, build, find, read_raw


def _pairs(values: list[str], what: str) -> dict[str, str]:
    out = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key or not value:
            raise SystemExit(f"--{what} takes AGENCY=NAME, got {item!r}")
        out[key] = value
    return out


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.ai.driver import AGENTS
    from game.sim import simulate

    path = find(args.scenario)
    raw = read_raw(path)
    scenario = build(raw, str(path))
    personalities = _pairs(args.personality, "personality")
    difficulties = _pairs(args.difficulty, "difficulty")
    ids = {a.id for a in scenario.world.agencies}
    unknown = sorted((set(personalities) | set(difficulties)) - ids)
    if unknown:
        raise SystemExit(f"no agency {', '.join(unknown)} in {scenario.world.id}")
    bad = sorted(set(personalities.values()) - set(AGENTS))
    bad += sorted(set(difficulties.values()) - {"easy", "normal", "hard"})
    if bad:
        raise SystemExit(f"unknown personality or difficulty: {', '.join(bad)}")
    summary = simulate(raw, args.games, args.seed, personalities, difficulties,
                       workers=args.workers)
    if args.save:
        _save_last(raw, scenario, args.seed + args.games - 1, personalities, difficulties,
                   Path(args.save))
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        _print_summary(summary)
    return 0


def _save_last(raw, scenario, seed, personalities, difficulties, path: Path) -> None:
    """Replay the last seed in this process and save it (--save)."""
    from game.ai.driver import play_game
    from game.persistence import save
    from game.session import Seat, Session

    played = play_game(scenario, seed, personalities, difficulties)
    seats = {a.id: Seat(personality=personalities.get(a.id, a.ai.personality),
                        difficulty=difficulties.get(a.id, a.ai.difficulty))
             for a in scenario.world.agencies}
    save(Session(raw, scenario, seed, seats, played.state, played.actions), path,
         f"Simulated {scenario.world.title}")


def cmd_validate(args: argparse.Namespace) -> int:
    from game.scenario.loader import SCENARIO_DIR, campaign_paths, scenario_paths
    from game.scenario.validate import check

    paths: list[Path] = []
    for given in args.paths or [str(SCENARIO_DIR)]:
        p = Path(given)
        if p.is_dir():
            paths += [*scenario_paths(p), *campaign_paths(p / "campaigns")]
        else:
            paths.append(p)
    failed = False
    for path in paths:
        _, problems = check(path)
        for problem in problems:
            print(problem)
        if problems:
            failed = True
        else:
            print(f"{path}: OK")
    return 1 if failed else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from game.scenario.format import SCHEMAS, json_schema

    print(json.dumps(json_schema(*SCHEMAS[args.kind]), indent=2))
    return 0


def cmd_balance(args: argparse.Namespace) -> int:
    from game.balance import BARS, measure, table

    print(f"Balance over {args.games} seeds from {args.seed} (bars: {BARS})\n")
    print(table(measure(args.games, args.seed)))
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    from game.persistence import SaveError, replay_check

    try:
        matches, message = replay_check(Path(args.save))
    except SaveError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(message)
    return 0 if matches or not args.verify else 1


def _print_summary(s: dict) -> None:
    t = s["threats"]
    print(f"{s['scenario']}: {s['games']} games from seed {s['seed']}")
    print(f"  threats spawned {t['spawned']}, foiled {t['foiled']}, executed {t['executed']}; "
          f"catastrophe in {s['catastrophe_rate']:.0%} of games")
    e = s["exchanges"]
    print(f"  exchanges proposed {e['proposed']}, accepted {e['accepted']}, canned "
          f"{e['refused_no_standing']}, refused {e['refused_other']}")
    for agency, a in s["agencies"].items():
        print(f"  {agency:8} score {a['mean_score']:8.1f} ± {a['stdev_score']:6.1f}   "
              f"wins {a['win_rate']:.0%}")
    print(f"  {s['seconds_per_game'] * 1000:.0f} ms per game")


def cmd_bench(args: argparse.Namespace) -> int:
    from game.sim import bench

    print(json.dumps(bench(args.games, args.seed, idle_s=args.idle_seconds), indent=2))
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    from game.ui.app import play

    return play(args.scenario, args.seat, args.seed, args.load)


def cmd_screenshots(args: argparse.Namespace) -> int:
    from game.ui.screenshots import take

    for path in take(Path(args.dir)):
        print(path)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="main.py", description="No Free Lunches")
    sub = p.add_subparsers(dest="command")

    play = sub.add_parser("play", help="play a game")
    play.add_argument("--scenario", help="start this scenario at once (id or path)")
    play.add_argument("--seat", action="append", default=[], metavar="AGENCY=human:NAME")
    play.add_argument("--seed", type=int, default=None)
    play.add_argument("--load", metavar="SAVE", help="resume a saved game")
    play.set_defaults(run=cmd_play)

    val = sub.add_parser("validate", help="check scenario and campaign files")
    val.add_argument("paths", nargs="*", help="files or folders; default: scenarios/")
    val.set_defaults(run=cmd_validate)

    sch = sub.add_parser("schema", help="the scenario JSON Schema (draft-07) on stdout")
    sch.add_argument("--kind", choices=("scenario", "ruleset", "campaign"), default="scenario")
    sch.set_defaults(run=cmd_schema)

    shots = sub.add_parser("screenshots", help="PNG of every screen of a scripted game")
    shots.add_argument("dir")
    shots.set_defaults(run=cmd_screenshots)

    sim = sub.add_parser("simulate", help="all-AI games in batch")
    sim.add_argument("--scenario", required=True, help="scenario id or path")
    sim.add_argument("--games", type=int, default=100)
    sim.add_argument("--seed", type=int, default=1)
    sim.add_argument("--json", action="store_true", help="print the JSON summary")
    sim.add_argument("--personality", action="append", default=[], metavar="AGENCY=NAME",
                     help="reciprocal, generous, grudger, free_rider, adversary; or a "
                          "baseline bot: random, always_share, never_share")
    sim.add_argument("--difficulty", action="append", default=[], metavar="AGENCY=LEVEL",
                     help="easy, normal or hard")
    sim.add_argument("--workers", type=int, default=None,
                     help="processes to spread games over (default: the machine's cores)")
    sim.set_defaults(run=cmd_simulate)

    sim.add_argument("--save", metavar="PATH", help="save the last game played")

    bal = sub.add_parser("balance", help="measure the balance bars of every scenario")
    bal.add_argument("--games", type=int, default=200)
    bal.add_argument("--seed", type=int, default=1)
    bal.set_defaults(run=cmd_balance)

    rep = sub.add_parser("replay", help="replay a save's action log from its seed")
    rep.add_argument("save")
    rep.add_argument("--verify", action="store_true",
                     help="exit 1 unless every round's hash matches the save")
    rep.set_defaults(run=cmd_replay)

    bench = sub.add_parser("bench", help="timings as JSON")
    bench.add_argument("--games", type=int, default=5)
    bench.add_argument("--seed", type=int, default=1)
    bench.add_argument("--idle-seconds", type=float, default=2.0,
                       help="how long to watch an idle window's CPU use")
    bench.set_defaults(run=cmd_bench)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command is None:
        args = parser().parse_args(["play", *(argv or [])])
    try:
        return args.run(args)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
