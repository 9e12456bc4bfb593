"""Campaigns: one service played through chapters in order (DESIGN §3).

A campaign file names the player's service and the chapters' scenarios. Between
chapters, what the file declares carries over: trust between the player and the
agencies of both chapters, the budget left unspent (at most a month's income, as
R5 would keep it), and flags: those the chapter's outcome sets (`on_outcome`)
and, with `carry: [flags]`, those set in play. Later chapters' events read them.

Carrying is done to the next chapter's scenario data, before the game is built:
trust as the scenario's own `trust:` entries, budget and flags as a month-one
event made of the ordinary effects. So a chapter is an ordinary game, and its
save embeds everything that carried into it: it replays bit for bit, and a
later edit of the campaign or the scenario cannot change it.

The `Progress` of a campaign rides in every save of its chapters (a save of
kind "campaign"), so Continue resumes a campaign like a game. It embeds the
campaign's own data too, for the same reason a save embeds its scenario.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from game.core import scoring
from game.core.state import GameState
from game.paths import DROP_DIR, SCENARIO_DIR
from game.save_check import check_campaign
from game.scenario.loader import ScenarioError, build, find, read_raw
from game.scenario.mods import installed_mods
from game.scenario.schema import suggest
from game.scenario.validate import check
from game.session import Seat, Session

OUTCOMES = ("won", "lost", "catastrophe")
OUTCOME_WORDS = {"won": "won", "lost": "lost", "catastrophe": "lost to the catastrophe line"}
CARRY_EVENT = "campaign_carry"


@dataclass(frozen=True)
class Chapter:
    scenario: str
    briefing: str | None
    ids: Mapping[str, str]  # the campaign's id of an agency -> its id in this chapter
    carry: frozenset[str]
    on_outcome: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Campaign:
    id: str
    title: str
    summary: str
    player: str  # the campaign's id for the player's service
    chapters: tuple[Chapter, ...]
    raw: dict = field(repr=False, compare=False)

    @classmethod
    def from_raw(cls, raw: dict) -> Campaign:
        return cls(raw["id"], raw["title"], raw.get("summary", ""), raw["player"], tuple(
            Chapter(c["scenario"], c.get("briefing"), dict(c.get("ids", {})),
                    frozenset(c.get("carry", ())),
                    {k: tuple(v) for k, v in c.get("on_outcome", {}).items()})
            for c in raw["chapters"]), raw)

    def local(self, chapter: int, agency: str) -> str:
        """An agency's id in a chapter, from the campaign's id for it."""
        return self.chapters[chapter].ids.get(agency, agency)

    def canonical(self, chapter: int, agency: str) -> str:
        """The campaign's id for an agency of a chapter."""
        back = {local: canon for canon, local in self.chapters[chapter].ids.items()}
        return back.get(agency, agency)


@dataclass(frozen=True)
class Result:
    """How a chapter ended for the player's team."""

    scenario: str
    title: str
    outcome: str  # one of OUTCOMES
    score: float
    target: float
    attempts: int

    @property
    def share(self) -> float:
        return self.score / self.target


