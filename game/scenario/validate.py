"""Check a scenario or campaign file completely: every problem, with its position.

`check(path)` reads the file, resolves `extends:`, checks the schema, the
cross-references (every id names something declared, with a did-you-mean),
completeness (a ruleset somewhere sets every rule) and the things a schema
cannot see (a date after the last round, a map that does not exist or that
lacks a region, a nation pair given two relations, a misspelt flag, a need no
agency can collect), and returns the resolved plain data together with
the sorted list of problems. It never raises. `check_many` checks the files of
one list together, where no two scenarios may share an id.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from game.paths import ASSETS_DIR, SCENARIO_DIR
from game.scenario.format import CAMPAIGN, RULES, RULESET, SCENARIO, leaves, top_limits
from game.scenario.mods import (
    MOD_FILE,
    check_map,
    drawn_regions,
    map_file,
    mod_folder,
    ruleset_file,
)
from game.scenario.schema import Context, suggest
from game.scenario.yamlread import Loc, Problem, Reported, Y, read

MAX_EXTENDS = 5
LIMITS = {**top_limits(SCENARIO), **top_limits(CAMPAIGN)}

# The shipped campaigns: the flags their chapters' outcomes set are set from outside a game.
CAMPAIGNS = SCENARIO_DIR / "campaigns"

# The top-level list that declares each kind of id: where a missing id must be added.
DECLARED_IN = {"region": "regions", "nation": "nations", "agency": "agencies",
               "discipline": "disciplines", "pact": "pacts", "template": "threat_templates",
               "threat": "threats", "event": "events"}


def map_names(source: Path) -> list[str]:
    """The maps a scenario file at `source` may name in `map:`: the shipped ones, and
    those of the mod the file belongs to (the lookup of `mods.map_file`)."""
    folders = [ASSETS_DIR / "maps"]
    if (folder := mod_folder(source)) is not None:
        folders.append(folder / "maps")
    return sorted({p.stem for f in folders for p in f.glob("*.json")})


def check(path: Path, search: tuple[Path, ...] = ()) -> tuple[dict | None, list[Problem]]:
    y, problems = _check(path, search)
    if problems or y is None:
        return None, problems
    data = y.plain()
    data.pop("extends", None)
    return data, problems


def check_many(paths: list[Path],
               maps: Sequence[Path] = ()) -> list[tuple[Path, list[Problem]]]:
    """Check the files of one list (a folder, the game's scenario list). Beyond each file
    on its own, no two scenarios (or two campaigns) may share an id: the id is how a
    scenario is chosen, saved and chained, so one of the two would be unreachable.
    `maps` are the list's own map files (a mod's), checked first: a key of one that is a
    region of none of the list's scenarios that draw it is a polygon never drawn. (A
    shipped map is shared by scenarios with different regions: its keys are not checked.)"""
    out = []
    first: dict[tuple[str, str], Loc] = {}
    used: dict[Path, set[str]] = {m.resolve(): set() for m in maps}
    checked = [(path, *_check(path, ())) for path in paths]
    shipped = [read(p, _display(p), LIMITS)[0] for p in sorted(CAMPAIGNS.glob("*.yaml"))]
    outside = _campaign_flags([y for y in shipped if y is not None] + [
        y for _, y, _ in checked if y is not None and _kind(y) == "campaign"])
    for path, y, problems in checked:
        if y is not None and _kind(y) == "scenario":
            _draws(y, path, used)
            problems = sorted([*problems, *_flags(y, outside)])
        node = _get(y, "id") if y is not None and _kind(y) != "ruleset" else None
        if node is not None and isinstance(node.value, str) and node.loc.file == _display(path):
            key = (_kind(y), node.value)
            if key in first:
                problems = sorted([*problems, Problem(
                    node.loc, "id", f"{key[0]} id {node.value!r} is also the id of "
                                    f"{first[key]}; give each {key[0]} its own id")])
            else:
                first[key] = node.loc
        out.append((path, problems))
    return [(m, check_map(m, used[m.resolve()] or None)) for m in maps] + out


def ignored(folder: Path) -> list[tuple[Path, list[Problem]]]:
    """The `.yml` files under a folder, each with its problem: the game lists only
    `.yaml` files, so a scenario saved as `.yml` would silently be missing."""
    return [(p, [Problem(Loc(_display(p), 1, 1), "", f"only .yaml files are read, so the "
                         f"game would not list this file; rename it {p.stem}.yaml")])
            for p in sorted(folder.rglob("*.yml"))]


def _draws(y: Y, path: Path, used: dict[Path, set[str]]) -> None:
    """Add a scenario's regions to those `used` of the map it names, if that is one of
    them (a scenario that names none is drawn on the shipped world map)."""
    node = _get(y, "map")
    found = map_file(node.value, path) if node is not None and isinstance(node.value, str) \
        else None
    if found is not None and found.resolve() in used:
        ids = (_get(region, "id") for region in _items(y, "regions"))
        used[found.resolve()] |= {i.value for i in ids
                                  if i is not None and isinstance(i.value, str)}


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _kind(y: Y) -> str:
    """What a (merged) file is: a campaign, a scenario (it has a world) or a ruleset."""
    if not isinstance(y.value, dict):
        return "scenario"
    if "chapters" in y.value:
        return "campaign"
    return "scenario" if {"regions", "agencies"} & set(y.value) else "ruleset"


def _check(path: Path, search: tuple[Path, ...]) -> tuple[Y | None, list[Problem]]:
    """The merged file and every problem; the file is None when it cannot be read."""
    own, problems = read(path, _display(path), LIMITS)
    if own is None:
        return None, problems
    if _kind(own) == "campaign":
        y, found = _checked(own, CAMPAIGN, problems, path)
        return y, (found or _campaign_refs(own, path))
    before = len(problems)
    parent, merged = _extend(own, path, search, problems, depth=0)
    if merged is None:
        return None, sorted(problems)
    kind = _kind(merged)
    if len(problems) > before:  # no ruleset: checking references and completeness
        ctx = Context(problems=list(problems))  # would only repeat that one problem
        (SCENARIO if kind == "scenario" else RULESET).check(merged, "", ctx)
        return merged, sorted(set(ctx.problems))
    if parent is not None and _kind(parent) == "scenario" and "id" not in own.value:
        problems.append(Problem(own.value["extends"].loc, "extends",
                                "a scenario that extends another scenario needs an 'id' "
                                "of its own"))
    if kind == "scenario" and (parent is None or _kind(parent) != "scenario"):
        problems += _own_identity(own, merged)
    schema = SCENARIO if kind == "scenario" else RULESET
    merged, found = _checked(merged, schema, problems, path)
    return merged, _blame_overrides(found, own, parent, path, search)


def _own_identity(own: Y, merged: Y) -> list[Problem]:
    """A scenario states its own format, id, title, start and length: what it would
    otherwise inherit from a ruleset is a placeholder (a modder's scenario without a
    title was listed as "Base ruleset", twelve months from January 2020). A key missing
    from the ruleset too is reported by the schema already."""
    return [Problem(own.loc, "", f"missing {key!r}: {field.doc} (a scenario states its "
                                 f"own; the ruleset's is a placeholder)")
            for key, field in SCENARIO.fields.items()
            if field.required and key not in own.value and key in merged.value]


def _checked(y: Y, schema, problems: list[Problem], path: Path) -> tuple[Y, list[Problem]]:
    ctx = Context(problems=list(problems))
    schema.check(y, "", ctx)
    _cross_references(ctx)
    if schema is not CAMPAIGN and isinstance(y.value, dict):
        if schema is SCENARIO:
            _completeness(y, ctx)
        _timeline(y, ctx)
        _relations(y, ctx)
        _objectives(y, ctx)
        _needs(y, ctx)
        _map(y, ctx, path)
    return y, sorted(set(ctx.problems))


def _blame_overrides(problems: list[Problem], own: Y, parent: Y | None, path: Path,
                     search: tuple[Path, ...]) -> list[Problem]:
    """A problem that sits in the file this one extends, but that the extended file does
    not have on its own, was caused by this file's overrides (a region list that drops
    a region the inherited threats use): report it here, at the key to change."""
    name = _display(path)
    if parent is None or all(p.loc.file == name for p in problems):
        return problems
    theirs: set[Problem] = set()
    for file in sorted({p.loc.file for p in problems} - {name}):
        if Path(file).exists():
            theirs |= set(_check(Path(file), search)[1])
    fallback = own.value["extends"].loc if "extends" in own.value else own.loc
    out = []
    for p in problems:
        if p.loc.file == name or p in theirs:
            out.append(p)
            continue
        keys = [k for k in p.cause.split("|") if k in own.keys]
        out.append(Problem(own.keys[keys[0]] if keys else fallback, p.path,
                           f"{p.message} (inherited from {p.loc})"))
    return sorted(set(out))


def _extend(y: Y, path: Path, search: tuple[Path, ...], problems: list[Problem],
            depth: int) -> tuple[Y | None, Y | None]:
    """(the resolved file it extends, the file merged over it): base unless it says
    otherwise; (None, y) for base itself and when the parent cannot be found."""
    if not isinstance(y.value, dict):
        return None, y
    named = y.value.get("extends")
    if named is None and path.stem == "base":
        return None, y
    parent = named.value if named is not None else "base"
    where = named.loc if named is not None else y.loc
    if not isinstance(parent, str):
        problems.append(Problem(where, "extends", "expected the name of a ruleset file"))
        return None, y
    if depth >= MAX_EXTENDS:
        problems.append(Problem(where, "extends", f"more than {MAX_EXTENDS} files extend "
                                                  f"each other: is there a loop?"))
        return None, None
    candidates = [d / f"{parent}.yaml" for d in search]
    found = next((c for c in candidates if c.exists()), None) or ruleset_file(parent, path)
    if found is None:
        known = {p.stem for d in (path.parent, SCENARIO_DIR) for p in d.glob("*.yaml")}
        problems.append(Problem(where, "extends", f"no ruleset file {parent}.yaml"
                                                  f"{suggest(parent, known)}"))
        return None, y
    base, more = read(found, _display(found), LIMITS)
    problems += more
    if base is None:
        return None, None
    _, base = _extend(base, found, search, problems, depth + 1)
    return (None, None) if base is None else (base, merge(base, y))


def merge(base: Y, over: Y) -> Y:
    """Deep-merge located mappings: the overriding file wins, lists are replaced whole,
    and every value keeps the position of the file it came from."""
    if not (isinstance(base.value, dict) and isinstance(over.value, dict)):
        return over
    value = dict(base.value)
    keys = dict(base.keys)
    for k, v in over.value.items():
        value[k] = merge(value[k], v) if k in value else v
        keys[k] = over.keys[k]
    value.pop("extends", None)
    keys.pop("extends", None)
    return Y(value, over.loc, keys)


def _cross_references(ctx: Context) -> None:
    options_of: dict[str, set[str]] = {}
    for kinds, ident, loc, path in ctx.refs:
        if kinds not in options_of:
            options_of[kinds] = set().union(*(ctx.decls.get(k, {}) for k in kinds.split("|")))
        options = options_of[kinds]
        if ident not in options:
            what = " or ".join(kinds.split("|"))
            ctx.error(loc, path, f"unknown {what} {ident!r}{suggest(ident, options)}",
                      cause="|".join(DECLARED_IN[k] for k in kinds.split("|")))


def _campaign_refs(y: Y, path: Path) -> list[Problem]:
    """Each chapter names a scenario that exists, has the campaign's player in it (by
    the chapter's id for it), and has every agency its `ids` map names."""
    from game.scenario.loader import ScenarioError, find
    problems = []
    player = y.value["player"]
    for i, chapter in enumerate(y.value["chapters"].value):
        node = chapter.value["scenario"]
        try:
            scenario = find(node.value)
        except ScenarioError as exc:
            problems.append(Problem(node.loc, f"chapters[{i}].scenario", str(exc)))
            continue
        data, errors = check(scenario)
        if errors:
            problems.append(Problem(node.loc, f"chapters[{i}].scenario",
                                    f"{node.value} has {len(errors)} problem(s); validate it"))
            continue
        ids = [a["id"] for a in data["agencies"]]
        renamed = _get(chapter, "ids")
        names = renamed.value if renamed is not None else {}
        for key, local in names.items():
            if local.value not in ids:
                problems.append(Problem(local.loc, f"chapters[{i}].ids.{key}",
                                        f"{local.value!r} is not an agency of {node.value}"
                                        f"{suggest(local.value, ids)}"))
        local = names.get(player.value)
        seat = local.value if local is not None else player.value
        if local is None and player.value not in ids:
            problems.append(Problem(player.loc, "player", f"{player.value!r} is not an agency "
                                    f"of {node.value}{suggest(player.value, ids)}; name it "
                                    f"in chapters[{i}].ids if it has another id there"))
        elif any(a["id"] == seat and a.get("playable") is False for a in data["agencies"]):
            problems.append(Problem((local or player).loc, f"chapters[{i}]",
                                    f"{seat} is an AI-only agency of {node.value} "
                                    f"(playable: false), so the player cannot run it there"))
    return sorted(problems)


