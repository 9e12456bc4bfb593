"""python main.py [play|simulate|validate|schema|replay|bench|screenshots]: the command
line other tools rely on (documented in the README)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import game
from game.paths import DATA_DIR_VARIABLE
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
    from game.paths import DROP_DIR, SCENARIO_DIR
    from game.scenario.loader import campaign_paths, scenario_paths
    from game.scenario.mods import MOD_FILE, check_map, installed_mods, read_mod
    from game.scenario.validate import check

    mods = [m.folder for m in installed_mods()]
    given = [Path(p) for p in args.paths] or [
        SCENARIO_DIR, *([DROP_DIR] if DROP_DIR is not None and DROP_DIR.is_dir() else []), *mods]
    checked: list[tuple[Path, list]] = []  # each file with its problems
    for p in given:
        if p in mods or (p / MOD_FILE).is_file():  # a mod: its mod.yaml and maps too
            checked.append((p / MOD_FILE, list(read_mod(p).problems)))
            checked += [(m, check_map(m)) for m in sorted((p / "maps").glob("*.json"))]
        if p.is_dir():
            checked += [(s, check(s)[1]) for s in
                        [*scenario_paths(p), *campaign_paths(p / "campaigns")]]
        else:
            checked.append((p, check(p)[1]))
    for path, problems in checked:
        print("\n".join(map(str, problems)) if problems else f"{path}: OK")
    return 1 if any(problems for _, problems in checked) else 0


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
    from game.persistence import SaveError, load, read, verify

    try:
        data = read(Path(args.save))
        session = load(Path(args.save))
    except SaveError as exc:
        print(exc, file=sys.stderr)
        return 1
    if data.get("migrated_from"):
        print(f"{args.save} was saved by an older version of the game (format "
              f"{data['migrated_from']}); its round hashes were made under that version's "
              f"rules and cannot be checked by this one. It still loads and plays on.")
        return 1 if args.verify else 0
    first_bad = verify(session, data["digests"])
    rounds = len(data["digests"])
    if first_bad is None:
        print(f"{args.save}: {len(session.actions)} actions replayed; all {rounds} round "
              f"hashes match.")
        return 0
    print(f"{args.save}: replay differs from the save at round {first_bad}.")
    return 1 if args.verify else 0


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
    p = argparse.ArgumentParser(description="No Free Lunches")
    p.add_argument("--version", action="version", version=f"%(prog)s {game.__version__}")
    p.add_argument("--data-dir", metavar="DIR",
                   help=f"the folder for saves, settings, debrief exports and mods (default: "
                        f"${DATA_DIR_VARIABLE}, else the per-user folder; see the README)")
    sub = p.add_subparsers(dest="command")

    play = sub.add_parser("play", help="play a game")
    play.add_argument("--scenario", help="start this scenario at once (id, MODID/ID or path)")
    play.add_argument("--seat", action="append", default=[], metavar="AGENCY=human:NAME")
    play.add_argument("--seed", type=int, default=None)
    play.add_argument("--load", metavar="SAVE", help="resume a saved game")
    play.set_defaults(run=cmd_play)

    val = sub.add_parser("validate", help="check scenario and campaign files")
    val.add_argument("paths", nargs="*", help="files, folders or mod folders; default: every "
                                              "scenario and mod the game lists")
    val.set_defaults(run=cmd_validate)

    sch = sub.add_parser("schema", help="the scenario JSON Schema (draft-07) on stdout")
    sch.add_argument("--kind", choices=("scenario", "ruleset", "campaign"), default="scenario")
    sch.set_defaults(run=cmd_schema)

    shots = sub.add_parser("screenshots", help="PNG of every screen of a scripted game")
    shots.add_argument("dir")
    shots.set_defaults(run=cmd_screenshots)

    sim = sub.add_parser("simulate", help="all-AI games in batch")
    sim.add_argument("--scenario", required=True, help="scenario id, MODID/ID or path")
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
    argv = sys.argv[1:] if argv is None else argv
    args = parser().parse_args(argv)
    if args.command is None:
        args = parser().parse_args([*argv, "play"])
    if args.data_dir:
        data_dir = Path(args.data_dir).expanduser().resolve()
        if data_dir.exists() and not data_dir.is_dir():
            parser().error(f"--data-dir {args.data_dir}: not a folder")
        # Before any module that keeps a folder is imported; workers inherit it too.
        os.environ[DATA_DIR_VARIABLE] = str(data_dir)
    try:
        return args.run(args)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
