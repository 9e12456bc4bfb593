"""Saves: plain JSON (never a Python object dump), versioned, checksummed, written atomically.

A save holds the resolved scenario data (so it outlives edits to the mod), the
seed, the seats, the whole action log, the state hash after every round, and
the state itself with the generator's bit-generator state. Loading trusts the
stored state (fast) once its checksum matches; `replay --verify` rebuilds the
game from seed and log and compares every round's hash.

Every way a file can be wrong — not JSON, truncated, from a newer game, of an
unknown format, altered by hand — ends in a `SaveError` whose message a
teacher can act on, and never in a traceback.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from game.core import actions as act
from game.core.codec import canonical, state_from_dict, state_to_dict
from game.paths import autosave_dir, save_dir
from game.scenario.loader import ScenarioError, build
from game.session import Seat, Session

FORMAT_VERSION = 3
BODY = ("scenario", "seed", "seats", "actions", "digests", "state")
SAVE_DIR = save_dir()
AUTOSAVE_DIR = autosave_dir()
AUTOSAVES_KEPT = 5



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
    """Format 3 is the reworked reciprocity of docs/rules.md ("Changes from the
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
    data.update(scenario=scenario, state=state, format_version=3,
                migrated_from=data.get("migrated_from") or 2)
    return data


# One function per format step: MIGRATIONS[n] turns a version-n save into n+1.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2, 2: _v2_to_v3}


class SaveError(Exception):
    """A save that cannot be written or read; the message is for the player."""


# --------------------------------------------------------------------------- writing
def encode(session: Session, name: str, when: datetime | None = None) -> bytes:
    """The file's bytes: a header the load dialog reads, then the body.

    The body is written once, as canonical JSON, and the checksum is taken over
    exactly those bytes; reading checks the same bytes without re-serialising.
    """
    state = session.state
    body = {
        "scenario": session.raw,
        "seed": session.seed,
        "seats": {k: asdict(v) for k, v in session.seats.items()},
        "actions": [act.to_dict(a) for a in session.actions],
        "digests": list(state.history.digests),
        "state": state_to_dict(state),
    }
    header = {
        "format_version": FORMAT_VERSION,
        "game": "no-free-lunches",
        "name": name,
        "saved_at": (when or datetime.now(UTC)).isoformat(timespec="seconds"),
        "scenario_id": session.scenario.world.id,
        "scenario_title": session.scenario.world.title,
        "round": state.round,
        "month": session.scenario.world.month_label(state.round),
        "humans": sorted(s.human for s in session.seats.values() if s.is_human),
    }
    return seal(header, body)


def seal(header: dict, body: dict) -> bytes:
    """Join a header and a body into a save file's bytes, with the body's checksum."""
    body_text = canonical(body)  # sorted keys: it begins with {"actions":
    head = {**{k: v for k, v in header.items() if k not in BODY},
            "checksum": hashlib.sha256(body_text).hexdigest()}
    return json.dumps(head, separators=(",", ":")).encode()[:-1] + b"," + body_text[1:]


def _body_checksum(text: bytes) -> str | None:
    """The checksum of the body as written: everything from its first key on. Inside a
    JSON string a quote is escaped, so the first `,"actions":` starts the body."""
    at = text.find(b',"actions":')
    return hashlib.sha256(b"{" + text[at + 1:]).hexdigest() if at >= 0 else None


def _v1_checksum(body: dict) -> str:
    """Format 1 hashed the body re-serialised as canonical JSON."""
    return hashlib.sha256(canonical(body)).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over `path`.

    A failure at any point (a full disk, a killed process) leaves the old file as
    it was, and the temporary file is removed.
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


def save(session: Session, path: Path, name: str | None = None,
         when: datetime | None = None) -> Path:
    data = encode(session, name or path.stem, when)
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise SaveError(f"Could not save to {path}: {exc.strerror or exc}. "
                        f"The previous save, if any, is untouched.") from None
    return path


def autosave(session: Session, directory: Path = AUTOSAVE_DIR) -> Path:
    """Save into the autosave folder and keep only the newest five."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    world = session.scenario.world
    path = save(session, directory / f"auto-{stamp}-{world.id}-r{session.state.round:02d}.json",
                f"Autosave: {world.title}, {world.month_label(session.state.round)}")
    for old in sorted(directory.glob("auto-*.json"))[:-AUTOSAVES_KEPT]:
        with contextlib.suppress(OSError):
            old.unlink()
    return path


# --------------------------------------------------------------------------- reading
def read(path: Path) -> dict:
    """The save's data, migrated to the current format; SaveError if unusable."""
    try:
        text = Path(path).read_bytes()
    except OSError as exc:
        raise SaveError(f"Could not open {path}: {exc.strerror or exc}.") from None
    try:
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SaveError(f"{Path(path).name} is not a saved game, or it was cut short "
                        f"(perhaps the computer stopped while saving). Try an autosave.") from None
    if not isinstance(data, dict) or data.get("game") != "no-free-lunches":
        raise SaveError(f"{Path(path).name} is not a No Free Lunches save.")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SaveError(f"{Path(path).name} has an unknown save format ({version!r}).")
    if version > FORMAT_VERSION:
        raise SaveError(f"{Path(path).name} was saved by a newer version of the game "
                        f"(format {version}; this one reads up to {FORMAT_VERSION}). "
                        f"Update the game to open it.")
    missing = [k for k in BODY if k not in data]
    if missing:
        raise SaveError(f"{Path(path).name} is incomplete: {', '.join(missing)} is missing.")
    checksum = (_v1_checksum({k: data[k] for k in BODY}) if version == 1
                else _body_checksum(text))
    if data.get("checksum") != checksum:
        raise SaveError(f"{Path(path).name} was changed after it was saved (its checksum does "
                        f"not match), so it cannot be trusted. Try an autosave.")
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data)
        version = data["format_version"]
    return data


def load(path: Path) -> Session:
    body = read(path)
    name = Path(path).name
    try:
        scenario = build(body["scenario"], name)
        state = state_from_dict(scenario, body["state"])
        actions = [act.from_dict(a) for a in body["actions"]]
        seats = {k: Seat(**v) for k, v in body["seats"].items()}
    except (ScenarioError, KeyError, TypeError, ValueError, IndexError) as exc:
        raise SaveError(f"{name} is damaged and cannot be loaded ({exc}).") from None
    return Session(body["scenario"], scenario, body["seed"], seats, state, actions)


def describe(path: Path) -> dict | None:
    """What the load dialog shows — name, scenario, month, date, human players —
    and nothing a player should not see; None for a file that is not a save."""
    try:
        data = read(path)
    except SaveError:
        return None
    keys = ("name", "scenario_title", "round", "month", "saved_at", "humans")
    return {k: data.get(k) for k in keys} | {"path": str(path)}


def saves_in(*directories: Path) -> list[Path]:
    """Save files, newest first."""
    found = [p for d in directories if d.is_dir() for p in d.glob("*.json")]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def newest_loadable(*directories: Path) -> Session | None:
    """'Continue': the newest save that loads, skipping broken ones."""
    for path in saves_in(*directories):
        try:
            return load(path)
        except SaveError:
            continue
    return None


def verify(session: Session, digests: list[str]) -> int | None:
    """Replay the log from the seed; the first round whose hash differs, else None."""
    state = session.replay()
    replayed = state.history.digests
    for i, (want, got) in enumerate(zip(digests, replayed, strict=False)):
        if want != got:
            return i + 1
    if len(replayed) != len(digests):
        return min(len(replayed), len(digests)) + 1
    return None
