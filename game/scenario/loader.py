"""YAML scenario files -> the frozen `Scenario` of game.core.spec.

Loading is in two steps so that saves can embed a scenario: `read_raw` turns a
file into plain data (safe loader, `extends:` resolved), and `build` turns
plain data into specs. A save stores the resolved data and calls `build`
again, so a later edit of the mod or of base.yaml cannot change a saved game.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

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

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"


class ScenarioError(Exception):
    """A scenario that cannot be loaded; the message says where and why."""


# --------------------------------------------------------------------------- files
def scenario_paths(directory: Path = SCENARIO_DIR) -> list[Path]:
    """Every playable scenario file (rulesets such as base.yaml are not scenarios)."""
    return sorted(p for p in directory.glob("*.yaml") if p.stem != "base")


def find(name: str, directory: Path = SCENARIO_DIR) -> Path:
    """A scenario by id (the file stem) or by path."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") and path.exists():
        return path
    candidate = directory / f"{name}.yaml"
    if candidate.exists():
        return candidate
    known = ", ".join(p.stem for p in scenario_paths(directory))
    raise ScenarioError(f"{name}: no such scenario (known: {known})")


def read_raw(path: Path) -> dict[str, Any]:
    """Parse a file with the safe loader and resolve `extends:` (default: base)."""
    data = _parse(path)
    parent = data.pop("extends", None if path.stem == "base" else "base")
    if parent is None:
        return data
    base = read_raw(path.parent / f"{parent}.yaml" if (path.parent / f"{parent}.yaml").exists()
                    else SCENARIO_DIR / f"{parent}.yaml")
    return merge(base, data)


def _parse(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise ScenarioError(f"{path}: {exc}") from None
    if not isinstance(data, dict):
        raise ScenarioError(f"{path}: a scenario is a mapping of keys to values")
    return data


def merge(base: dict, over: dict) -> dict:
    """Deep-merge mappings; the overriding file wins, lists are replaced whole."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


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
        counterintel=float(a.get("counterintel", 0.5)),
        ai=AIProfile(ai.get("personality", "reciprocal"), ai.get("difficulty", "normal")),
        playable=bool(a.get("playable", True)),
        programmes=programmes,
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
