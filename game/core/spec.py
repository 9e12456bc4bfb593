"""Frozen content: the ruleset and the scenario, shared by every state of a game.

A scenario is split in two on purpose. `World` is what every seat may know (the
map, the nations, the agencies' public profiles, the pacts, the ruleset); it is
handed to views. `Script` is what nobody sees in advance (scheduled threats,
threat templates, events); only the engine reads it. Keeping them apart makes
"a view never leaks the future" structural instead of a matter of care.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.core.records import Threat

# --------------------------------------------------------------------------- ruleset


@dataclass(frozen=True)
class Discipline:
    id: str
    name: str
    cost: float  # R6: cost per programme level per round


@dataclass(frozen=True)
class CollectionRules:
    max_level: int  # R6
    rate: float  # R7: Poisson mean per level x capability x access
    quality_sd: float
    quality_min: float
    quality_max: float
    tasking: int  # R15: the level an honest ask answered short tasks for one dawn


@dataclass(frozen=True)
class OperationRules:
    cost_per_severity: float  # R11
    min_coverage: float
    base: float
    picture_weight: float
    access_weight: float
    mole_penalty: float
    p_min: float
    p_max: float
    credit_per_severity: float  # R30: credit for a foiled threat, split by each one's part
    retry_delay: int  # R11: "failure costs the money and one round"


@dataclass(frozen=True)
class ValueRules:
    age_decay: float  # R17
    fills_need: float
    surplus: float
    target_bonus: float


@dataclass(frozen=True)
class TrustRules:
    drift: float  # R19: share of the gap to baseline closed each round
    baseline: float  # baseline trust at relation 0
    per_relation: float  # baseline change per point of relation
    balanced_gain: float
    balanced_ratio: float  # an exchange is balanced when min/max value >= this
    refuse_loss: float
    breach_loss: float  # R20
    inquiry_loss: float  # R13
    hostile_below: float  # R2: relation below this is hostile
    credit_per_trust: float  # R18: credit line = trust x this


@dataclass(frozen=True)
class ThirdPartyRules:
    base: float  # R20: discovery chance per round of a passed-on report
    open_courts: float
    # Defaults for the rules a save from before them embeds, so that its game replays as
    # it was played; base.yaml sets the shipped values.
    penetrated: float = 0.0  # R20: extra chance while a mole works in the holder
    caveats: bool = True  # R21: originators may caveat; false turns caveats off


@dataclass(frozen=True)
class PostingRules:
    cost: float  # R24
    upkeep: float
    trust_per_round: float
    credit_multiplier: float


@dataclass(frozen=True)
class PenetrationRules:
    base_rate: float  # R25: hazard of acquiring a mole per round
    per_exposure: float  # hazard multiplier per posting and pact
    humint_scale: float  # hostile HUMINT spending that doubles the hazard
    discovery: float  # chance per round a mole is found
    sweep_cost: float
    sweep_bonus: float  # a sweep adds counter-intelligence x this
    exposure_loss: float  # trust a partner loses when its leaked reports are exposed
    hidden_found: float  # chance per round partners learn of a mole run back in secret
    recruit_rate: float  # R26: per round, a posted officer with a hostile host
    fabricate_cost: float  # R27
    contradict: float  # chance per dawn another discipline shows a false report up
    deceit_loss: float  # trust lost in the originator of a false report found out
    court_loss: float  # R28/R21: trust lost when a court discloses a partner's report


@dataclass(frozen=True)
class ScoringRules:
    foiled_per_severity: float  # R29
    executed_per_severity: float
    originator_share: float  # R30: share of a foiled threat's credit paid by reports originated
    withheld_per_severity: float  # R30: blame for sitting on reports of a threat that struck
    late_weight: float  # R30: credit and blame grow by this share over the game


@dataclass(frozen=True)
class Victory:
    catastrophe: float  # R31: total damage at which everyone loses
    security: float  # R30 weights
    contribution: float
    reputation: float


@dataclass(frozen=True)
class Ruleset:
    disciplines: tuple[Discipline, ...]
    collection: CollectionRules
    carry_over_rounds: float  # R5
    operation: OperationRules
    value: ValueRules
    trust: TrustRules
    third_party: ThirdPartyRules
    posting: PostingRules
    forum_quality: float  # R22
    forum_memory: int  # R22: months within which a member must have given to the forum
    scoring: ScoringRules
    penetration: PenetrationRules

    @cached_property
    def discipline_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.disciplines)


# --------------------------------------------------------------------------- world


@dataclass(frozen=True)
class Region:
    id: str
    name: str


@dataclass(frozen=True)
class Nation:
    id: str
    name: str
    colour: str
    courts: str  # "open" | "closed"
    relations: tuple[tuple[str, float], ...]  # starting relations, symmetric once loaded

    @property
    def called(self) -> str:
        """The name as a sentence uses it: "the United Kingdom", "France"."""
        words = self.name.split()
        the = words[0] in _NAMES_WITH_THE or self.name.endswith(_PLURAL_NAMES)
        return f"the {self.name}" if the and words[0].lower() != "the" else self.name


_NAMES_WITH_THE = frozenset({"United", "Soviet", "Czech", "Dominican", "Central", "Republic",
                             "Kingdom", "Federal", "Democratic", "Islamic", "People's"})
_PLURAL_NAMES = ("lands", "ines", "Isles", "Islands", "Emirates", "Bahamas")


@dataclass(frozen=True)
class AIProfile:
    personality: str
    difficulty: str


@dataclass(frozen=True)
class Objective:
    """R31: what a seat is there to do, and the score its nation's team is expected to
    reach. The win goes to the team that reaches the largest share of its target, so a
    small service in a big partner's shadow has a winnable part of its own."""

    target: float
    brief: str = ""


