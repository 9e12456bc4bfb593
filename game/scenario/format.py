"""The scenario and campaign formats of DESIGN §3, written once as a schema.

`SCENARIO` checks a scenario (after `extends:` is merged) and, through
`json_schema()`, becomes the JSON Schema committed as
`game/content/scenarios/scenario.schema.json` for editors. Every key's description
is written here once: the schemas carry it as hover help and game/scenario/guide.py
writes it into the tables of game/content/docs/modding.md.
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

# The most of each thing a file may hold, so that checking and simulating stay quick
# (a 10,000-agency file is refused at once instead of validating for half a minute).
# They admit the largest designs measured: 48 agencies and 32 regions.
MAX_REGIONS = 64
MAX_NATIONS = 64
MAX_AGENCIES = 64
MAX_DISCIPLINES = 12
MAX_PACTS = 32
MAX_CHANNELS = 256
MAX_TRUST = 4096
MAX_TEMPLATES = 64
MAX_THREATS = 256
MAX_EVENTS = 256
MAX_ROUNDS = 240
MAX_CHOICES = 8
MAX_EFFECTS = 32
MAX_CONDITIONS = 16
MAX_CHAPTERS = 32

ACTORS = ListOf(Ref("agency", "nation"), min_items=1, max_items=MAX_AGENCIES + MAX_NATIONS)
ACTOR = Either(Ref("agency", "nation"), ACTORS, lambda v: isinstance(v, str))
NATIONS = Either(Ref("nation"), ListOf(Ref("nation"), min_items=1, max_items=MAX_NATIONS),
                 lambda v: isinstance(v, str))
DISCIPLINES = ListOf(Ref("discipline"), min_items=1, max_items=MAX_DISCIPLINES)
KINDS = ListOf(Enum(*THREAT_KINDS), min_items=1, max_items=len(THREAT_KINDS))
DELTA = Num(-1000, 1000)

EFFECTS = {
    "trust": F(Record({
        "from": F(ACTOR, True, "whose trust changes: an agency, a nation (all its agencies) "
                               "or a list"),
        "to": F(ACTOR, True, "in whom: an agency, a nation or a list"),
        "delta": F(DELTA, True, "points added (negative: lost); trust stays within 0-100")}),
        doc="change trust between agencies", example="{trust: {from: NSA, to: UK, delta: -15}}"),
    "relation": F(Record({
        "a": F(Ref("nation"), True, "one nation"), "b": F(Ref("nation"), True, "the other"),
        "delta": F(DELTA, True, "points added to their relation (-100 to 100)")}),
        doc="change the relation between two nations",
        example="{relation: {a: UK, b: CN, delta: -20}}"),
    "budget": F(Record({
        "agency": F(ACTOR, True, "whose budget: an agency, a nation or a list"),
        "delta": F(DELTA, True, "added to the budget now; it never goes below 0")}),
        doc="add to or take from a budget", example="{budget: {agency: GCHQ, delta: -30}}"),
    "suspend": F(Record({
        "from": F(ACTOR, True, "who stops sharing"), "to": F(ACTOR, True, "with whom"),
        "disciplines": F(DISCIPLINES, doc="which disciplines; default all"),
        "rounds": F(Int(1, 120), True, "for how many months")}),
        doc="stop sharing for some months",
        example="{suspend: {from: NSA, to: GCHQ, disciplines: [SIGINT], rounds: 3}}"),
    "resume": F(Record({
        "from": F(ACTOR, True, "who shares again"), "to": F(ACTOR, True, "with whom"),
        "disciplines": F(DISCIPLINES, doc="which disciplines; default all")}),
        doc="end a suspension early", example="{resume: {from: NSA, to: GCHQ}}"),
    "channel": F(Record({
        "between": F(ListOf(Ref("nation"), 2, 2), True, "the two nations"),
        "kinds": F(KINDS, True, "the threat kinds it carries"),
        "open": F(Bool(), doc="false closes it; default true")}),
        doc="open or close a channel between two nations (R23)",
        example="{channel: {between: [US, RU], kinds: [cyber], open: false}}"),
    "spawn_threat": F(Record({
        "template": F(Ref("template"), True, "the threat template"),
        "name": F(Str(), doc="its name; default the template's"),
        "region": F(Ref("region"), doc="where; default drawn from the template's regions")}),
        doc="start a threat now", example="{spawn_threat: {template: cell, name: The cell}}"),
    "plant_mole": F(Record({
        "agency": F(ACTOR, True, "the penetrated agency"),
        "hostile": F(Ref("agency"), True, "the service that runs the mole")}),
        doc="plant a mole (R25)", example="{plant_mole: {agency: SIS, hostile: KGB}}"),
    "expose_mole": F(Record({"agency": F(ACTOR, True, "whose moles are found")}),
                     doc="expose the moles in an agency", example="{expose_mole: {agency: SIS}}"),
    "score": F(Record({
        "agency": F(ACTOR, True, "whose score"),
        "delta": F(DELTA, True, "points added (negative: taken)")}),
        doc="add to or take from a score", example="{score: {agency: [SIS, CIA], delta: -15}}"),
    "flag": F(Either(Str(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", example="huawei_allowed"),
                     Record({"set": F(Str(), doc="a flag to set"),
                             "clear": F(Str(), doc="a flag to clear")}),
                     lambda v: isinstance(v, str)),
              doc="set a flag by name, or {set: name} / {clear: name}; conditions read flags",
              example="{flag: huawei_allowed}"),
    "message": F(Record({
        "text": F(Str(), True, "what the players read"),
        "to": F(ACTOR, doc="who reads it; default everyone")}),
        doc="a message in players' inboxes", example="{message: {to: NCG, text: Noted.}}"),
    "transactional": F(Record({
        "from": F(ACTOR, True, "who deals on strict terms"), "to": F(ACTOR, True, "with whom"),
        "rounds": F(Int(1, 120), doc="for how many months; default 6"),
        "credit": F(Num(0, 1), doc="share of its credit line it still extends (R18); "
                                   "default 0"),
        "trust": F(Num(0, 1), doc="share of the trust a trade would earn that it still "
                                  "gains (R19); default 0.5")}),
        doc="a relationship turns transactional: for some months the lender extends less "
            "credit and gains trust more slowly (R28)",
        example="{transactional: {from: [NSA, CIA], to: [GCHQ, MI6, MI5], rounds: 6}}"),
    "disclose": F(Record({
        "nation": F(NATIONS, True, "one nation or a list"),
        "months": F(Int(1, 120), doc="how long the partner then holds back; default 4"),
        "imminent": F(Int(0, 12), doc="it still shares on threats against the nation due "
                                      "within this many months; default 1")}),
        doc="in open-courts nations, a court releases the newest report each agency "
            "received from a foreign partner; its originator loses trust, and for some "
            "months shares with that nation's agencies only on imminent threats against it; "
            "caveated reports are exempt (R28)", example="{disclose: {nation: UK}}"),
}

TRUST_TEST = Record({"from": F(ACTOR, True, "whose trust"), "to": F(ACTOR, True, "in whom"),
                     "value": F(Num(0, 100), True, "the threshold, 0-100")})
CONDITIONS = {
    "round": F(Int(1, 1000), doc="it is this month", example="{round: 4}"),
    "from_round": F(Int(1, 1000), doc="it is this month or later", example="{from_round: 3}"),
    "chance": F(Num(0, 1), doc="drawn each month, 0-1; drawn last",
                example="{chance: 0.1}"),
    "trust_below": F(TRUST_TEST, doc="every from-to pair's trust is below value",
                     example="{trust_below: {from: CIA, to: SIS, value: 40}}"),
    "trust_above": F(TRUST_TEST, doc="every from-to pair's trust is above value",
                     example="{trust_above: {from: MI5, to: MI6, value: 80}}"),
    "relation_below": F(Record({"a": F(Ref("nation"), True, "one nation"),
                                "b": F(Ref("nation"), True, "the other"),
                                "value": F(Num(-100, 100), True, "the threshold")}),
                        doc="the two nations' relation is below value",
                        example="{relation_below: {a: US, b: RU, value: -50}}"),
    "flag": F(Str(), doc="this flag is set", example="{flag: huawei_allowed}"),
    "not_flag": F(Str(), doc="this flag is not set", example="{not_flag: channel_open}"),
    "threat_executed": F(Ref("threat"), doc="this scheduled threat was executed",
                         example="{threat_executed: madrid_2004}"),
    "threat_foiled": F(Ref("threat"), doc="this scheduled threat was foiled",
                       example="{threat_foiled: madrid_2004}"),
    "has_mole": F(ACTOR, doc="some agency of the selector has a mole",
                  example="{has_mole: SIS}"),
    "courts_open": F(NATIONS, doc="one of these nations has open courts",
                     example="{courts_open: UK}"),
}


def _rules(section: str, fields: dict[str, tuple[object, str]]) -> F:
    return F(Record({k: F(t, doc=d) for k, (t, d) in fields.items()}), doc=section)


RULES = Record({
    "collection": _rules("collection (R6, R7)", {
        "max_level": (Int(1, 9), "highest programme level (R6)"),
        "rate": (Num(0, 10), "Poisson mean of reports per level x capability x access (R7)"),
        "quality_sd": (Num(0, 1), "spread of report quality around capability"),
        "quality_min": (Num(0, 1), "lowest report quality"),
        "quality_max": (Num(0, 1), "highest report quality"),
        "tasking": (Int(0, 9), "programme level at which a partner that accepted an honest "
                               "ask and answered it short collects for the asker at the "
                               "next dawn (R15); 0: never")}),
    "budget": _rules("budgets (R5)", {
        "carry_over_rounds": (Num(0, 12), "unspent budget kept, in months of income (R5)")}),
    "operation": _rules("operations (R11, R12)", {
        "cost_per_severity": (Num(0, 1000), "operation cost per point of severity (R11)"),
        "min_coverage": (Num(0, 1000), "coverage needed to operate (R11)"),
        "base": (Num(0, 1000), "success chance before the picture (R11)"),
        "picture_weight": (Num(0, 1000), "weight of coverage x quality"),
        "access_weight": (Num(0, 1000), "weight of access to the region"),
        "mole_penalty": (Num(0, 1000), "chance lost when a mole read the threat's file (R25)"),
        "p_min": (Num(0, 1000), "lowest success chance"),
        "p_max": (Num(0, 1000), "highest success chance"),
        "credit_per_severity": (Num(0, 1000), "score credit for a foiled threat, split among "
                                              "those who made it possible (R30)"),
        "retry_delay": (Int(0, 12), "months barred after a failure")}),
    "value": _rules("the value of a report (R17)", {
        "age_decay": (Num(0, 10), "value kept per month of age (R17)"),
        "fills_need": (Num(0, 10), "factor for a report that fills a gap"),
        "surplus": (Num(0, 10), "factor for one that does not"),
        "target_bonus": (Num(0, 10), "factor when the threat targets the recipient")}),
    "trust": _rules("trust (R2, R13, R18-R20)", {
        "drift": (Num(-100, 100), "share of the gap to baseline closed each month (R19)"),
        "baseline": (Num(-100, 100), "baseline trust at relation 0"),
        "per_relation": (Num(-100, 100), "baseline change per point of relation"),
        "balanced_gain": (Num(-100, 100), "trust gained in a balanced exchange"),
        "balanced_ratio": (Num(-100, 100), "an exchange is balanced when min/max value "
                                           "reaches this"),
        "refuse_loss": (Num(-100, 100), "trust lost by refusing an admissible request"),
        "breach_loss": (Num(-100, 100), "trust lost when a breach is found (R20)"),
        "inquiry_loss": (Num(-100, 100), "trust lost at a failure-to-share inquiry (R13)"),
        "hostile_below": (Num(-100, 100), "relation below which nations are hostile (R2)"),
        "credit_per_trust": (Num(-100, 100), "credit line per point of trust (R18): trust 80 "
                                             "x 0.0025 is 0.2, a fifth of a report")}),
    "third_party": _rules("breaches found by third parties (R20)", {
        "base": (Num(0, 1), "chance per month a breach is found (R20)"),
        "open_courts": (Num(0, 1), "extra chance when the recipient's courts are open"),
        "penetrated": (Num(0, 1), "extra chance while a mole works in the recipient, whose "
                                  "service reads what it holds (R20, R25)"),
        "caveats": (Bool(), "false: no report may be marked information only (R21), as "
                            "`--without caveats` measures; default true")}),
    "posting": _rules("liaison officers (R24)", {
        "cost": (Num(0, 1000), "cost to post an officer (R24)"),
        "upkeep": (Num(0, 1000), "upkeep per month"),
        "trust_per_round": (Num(0, 1000), "host's trust gained per month"),
        "credit_multiplier": (Num(0, 1000), "credit line multiplier")}),
    "forum": _rules("forums (R22)", {
        "quality": (Num(0, 1), "quality share kept by forum summaries (R22)"),
        "memory": (Int(0, 60), "a member receives and sends summaries only if it passed a "
                               "report of its own on the forum's kinds to a fellow member "
                               "within this many months (R22); 0: always")}),
    "penetration": _rules("moles and deception (R25-R28)", {
        "base_rate": (Num(0, 1000), "mole hazard before the factors (R25)"),
        "per_exposure": (Num(0, 1000), "hazard factor per posting and pact"),
        "humint_scale": (Num(0, 1000), "hostile HUMINT spending that doubles the hazard"),
        "discovery": (Num(0, 1000), "chance per month a mole is found"),
        "sweep_cost": (Num(0, 1000), "cost of a sweep"),
        "sweep_bonus": (Num(0, 1000), "a sweep adds counter-intelligence x this"),
        "exposure_loss": (Num(0, 1000), "partner trust lost when its leaked reports come out"),
        "hidden_found": (Num(0, 1000), "chance per month partners learn of a mole run back"),
        "recruit_rate": (Num(0, 1000), "chance per month a posted officer is turned (R26)"),
        "fabricate_cost": (Num(0, 1000), "cost of fabricating a false report (R27)"),
        "contradict": (Num(0, 1000), "chance per dawn another discipline shows a false "
                                     "report up"),
        "deceit_loss": (Num(0, 1000), "trust lost in the originator of a false report"),
        "court_loss": (Num(0, 1000), "trust lost when a court discloses a report (R28)")}),
    "scoring": _rules("scores (R29, R30)", {
        "foiled_per_severity": (Num(-1000, 1000), "a target nation's security per point of "
                                                  "severity of a foiled threat (R29)"),
        "executed_per_severity": (Num(-1000, 1000), "security per point of an executed one"),
        "originator_share": (Num(0, 1), "share of a foiled threat's credit paid by the reports "
                                        "each agency originated in the picture; the rest by "
                                        "the cost each paid (R30)"),
        "withheld_per_severity": (Num(0, 1000), "score lost per point of severity when a "
                                                "threat strikes while the agency kept back the "
                                                "reports it collected on it and ran no "
                                                "operation, by the share of the picture kept "
                                                "(R30)"),
        "late_weight": (Num(0, 10), "credit and blame grow by this share from the first month "
                                    "to the last, so trailing agencies can catch up (R30)")}),
}, doc="Tuning numbers of the rules; base.yaml sets them all, a scenario overrides any.")

AGENCY = Record({
    "id": F(Decl("agency"), True, "short id, e.g. MI6"),
    "nation": F(Ref("nation"), True, "the nation it serves"),
    "name": F(Str(), True, "full name, shown in the game"),
    "budget": F(Num(0, 100_000), True, "income per month (R5)"),
    "capability": F(MapOf(Ref("discipline"), Num(0, 1), max_items=MAX_DISCIPLINES), True,
                    "0-1 per discipline; unlisted: 0 (R3)"),
    "access": F(MapOf(Ref("region"), Num(0, 1), max_items=MAX_REGIONS), True,
                "0-1 per region; unlisted: 0 (R3)"),
    "counterintel": F(Num(0, 1), doc="0-1 (R3, R25); default 0.5"),
    "ai": F(Record({"personality": F(Enum(*PERSONALITIES), doc="how it shares when an AI "
                                                               "plays it; default reciprocal"),
                    "difficulty": F(Enum("easy", "normal", "hard"),
                                    doc="how well the AI plays it; default normal")}),
            doc="how the computer plays this agency"),
    "playable": F(Bool(), doc="false: always an AI seat; default true"),
    "programmes": F(MapOf(Ref("region"), MapOf(Ref("discipline"), Int(0, 3),
                                               max_items=MAX_DISCIPLINES),
                          max_items=MAX_REGIONS),
                    doc="collection levels at the start, per region and discipline"),
    "operates": F(ListOf(Ref("region"), max_items=MAX_REGIONS),
                  doc="R11: the regions where it may run an operation (its jurisdiction: a "
                      "home service at home, a foreign service abroad); elsewhere it acts "
                      "only jointly: it invites a service that may to a joint operation, "
                      "or joins one; [] for a service that runs none of its own; default: "
                      "everywhere"),
    "objective": F(Record({
        "target": F(Num(1, 1_000_000), True, "the score its nation's team is expected to "
                                             "reach; agencies of one nation share the mean "
                                             "of theirs"),
        "brief": F(Str(), doc="what this service is there to do, shown to its player")}),
        doc="R31: the win goes to the team with the largest share of its target; give "
            "every playable agency one, or none (each is then measured against 100)"),
})

EVENT = Record({
    "id": F(Decl("event"), True, "unique among the events"),
    "title": F(Str(), True, "the headline players see"),
    "text": F(Str(), True, "what the players read"),
    "history": F(Str(), True, "what really happened, and when; shown in the debrief, and "
                                "in Help once the event has fired"),
    "when": F(Record({**{k: v for k, v in CONDITIONS.items()
                        if k in ("round", "from_round", "chance")},
                      "if": F(ListOf(OneOfKeys("condition", CONDITIONS),
                                     max_items=MAX_CONDITIONS),
                              doc="further conditions, all of which must hold")}), True,
              "when it fires: all of round, from_round, chance and if must hold"),
    "decider": F(Ref("agency", "nation"), doc="whose seat chooses: an agency, or a nation "
                                              "(its first agency)"),
    "choices": F(ListOf(Record({"label": F(Str(), True, "the button's text"),
                                "effects": F(ListOf(OneOfKeys("effect", EFFECTS),
                                                    max_items=MAX_EFFECTS),
                                             doc="what this choice does")}),
                        min_items=1, max_items=MAX_CHOICES),
                 doc="the decider picks one; its effects apply at that month's dusk"),
    "effects": F(ListOf(OneOfKeys("effect", EFFECTS), max_items=MAX_EFFECTS),
                 doc="applied at once, with no choice (not with choices)"),
    "repeat": F(Bool(), doc="true: may fire more than once; default false"),
}, exclusive=("choices", "effects", "with choices, each choice lists its own effects"))

# A tutorial's vocabulary: the widgets a step may point at, and what ends a step. The
# ids are stable: the board and its dialogs answer to them (game/ui/tutorial.py).
WIDGETS = {
    "button.collect": "the Collection… button, bottom left",
    "button.exchange": "the Exchange… button",
    "button.end": "the End turn button (Enter)",
    "button.help": "the Help button (F1)",
    "tab.inbox": "the Inbox tab", "tab.threats": "the Threats tab",
    "tab.liaison": "the Liaison tab", "tab.reports": "the Reports tab",
    "top.month": "the month, top left", "top.budget": "the budget, top bar",
    "top.score": "the score and target, top bar", "top.damage": "the damage and the "
                                                               "catastrophe line, top bar",
    "map": "the map, where plots show as markers",
    "panel": "the tab's text, right",
    "collection.grid": "the collection dialog's levels",
    "exchange.partner": "the exchange composer's partner menu",
    "exchange.topic": "the exchange composer's Ask menu",
    "exchange.offer": "the exchange composer's offer list",
    "exchange.send": "the exchange composer's Send button",
    "operation.launch": "the operation dialog's Launch button",
}
STEP_ACTIONS = ("set_programme", "propose_exchange", "answer", "launch_operation",
                "propose_joint_operation", "post_officer", "sweep", "choose", "end_turn")
STEP_UNTIL = {
    "next": F(Bool(), doc="the player presses Next (a step to read)", example="{next: true}"),
    "tab": F(Enum("Inbox", "Threats", "Liaison", "Reports"), doc="the board shows this tab",
             example="{tab: Threats}"),
    "dialog": F(Enum("collection", "exchange", "operation", "answer", "event"),
                doc="this dialog is open", example="{dialog: collection}"),
    "refused": F(Bool(), doc="the exchange composer shows a cable that the rules refuse, "
                             "and why", example="{refused: true}"),
    "action": F(Record({
        "kind": F(Enum(*STEP_ACTIONS), True, "what the player does: "
                                             + ", ".join(STEP_ACTIONS)),
        "to": F(Ref("agency"), doc="the agency a cable or invitation goes to")}),
        doc="the player has done this since the step began",
        example="{action: {kind: propose_exchange, to: GCHQ}}"),
    "month": F(Int(1, MAX_ROUNDS), doc="the player's orders of this month have begun",
               example="{month: 2}"),
}
TUTORIAL = Record({
    "player": F(Ref("agency"), True, "the agency the tutorial is played as; every other "
                                     "seat is AI"),
    "seed": F(Int(0, 2**31 - 1), True, "the game's seed: a tutorial deals the same game "
                                       "every time, so its steps always work"),
    "steps": F(ListOf(Record({
        "text": F(Str(), True, "what to do now, in a sentence or two"),
        "why": F(Str(), doc="why it matters, shown under the text"),
        "point": F(Enum(*WIDGETS), doc="the widget to point at (see the widget ids)"),
        "until": F(OneOfKeys("step condition", STEP_UNTIL), True,
                   "what ends the step (see the step conditions)"),
    }), min_items=1, max_items=64), True, "the steps, in order"),
})

ID = Str(pattern=r"^[a-z][a-z0-9_]*$", example="my_scenario")
SCENARIO = Record({
    "format": F(Int(1, 1), True, "always 1"),
    "id": F(ID, True, "lower-case id, e.g. harbour_watch; the file's name should match"),
    "title": F(Str(), True, "shown in the scenario list"),
    "summary": F(Str(), doc="one or two sentences for the scenario list"),
    "start": F(Str(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", example="2020-01"), True,
               "first month, YYYY-MM"),
    "rounds": F(Int(1, MAX_ROUNDS), True, f"months in the game, 1-{MAX_ROUNDS}"),
    "extends": F(Str(pattern=r"^[a-z][a-z0-9_]*$", example="base"),
                 doc="the ruleset or scenario this file builds on; default base"),
    "map": F(Str(pattern=r"^[a-z][a-z0-9_]*$", example="world"),
             doc="the map to draw: a map of the mod (maps/<map>.json) or a shipped one "
                 "(world, or ruritania for the fictional kingdom); default world. A mod's "
                 "map draws every region of the scenarios that name it, and no other; a "
                 "region a shipped map does not draw is shown as a box below it"),
    "disciplines": F(ListOf(Record({"id": F(Decl("discipline"), True, "e.g. HUMINT"),
                                    "name": F(Str(), True, "full name"),
                                    "cost": F(Num(0, 1000), True, "cost per programme level "
                                                                  "per month (R6)")}),
                            min_items=1, max_items=MAX_DISCIPLINES),
                     doc="the collection disciplines; default those of the ruleset it extends"),
    "rules": F(RULES, doc="overrides of the rule numbers (see base.yaml)"),
    "regions": F(ListOf(Record({"id": F(Decl("region"), True, "e.g. east_africa"),
                                "name": F(Str(), True, "shown on the map")}),
                        min_items=1, max_items=MAX_REGIONS), True,
                 "where threats arise and programmes collect; polygons come from the map"),
    "nations": F(ListOf(Record({
        "id": F(Decl("nation"), True, "short id, e.g. UK"),
        "name": F(Str(), True, "full name"),
        "colour": F(Str(pattern=r"^#[0-9a-fA-F]{6}$", example="#1f5fa8"),
                    doc="#rrggbb; default grey"),
        "courts": F(Enum("open", "closed"), doc="open courts raise the risk that passed-on "
                                                "reports are found out (R20, R28); default "
                                                "closed"),
        "relations": F(MapOf(Ref("nation"), Num(-100, 100), max_items=MAX_NATIONS),
                       doc="-100 to 100, mutual: write each pair once; below -30 hostile"),
    }), min_items=1, max_items=MAX_NATIONS), True, "the nations the agencies serve"),
    "agencies": F(ListOf(AGENCY, min_items=1, max_items=MAX_AGENCIES), True,
                  "the players' agencies, human or AI"),
    "pacts": F(ListOf(Record({
        "id": F(Decl("pact"), True, "e.g. five_eyes"),
        "name": F(Str(), True, "full name"),
        "kind": F(Enum("closed", "forum"), True, "closed: members share automatically; "
                                                 "forum: members get summaries"),
        "members": F(ListOf(Ref("agency"), min_items=2, max_items=MAX_AGENCIES), True,
                     "the member agencies"),
        "trust_floor": F(Num(0, 100), doc="closed pacts keep members' trust at least this"),
        "auto_share": F(ListOf(Ref("discipline"), max_items=MAX_DISCIPLINES),
                        doc="closed pacts: disciplines shared with every member each dawn"),
        "threat_kinds": F(KINDS, doc="forums: the threat kinds summarised to members (R22)"),
    }), max_items=MAX_PACTS), doc="closed pacts and forums at the start"),
    "channels": F(ListOf(Record({
        "between": F(ListOf(Ref("nation"), 2, 2), True, "the two nations"),
        "kinds": F(KINDS, True, "the threat kinds it carries")}), max_items=MAX_CHANNELS),
        doc="channels open at the start (R23)"),
    "trust": F(ListOf(Record({
        "from": F(Ref("agency"), True, "whose trust"),
        "to": F(Ref("agency"), True, "in whom"),
        "value": F(Num(0, 100), True, "0-100")}), max_items=MAX_TRUST),
        doc="starting trust that differs from the baseline"),
    "threat_templates": F(ListOf(Record({
        "id": F(Decl("template"), True, "e.g. courier_network"),
        "kind": F(Enum(*THREAT_KINDS), True, "what kind of threat"),
        "name": F(Str(), True, "may contain {region}"),
        "regions": F(ListOf(Ref("region"), min_items=1, max_items=MAX_REGIONS), True,
                     "where it may arise"),
        "targets": F(ListOf(Ref("nation"), min_items=1, max_items=MAX_NATIONS), True,
                     "nations that take the damage"),
        "severity": F(Span(1, 5), True, "1-5: a range [low, high], or one number"),
        "deadline": F(Span(1, 60), True, "months from its appearance: a range, or one "
                                         "number"),
        "needs": F(MapOf(Ref("discipline"), Int(1, 20), min_items=1,
                         max_items=MAX_DISCIPLINES), True,
                   "report fragments needed per discipline"),
        "chance": F(Num(0, 1), doc="per month; 0 for scheduled use only"),
    }), max_items=MAX_TEMPLATES), doc="the kinds of threat that may arise"),
    "threats": F(ListOf(Record({
        "id": F(Decl("threat"), True, "e.g. envelope"),
        "template": F(Ref("template"), True, "its kind, targets and needs"),
        "round": F(Int(1, 1000), True, "the month it appears"),
        "name": F(Str(), doc="default the template's"),
        "region": F(Ref("region"), doc="default drawn from the template's regions"),
    }), max_items=MAX_THREATS), doc="scheduled threats"),
    "events": F(ListOf(EVENT, max_items=MAX_EVENTS), doc="scripted events and decisions"),
    "penetration": F(Record({
        "hostile": F(MapOf(Ref("nation"), ListOf(Ref("agency"), max_items=MAX_AGENCIES),
                           max_items=MAX_NATIONS),
                     doc="per nation, the services that plant moles in its agencies"),
        "base_rate": F(Num(0, 1), doc="overrides rules.penetration.base_rate")}),
        doc="hostile services and the mole base rate (R25)"),
    "tutorial": F(TUTORIAL, doc="makes the scenario a guided game: its steps show one "
                                "at a time, each pointing at a widget"),
    "standings": F(Enum("public", "hidden"), doc="public (default): every seat sees every "
                   "agency's score, so the others can gang up on a leader; hidden: each sees "
                   "only its own (R30)"),
    "victory": F(Record({
        "catastrophe": F(Num(1, 1_000_000), doc="total damage that ends the game for all "
                                                "(R31)"),
        "weights": F(Record({
            "security": F(Num(-100, 100), doc="weight of the nation's security (R29) in the "
                                              "score (R30); base 0"),
            "contribution": F(Num(-100, 100), doc="weight of the team's own part: credit "
                                                  "less blame, per unit of budget (R30)"),
            "reputation": F(Num(-100, 100), doc="weight of the mean trust others place in "
                                                "the team's agencies")}),
            doc="the score's weights (R30)")}),
        doc="when all lose, and how the score is weighed"),
})

# A ruleset (such as base.yaml) is a scenario file without a world: nothing required.
RULESET = Record({k: F(f.type, False, f.doc) for k, f in SCENARIO.fields.items()})

AGENCY_ID = Str(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", example="MI6")
FLAG = Str(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", example="cold_war_trust")
FLAGS = ListOf(FLAG, max_items=MAX_CONDITIONS)

CAMPAIGN = Record({
    "format": F(Int(1, 1), True, "always 1"),
    "id": F(Str(pattern=r"^[a-z][a-z0-9_]*$", example="my_campaign"), True,
            "lower-case id, e.g. the_long_liaison"),
    "title": F(Str(), True, "shown in the campaign list"),
    "summary": F(Str(), doc="one or two sentences for the campaign list"),
    "player": F(AGENCY_ID, True, "the agency the player runs through every chapter, by the "
                                 "id the campaign knows it by (see a chapter's ids)"),
    "chapters": F(ListOf(Record({
        "scenario": F(Str(pattern=r"^([a-z][a-z0-9_]*/)?[a-z][a-z0-9_]*$",
                          example="huawei_2020"), True,
                      "the scenario's id; a mod's scenario as MODID/ID, as the game lists "
                      "it (a mod's own campaign names its own scenarios so too)"),
        "briefing": F(Str(), doc="the situation, shown before the chapter; default the "
                                 "scenario's summary"),
        "ids": F(MapOf(AGENCY_ID, AGENCY_ID, max_items=MAX_AGENCIES),
                 doc="the campaign's id of an agency -> its id in this chapter, for services "
                     "renamed over the years (MI6: SIS in a 1950 chapter)",
                 example="{MI6: SIS}"),
        "carry": F(ListOf(Enum("trust", "budget_bonus", "flags"), max_items=3),
                   doc="what carries over into the next chapter: trust between the player "
                       "and each agency of both chapters; the budget left unspent (at most "
                       "a month's income); the flags set in play"),
        "on_outcome": F(Record({k: F(FLAGS, doc=f"flags set when the player's team {w}")
                                for k, w in (("won", "wins the chapter"),
                                             ("lost", "loses it"),
                                             ("catastrophe", "loses to the catastrophe "
                                                             "line"))}),
                        doc="flags the chapter's outcome sets; every later chapter's events "
                            "read them", example="{won: [cold_war_trust]}"),
    }), min_items=1, max_items=MAX_CHAPTERS), True, "the scenarios, in order"),
})


def top_limits(record: Record) -> dict[str, int]:
    """The most items each top-level list may hold: the reader stops at the first one
    over, so a file with thousands is refused before it is all parsed."""
    return {k: f.type.max_items for k, f in record.fields.items()
            if isinstance(f.type, ListOf) and f.type.max_items is not None}


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
        out["if"] = {"required": ["extends"], "properties": {"extends": {
            "not": {"const": "base"}, "description": "extends a scenario, not base"}}}
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