def _completeness(y: Y, ctx: Context) -> None:
    """After merging, a scenario must have every rule, its disciplines and victory."""
    data = y.value
    if "disciplines" not in data:
        ctx.error(y, "", "missing 'disciplines' (and no ruleset it extends sets them)")
    rules = data.get("rules")
    for leaf in leaves(RULES):
        node = rules
        for part in leaf.split("."):
            node = node.value.get(part) if node is not None and isinstance(node.value, dict) \
                else None
        if node is None:
            ctx.error(y, "rules", f"missing rules.{leaf} (and no ruleset it extends sets it)")
    victory = data.get("victory")
    v = victory.value if victory is not None and isinstance(victory.value, dict) else {}
    if "catastrophe" not in v:
        ctx.error(y, "victory", "missing victory.catastrophe")
    weights = v.get("weights")
    w = weights.value if weights is not None and isinstance(weights.value, dict) else {}
    for k in ("security", "contribution", "reputation"):
        if k not in w:
            ctx.error(y, "victory.weights", f"missing victory.weights.{k}")


# --------------------------------------------------------------------------- beyond the schema
def _get(y: Y | None, key: str) -> Y | None:
    return y.value.get(key) if y is not None and isinstance(y.value, dict) else None


def _items(y: Y | None, key: str) -> list[Y]:
    node = _get(y, key)
    return node.value if node is not None and isinstance(node.value, list) else []