DEFAULT_TARGET = 100.0  # a seat without an objective: its share is its score / 100


@dataclass(frozen=True)
class Agency:
    id: str
    nation: str
    name: str
    budget: float  # R5: income per round
    capability: tuple[float, ...]  # R3: per discipline, ruleset order
    access: tuple[float, ...]  # R3: per region, world order
    operates: tuple[bool, ...]  # R11: per region, whether it may run operations there
    counterintel: float
    ai: AIProfile
    playable: bool
    programmes: tuple[tuple[str, str, int], ...] = ()  # (region, discipline, level) at start
    objective: Objective | None = None  # R31

    def operates_in(self, region: int) -> bool:
        """R11: may it run an operation there (alone, or as the one a joint operation
        needs)? Elsewhere it acts only jointly: it invites a service that may, or joins
        one."""
        return self.operates[region]


@dataclass(frozen=True)
class Pact:
    id: str
    name: str
    kind: str  # "closed" | "forum"
    members: tuple[str, ...]
    trust_floor: float = 0.0
    auto_share: tuple[str, ...] = ()  # closed: disciplines shared among members each dawn
    threat_kinds: tuple[str, ...] = ()  # forum: kinds whose summaries go to all members


@dataclass(frozen=True)
class Channel:
    """R23: a narrow channel between two hostile nations, limited to threat kinds."""

    nations: tuple[str, str]
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class World:
    """Everything public about a scenario: safe to hand to any seat."""

    id: str
    title: str
    summary: str
    start_year: int
    start_month: int
    rounds: int
    rules: Ruleset
    victory: Victory
    regions: tuple[Region, ...]
    nations: tuple[Nation, ...]
    agencies: tuple[Agency, ...]
    pacts: tuple[Pact, ...] = ()
    channels: tuple[Channel, ...] = ()
    trust: tuple[tuple[str, str, float], ...] = ()  # (from, to, value) starting trust
    hostile_services: tuple[tuple[str, tuple[str, ...]], ...] = ()  # R25: nation -> services
    map: str = "world"  # assets/maps/<map>.json draws the regions
    standings_public: bool = True  # R30: every seat sees every agency's score

    def consented(self, originator: int, passer: int, recipient: int) -> bool:
        """R20: passing on is consented only inside a closed pact holding all three."""
        held = {self.agencies[a].id for a in (originator, passer, recipient)}
        return any(p.kind == "closed" and held <= set(p.members) for p in self.pacts)

    def breach_chance(self, recipient: int) -> float:
        """R20: the chance per month that a report passed on without consent to this
        agency is found out; open courts in its nation raise it."""
        tp = self.rules.third_party
        courts = self.nations[self.agency_nations[recipient]].courts
        return tp.base + (tp.open_courts if courts == "open" else 0.0)

    def breach_may_rise(self, recipient: int) -> bool:
        """R20/R25: whether a mole at work in the recipient could raise `breach_chance`:
        the rules say so and a hostile service is named against its nation. Whether one
        is at work, only the dice know."""
        nation = self.nations[self.agency_nations[recipient]].id
        return self.rules.third_party.penetrated > 0 and any(
            n == nation and services for n, services in self.hostile_services)

    def is_agency(self, key: str) -> bool:
        return key in self._indexes["agency"]

    def agency_index(self, agency_id: str) -> int:
        return self._lookup("agency", agency_id)

    def region_index(self, region_id: str) -> int:
        return self._lookup("region", region_id)

    def nation_index(self, nation_id: str) -> int:
        return self._lookup("nation", nation_id)

    def discipline_index(self, discipline_id: str) -> int:
        return self._lookup("discipline", discipline_id)

    def _lookup(self, what: str, key: str) -> int:
        try:
            return self._indexes[what][key]
        except KeyError:
            raise KeyError(f"no {what} {key!r} in scenario {self.id!r}") from None

    @cached_property
    def _indexes(self) -> dict[str, dict[str, int]]:
        """Id -> position maps, built once: the world is frozen, so they never go stale."""
        return {
            "agency": {a.id: i for i, a in enumerate(self.agencies)},
            "region": {r.id: i for i, r in enumerate(self.regions)},
            "nation": {n.id: i for i, n in enumerate(self.nations)},
            "discipline": {d: i for i, d in enumerate(self.rules.discipline_ids)},
        }

    @cached_property
    def targets(self) -> tuple[float, ...]:
        """R31: each agency's team target, in agency order: the mean of the targets its
        nation's agencies declare, since they share one score; a nation that declares
        none is measured against the mean of the others' (DEFAULT_TARGET if none do)."""
        declared: dict[str, list[float]] = {}
        for a in self.agencies:
            if a.objective is not None:
                declared.setdefault(a.nation, []).append(a.objective.target)
        every = [t for ts in declared.values() for t in ts]
        fallback = sum(every) / len(every) if every else DEFAULT_TARGET
        return tuple(sum(declared[a.nation]) / len(declared[a.nation])
                     if a.nation in declared else fallback for a in self.agencies)

    @cached_property
    def contenders(self) -> tuple[int, ...]:
        """R31: the agencies that can win: the playable ones, or every one in a file with
        no playable seat (all-AI play)."""
        playable = tuple(i for i, a in enumerate(self.agencies) if a.playable)
        return playable or tuple(range(len(self.agencies)))

    @cached_property
    def agency_nations(self) -> tuple[int, ...]:
        """Each agency's nation index, in agency order."""
        return tuple(self.nation_index(a.nation) for a in self.agencies)

    def jurisdiction(self, agency: Agency) -> str:
        """R11 in words, for the cards and Help: "" when the agency may operate
        everywhere, else where it may run operations of its own."""
        where = [r.name for r, ok in zip(self.regions, agency.operates, strict=True) if ok]
        if len(where) == len(self.regions):
            return ""
        if not where:
            return ("runs no operations of its own: it acts only jointly, inviting a service "
                    "that may operate where the plot is or joining one (R11)")
        return (f"may run operations only in {', '.join(where)}; elsewhere it acts only "
                f"jointly, inviting a service that may operate there or joining one (R11)")

    def display_names(self, threats: Iterable[Threat]) -> dict[int, str]:
        """Names as screens show them: plots that share a name get their region added when
        that tells them apart, else the month they appeared (and a number if even that
        repeats), so that no two known threats read the same."""
        groups: dict[str, list[Threat]] = {}
        for t in threats:
            groups.setdefault(t.name, []).append(t)
        out = {}
        for name, same in groups.items():
            if len(same) == 1:
                out[same[0].id] = name
                continue
            regions = [self.regions[t.region].name for t in same]
            if len(set(regions)) == len(same) and not any(r in name for r in regions):
                out.update({t.id: f"{name} ({r})" for t, r in zip(same, regions, strict=True)})
                continue
            months = [self.month_label(t.spawned) for t in same]
            for t, month in zip(same, months, strict=True):
                twins = [u for u, m in zip(same, months, strict=True) if m == month]
                out[t.id] = f"{name} ({month})" if len(twins) == 1 else \
                    f"{name} ({month}, {twins.index(t) + 1})"
        return out

    def month_label(self, round_no: int) -> str:
        """'March 2020' for a 1-based round, one round being one month."""
        months = self.start_month - 1 + round_no - 1
        year = self.start_year + months // 12
        return f"{MONTHS[months % 12]} {year}"


MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

# --------------------------------------------------------------------------- script


@dataclass(frozen=True)
class ThreatTemplate:
    id: str
    kind: str
    name: str  # may contain "{region}"
    regions: tuple[str, ...]
    targets: tuple[str, ...]  # nations
    severity: tuple[int, int]  # inclusive range
    deadline: tuple[int, int]  # rounds from spawn, inclusive range
    needs: tuple[tuple[str, int], ...]  # (discipline, fragments)
    chance: float  # per round, for random spawns


@dataclass(frozen=True)
class ScheduledThreat:
    id: str
    template: str
    round: int
    name: str = ""
    region: str = ""  # overrides a random pick among the template's regions


@dataclass(frozen=True)
class Effect:
    """R28: one effect of the closed vocabulary (docs/modding.md). `args` holds the
    effect's fields exactly as the scenario wrote them."""

    kind: str
    args: tuple[tuple[str, object], ...]

    def get(self, key: str, default=None):
        return dict(self.args).get(key, default)


@dataclass(frozen=True)
class Condition:
    kind: str
    value: object


@dataclass(frozen=True)
class Choice:
    label: str
    effects: tuple[Effect, ...]


@dataclass(frozen=True)
class EventSpec:
    """R28: a political rupture or other event: text, history note, trigger, choices."""

    id: str
    title: str
    text: str
    history: str
    when: tuple[Condition, ...]
    decider: str | None  # a nation or agency id; its (first) seat chooses
    choices: tuple[Choice, ...] = ()
    effects: tuple[Effect, ...] = ()  # applied at once when there is nothing to choose
    repeat: bool = False  # may fire again (e.g. a court disclosure wherever courts are open)


@dataclass(frozen=True)
class Script:
    """What the engine knows in advance and no seat may see."""

    templates: tuple[ThreatTemplate, ...] = ()
    threats: tuple[ScheduledThreat, ...] = ()
    events: tuple[EventSpec, ...] = ()

    def template(self, template_id: str) -> ThreatTemplate:
        for t in self.templates:
            if t.id == template_id:
                return t
        raise KeyError(f"no threat template {template_id!r}")


@dataclass(frozen=True)
class Scenario:
    world: World
    script: Script
