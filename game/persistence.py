"""Saves: plain JSON (never a Python object dump), versioned, checksummed, written atomically.

A save file is two lines of JSON. The first is a small header: the format
version, the game's id, its kind, scenario, month, the humans' names, an
optional group label and the display name. The second is the body: the
resolved scenario data (so a save outlives edits to the mod), the seed, the
seats, the whole action log, the state hash after every round, and the state
itself (with the seed, which keys all of its dice). The header carries the
body's checksum.

Continue and the Load list read only the header line, so a folder of big saves
lists at once; a file over MAX_SAVE_BYTES is refused without being read.
Loading checks the checksum, then every field of the body (game.save_check),
then trusts the stored state (fast); `replay --verify` rebuilds the game from
seed and log and compares every round's hash and the final state.

Every way a file can be wrong - not JSON, truncated, too big, from a newer
game, of an unknown format, altered by hand, re-sealed over nonsense - ends in
a `SaveError` whose message a teacher can act on, and never in a traceback.

Each change of format is one step in MIGRATIONS, tested with an old-save
fixture under tests/fixtures/saves/.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from game.campaign import Progress
from game.core import actions as act
from game.core.codec import canonical, digest, state_from_dict, state_to_dict
from game.paths import autosave_dir, save_dir
from game.save_check import BadField, check_body, check_scenario, expect
from game.session import Seat, Session

FORMAT_VERSION = 13
# The oldest format whose round hashes today's rules reproduce (format 2 changed the
# rules; format 3 only the header; format 4 the rules of reciprocity; format 5 the
# dice; format 6 added the journal of the monthly report, which the hashes leave out,
# codec.EXPLANATIONS, and came with two fixes to the rules: R13's inquiry and R17's
# worth of a report passed back to its giver; format 7 only names R15's tasking, off for
# an older game; format 8 fixes R17 for reports on ended threats; format 9 only lets
# through an answer format 8 refused, so format 8's games replay as they were, R12;
# format 10 fixes R17 for a closed pact's copies, which changes what answers are worth;
# format 11 fixes R17 for reports the asker showed it holds, and R16's standing; format
# 12 adds a court disclosure's embargo to the state, R28; format 13 a transactional
# relationship's terms, R28, and raises R20's discovery while a mole works in the holder).
# Raise it with any step that changes what a logged action does.
HASHES_FROM = 13
GAME = "no-free-lunches"
KINDS = ("game", "campaign")  # a campaign's chapter is a game with its progress beside it
BODY = ("scenario", "seed", "seats", "actions", "digests", "state")
OPTIONAL_BODY = ("campaign",)  # a campaign save's progress (game.campaign.Progress)
SAVE_DIR = save_dir()
AUTOSAVE_DIR = autosave_dir()
AUTOSAVES_KEPT = {"dawn": 5, "turn": 3}  # dawn: one a month; turn: every end of turn
AUTOSAVE_NAMES = {"dawn": "Autosave: start of the month", "turn": "Autosave: latest turn"}
MAX_SAVE_BYTES = 64 * 2**20  # the longest game of the largest scenario is well under this
HEADER_MAX_BYTES = 64 * 2**10
NAME_CHARS = 120  # a display name longer than this is cut
STALE_TEMP_SECONDS = 600  # a save's temporary file older than this was left by a crash

HEADER = {  # field: its form (see game.save_check.expect)
    "format_version": "int", "kind": "str", "game_id": "str", "name": "str",
    "saved_at": "str", "scenario_id": "str", "scenario_title": "str", "round": "int",
    "month": "str", "players": "dict[str, str]", "group": "str | None", "checksum": "str",
}


class SaveError(Exception):
    """A save that cannot be written or read; the message is for the player."""


@dataclass(frozen=True)
class SaveHeader:
    """What a save says about itself on its first line: all the Load list and Continue
    read, and nothing a player should not see."""

    format_version: int
    kind: str  # "game", or "campaign" for a chapter of a campaign
    game_id: str  # drawn for a new game, kept through every save and load
    name: str  # the display name, as the player typed it
    saved_at: str  # ISO 8601, UTC
    scenario_id: str
    scenario_title: str
    round: int
    month: str
    players: dict[str, str]  # agency id -> the human in that seat (AI seats have no name)
    group: str | None  # a class or group label; [J] fills it in
    checksum: str  # of the body, as written

    @classmethod
    def from_data(cls, data: dict, filename: str) -> SaveHeader:
        try:
            for key, kind in HEADER.items():
                expect(key, data.get(key), kind)
            if data["kind"] not in KINDS:
                raise BadField("kind", f"is {data['kind']!r}, not one of {', '.join(KINDS)}")
            if not re.fullmatch(r"[0-9a-f]{8,64}", data["game_id"]):
                raise BadField("game_id", f"is {data['game_id'][:40]!r}, not a game id")
            try:
                saved_at = datetime.fromisoformat(data["saved_at"])
            except ValueError:
                raise BadField("saved_at", f"is {data['saved_at'][:40]!r}, not a date") from None
            if saved_at.tzinfo is None:
                raise BadField("saved_at", "has no time zone")
        except ValueError as exc:  # BadField is one
            raise SaveError(f"{filename} has a damaged header: {exc}.") from None
        return cls(**{key: data[key] for key in HEADER})

    @property
    def when(self) -> datetime:
        return datetime.fromisoformat(self.saved_at)

    @property
    def humans(self) -> list[str]:
        return list(self.players.values())


# --------------------------------------------------------------------------- upgraders
def _v1_to_v2(data: dict) -> dict:
    """Format 2 added moles, disinformation and events (R25-R28): their ruleset block
    (with the values the game shipped at that step), empty state for them, and the
    new record fields (a copy read through a mole; an operation's believed chance)."""
    data = dict(data)
    scenario = dict(data["scenario"])
    scenario["rules"] = {**scenario["rules"], "penetration": {
        "base_rate": 0.02, "per_exposure": 0.15, "humint_scale": 50, "discovery": 0.05,
        "sweep_cost": 15, "sweep_bonus": 0.25, "exposure_loss": 10, "hidden_found": 0.05,
        "recruit_rate": 0.04, "fabricate_cost": 5, "contradict": 0.25, "deceit_loss": 20,
        "court_loss": 15}}
    state = dict(data["state"])
    n = len(state["holdings"])
    state["holdings"] = [[[*row, False] for row in h] for h in state["holdings"]]
    state["operations"] = [[*row[:6], row[5], row[6]] for row in state["operations"]]
    state.update(moles=[], sweeps=[], false_reports=[], unmasked=[[] for _ in range(n)],
                 suspensions=[], flags=[], fired={}, pending=[], queued=[], next_choice=0)
    data.update(scenario=scenario, state=state, format_version=2, migrated_from=1)
    return data


def _v2_to_v3(data: dict) -> dict:
    """Format 3 has one header for every save: a game id (an old save gets one made from
    its checksum, so the same file always gets the same id), its kind, the humans by
    seat (`players`) instead of a bare list of names, and a group label (none yet)."""
    data = {k: v for k, v in data.items() if k != "humans"}
    seats = data["seats"] if isinstance(data.get("seats"), dict) else {}
    data.update(format_version=3, kind="game", group=None,
                game_id=str(data.get("checksum", ""))[:32].ljust(32, "0"),
                players={k: v["human"] for k, v in seats.items()
                             if isinstance(v, dict) and isinstance(v.get("human"), str)})
    data.setdefault("migrated_from", 2)
    return data


def _v3_to_v4(data: dict) -> dict:
    """Format 4 is the reworked reciprocity of docs/rules.md ("Changes from the
    design"): an answer round each month (state `phase`), scoring by each agency's own
    part (`blame`, and the new scoring numbers at their shipped values), and cables
    that carry their R18 cap and the rule that stopped them. A cable still in flight
    gets a cap worked out as R18 now does, from the offer's quality, the credit line
    and the ledger at the time of the save."""
    data = dict(data)
    scenario = dict(data["scenario"])
    rules = dict(scenario["rules"])
    scoring = {k: v for k, v in rules["scoring"].items() if k != "originator_credit"}
    rules["scoring"] = {"originator_share": 0.5, "withheld_per_severity": 15,
                        "late_weight": 1.0, **scoring}
    scenario["rules"] = rules
    state = dict(data["state"])
    per_trust = rules["trust"]["credit_per_trust"]
    quality = {row[0]: row[3] for row in state["reports"]}
    cables = []
    for row in state["cables"]:
        (cid, kind, sender, recipient, sent, offer, caveats, topic, disciplines, admitted,
         *rest) = row
        offered = sum(quality[r] for r in offer)
        cap = max(0.0, offered + state["trust"][recipient][sender] * per_trust
                  + state["ledger"][sender][recipient])
        refusal = "" if admitted else "R16: no programme in the region and nothing on it"
        threat, escrow, wanted, pool, status, given, value_offered, *tail = rest
        cables.append([cid, kind, sender, recipient, sent, offer, caveats, topic, disciplines,
                       refusal, cap, threat, escrow, wanted, pool, status, given,
                       value_offered or offered, *tail])
    state.update(cables=cables, phase="orders", blame=[0.0] * len(state["credit"]))
    data.update(scenario=scenario, state=state, format_version=4,
                migrated_from=data.get("migrated_from") or 3)
    return data


def _v4_to_v5(data: dict) -> dict:
    """Format 5 draws every die from generators keyed by the game's seed and the month
    (GameState.chance), so the state carries the seed in place of one generator's
    state; and a forum's summaries go only to members in good standing (R22,
    `rules.forum.memory`). A game saved in format 4 plays on from where it stood, with
    new dice and its forums as they were (memory 0: every member always)."""
    state = {k: v for k, v in data["state"].items() if k != "rng"}
    state["seed"] = data["seed"]
    scenario = dict(data["scenario"])
    rules = dict(scenario["rules"])
    rules["forum"] = {"memory": 0, **rules["forum"]}
    scenario["rules"] = rules
    return {**data, "scenario": scenario, "state": state, "format_version": 5,
            "migrated_from": data.get("migrated_from") or 4}


def _v5_to_v6(data: dict) -> dict:
    """Format 6 keeps the journal the monthly report is written from: every change to
    a budget or a part of the score with its cause, each agency's marks at the start of
    its months, and the reasons answers gave. An older game has none of it: its reports
    begin with the first month that has two marks. The rules and the round hashes are
    unchanged, so its replay still verifies."""
    state = {**data["state"], "journal": [], "marks": [], "said": []}
    return {**data, "state": state, "format_version": 6,
            "migrated_from": data.get("migrated_from") or 5}


def _v6_to_v7(data: dict) -> dict:
    """Format 7 names R15's tasking (`rules.collection.tasking`): a partner that accepted
    an honest ask and answered it short collects for the asker at the next dawn. A game
    saved in format 6 plays on under the rules it began with, without it (level 0), so
    its replay still verifies."""
    scenario = dict(data["scenario"])
    rules = dict(scenario["rules"])
    rules["collection"] = {"tasking": 0, **rules["collection"]}
    scenario["rules"] = rules
    return {**data, "scenario": scenario, "format_version": 7,
            "migrated_from": data.get("migrated_from") or 6}


def _v7_to_v8(data: dict) -> dict:
    """Format 8 fixes R17: a report on a threat that has ended fills no gap, so it is
    surplus to everyone. The stored state needs nothing new and the game plays on under
    the fixed rule; its round hashes, made under the old one, cannot be checked."""
    return {**data, "format_version": 8, "migrated_from": data.get("migrated_from") or 7}


def _v8_to_v9(data: dict) -> dict:
    """Format 9 fixes R12: a service whose own invitation to a joint operation is still
    unanswered may join a partner's operation against the same threat, which withdraws
    its invitation. The fix only admits an answer that format 8 refused, and a refused
    action is never logged, so an older game needs nothing new and its round hashes still
    verify; an older version of the game, though, could not replay a newer game's log."""
    return {**data, "format_version": 9, "migrated_from": data.get("migrated_from") or 8}


def _v9_to_v10(data: dict) -> dict:
    """Format 10 fixes R17: a report a closed pact copied to a service straight from its
    originator is worth nothing to that service in an offer or an answer. The stored state
    needs nothing new and the game plays on under the fixed rule; its round hashes, made
    under the old one, cannot be checked."""
    return {**data, "format_version": 10, "migrated_from": data.get("migrated_from") or 9}


def _v10_to_v11(data: dict) -> dict:
    """Format 11 fixes R17 and R16: a report the asker offered, or either side passed to
    the other, is known to be held and worth nothing when handed back; and a report worth
    nothing to the partner gives no standing to ask. The stored state needs nothing new
    and the game plays on under the fixed rules; its round hashes, made under the old
    ones, cannot be checked."""
    return {**data, "format_version": 11, "migrated_from": data.get("migrated_from") or 10}


def _v11_to_v12(data: dict) -> dict:
    """Format 12 gives a court's disclosure a lasting cost (R28): the partner whose
    report was released shares with the disclosing nation's agencies only on imminent
    threats against it for some months. The state keeps those embargoes; an older game
    has none, and its round hashes, made without the field, cannot be checked."""
    return {**data, "state": {**data["state"], "embargoes": []}, "format_version": 12,
            "migrated_from": data.get("migrated_from") or 11}


def _v12_to_v13(data: dict) -> dict:
    """Format 13 lets a political rupture turn a relationship transactional (R28): for
    some months the lender extends less credit and gains trust more slowly. The state
    keeps those terms; an older game has none, and its round hashes, made without the
    field, cannot be checked."""
    return {**data, "state": {**data["state"], "strict_terms": []}, "format_version": 13,
            "migrated_from": data.get("migrated_from") or 12}


# One function per format step: MIGRATIONS[n] turns a version-n save into n+1. A step
# gets the header and body as one dict and returns them the same way.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4,
                                                 4: _v4_to_v5, 5: _v5_to_v6, 6: _v6_to_v7,
                                                 7: _v7_to_v8, 8: _v8_to_v9,
                                                 9: _v9_to_v10, 10: _v10_to_v11,
                                                 11: _v11_to_v12, 12: _v12_to_v13}