def _whole(y: Y | None) -> int | None:
    ok = y is not None and isinstance(y.value, int) and not isinstance(y.value, bool)
    return y.value if ok else None


def _timeline(y: Y, ctx: Context) -> None:
    """A threat or an event dated after the last round would silently never happen."""
    last = _whole(_get(y, "rounds"))
    if last is None:
        return

    def late(node: Y | None, path: str, outcome: str) -> None:
        when = _whole(node)
        if when is not None and when > last:
            ctx.error(node, path, f"round {when} is after the last round ({last}): {outcome}",
                      cause="rounds")

    for i, threat in enumerate(_items(y, "threats")):
        late(_get(threat, "round"), f"threats[{i}].round", "the threat would never appear")
    for i, event in enumerate(_items(y, "events")):
        when = _get(event, "when")
        conditions = [(f"events[{i}].when", when)] + [
            (f"events[{i}].when.if[{j}]", c) for j, c in enumerate(_items(when, "if"))]
        for where, node in conditions:
            for key in ("round", "from_round"):
                late(_get(node, key), f"{where}.{key}", "the event would never fire")


def _relations(y: Y, ctx: Context) -> None:
    """Relations are mutual: a pair written twice with two values has no one meaning."""
    seen: dict[frozenset[str], Y] = {}
    for i, nation in enumerate(_items(y, "nations")):
        me, relations = _get(nation, "id"), _get(nation, "relations")
        if me is None or not isinstance(me.value, str) or relations is None \
                or not isinstance(relations.value, dict):
            continue
        for other, value in relations.value.items():
            path = f"nations[{i}].relations.{other}"
            if other == me.value:
                ctx.error(relations.keys[other], path, f"{other} is given a relation with "
                                                       f"itself")
                continue
            if isinstance(value.value, bool) or not isinstance(value.value, int | float):
                continue
            pair = frozenset((me.value, other))
            first = seen.setdefault(pair, value)
            if first is not value and first.value != value.value:
                ctx.error(value, path, f"{me.value}–{other} is {value.value:g} here but "
                                       f"{first.value:g} at line {first.loc.line}; relations "
                                       f"are mutual: write each pair once")


