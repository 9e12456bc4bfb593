"""Mods: folders of scenarios (and maps) a player drops into the per-user mods folder.

A mod is a folder with a `mod.yaml` (id, title, version, author, the game
versions it works with), its scenario files in any sub-folder, and optionally
its own maps in `maps/NAME.json`. Its scenarios are known to the game as
`MODID/SCENARIO`, so they never collide with shipped ones or another mod's. A
mod that cannot be used (a broken mod.yaml, a game version it excludes, an id
another mod already has) is still listed, with the reason, never hidden.

This module also says where a name inside a scenario file is looked up: the
ruleset named by `extends:` and the map named by `map:` are found next to the
file first, then anywhere in the mod or scenario folder it belongs to, then
among the shipped files.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import game
from game.paths import ASSETS_DIR, DROP_DIR, SCENARIO_DIR, mods_dir
from game.scenario.schema import Context, F, ListOf, Record, Str, suggest
from game.scenario.yamlread import MAX_BYTES, Loc, Problem, Y, read

MOD_FILE = "mod.yaml"
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
VERSION_PATTERN = r"^\d+(\.\d+){0,2}$"


class _Version(Str):
    """A dotted version in quotes: YAML reads an unquoted 0.10 as the number 0.1."""

    def check(self, y: Y, path: str, ctx: Context) -> None:
        if isinstance(y.value, int | float) and not isinstance(y.value, bool):
            ctx.error(y, path, f'write the version in quotes, like "{y.value}"')
        else:
            super().check(y, path, ctx)


MOD = Record({
    "id": F(Str(pattern=ID_PATTERN, example="harbour"), True,
            "the mod's id: its scenarios are MODID/SCENARIO"),
    "title": F(Str(), True, "shown in the New game list"),
    "version": F(_Version(pattern=VERSION_PATTERN, example="1.0"), True,
                 "the mod's own version, in quotes"),
    "author": F(Str(), True),
    "game_versions": F(ListOf(_Version(pattern=VERSION_PATTERN, example="0.1"), min_items=1),
                       True, 'game versions it works with: "0.1" is any 0.1.x'),
})


@dataclass(frozen=True)
class Mod:
    """A mod folder as read, with everything that keeps it from being played."""

    folder: Path
    id: str  # the folder's name until mod.yaml says otherwise
    title: str
    version: str
    author: str
    problems: tuple[str, ...]

    @property
    def usable(self) -> bool:
        return not self.problems


def works_with(versions: list[str], game_version: str) -> bool:
    """Whether `game_version` is one of the declared versions or starts with one."""
    have = game_version.split(".")
    return any(have[:len(v.split("."))] == v.split(".") for v in versions)


def read_mod(folder: Path) -> Mod:
    path = folder / MOD_FILE
    if not path.is_file():  # what to write, where "No such file or directory" said nothing
        return Mod(folder, folder.name, folder.name, "", "", (str(Problem(
            Loc(str(path), 1, 1), "", f"every folder in the mods folder is a mod and needs a "
            f"{MOD_FILE} (id, title, version, author, game_versions): see the modder's "
            f"guide, Mods"),),))
    y, problems = read(path)
    ctx = Context(problems=list(problems))
    if y is not None:
        MOD.check(y, "", ctx)
    if ctx.problems or y is None:
        return Mod(folder, folder.name, folder.name, "", "",
                   tuple(str(p) for p in sorted(ctx.problems)))
    data = y.plain()
    reasons = []
    if not works_with(data["game_versions"], game.__version__):
        reasons.append(f"{path}: works with game version "
                       f"{' or '.join(data['game_versions'])}; this game is {game.__version__}")
    return Mod(folder, data["id"], data["title"], data["version"], data["author"],
               tuple(reasons))


def installed_mods() -> list[Mod]:
    """Every folder in the mods folder, in name order; a second mod with an id already
    taken is unusable, so a MODID/SCENARIO id always names one file."""
    root = mods_dir()
    if not root.is_dir():
        return []
    mods: list[Mod] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        mod = read_mod(folder)
        first = next((m for m in mods if m.id == mod.id), None)
        if first is not None:
            mod = Mod(folder, mod.id, mod.title, mod.version, mod.author, (
                *mod.problems, f"{folder / MOD_FILE}: the id {mod.id!r} is already used by "
                               f"{first.folder}"))
        mods.append(mod)
    return mods


def mod_folder(path: Path) -> Path | None:
    """The mod a file belongs to: the nearest folder above it with a mod.yaml."""
    for folder in path.resolve().parents:
        if (folder / MOD_FILE).is_file():
            return folder
    return None


def _root(path: Path) -> Path | None:
    """The folder, searched with its sub-folders, where names in a scenario file are
    looked up: its mod, or the shipped or dropped scenarios it is one of. A file
    anywhere else has none: only its own folder and the shipped files are searched."""
    folder = mod_folder(path)
    if folder is not None:
        return folder
    resolved = path.resolve()
    return next((root for root in (SCENARIO_DIR, DROP_DIR)
                 if root is not None and resolved.is_relative_to(root.resolve())), None)


def _nearest(folder: Path, filename: str) -> Path | None:
    """The file of that name in the folder or, failing that, in its shallowest sub-folder."""
    found = sorted(folder.rglob(filename), key=lambda p: (len(p.parts), p))
    return found[0] if found else None


def ruleset_file(name: str, near: Path) -> Path | None:
    """The file that `extends: NAME` in the file `near` builds on."""
    filename = f"{name}.yaml"
    if (near.parent / filename).is_file():
        return near.parent / filename
    root = _root(near)
    return (root and _nearest(root, filename)) or _nearest(SCENARIO_DIR, filename)


def map_file(name: str, near: Path | None = None) -> Path | None:
    """The map a scenario's `map:` names. `MODID/NAME` is a map of an installed mod (a
    mod's scenario is loaded with its maps named so); a plain name is first looked
    for in the mod of the scenario file `near`, then among the shipped maps."""
    mod_id, _, plain = name.rpartition("/")
    folders = [ASSETS_DIR / "maps"]
    if mod_id:
        folders = [m.folder / "maps" for m in installed_mods() if m.id == mod_id]
    elif near is not None and (folder := mod_folder(near)) is not None:
        folders.insert(0, folder / "maps")
    return next((f / f"{plain}.json" for f in folders if (f / f"{plain}.json").is_file()), None)


def check_map(path: Path, used: Collection[str] | None = None) -> list[Problem]:
    """What is wrong with a map file: {"name": ..., "size": [W, H], "regions": {REGION:
    [[x, y], ...]}}, with at least three points a region, inside the size. Given the
    regions `used` by the scenarios that draw the map, a key that is none of them is a
    polygon never drawn: a misspelt region id, or one left behind."""
    top = Loc(str(path), 1, 1)
    try:
        if path.stat().st_size > MAX_BYTES:
            return [Problem(top, "", f"the file is over the limit of {MAX_BYTES:,} bytes")]
        text = path.read_bytes().decode("utf-8")
        data = json.loads(text)
    except OSError as exc:
        return [Problem(top, "", f"cannot read the file: {exc.strerror}")]
    except UnicodeDecodeError as exc:
        return [Problem(top, "", f"not UTF-8 text (byte {exc.start})")]
    except json.JSONDecodeError as exc:
        return [Problem(Loc(str(path), exc.lineno, exc.colno), "", f"JSON syntax: {exc.msg}")]
    if not isinstance(data, dict):
        return [Problem(top, "", "expected a mapping with size and regions")]
    size = data.get("size")
    if not (isinstance(size, list) and len(size) == 2 and all(_number(v) and v > 0
                                                                for v in size)):
        return [Problem(top, "size", "expected [width, height], two positive numbers")]
    regions = data.get("regions")
    if not isinstance(regions, dict) or not regions:
        return [Problem(top, "regions", "expected a mapping of region ids to polygons")]
    problems = [Problem(_key_loc(path, text, region), f"regions.{region}",
                        f"expected a list of at least three [x, y] points within [0, 0] and "
                        f"{size}")
                for region, points in regions.items()
                if not (isinstance(points, list) and len(points) >= 3 and all(
                    isinstance(p, list) and len(p) == 2 and all(_number(v) for v in p)
                    and 0 <= p[0] <= size[0] and 0 <= p[1] <= size[1] for p in points))]
    problems += [Problem(_key_loc(path, text, region), f"regions.{region}",
                         f"no scenario of the mod that draws this map has a region {region!r}"
                         f"{suggest(region, used)}: its polygon would never be drawn")
                 for region in regions if used is not None and region not in used]
    return sorted(problems)


def drawn_regions(path: Path) -> set[str] | None:
    """The regions a map file draws; None when it cannot be used (check_map says why)."""
    if check_map(path):
        return None
    return set(json.loads(path.read_text(encoding="utf-8"))["regions"])


def _key_loc(path: Path, text: str, region: str) -> Loc:
    """Where a region's key is written, so that a problem with its polygon is reported
    on its line: the first `"REGION":` after `"regions":`. A key written with escapes
    is not found; its problem is then reported at the top of the file."""
    regions = re.search(r'"regions"\s*:', text)
    key = re.compile(rf'"{re.escape(region)}"\s*:').search(text, regions.end() if regions else 0)
    if key is None:
        return Loc(str(path), 1, 1)
    line_start = text.rfind("\n", 0, key.start()) + 1
    return Loc(str(path), text.count("\n", 0, key.start()) + 1, key.start() - line_start + 1)


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