# --------------------------------------------------------------------------- writing
def encode(session: Session, name: str, when: datetime | None = None) -> bytes:
    """The file's bytes: the header line the Load list reads, then the body.

    The body is written once, as canonical JSON, and the checksum is taken over
    exactly those bytes; reading checks the same bytes without re-serialising.
    """
    state = session.state
    world = session.scenario.world
    body = {
        "scenario": session.raw,
        "seed": session.seed,
        "seats": {k: asdict(v) for k, v in session.seats.items()},
        "actions": [act.to_dict(a) for a in session.actions],
        "digests": list(state.history.digests),
        "state": state_to_dict(state),
    }
    if session.campaign is not None:
        body["campaign"] = session.campaign.to_dict()
    header = {
        "format_version": FORMAT_VERSION,
        "kind": "game" if session.campaign is None else "campaign",
        "game_id": session.game_id,
        "name": name[:NAME_CHARS],
        "saved_at": (when or datetime.now(UTC)).isoformat(timespec="microseconds"),
        "scenario_id": world.id,
        "scenario_title": world.title,
        "round": state.round,
        "month": world.month_label(state.round),
        "players": {k: s.human for k, s in session.seats.items() if s.human is not None},
        "group": None,
    }
    return seal(header, body)


def seal(header: dict, body: dict) -> bytes:
    """Join a header and a body into a save file's bytes, with the body's checksum.
    Keys of the body or an old checksum in `header` are ignored."""
    body_text = canonical(body)
    head = {"game": GAME, "format_version": header["format_version"],
            **{k: v for k, v in header.items()
               if k not in (*BODY, *OPTIONAL_BODY, "checksum", "game")},
            "checksum": hashlib.sha256(body_text).hexdigest()}
    return json.dumps(head, separators=(",", ":")).encode() + b"\n" + body_text


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over `path`.

    A failure at any point (a full disk, a killed process) leaves the old file as
    it was, and the temporary file is removed; one left by a killed process is
    removed at the next start (clean_stale_temps).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def clean_stale_temps(*directories: Path, older_than: float = STALE_TEMP_SECONDS) -> int:
    """Remove temporary files that interrupted saves left behind; returns how many.
    Young ones are left alone: another window may be writing them right now."""
    cutoff = time.time() - older_than
    removed = 0
    for directory in directories:
        for tmp in directory.glob(".*.tmp") if directory.is_dir() else ():
            with contextlib.suppress(OSError):
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
                    removed += 1
    return removed


