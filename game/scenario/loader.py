"""YAML scenario files -> the frozen `Scenario` of game.core.spec.

Loading is in two steps so that saves can embed a scenario: `read_raw` turns a
file into checked plain data (game/scenario/validate.py: every problem with its
file, line and column; `extends:` resolved), and `build` turns plain data into
specs. A save stores the resolved data and calls `build` again, so a later
edit of the mod or of base.yaml cannot change a saved game.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.core.spec import (
    Agency,
    AIProfile,
    Channel,
    Choice,
    CollectionRules,
    Condition,
    Discipline,
    Effect,
    EventSpec,
    Nation,
    Objective,
    OperationRules,
    Pact,
    PenetrationRules,
    PostingRules,
    Region,
    Ruleset,
    Scenario,
    ScheduledThreat,
    ScoringRules,
    Script,
    ThirdPartyRules,
    ThreatTemplate,
    TrustRules,
    ValueRules,
    Victory,
    World,
)
from game.paths import DROP_DIR, SCENARIO_DIR
from game.scenario.mods import MOD_FILE, Mod, check_map, installed_mods, mod_folder, read_mod
from game.scenario.schema import suggest
from game.scenario.validate import check
from game.scenario.yamlread import Loc, Problem


class ScenarioError(Exception):
    """A scenario that cannot be loaded; the message lists every problem, one a line."""

    def __init__(self, problems: list[Problem] | str):
        self.problems = problems if isinstance(problems, list) else []
        super().__init__("\n".join(map(str, problems)) if isinstance(problems, list)
                         else problems)


# --------------------------------------------------------------------------- files
def scenario_paths(directory: Path = SCENARIO_DIR) -> list[Path]:
    """Every scenario under the folder (examples included): base.yaml, a mod's mod.yaml,
    and the rulesets and campaigns in rules/ and campaigns/ sub-folders aside."""
    found = []
    for path in sorted(directory.rglob("*.yaml")):
        if (path.stem == "base" or path.name == MOD_FILE
                or {"campaigns", "rules"} & set(path.relative_to(directory).parts)):
            continue
        found.append(path)
    return found


def campaign_paths(directory: Path = SCENARIO_DIR / "campaigns") -> list[Path]:
    return sorted(directory.glob("*.yaml"))


@dataclass(frozen=True)
class Listed:
    """One line of the scenario list: a scenario that `find` knows by `id`, or a mod
    that cannot be played (`problems` says why; `path` is then the mod's folder)."""

    id: str
    path: Path
    mod: Mod | None = None
    problems: tuple[str, ...] = ()


def listed() -> list[Listed]:
    """Everything the game offers, in order: the shipped scenarios, those dropped into a
    checkout's scenarios/ folder, then each mod's as MODID/SCENARIO. The first of two
    with the same id is the one played."""
    out = [Listed(p.stem, p) for p in scenario_paths()]
    if DROP_DIR is not None and DROP_DIR.is_dir():
        out += [Listed(p.stem, p) for p in scenario_paths(DROP_DIR)]
    for mod in installed_mods():
        paths = scenario_paths(mod.folder)
        if mod.usable and paths:
            out += [Listed(f"{mod.id}/{p.stem}", p, mod) for p in paths]
        else:
            out.append(Listed(mod.id, mod.folder, mod, mod.problems or (
                f"{mod.folder}: no scenario files in the mod",)))
    return out


def find(name: str) -> Path:
    """A scenario by path, by id (its file name), or a mod's by MODID/SCENARIO."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") and path.exists():
        return path
    entries = listed()
    for entry in entries:
        if entry.id == name and not entry.problems:
            return entry.path
    mod_id = name.split("/")[0]
    for entry in entries:
        if entry.problems and entry.mod is not None and entry.mod.id == mod_id:
            raise ScenarioError(f"{name}: the mod {mod_id!r} cannot be played: "
                                + "; ".join(entry.problems))
    known = [e.id for e in entries if not e.problems]
    raise ScenarioError(f"{name}: no such scenario{suggest(name, known)} "
                        f"(known: {', '.join(known)})")


def _placed(data: dict[str, Any], path: Path) -> tuple[dict[str, Any], list[Problem]]:
    """A mod's scenario names its own map MODID/NAME, so that the board, and a save of
    the game, find the map without knowing which folder the scenario came from; the
    map file is checked here, as the scenario is."""
    folder = mod_folder(path)
    name = data.get("map")
    own_map = None if folder is None or name is None else folder / "maps" / f"{name}.json"
    if own_map is None or not own_map.is_file():
        return data, []
    return {**data, "map": f"{read_mod(folder).id}/{name}"}, check_map(own_map)


def read_raw(path: Path) -> dict[str, Any]:
    """The file checked completely and `extends:` resolved, as plain data; raises
    ScenarioError listing every problem at once."""
    data, problems = check(path)
    if problems or data is None:
        raise ScenarioError(problems)
    if "chapters" in data:
        raise ScenarioError(f"{path} is a campaign, not a scenario: play it with "
                            f"`python main.py play --campaign {data['id']}`, or choose "
                            f"Campaign on the title screen")
    data, problems = _placed(data, path)
    if problems:
        raise ScenarioError(problems)
    return data


def load_or_errors(path: Path) -> tuple[dict[str, Any], Scenario] | list[Problem]:
    """What the scenario list shows: the checked data and its scenario, or everything
    wrong with the file."""
    data, problems = check(path)
    if problems or data is None:
        return problems
    data, problems = _placed(data, path)
    if problems:
        return problems
    try:
        return data, build(data, str(path))
    except ScenarioError as exc:
        return exc.problems or [Problem(Loc(str(path), 1, 1), "", str(exc))]


def load(name: str) -> Scenario:
    path = find(name)
    return build(read_raw(path), str(path))


# --------------------------------------------------------------------------- data -> specs
def build(raw: dict[str, Any], source: str = "<scenario>") -> Scenario:
    """Build the frozen specs; a missing or mistyped key is reported with its path."""
    try:
        return _build(raw)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ScenarioError(f"{source}: {exc}") from None


def _rules(raw: dict) -> Ruleset:
    r = raw["rules"]
    return Ruleset(
        disciplines=tuple(Discipline(d["id"], d["name"], float(d["cost"]))
                          for d in raw["disciplines"]),
        collection=CollectionRules(**r["collection"]),
        carry_over_rounds=float(r["budget"]["carry_over_rounds"]),
        operation=OperationRules(**r["operation"]),
        value=ValueRules(**r["value"]),
        trust=TrustRules(**r["trust"]),
        third_party=ThirdPartyRules(**r["third_party"]),
        posting=PostingRules(**r["posting"]),
        forum_quality=float(r["forum"]["quality"]),
        forum_memory=int(r["forum"]["memory"]),
        scoring=ScoringRules(**r["scoring"]),
        penetration=PenetrationRules(**{
            **r["penetration"],
            **({"base_rate": raw["penetration"]["base_rate"]}
               if "base_rate" in (raw.get("penetration") or {}) else {}),
        }),
    )


def _build(raw: dict) -> Scenario:
    rules = _rules(raw)
    disciplines = rules.discipline_ids
    regions = tuple(Region(r["id"], r["name"]) for r in raw["regions"])
    region_ids = [r.id for r in regions]
    nations = tuple(
        Nation(n["id"], n["name"], n.get("colour", "#808080"), n.get("courts", "closed"),
               tuple((k, float(v)) for k, v in (n.get("relations") or {}).items()))
        for n in raw["nations"]
    )
    agencies = tuple(_agency(a, disciplines, region_ids) for a in raw["agencies"])
    start = str(raw["start"])
    year, month = (int(x) for x in start.split("-"))
    v = raw["victory"]
    world = World(
        id=raw["id"],
        title=raw["title"],
        summary=raw.get("summary", ""),
        start_year=year,
        start_month=month,
        rounds=int(raw["rounds"]),
        rules=rules,
        victory=Victory(float(v["catastrophe"]), **{k: float(x) for k, x in v["weights"].items()}),
        regions=regions,
        nations=nations,
        agencies=agencies,
        pacts=tuple(_pact(p) for p in raw.get("pacts") or ()),
        channels=tuple(Channel(tuple(c["between"]), tuple(c["kinds"]))
                       for c in raw.get("channels") or ()),
        trust=tuple((t["from"], t["to"], float(t["value"])) for t in raw.get("trust") or ()),
        map=raw.get("map", "world"),
        standings_public=raw.get("standings", "public") == "public",
        hostile_services=tuple(
            (nation, tuple(services))
            for nation, services in ((raw.get("penetration") or {}).get("hostile") or {}).items()
        ),
    )
    script = Script(
        templates=tuple(_template(t) for t in raw.get("threat_templates") or ()),
        threats=tuple(ScheduledThreat(t["id"], t["template"], int(t["round"]),
                                      t.get("name", ""), t.get("region", ""))
                      for t in raw.get("threats") or ()),
        events=tuple(_event(e) for e in raw.get("events") or ()),
    )
    return Scenario(world, script)


def _agency(a: dict, disciplines: tuple[str, ...], regions: list[str]) -> Agency:
    capability = a.get("capability") or {}
    access = a.get("access") or {}
    ai = a.get("ai") or {}
    programmes = tuple(
        (region, discipline, int(level))
        for region, levels in (a.get("programmes") or {}).items()
        for discipline, level in levels.items()
    )
    return Agency(
        id=a["id"],
        nation=a["nation"],
        name=a.get("name", a["id"]),
        budget=float(a["budget"]),
        capability=tuple(float(capability.get(d, 0.0)) for d in disciplines),
        access=tuple(float(access.get(r, 0.0)) for r in regions),
        operates=tuple(r in a["operates"] for r in regions) if "operates" in a
        else (True,) * len(regions),
        counterintel=float(a.get("counterintel", 0.5)),
        ai=AIProfile(ai.get("personality", "reciprocal"), ai.get("difficulty", "normal")),
        playable=bool(a.get("playable", True)),
        programmes=programmes,
        objective=(Objective(float(a["objective"]["target"]), a["objective"].get("brief", ""))
                   if a.get("objective") else None),
    )


def _pact(p: dict) -> Pact:
    return Pact(
        id=p["id"], name=p["name"], kind=p["kind"], members=tuple(p["members"]),
        trust_floor=float(p.get("trust_floor", 0.0)),
        auto_share=tuple(p.get("auto_share") or ()),
        threat_kinds=tuple(p.get("threat_kinds") or ()),
    )


def _template(t: dict) -> ThreatTemplate:
    def span(v) -> tuple[int, int]:
        return (int(v[0]), int(v[1])) if isinstance(v, list) else (int(v), int(v))

    return ThreatTemplate(
        id=t["id"], kind=t["kind"], name=t["name"], regions=tuple(t["regions"]),
        targets=tuple(t["targets"]), severity=span(t["severity"]), deadline=span(t["deadline"]),
        needs=tuple((d, int(n)) for d, n in t["needs"].items()), chance=float(t.get("chance", 0.0)),
    )


def _freeze(value):
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _freeze(v)) for k, v in value.items())
    return value


def _effect(item: dict) -> Effect:
    ((kind, args),) = item.items()
    if isinstance(args, dict):
        return Effect(kind, tuple((k, _freeze(v)) for k, v in args.items()))
    return Effect(kind, (("value", _freeze(args)),))


def _event(e: dict) -> EventSpec:
    when = dict(e.get("when") or {})
    conditions = [Condition(k, _freeze(v)) for k, v in when.items() if k != "if"]
    for item in when.get("if") or ():
        ((kind, value),) = item.items()
        conditions.append(Condition(kind, _freeze(value)))
    return EventSpec(
        id=e["id"], title=e["title"], text=e["text"], history=e.get("history", ""),
        when=tuple(conditions), decider=e.get("decider"),
        choices=tuple(Choice(c["label"], tuple(_effect(x) for x in c.get("effects") or ()))
                      for c in e.get("choices") or ()),
        effects=tuple(_effect(x) for x in e.get("effects") or ()),
        repeat=bool(e.get("repeat", False)),
    )