@dataclass(frozen=True)
class Progress:
    """Where a campaign stands: the chapter being played and what carries into it."""

    campaign: Campaign
    seed: int  # the campaign's; each chapter's game seed is drawn from it
    player_name: str
    chapter: int = 0
    attempt: int = 0  # retries of this chapter
    trust: tuple[tuple[str, str, float], ...] = ()  # (from, to, value), campaign ids
    budget: float = 0.0  # unspent budget carried into this chapter (before the cap)
    flags: tuple[str, ...] = ()
    results: tuple[Result, ...] = ()

    @property
    def finished(self) -> bool:
        return self.chapter >= len(self.campaign.chapters)

    @property
    def current(self) -> Chapter:
        return self.campaign.chapters[self.chapter]

    @property
    def chapter_seed(self) -> int:
        """The chapter's game seed: fixed by the campaign's seed, the chapter and the
        attempt, so leaving at a briefing and coming back deals the same game."""
        sequence = np.random.SeedSequence([self.seed, self.chapter, self.attempt])
        return int(sequence.generate_state(1)[0])

    def to_dict(self) -> dict[str, Any]:
        return {"campaign": self.campaign.raw, "seed": self.seed,
                "player_name": self.player_name, "chapter": self.chapter,
                "attempt": self.attempt, "trust": [list(t) for t in self.trust],
                "budget": self.budget, "flags": list(self.flags),
                "results": [[r.scenario, r.title, r.outcome, r.score, r.target, r.attempts]
                            for r in self.results]}

    @classmethod
    def from_dict(cls, data: Any) -> Progress:
        """A save's campaign block, checked; a ValueError says what is wrong."""
        if not isinstance(data, dict):
            raise ValueError("campaign is not a mapping")
        check_campaign(data.get("campaign"))  # BadField, a ValueError
        campaign = Campaign.from_raw(data["campaign"])
        try:
            progress = cls(
                campaign, _int(data["seed"]), str(data["player_name"]), _int(data["chapter"]),
                _int(data["attempt"]),
                tuple((str(f), str(t), float(v)) for f, t, v in data["trust"]),
                float(data["budget"]), tuple(str(f) for f in data["flags"]),
                tuple(Result(str(s), str(t), str(o), float(sc), float(tg), _int(n))
                      for s, t, o, sc, tg, n in data["results"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"campaign progress is damaged ({exc})") from None
        if not 0 <= progress.chapter <= len(campaign.chapters) or progress.seed < 0:
            raise ValueError(f"campaign chapter {progress.chapter} is not one of its "
                             f"{len(campaign.chapters)}")
        if any(r.outcome not in OUTCOMES or r.target <= 0 for r in progress.results):
            raise ValueError("campaign results are damaged")
        return progress


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{value!r} is not a whole number")
    return value


# --------------------------------------------------------------------------- files
def campaign_folders() -> list[Path]:
    """Where campaigns are found: the shipped ones, a checkout's drop folder, and each
    usable mod's campaigns/ folder."""
    folders = [SCENARIO_DIR / "campaigns"]
    if DROP_DIR is not None:
        folders.append(DROP_DIR / "campaigns")
    folders += [mod.folder / "campaigns" for mod in installed_mods() if mod.usable]
    return folders


def read_campaign(path: Path) -> Campaign:
    """A campaign file, checked completely (its chapters' scenarios too); ScenarioError
    lists every problem with its position."""
    data, problems = check(Path(path))
    if problems or data is None:
        raise ScenarioError(problems)
    if "chapters" not in data:
        raise ScenarioError(f"{path} is a scenario, not a campaign: play it with "
                            f"`python main.py play --scenario {Path(path).stem}`")
    return Campaign.from_raw(data)


def listed_campaigns() -> list[tuple[Path, Campaign | ScenarioError]]:
    """Every campaign file on offer, with the campaign or what is wrong with it."""
    out: list[tuple[Path, Campaign | ScenarioError]] = []
    for folder in campaign_folders():
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
            try:
                out.append((path, read_campaign(path)))
            except ScenarioError as exc:
                out.append((path, exc))
    return out


def find_campaign(name: str) -> Campaign:
    """A campaign by path or id; ScenarioError with the ids known."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") and path.exists():
        return read_campaign(path)
    found = listed_campaigns()
    for item_path, item in found:
        if isinstance(item, Campaign) and item.id == name:
            return item
        if isinstance(item, ScenarioError) and item_path.stem == name:
            raise item
    known = [c.id for _, c in found if isinstance(c, Campaign)]
    raise ScenarioError(f"{name}: no such campaign{suggest(name, known)} "
                        f"(known: {', '.join(known) or 'none'})")


# --------------------------------------------------------------------------- chapters
def begin(campaign: Campaign, seed: int, player_name: str) -> Progress:
    return Progress(campaign, seed, player_name.strip() or "Player 1")


def chapter_raw(progress: Progress) -> dict[str, Any]:
    """The current chapter's scenario data with what carried into it."""
    campaign, n = progress.campaign, progress.chapter
    raw = copy.deepcopy(read_raw(find(progress.current.scenario)))
    ids = {a["id"] for a in raw["agencies"]}
    player = campaign.local(n, campaign.player)
    entries = {(t["from"], t["to"]): t for t in raw.get("trust", [])}
    for frm, to, value in progress.trust:
        pair = (campaign.local(n, frm), campaign.local(n, to))
        if pair[0] in ids and pair[1] in ids:
            entries[pair] = {"from": pair[0], "to": pair[1], "value": round(value, 1)}
    if entries:
        raw["trust"] = list(entries.values())
    effects: list[dict] = [{"flag": f} for f in progress.flags]
    bonus = carried_budget(progress, raw)
    if bonus > 0:
        effects.append({"budget": {"agency": player, "delta": bonus}})
    if effects:
        last = progress.results[-1].title if progress.results else campaign.title
        # First in the list, so that the scenario's own month-one events read its flags.
        raw["events"] = [{
            "id": CARRY_EVENT, "title": f"What {player} brings from {last}",
            "text": " ".join(carried_lines(progress, raw)),
            "history": f"Carried over by the campaign {campaign.title}.",
            "when": {"round": 1}, "effects": effects}, *raw.get("events", [])]
    return raw


def carried_budget(progress: Progress, raw: dict[str, Any]) -> float:
    """The budget bonus into this chapter: what was left unspent, at most a month of the
    player's income here (R5 keeps no more), and at most what an effect may add."""
    player = progress.campaign.local(progress.chapter, progress.campaign.player)
    income = next(a["budget"] for a in raw["agencies"] if a["id"] == player)
    return round(min(progress.budget, income, 1000.0), 1)


def carried_lines(progress: Progress, raw: dict[str, Any]) -> list[str]:
    """What carried into this chapter, in a player's words (for the briefing)."""
    campaign, n = progress.campaign, progress.chapter
    ids = {a["id"] for a in raw["agencies"]}
    player = campaign.local(n, campaign.player)
    lines = []
    for frm, to, value in progress.trust:
        a, b = campaign.local(n, frm), campaign.local(n, to)
        if a in ids and b in ids and b == player:
            lines.append(f"{a}'s trust in you starts at {value:.0f}.")
    bonus = carried_budget(progress, raw)
    if bonus > 0:
        lines.append(f"{bonus:g} of budget left unspent arrives with your first month "
                     f"(at most a month's income carries over).")
    lines += [f"Because of an earlier chapter — {title}: {text}"
              for title, text in marks(raw, set(progress.flags))]
    return lines


def marks(raw: dict[str, Any], flags: set[str]) -> list[tuple[str, str]]:
    """The events of a scenario that some of these flags switch on: (title, text). They
    are what an earlier chapter's outcome does to this one."""
    out = []
    for event in raw.get("events", []):
        tests = event.get("when", {}).get("if", [])
        if event["id"] != CARRY_EVENT and any(t.get("flag") in flags for t in tests):
            out.append((event["title"], " ".join(event["text"].split())))
    return out


def consequences(progress: Progress, flags: set[str]) -> list[str]:
    """What these flags will do in the chapters after the current one, chapter by
    chapter, in a player's words."""
    out = []
    for chapter in progress.campaign.chapters[progress.chapter + 1:]:
        raw = read_raw(find(chapter.scenario))
        out += [f"In {raw['title']}: {title}." for title, _ in marks(raw, flags)]
    return out


def chapter_titles(campaign: Campaign) -> list[str]:
    """Each chapter's scenario as the campaign list shows it: title and first month."""
    out = []
    for chapter in campaign.chapters:
        raw = read_raw(find(chapter.scenario))
        out.append(f"{raw['title']} ({raw['start'][:4]}, {raw['rounds']} months)")
    return out


def chapter_session(progress: Progress) -> Session:
    """The current chapter as a new game: the player in their service's seat, every
    other seat the scenario's AI."""
    raw = chapter_raw(progress)
    scenario = build(raw, progress.current.scenario)
    player = progress.campaign.local(progress.chapter, progress.campaign.player)
    session = Session.from_scenario(raw, scenario, progress.chapter_seed,
                                    {player: Seat(human=progress.player_name)})
    session.campaign = progress
    return session


def player_seat(progress: Progress, state: GameState) -> int:
    return state.world.agency_index(progress.campaign.local(progress.chapter,
                                                            progress.campaign.player))


def outcome(progress: Progress, state: GameState) -> str:
    """How the chapter ended for the player's team (R31)."""
    if state.catastrophe:
        return "catastrophe"
    return "won" if player_seat(progress, state) in scoring.winners(state) else "lost"


def finish(progress: Progress, state: GameState) -> Progress:
    """The chapter is over: record its result, and carry on to the next chapter what
    the file declares."""
    campaign, n, chapter = progress.campaign, progress.chapter, progress.current
    world = state.world
    p = player_seat(progress, state)
    result = outcome(progress, state)
    score = float(scoring.scores(state)[p])
    target = float(world.targets[p])
    me = campaign.player
    trust = tuple(
        pair for j, agency in enumerate(world.agencies) if j != p
        for pair in ((me, campaign.canonical(n, agency.id), float(state.trust[p, j])),
                     (campaign.canonical(n, agency.id), me, float(state.trust[j, p])))
    ) if "trust" in chapter.carry else ()
    flags = {*progress.flags, *chapter.on_outcome.get(result, ())}
    if "flags" in chapter.carry:
        flags |= state.flags
    return replace(
        progress, chapter=n + 1, attempt=0, trust=trust,
        budget=float(state.budget[p]) if "budget_bonus" in chapter.carry else 0.0,
        flags=tuple(sorted(flags)),
        results=(*progress.results, Result(world.id, world.title, result, round(score, 2),
                                           target, progress.attempt + 1)))


def retry(progress: Progress) -> Progress:
    """Play the current chapter again, with a new deal; what carried into it stays."""
    return replace(progress, attempt=progress.attempt + 1)
