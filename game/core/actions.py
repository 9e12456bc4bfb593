"""Every decision a seat can take, as data.

Actions name agencies, regions and disciplines by their scenario ids, so an
action log reads like a game record and survives a reordering of a mod's
lists. `to_dict`/`from_dict` give the JSON form used by saves and replays.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True)
class SetProgramme:
    """R6: set the collection level (0-3) in one region and discipline."""

    agency: str
    region: str
    discipline: str
    level: int


@dataclass(frozen=True)
class ProposeExchange:
    """R15: offer reports and ask about a threat or a region (or ask nothing: a gift).

    `caveats` marks offered reports the sender originated as information only (R21).
    """

    agency: str
    to: str
    offer: tuple[int, ...] = ()
    ask_threat: int | None = None
    ask_region: str | None = None
    disciplines: tuple[str, ...] = ()
    caveats: tuple[int, ...] = ()


@dataclass(frozen=True)
class Answer:
    """R15/R18/R12: accept (returning `give` within the cap) or refuse a delivered cable.

    `reason` is one line the sender reads with the answer ("they owe us 6.5").
    """

    agency: str
    cable: int
    accept: bool
    give: tuple[int, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class LaunchOperation:
    """R11: a disruption against a threat this agency holds an all-source picture of."""

    agency: str
    threat: int


@dataclass(frozen=True)
class ProposeJointOperation:
    """R12: invite a partner to pool reports and split the cost; the sender's share is held."""

    agency: str
    to: str
    threat: int


@dataclass(frozen=True)
class PostOfficer:
    """R24: post a liaison officer with a partner."""

    agency: str
    host: str


@dataclass(frozen=True)
class RecallOfficer:
    agency: str
    host: str


@dataclass(frozen=True)
class Sweep:
    """R25: a counter-intelligence sweep; raises this month's chance of finding a mole."""

    agency: str


@dataclass(frozen=True)
class DecideMole:
    """R25: a mole was found. Expose it (partners told now) or run it back in secret."""

    agency: str
    mole: int
    expose: bool


@dataclass(frozen=True)
class Fabricate:
    """R27: make a false report on a known threat, to pass on like any other."""

    agency: str
    threat: int
    discipline: str


@dataclass(frozen=True)
class Disinform:
    """R27: through a mole, plant a false report: the hostile service into its victim's
    files, or the victim running the mole back into the hostile service's."""

    agency: str
    mole: int
    threat: int
    discipline: str


@dataclass(frozen=True)
class Choose:
    """R28: the deciding seat picks one of an event's choices."""

    agency: str
    pending: int
    choice: int


@dataclass(frozen=True)
class EndTurn:
    agency: str


Action = (
    SetProgramme | ProposeExchange | Answer | LaunchOperation | ProposeJointOperation
    | PostOfficer | RecallOfficer | Sweep | DecideMole | Fabricate | Disinform | Choose | EndTurn
)
ACTION_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        SetProgramme, ProposeExchange, Answer, LaunchOperation, ProposeJointOperation,
        PostOfficer, RecallOfficer, Sweep, DecideMole, Fabricate, Disinform, Choose, EndTurn,
    )
}


def to_dict(action: Action) -> dict:
    data = asdict(action)
    return {"type": type(action).__name__, **{k: list(v) if isinstance(v, tuple) else v
                                               for k, v in data.items()}}


def from_dict(data: dict) -> Action:
    """Rebuild an action; raises ValueError on anything that is not a known action."""
    try:
        cls = ACTION_TYPES[data["type"]]
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not an action: {data!r}") from exc
    kwargs = {}
    for f in fields(cls):
        if f.name in data:
            value = data[f.name]
            kwargs[f.name] = tuple(value) if isinstance(value, list) else value
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise ValueError(f"bad {cls.__name__}: {exc}") from exc
