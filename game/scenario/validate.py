"""Check a scenario or campaign file completely: every problem, with its position.

`check(path)` reads the file, resolves `extends:`, checks the schema, the
cross-references (every id names something declared, with a did-you-mean) and
completeness (a ruleset somewhere sets every rule), and returns the resolved
plain data together with the sorted list of problems. It never raises.
"""

from __future__ import annotations

from pathlib import Path

from game.paths import SCENARIO_DIR
from game.scenario.format import CAMPAIGN, RULES, RULESET, SCENARIO, leaves
from game.scenario.mods import ruleset_file
from game.scenario.schema import Context, suggest
from game.scenario.yamlread import Problem, Y, read

MAX_EXTENDS = 5


def check(path: Path, search: tuple[Path, ...] = ()) -> tuple[dict | None, list[Problem]]:
    y, problems = read(path, _display(path))
    if y is None:
        return None, problems
    if isinstance(y.value, dict) and "chapters" in y.value:
        data, found = _checked(y, CAMPAIGN, problems, complete=False)
        if data is not None:
            found = _campaign_refs(y, path)
        return (None if found else data), found
    ruleset = isinstance(y.value, dict) and not {"regions", "agencies"} & set(y.value)
    before = len(problems)
    merged = _extend(y, path, search, problems, depth=0)
    if merged is None:
        return None, sorted(problems)
    if len(problems) > before:  # no ruleset: checking references and completeness
        ctx = Context(problems=list(problems))  # would only repeat that one problem
        (RULESET if ruleset else SCENARIO).check(merged, "", ctx)
        return None, sorted(set(ctx.problems))
    data, problems = _checked(merged, RULESET if ruleset else SCENARIO, problems,
                              complete=not ruleset)
    return data, problems


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _checked(y: Y, schema, problems: list[Problem], complete: bool):
    ctx = Context(problems=list(problems))
    schema.check(y, "", ctx)
    _cross_references(ctx)
    if complete and isinstance(y.value, dict):
        _completeness(y, ctx)
    found = sorted(set(ctx.problems))
    return (None if found else _strip(y.plain())), found


def _strip(data: dict) -> dict:
    data.pop("extends", None)
    return data


def _extend(y: Y, path: Path, search: tuple[Path, ...], problems: list[Problem],
            depth: int) -> Y | None:
    """Merge the file over the ruleset it extends (base unless it says otherwise)."""
    if not isinstance(y.value, dict):
        return y
    named = y.value.get("extends")
    if named is None and path.stem == "base":
        return y
    parent = named.value if named is not None else "base"
    where = named.loc if named is not None else y.loc
    if not isinstance(parent, str):
        problems.append(Problem(where, "extends", "expected the name of a ruleset file"))
        return y
    if depth >= MAX_EXTENDS:
        problems.append(Problem(where, "extends", f"more than {MAX_EXTENDS} files extend "
                                                  f"each other: is there a loop?"))
        return None
    candidates = [d / f"{parent}.yaml" for d in search]
    found = next((c for c in candidates if c.exists()), None) or ruleset_file(parent, path)
    if found is None:
        known = {p.stem for d in (path.parent, SCENARIO_DIR) for p in d.glob("*.yaml")}
        problems.append(Problem(where, "extends", f"no ruleset file {parent}.yaml"
                                                  f"{suggest(parent, known)}"))
        return y
    base, more = read(found, _display(found))
    problems += more
    if base is None:
        return None
    base = _extend(base, found, search, problems, depth + 1)
    return None if base is None else merge(base, y)


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
    for kinds, ident, loc, path in ctx.refs:
        options: set[str] = set()
        for kind in kinds.split("|"):
            options |= set(ctx.decls.get(kind, {}))
        if ident not in options:
            what = " or ".join(kinds.split("|"))
            ctx.error(loc, path, f"unknown {what} {ident!r}{suggest(ident, options)}")


def _campaign_refs(y: Y, path: Path) -> list[Problem]:
    """Each chapter names a scenario that exists and has the campaign's player in it."""
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
        elif player.value not in {a["id"] for a in data["agencies"]}:
            ids = [a["id"] for a in data["agencies"]]
            problems.append(Problem(player.loc, "player", f"{player.value!r} is not an agency "
                                    f"of {node.value}{suggest(player.value, ids)}"))
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
    rounds = data.get("rounds")
    for i, t in enumerate((data.get("threats") or Y([], y.loc)).value or []):
        r = t.value.get("round") if isinstance(t.value, dict) else None
        if (r is not None and rounds is not None and isinstance(r.value, int)
                and isinstance(rounds.value, int) and r.value > rounds.value):
            ctx.error(r, f"threats[{i}].round", f"round {r.value} is after the last round "
                                                f"({rounds.value})")

