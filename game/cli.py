"""python main.py [play|simulate|validate|schema|replay|bench|screenshots]: the command
line other tools rely on (documented in the README).

A bad command line never ends in a traceback: every input is checked before any
work starts, and the answer is one line on stderr. Exit 2 means the command
line itself is wrong (a malformed or out-of-range value, an unknown name);
exit 1 means a well-formed command could not be done (a broken scenario, a
file that cannot be read or written).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import game
from game.paths import DATA_DIR_VARIABLE
from game.scenario.loader import ScenarioError, build, find, read_raw


class UsageError(Exception):
    """The command line is wrong: one line, exit 2."""


class Failure(Exception):
    """A well-formed command that cannot be done: one line, exit 1."""


class _Parser(argparse.ArgumentParser):
    """argparse, but its complaints become one line and exit 2 through main()."""

    def error(self, message: str):
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


def _whole(lowest: int) -> Callable[[str], int]:
    """An argparse type: a whole number no lower than `lowest`."""
    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if n < lowest:
            raise argparse.ArgumentTypeError(f"must be {lowest} or more, got {n}")
        return n
    return parse


def _seconds(text: str) -> float:
    try:
        s = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not math.isfinite(s) or s < 0:
        raise argparse.ArgumentTypeError(f"must be 0 seconds or more, got {text}")
    return s


def _writable(path: Path) -> None:
    """Refuse a --save path before any game is played, not after all of them."""
    if path.is_dir():
        raise Failure(f"--save {path}: that is a folder; give a file name, such as "
                      f"{path / 'game.json'}")
    folder = path.parent
    if not folder.is_dir():
        raise Failure(f"--save {path}: there is no folder {folder}")
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".probe-", suffix=".tmp"):
            pass
    except OSError as exc:
        raise Failure(f"--save {path}: cannot write in {folder} "
                      f"({exc.strerror or exc})") from None


def _batch(args: argparse.Namespace, scenario: str | None = None):
    """The shared batch options of simulate, tournament and balance, checked."""
    from game.batch import from_args

    try:
        return from_args(args, scenario)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.batch import run
    from game.sim import one_game, summary

    batch = _batch(args)
    if args.save:
        _writable(Path(args.save))
    started = time.perf_counter()
    results = list(run(batch, one_game))
    result = summary(batch, results, time.perf_counter() - started)
    if args.save:
        _save_last(batch, Path(args.save))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _print_summary(result)
    return 0


def cmd_tournament(args: argparse.Namespace) -> int:
    from game.tournament import table, tournament

    batch = _batch(args)
    if args.seat not in batch.playable:
        raise UsageError(f"--seat {args.seat}: not a playable agency of {batch.scenario.world.id}"
                         f" ({', '.join(batch.playable)})")
    policies = [p.strip() for p in args.policies.split(",") if p.strip()]
    if not policies:
        raise UsageError("--policies takes a comma-separated list of policies")
    for spec in policies:
        _batch(argparse.Namespace(**{**vars(args), "personality": [f"{args.seat}={spec}"]}))
    result = tournament(batch, args.seat, policies)
    print(json.dumps(result, indent=2) if args.json else table(result))
    return 0


def _save_last(batch, path: Path) -> None:
    """Replay the last seed in this process and save it (--save)."""
    from game.ai.driver import play_game
    from game.persistence import SaveError, save
    from game.session import Seat, Session

    scenario, seed = batch.scenario, batch.seed + batch.games - 1
    played = play_game(scenario, seed, batch.policies, batch.difficulties)
    seats = {a.id: Seat(personality=batch.policies.get(a.id, a.ai.personality),
                        difficulty=batch.difficulties.get(a.id, a.ai.difficulty))
             for a in scenario.world.agencies}
    try:
        save(Session(batch.raw, scenario, seed, seats, played.state, played.actions), path,
             f"Simulated {scenario.world.title}")
    except SaveError as exc:
        raise Failure(str(exc)) from None


def cmd_validate(args: argparse.Namespace) -> int:
    from game.paths import DROP_DIR, SCENARIO_DIR
    from game.scenario.loader import campaign_paths, scenario_paths
    from game.scenario.mods import MOD_FILE, installed_mods, read_mod
    from game.scenario.validate import check_many, ignored

    mods = [m.folder for m in installed_mods()]
    given = [Path(p) for p in args.paths] or [
        SCENARIO_DIR, *([DROP_DIR] if DROP_DIR is not None and DROP_DIR.is_dir() else []), *mods]
    checked: list[tuple[Path, list]] = []  # each file with its problems
    # Ids must be unique within one list: the shipped and dropped files are one, each
    # mod's own files another (a mod's ids are namespaced MODID/ID) with its own maps.
    lists: list[tuple[list[Path], list[Path]]] = [([], [])]
    for p in given:
        files = lists[0][0]
        if p in mods or (p / MOD_FILE).is_file():  # a mod: its mod.yaml and maps too
            checked.append((p / MOD_FILE, list(read_mod(p).problems)))
            files = []
            lists.append((files, sorted((p / "maps").glob("*.json"))))
        if p.is_dir():
            files += [*scenario_paths(p), *campaign_paths(p / "campaigns")]
            checked += ignored(p)
        else:
            files.append(p)
    for files, maps in lists:
        checked += check_many(files, maps)
    for path, problems in checked:
        print("\n".join(map(str, problems)) if problems else f"{path}: OK")
    return 1 if any(problems for _, problems in checked) else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from game.scenario.format import SCHEMAS, json_schema

    print(json.dumps(json_schema(*SCHEMAS[args.kind]), indent=2))
    return 0


def cmd_balance(args: argparse.Namespace) -> int:
    from game.balance import balanced_scenarios, measure_all

    names = [args.scenario] if args.scenario else [str(p) for p in balanced_scenarios()]
    batches = [_batch(args, name) for name in names]
    print(f"Balance over {args.games} seeds from {args.seed}, every playable seat "
          f"(docs/balance.md)\n")
    text, ok = measure_all(batches, progress=True)
    print(text)
    return 0 if ok else 1


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
    if args.campaign is not None:
        if args.scenario or args.load or args.seat:
            raise UsageError("play: --campaign goes alone (with --seed at most): a campaign "
                             "chooses its scenarios and seats itself")
        from game.campaign import find_campaign

        find_campaign(args.campaign)  # a broken or unknown campaign: its errors, no window
    elif args.scenario is not None:
        read_raw(find(args.scenario))  # a campaign file or a broken scenario: no window
    _check_seats(args.seat, args.scenario, args.load)
    from game.ui.app import play

    return play(args.scenario, args.seat, args.seed, args.load, args.campaign)


def _check_seats(seats: list[str], scenario: str | None, load: str | None) -> None:
    """Each --seat names an agency of the scenario and a known kind of player, so that
    a typo is an error rather than a seat silently left to the default."""
    if not seats:
        return
    if scenario is None or load is not None:
        raise UsageError("play: --seat goes with --scenario (a save keeps its own seats)")
    from game.ai.driver import AGENTS

    path = find(scenario)
    ids = [a.id for a in build(read_raw(path), str(path)).world.agencies]
    seen: set[str] = set()
    for item in seats:
        agency, sep, who = item.partition("=")
        kind, _, name = who.partition(":")
        if not sep or not agency or kind not in ("human", "ai"):
            raise UsageError(f"--seat takes AGENCY=human:NAME or AGENCY=ai:PERSONALITY, "
                             f"got {item!r}")
        if agency not in ids:
            raise UsageError(f"--seat {item}: no agency {agency!r} in {scenario} "
                             f"(its agencies: {', '.join(ids)})")
        if agency in seen:
            raise UsageError(f"--seat {item}: {agency} is given a seat twice")
        seen.add(agency)
        if kind == "ai" and name and name not in AGENTS:
            raise UsageError(f"--seat {item}: unknown personality {name!r} "
                             f"(known: {', '.join(AGENTS)})")


def cmd_screenshots(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Failure(f"screenshots: cannot make the folder {folder} "
                      f"({exc.strerror or exc})") from None
    from game.ui.screenshots import take

    for path in take(folder):
        print(path)
    return 0


def batch_options(p: argparse.ArgumentParser, games: int,
                  scenario_required: bool = True) -> None:
    from game.batch import add_options

    add_options(p, games=games, scenario_required=scenario_required, whole=_whole)


def parser() -> argparse.ArgumentParser:
    p = _Parser(description="No Free Lunches")
    p.add_argument("--version", action="version", version=f"%(prog)s {game.__version__}")
    p.add_argument("--data-dir", metavar="DIR",
                   help=f"the folder for saves, settings, debrief exports and mods (default: "
                        f"${DATA_DIR_VARIABLE}, else the per-user folder; see the README)")
    sub = p.add_subparsers(dest="command")

    play = sub.add_parser("play", help="play a game")
    play.add_argument("--scenario", help="start this scenario at once (id, MODID/ID or path)")
    play.add_argument("--seat", action="append", default=[], metavar="AGENCY=human:NAME",
                      help="with --scenario: a human seat, or AGENCY=ai:PERSONALITY; with no "
                           "human seat, Player 1 plays the first playable agency")
    play.add_argument("--campaign", metavar="ID",
                      help="begin this campaign at its first chapter (id or path)")
    play.add_argument("--seed", type=_whole(0), default=None,
                      help="the game's (or campaign's) seed; default a fresh one")
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
    batch_options(sim, games=100)
    sim.add_argument("--json", action="store_true", help="print the JSON summary")
    sim.add_argument("--save", metavar="PATH", help="save the last game played")
    sim.set_defaults(run=cmd_simulate)

    tour = sub.add_parser("tournament", help="policies entered in one seat, on the same seeds")
    batch_options(tour, games=200)
    tour.add_argument("--seat", required=True, metavar="AGENCY", help="the seat they play")
    tour.add_argument("--policies", required=True, metavar="P1,P2,...",
                      help="e.g. reciprocal@hard,free_rider,never_share,my_bot.py:MyBot")
    tour.add_argument("--json", action="store_true", help="print JSON")
    tour.set_defaults(run=cmd_tournament)

    bal = sub.add_parser("balance", help="measure every balance bar; exit 1 if one fails")
    batch_options(bal, games=200, scenario_required=False)
    bal.set_defaults(run=cmd_balance)

    rep = sub.add_parser("replay", help="replay a save's action log from its seed")
    rep.add_argument("save")
    rep.add_argument("--verify", action="store_true",
                     help="exit 1 unless every round's hash matches the save")
    rep.set_defaults(run=cmd_replay)

    bench = sub.add_parser("bench", help="timings as JSON")
    bench.add_argument("--games", type=_whole(1), default=5)
    bench.add_argument("--seed", type=_whole(0), default=1)
    bench.add_argument("--idle-seconds", type=_seconds, default=2.0,
                       help="how long to watch an idle window's CPU use")
    bench.set_defaults(run=cmd_bench)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = parser().parse_args(argv)
        if args.command is None:
            args = parser().parse_args([*argv, "play"])
        if args.data_dir:
            data_dir = Path(args.data_dir).expanduser().resolve()
            if data_dir.exists() and not data_dir.is_dir():
                raise UsageError(f"--data-dir {args.data_dir}: not a folder")
            # Before any module that keeps a folder is imported; workers inherit it too.
            os.environ[DATA_DIR_VARIABLE] = str(data_dir)
        return args.run(args)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except (ScenarioError, Failure) as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl+C, or SIGTERM in a batch: the workers are stopped
        print("Stopped.", file=sys.stderr)
        return 130