def save(session: Session, path: Path, name: str | None = None,
         when: datetime | None = None) -> Path:
    data = encode(session, name or path.stem, when)
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise SaveError(f"Could not save to {path}: {exc.strerror or exc}. "
                        f"The previous save, if any, is untouched.") from None
    return path


def autosave(session: Session, directory: Path, kind: str) -> Path:
    """Save into the autosave folder, in the rotation of this game and kind: "dawn"
    (one a month, the last five) or "turn" (every end of turn and handover, the
    last three), so turn autosaves never push out the monthly ones, and two games
    never prune each other's."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    rotation = f"auto-{session.game_id[:12]}-{kind}-"
    path = save(session, directory / f"{rotation}{stamp}.json", AUTOSAVE_NAMES[kind])
    for old in sorted(directory.glob(f"{rotation}*.json"))[:-AUTOSAVES_KEPT[kind]]:
        with contextlib.suppress(OSError):
            old.unlink()
    return path


# --------------------------------------------------------------------------- reading
def _bytes(path: Path) -> bytes:
    """The whole file, unless it is over the size limit (then it is not read at all)."""
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            text = f.read(MAX_SAVE_BYTES + 1) if size <= MAX_SAVE_BYTES else b""
    except OSError as exc:
        raise SaveError(f"Could not open {path}: {exc.strerror or exc}.") from None
    if size > MAX_SAVE_BYTES or len(text) > MAX_SAVE_BYTES:
        raise SaveError(f"{path.name} is {max(size, len(text)) / 2**20:.0f} MB, more than a "
                        f"save can be ({MAX_SAVE_BYTES // 2**20} MB); it was not opened.")
    return text


def _json(text: bytes, path: Path):
    try:
        return json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise SaveError(f"{path.name} is not a saved game, or it was cut short "
                        f"(perhaps the computer stopped while saving). Try an autosave.") from None


def _version(data, path: Path) -> int:
    """The format of parsed header data; SaveError for anything the game cannot read."""
    if not isinstance(data, dict) or data.get("game") != GAME:
        raise SaveError(f"{path.name} is not a No Free Lunches save.")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SaveError(f"{path.name} has an unknown save format ({str(version)[:20]!r}).")
    if version > FORMAT_VERSION:
        raise SaveError(f"{path.name} was saved by a newer version of the game "
                        f"(format {version}; this one reads up to {FORMAT_VERSION}). "
                        f"Update the game to open it.")
    return version


def read(path: Path) -> dict:
    """The save's header and body as one dict, upgraded to the current format;
    SaveError if the file is unusable. The body's fields are not checked yet."""
    path = Path(path)
    text = _bytes(path)
    head_text, newline, body_text = text.partition(b"\n")
    if newline:  # format 3 on: a header line, then the body
        head = _json(head_text, path)
        version = _version(head, path)
        data = _json(body_text, path)
        if not isinstance(data, dict):
            raise SaveError(f"{path.name} is damaged: its body is not a mapping.")
        data = {**{k: v for k, v in head.items() if k not in (*BODY, *OPTIONAL_BODY)},
                **{k: data[k] for k in (*BODY, *OPTIONAL_BODY) if k in data}}
        checksum = hashlib.sha256(body_text).hexdigest()
    else:  # formats 1 and 2: one JSON object
        data = _json(text, path)
        version = _version(data, path)
        if version >= 3:
            raise SaveError(f"{path.name} is damaged: it has no header line.")
        checksum = (_v1_checksum(data) if version == 1 else _v2_checksum(text))
    missing = [k for k in BODY if k not in data]
    if missing:
        raise SaveError(f"{path.name} is incomplete: {', '.join(missing)} is missing.")
    if data.get("checksum") != checksum:
        raise SaveError(f"{path.name} was changed after it was saved (its checksum does "
                        f"not match), so it cannot be trusted. Try an autosave.")
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data)
        version = data["format_version"]
    SaveHeader.from_data(data, path.name)
    return data