def _objectives(y: Y, ctx: Context) -> None:
    """R31: once one playable agency has an objective, every playable one needs one: a
    seat without a target would be measured against a number nobody chose."""
    playable = [(i, a) for i, a in enumerate(_items(y, "agencies"))
                if isinstance(a.value, dict) and getattr(_get(a, "playable"), "value", True)
                is not False]
    having = [a for _, a in playable if _get(a, "objective") is not None]
    if not having:
        return
    for i, a in playable:
        if _get(a, "objective") is None:
            ctx.error(a, f"agencies[{i}]", f"{_name(a)} has no objective, but "
                      f"{_name(having[0])} has one: give every playable agency an "
                      f"objective, or none")


def _flags(y: Y, outside: set[str]) -> list[Problem]:
    """A flag that a condition reads (or an effect clears) but no effect sets, and that
    is a near miss of one that is set, is misspelt: the condition would never hold (or
    always, for not_flag). A flag nothing sets and nothing resembles is left alone, and
    so is one a campaign's outcome sets (`outside`): only `validate`, which sees the
    campaigns, asks this, so that a chapter never fails to load over it."""
    ctx = Context()
    set_here: set[str] = set()
    read: list[tuple[str, Y]] = []
    for i, event in enumerate(_items(y, "events")):
        effects = [(f"events[{i}].effects[{k}]", e) for k, e in enumerate(_items(event, "effects"))]
        effects += [(f"events[{i}].choices[{c}].effects[{k}]", e)
                    for c, choice in enumerate(_items(event, "choices"))
                    for k, e in enumerate(_items(choice, "effects"))]
        for where, effect in effects:
            flag = _get(effect, "flag")
            named = _get(flag, "set") if flag is not None and isinstance(flag.value, dict) \
                else flag
            if named is not None and isinstance(named.value, str):
                set_here.add(named.value)
            cleared = _get(flag, "clear")
            if cleared is not None and isinstance(cleared.value, str):
                read.append((f"{where}.flag.clear", cleared))
        for j, condition in enumerate(_items(_get(event, "when"), "if")):
            for key in ("flag", "not_flag"):
                node = _get(condition, key)
                if node is not None and isinstance(node.value, str):
                    read.append((f"events[{i}].when.if[{j}].{key}", node))
    for where, node in read:
        hint = suggest(node.value, set_here)
        if node.value not in set_here | outside and hint:
            ctx.error(node, where, f"flag {node.value!r} is never set in this scenario{hint}; "
                                   f"only a campaign could set it")
    return ctx.problems


