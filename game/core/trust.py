"""R19/R20/R22: trust drift toward its baseline, pact floors, and third-party breaches."""

from __future__ import annotations

import numpy as np

from game.core.records import MOLE_ACTIVE, Event
from game.core.state import BREACH, GameState


def floors(state: GameState) -> np.ndarray:
    """R22: the trust floor every pair of pact members keeps with each other."""
    n = state.n_agencies
    floor = np.zeros((n, n))
    for pact, members in state.pact_members():
        idx = np.array(members)
        block = floor[np.ix_(idx, idx)]
        floor[np.ix_(idx, idx)] = np.maximum(block, pact.trust_floor)
    np.fill_diagonal(floor, 0.0)
    return floor


def baseline(state: GameState) -> np.ndarray:
    """R19: trust drifts toward a value derived from the nations' relation, or the
    pact floor when that is higher."""
    rules = state.rules.trust
    nations = np.array([state.nation_of(a) for a in range(state.n_agencies)])
    relation = state.relations[np.ix_(nations, nations)]
    base = np.clip(rules.baseline + rules.per_relation * relation, 0.0, 100.0)
    return np.maximum(base, floors(state))


def initial(state: GameState) -> np.ndarray:
    """Starting trust: the baseline, overridden by the scenario's `trust:` entries."""
    trust = baseline(state)
    world = state.world
    for frm, to, v in world.trust:
        trust[world.agency_index(frm), world.agency_index(to)] = v
    np.fill_diagonal(trust, 100.0)
    return trust


def drift(state: GameState) -> None:
    """R19/R24: close a share of the gap to baseline; postings add trust in the sender."""
    rules = state.rules.trust
    trust = state.trust + rules.drift * (baseline(state) - state.trust)
    for sender, host in state.postings:
        trust[host, sender] += state.rules.posting.trust_per_round
    trust = np.maximum(trust, floors(state))
    np.fill_diagonal(trust, 100.0)
    state.trust = np.clip(trust, 0.0, 100.0)


def _penetrated(state: GameState, agency: int) -> bool:
    """R20/R25: a mole is at work in the agency, copying what it holds to its service."""
    mole = state.active_mole(agency)
    return mole is not None and mole.status == MOLE_ACTIVE


def discover_breaches(state: GameState, events: list[Event]) -> None:
    """R20: each round every undiscovered breach may come out; it costs the passer
    trust with the originator. Open courts in the receiving nation raise the risk, and
    so does a mole at work in the recipient (the report is read where it should not be,
    and word of it gets back), which only the dice know of."""
    if not state.breaches:
        return
    world = state.world
    extra = state.rules.third_party.penetrated
    chance = np.array([world.breach_chance(b.recipient)
                       + (extra if _penetrated(state, b.recipient) else 0.0)
                       for b in state.breaches])
    found = state.chance(BREACH).random(len(chance)) < chance
    kept = []
    for breach, hit in zip(state.breaches, found.tolist(), strict=True):
        if not hit:
            kept.append(breach)
            continue
        loss = state.rules.trust.breach_loss
        o, p = breach.originator, breach.passer
        state.trust[o, p] = max(0.0, state.trust[o, p] - loss)
        state.emit(
            events, "breach",
            f"Third-party rule broken: {world.agencies[p].id} passed a report of "
            f"{world.agencies[o].id}'s to {world.agencies[breach.recipient].id} without "
            f"consent. {world.agencies[o].id}'s trust falls by {loss:g}.",
            seats=(o, p), report=breach.report,
        )
    state.breaches = kept