def _v2_checksum(text: bytes) -> str | None:
    """Format 2 hashed the body as written: everything from its first key on. Inside a
    JSON string a quote is escaped, so the first `,"actions":` starts the body."""
    at = text.find(b',"actions":')
    return hashlib.sha256(b"{" + text[at + 1:]).hexdigest() if at >= 0 else None


def _v1_checksum(data: dict) -> str:
    """Format 1 hashed the body re-serialised as canonical JSON."""
    return hashlib.sha256(canonical({k: data.get(k) for k in BODY})).hexdigest()


def read_header(path: Path) -> SaveHeader:
    """The header alone: one bounded line of the file, never the body. A save of an
    older format has no header line, so it is read whole (within the size limit) and
    upgraded; saving it again gives it one."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            if os.fstat(f.fileno()).st_size > MAX_SAVE_BYTES:
                _bytes(path)  # refuses it, with the sizes
            line = f.readline(HEADER_MAX_BYTES + 1)
    except OSError as exc:
        raise SaveError(f"Could not open {path}: {exc.strerror or exc}.") from None
    if line.endswith(b"\n"):
        head = _json(line, path)
        if _version(head, path) == FORMAT_VERSION:
            return SaveHeader.from_data(head, path.name)
    return SaveHeader.from_data(read(path), path.name)


def load(path: Path) -> Session:
    """The saved game, ready to play on; SaveError naming the first field that is wrong."""
    return _session(read(path), Path(path).name)


def _session(data: dict, name: str) -> Session:
    try:
        scenario = check_scenario(data["scenario"])
        check_body(data, scenario)
        for key, stored in (("scenario_id", scenario.world.id),
                            ("round", data["state"]["round"])):
            if data[key] != stored:
                raise BadField(key, f"in the header is {data[key]!r}, but the body has "
                                    f"{stored!r}")
        actions = []
        for i, item in enumerate(data["actions"]):
            try:
                actions.append(act.from_dict(item))
            except ValueError as exc:
                raise BadField(f"actions[{i}]", f"is not an action ({exc})") from None
        state = state_from_dict(scenario, data["state"])
        campaign = _progress(data, scenario)
    except (BadField, KeyError, TypeError, ValueError, IndexError) as exc:
        raise SaveError(f"{name} is damaged and cannot be loaded: {exc}.") from None
    seats = {k: Seat(v["human"], v["personality"], v["difficulty"])
             for k, v in data["seats"].items()}
    return Session(data["scenario"], scenario, data["seed"], seats, state, actions,
                   game_id=data["game_id"], campaign=campaign)


def _progress(data: dict, scenario) -> Progress | None:
    """A campaign save's progress, checked against its kind and its chapter's game."""
    if data["kind"] != "campaign":
        if "campaign" in data:
            raise BadField("campaign", "is there, but the save is not of kind campaign")
        return None
    if "campaign" not in data:
        raise BadField("campaign", "is missing from a save of kind campaign")
    progress = Progress.from_dict(data["campaign"])
    if progress.finished:
        raise BadField("campaign.chapter", "is past the last chapter")
    if progress.current.scenario != scenario.world.id:
        raise BadField("campaign.chapter", f"is {progress.current.scenario!r}, but the "
                                           f"game is {scenario.world.id!r}")
    return progress


# --------------------------------------------------------------------------- folders
@dataclass(frozen=True)
class Listed:
    """A file in a saves folder that begins like a save: its header, or why not."""

    path: Path
    header: SaveHeader | None
    problem: str | None
    when: datetime  # the header's date; for a damaged file, the file's


def _looks_like_save(path: Path) -> bool:
    """Saves begin with their header (format 3) or their format (1 and 2): this keeps
    settings.json and other files out of the Load list, while a save cut short or
    damaged after its first bytes is still listed with its problem."""
    try:
        with open(path, "rb") as f:
            start = f.read(32)
    except OSError:
        return False
    return start.startswith((b'{"game":"' + GAME.encode() + b'"', b'{"format_version":'))


def saves_in(*directories: Path) -> list[Listed]:
    """Every save in the folders, newest first by its header, each read by its header
    only (a damaged one by its file's date)."""
    found = []
    for directory in directories:
        for path in sorted(directory.glob("*.json")) if directory.is_dir() else ():
            if not _looks_like_save(path):
                continue
            try:
                head = read_header(path)
                found.append(Listed(path, head, None, head.when))
            except SaveError as exc:
                with contextlib.suppress(OSError):  # gone meanwhile: another window pruned it
                    when = datetime.fromtimestamp(path.stat().st_mtime, UTC)
                    found.append(Listed(path, None, str(exc), when))
    return sorted(found, key=lambda item: item.when, reverse=True)


def newest_loadable(*directories: Path) -> tuple[Path, Session] | None:
    """'Continue': the newest save (by its header) that loads, and its game; broken
    ones are skipped."""
    for item in saves_in(*directories):
        if item.header is None:
            continue
        try:
            return item.path, load(item.path)
        except SaveError:
            continue
    return None


# --------------------------------------------------------------------------- replay
def replay_check(path: Path) -> tuple[bool, str]:
    """`replay`: rebuild the game from seed and log; compare every round's hash, then
    the final state with the stored one. (matches, a line saying so) - or SaveError."""
    data = read(path)
    session = _session(data, Path(path).name)
    if data.get("migrated_from", FORMAT_VERSION) < HASHES_FROM:
        return False, (f"{path} was saved by an older version of the game (format "
                       f"{data['migrated_from']}); its round hashes were made under that "
                       f"version's rules and cannot be checked by this one. It still loads "
                       f"and plays on.")
    replayed = session.replay()
    stored, again = data["digests"], replayed.history.digests
    first_bad = next((i + 1 for i, (a, b) in enumerate(zip(stored, again, strict=False))
                      if a != b), None)
    if first_bad is None and len(stored) != len(again):
        first_bad = min(len(stored), len(again)) + 1
    if first_bad is not None:
        return False, f"{path}: replay differs from the save at round {first_bad}."
    if digest(replayed) != digest(session.state):
        return False, (f"{path}: every round hash matches, but the replayed game ends in a "
                       f"different state from the one stored in the save.")
    return True, (f"{path}: {len(session.actions)} actions replayed; all {len(stored)} round "
                  f"hashes match, and so does the final state.")