def _campaign_flags(campaigns: list[Y]) -> set[str]:
    """Every flag a campaign's chapter outcomes set (R28's flags, from outside a game)."""
    out: set[str] = set()
    for campaign in campaigns:
        for chapter in _items(campaign, "chapters"):
            outcome = _get(chapter, "on_outcome")
            for key in ("won", "lost", "catastrophe"):
                out |= {f.value for f in _items(outcome, key) if isinstance(f.value, str)}
    return out


def _needs(y: Y, ctx: Context) -> None:
    """R11: an operation needs a report in every discipline its threat needs, and only an
    agency with some capability in a discipline collects reports in it (R7): a need no
    agency can collect makes every threat of the template impossible to foil."""
    able: set[str] = set()
    for agency in _items(y, "agencies"):
        capability = _get(agency, "capability")
        if capability is None or not isinstance(capability.value, dict):
            return  # reported already (a misspelt key): no second error from the first
        able |= {d for d, v in capability.value.items() if _number(v) and v.value > 0}
    known = ctx.decls.get("discipline", {})
    for i, template in enumerate(_items(y, "threat_templates")):
        needs = _get(template, "needs")
        for d in needs.value if needs is not None and isinstance(needs.value, dict) else ():
            if d in known and d not in able:
                ctx.error(needs.keys[d], f"threat_templates[{i}].needs.{d}",
                          f"no agency has any {d} capability, so nobody can collect it and "
                          f"no threat of this template can be foiled (an operation needs a "
                          f"report in every needed discipline, R11); give an agency {d} "
                          f"capability, or drop the need", cause="agencies")


def _number(y: Y) -> bool:
    return isinstance(y.value, int | float) and not isinstance(y.value, bool)


def _name(agency: Y) -> str:
    node = _get(agency, "id")
    return str(node.value) if node is not None else "this agency"


def _map(y: Y, ctx: Context, path: Path) -> None:
    node = _get(y, "map")
    if node is None or not isinstance(node.value, str) or isinstance(node.value, Reported) \
            or any(p.loc == node.loc for p in ctx.problems):
        return
    known = map_names(path)
    if node.value not in known:
        # A mod's maps are found through its mod.yaml: a modder who had not written one
        # yet was told only that the map beside the scenario did not exist.
        beside = [f for f in path.resolve().parents[:2]  # its folder, or the one above
                  if (f / "maps" / f"{node.value}.json").is_file()][:1] \
            if mod_folder(path) is None else []
        why = (f" ({beside[0] / 'maps' / node.value}.json is there, but a mod's maps are "
               f"found only in a folder with a {MOD_FILE})" if beside else "")
        ctx.error(node, "map", f"no map {node.value!r}{suggest(node.value, known)}; the maps "
                               f"are {', '.join(known)}{why}", cause="map")
        return
    # A shipped map is shared by scenarios with other regions: it draws a box for a
    # region it lacks. A broken map is reported with the maps of its mod.
    found = map_file(node.value, path)
    own = found is not None and found.parent != ASSETS_DIR / "maps"
    drawn = drawn_regions(found) if own else None
    if drawn is None:
        return
    regions = [(i, _get(r, "id")) for i, r in enumerate(_items(y, "regions"))]
    spare = drawn - {r.value for _, r in regions if r is not None}
    for i, region in regions:
        if region is not None and isinstance(region.value, str) and region.value not in drawn:
            ctx.error(region, f"regions[{i}].id", f"maps/{node.value}.json has no polygon "
                      f"{region.value!r}{suggest(region.value, spare)}: the region would be "
                      f"drawn as a box below the map", cause="map|regions")
