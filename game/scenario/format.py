"""The scenario and campaign formats of DESIGN §3, written once as a schema.

`SCENARIO` checks a scenario (after `extends:` is merged) and, through
`json_schema()`, becomes the JSON Schema committed as
`scenarios/scenario.schema.json` for editors. Every key here is documented in
docs/modding.md; a test keeps the two in step.
"""

from __future__ import annotations

from game.scenario.schema import (
    PERSONALITIES,
    THREAT_KINDS,
    Bool,
    Decl,
    Either,
    Enum,
    F,
    Int,
    ListOf,
    MapOf,
    Num,
    OneOfKeys,
    Record,
    Ref,
    Span,
    Str,
)

ACTOR = Either(Ref("agency", "nation"), ListOf(Ref("agency", "nation"), min_items=1),
               lambda v: isinstance(v, str))
NATIONS = Either(Ref("nation"), ListOf(Ref("nation"), min_items=1), lambda v: isinstance(v, str))
DISCIPLINES = ListOf(Ref("discipline"), min_items=1)
KINDS = ListOf(Enum(*THREAT_KINDS), min_items=1)
DELTA = Num(-1000, 1000)

EFFECTS = {
    "trust": Record({"from": F(ACTOR, True), "to": F(ACTOR, True), "delta": F(DELTA, True)}),
    "relation": Record({"a": F(Ref("nation"), True), "b": F(Ref("nation"), True),
                        "delta": F(DELTA, True)}),
    "budget": Record({"agency": F(ACTOR, True), "delta": F(DELTA, True)}),
    "suspend": Record({"from": F(ACTOR, True), "to": F(ACTOR, True),
                       "disciplines": F(DISCIPLINES), "rounds": F(Int(1, 120), True)}),
    "resume": Record({"from": F(ACTOR, True), "to": F(ACTOR, True),
                      "disciplines": F(DISCIPLINES)}),
    "channel": Record({"between": F(ListOf(Ref("nation"), 2, 2), True),
                       "kinds": F(KINDS, True), "open": F(Bool())}),
    "spawn_threat": Record({"template": F(Ref("template"), True), "name": F(Str()),
                            "region": F(Ref("region"))}),
    "plant_mole": Record({"agency": F(ACTOR, True), "hostile": F(Ref("agency"), True)}),
    "expose_mole": Record({"agency": F(ACTOR, True)}),
    "score": Record({"agency": F(ACTOR, True), "delta": F(DELTA, True)}),
    "flag": Either(Str(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", example="huawei_allowed"),
                   Record({"set": F(Str()), "clear": F(Str())}), lambda v: isinstance(v, str)),
    "message": Record({"text": F(Str(), True), "to": F(ACTOR)}),
    "disclose": Record({"nation": F(NATIONS, True)}),
}

TRUST_TEST = Record({"from": F(ACTOR, True), "to": F(ACTOR, True),
                     "value": F(Num(0, 100), True)})
CONDITIONS = {
    "round": Int(1, 1000),
    "from_round": Int(1, 1000),
    "chance": Num(0, 1),
    "trust_below": TRUST_TEST,
    "trust_above": TRUST_TEST,
    "relation_below": Record({"a": F(Ref("nation"), True), "b": F(Ref("nation"), True),
                              "value": F(Num(-100, 100), True)}),
    "flag": Str(),
    "not_flag": Str(),
    "threat_executed": Ref("threat"),
    "threat_foiled": Ref("threat"),
    "has_mole": ACTOR,
    "courts_open": NATIONS,
}

RULES = Record({
    "collection": F(Record({"max_level": F(Int(1, 9)), "rate": F(Num(0, 10)),
                            "quality_sd": F(Num(0, 1)), "quality_min": F(Num(0, 1)),
                            "quality_max": F(Num(0, 1))})),
    "budget": F(Record({"carry_over_rounds": F(Num(0, 12))})),
    "operation": F(Record({k: F(Num(0, 1000)) for k in (
        "cost_per_severity", "min_coverage", "base", "picture_weight", "access_weight",
        "mole_penalty", "p_min", "p_max", "credit_per_severity")} | {
        "retry_delay": F(Int(0, 12))})),
    "value": F(Record({k: F(Num(0, 10)) for k in ("age_decay", "fills_need", "surplus",
                                                  "target_bonus")})),
    "trust": F(Record({k: F(Num(-100, 100)) for k in (
        "drift", "baseline", "per_relation", "balanced_gain", "balanced_ratio", "refuse_loss",
        "breach_loss", "inquiry_loss", "hostile_below", "credit_per_trust")})),
    "third_party": F(Record({"base": F(Num(0, 1)), "open_courts": F(Num(0, 1))})),
    "posting": F(Record({k: F(Num(0, 1000)) for k in ("cost", "upkeep", "trust_per_round",
                                                      "credit_multiplier")})),
    "forum": F(Record({"quality": F(Num(0, 1))})),
    "penetration": F(Record({k: F(Num(0, 1000)) for k in (
        "base_rate", "per_exposure", "humint_scale", "discovery", "sweep_cost", "sweep_bonus",
        "exposure_loss", "hidden_found", "recruit_rate", "fabricate_cost", "contradict",
        "deceit_loss", "court_loss")})),
    "scoring": F(Record({k: F(Num(-1000, 1000)) for k in (
        "foiled_per_severity", "executed_per_severity", "originator_credit")})),
}, doc="Tuning numbers of the rules; base.yaml sets them all, a scenario overrides any.")

AGENCY = Record({
    "id": F(Decl("agency"), True, "short id, e.g. MI6"),
    "nation": F(Ref("nation"), True),
    "name": F(Str(), True),
    "budget": F(Num(0, 100_000), True, "income per month (R5)"),
    "capability": F(MapOf(Ref("discipline"), Num(0, 1)), True, "0-1 per discipline (R3)"),
    "access": F(MapOf(Ref("region"), Num(0, 1)), True, "0-1 per region; unlisted: 0 (R3)"),
    "counterintel": F(Num(0, 1), doc="0-1 (R3, R25); default 0.5"),
    "ai": F(Record({"personality": F(Enum(*PERSONALITIES)),
                    "difficulty": F(Enum("easy", "normal", "hard"))})),
    "playable": F(Bool(), doc="false: always an AI seat; default true"),
    "programmes": F(MapOf(Ref("region"), MapOf(Ref("discipline"), Int(0, 3))),
                    doc="collection levels at the start"),
})

EVENT = Record({
    "id": F(Decl("event"), True),
    "title": F(Str(), True),
    "text": F(Str(), True, "what the players read"),
    "history": F(Str(), True, "what really happened, and when"),
    "when": F(Record({**{k: F(v) for k, v in CONDITIONS.items()
                        if k in ("round", "from_round", "chance")},
                      "if": F(ListOf(OneOfKeys("condition", CONDITIONS)))}), True),
    "decider": F(Ref("agency", "nation"), doc="whose seat chooses"),
    "choices": F(ListOf(Record({"label": F(Str(), True),
                                "effects": F(ListOf(OneOfKeys("effect", EFFECTS)))}),
                        min_items=1)),
    "effects": F(ListOf(OneOfKeys("effect", EFFECTS)), doc="applied at once, no choice"),
    "repeat": F(Bool(), doc="may fire more than once"),
}, exclusive=("choices", "effects", "with choices, each choice lists its own effects"))

SCENARIO = Record({
    "format": F(Int(1, 1), True, "always 1"),
    "id": F(Str(pattern=r"^[a-z][a-z0-9_]*$", example="my_scenario"), True),
    "title": F(Str(), True),
    "summary": F(Str()),
    "start": F(Str(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", example="2020-01"), True,
               "first month, YYYY-MM"),
    "rounds": F(Int(1, 240), True, "months in the game"),
    "extends": F(Str(pattern=r"^[a-z][a-z0-9_]*$", example="base"),
                 doc="the ruleset file this one builds on; default base"),
    "map": F(Str(pattern=r"^[a-z][a-z0-9_]*$", example="world"),
             doc="assets/maps/<map>.json; default world"),
    "disciplines": F(ListOf(Record({"id": F(Decl("discipline"), True),
                                    "name": F(Str(), True),
                                    "cost": F(Num(0, 1000), True)}), min_items=1),
                       doc="default: those of the ruleset it extends"),
    "rules": F(RULES),
    "regions": F(ListOf(Record({"id": F(Decl("region"), True), "name": F(Str(), True)}),
                        min_items=1), True),
    "nations": F(ListOf(Record({
        "id": F(Decl("nation"), True), "name": F(Str(), True),
        "colour": F(Str(pattern=r"^#[0-9a-fA-F]{6}$", example="#1f5fa8")),
        "courts": F(Enum("open", "closed")),
        "relations": F(MapOf(Ref("nation"), Num(-100, 100))),
    }), min_items=1), True),
    "agencies": F(ListOf(AGENCY, min_items=1), True),
    "pacts": F(ListOf(Record({
        "id": F(Decl("pact"), True), "name": F(Str(), True),
        "kind": F(Enum("closed", "forum"), True),
        "members": F(ListOf(Ref("agency"), min_items=2), True),
        "trust_floor": F(Num(0, 100)),
        "auto_share": F(ListOf(Ref("discipline")), doc="closed pacts"),
        "threat_kinds": F(KINDS, doc="forums"),
    }))),
    "channels": F(ListOf(Record({"between": F(ListOf(Ref("nation"), 2, 2), True),
                                 "kinds": F(KINDS, True)}))),
    "trust": F(ListOf(Record({"from": F(Ref("agency"), True), "to": F(Ref("agency"), True),
                              "value": F(Num(0, 100), True)}))),
    "threat_templates": F(ListOf(Record({
        "id": F(Decl("template"), True),
        "kind": F(Enum(*THREAT_KINDS), True),
        "name": F(Str(), True, "may contain {region}"),
        "regions": F(ListOf(Ref("region"), min_items=1), True),
        "targets": F(ListOf(Ref("nation"), min_items=1), True),
        "severity": F(Span(1, 5), True),
        "deadline": F(Span(1, 60), True),
        "needs": F(MapOf(Ref("discipline"), Int(1, 20), min_items=1), True),
        "chance": F(Num(0, 1), doc="per month; 0 for scheduled use only"),
    }))),
    "threats": F(ListOf(Record({
        "id": F(Decl("threat"), True), "template": F(Ref("template"), True),
        "round": F(Int(1, 1000), True), "name": F(Str()), "region": F(Ref("region")),
    }))),
    "events": F(ListOf(EVENT)),
    "penetration": F(Record({"hostile": F(MapOf(Ref("nation"), ListOf(Ref("agency")))),
                             "base_rate": F(Num(0, 1))})),
    "victory": F(Record({"catastrophe": F(Num(1, 1_000_000), doc="total damage that ends "
                                                                 "the game for all (R31)"),
                         "weights": F(Record({k: F(Num(-100, 100)) for k in (
                             "security", "contribution", "reputation")}))})),
})

# A ruleset (such as base.yaml) is a scenario file without a world: nothing required.
RULESET = Record({k: F(f.type, False, f.doc) for k, f in SCENARIO.fields.items()})

CAMPAIGN = Record({
    "format": F(Int(1, 1), True),
    "id": F(Str(pattern=r"^[a-z][a-z0-9_]*$", example="my_campaign"), True),
    "title": F(Str(), True),
    "player": F(Str(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", example="MI6"), True,
                "the agency the player runs through every chapter"),
    "chapters": F(ListOf(Record({
        "scenario": F(Str(pattern=r"^[a-z][a-z0-9_]*$", example="huawei_2020"), True),
        "carry": F(ListOf(Enum("trust", "budget_bonus"))),
    }), min_items=1), True),
})


def leaves(record: Record, prefix: str = ""):
    """Every scalar key under a record, dotted: what a complete ruleset must set."""
    for name, f in record.fields.items():
        if isinstance(f.type, Record):
            yield from leaves(f.type, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}"


def json_schema(record: Record, title: str) -> dict:
    """The draft-07 JSON Schema of a format. A scenario that extends another scenario
    inherits its world, so it needs only an id of its own; the validator checks the
    merged result, which a schema of one file cannot see."""
    out = {"$schema": "http://json-schema.org/draft-07/schema#", "title": title,
           **record.json()}
    if record is SCENARIO:
        required = out.pop("required")
        out["if"] = {"required": ["extends"],
                     "properties": {"extends": {"not": {"const": "base"}}}}
        out["then"] = {"required": ["id"]}
        out["else"] = {"required": required}
    return out


SCHEMAS = {
    "scenario": (SCENARIO, "No Free Lunches scenario"),
    "ruleset": (RULESET, "No Free Lunches ruleset"),
    "campaign": (CAMPAIGN, "No Free Lunches campaign"),
}
SCHEMA_FILES = {"scenario": "scenario.schema.json", "ruleset": "ruleset.schema.json",
                "campaign": "campaigns/campaign.schema.json"}
