"""R5-R7: budgets, collection programmes and the dawn yield of reports."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from game.core.actions import SetProgramme
from game.core.records import BUDGET, Copy, Event, Report, Threat
from game.core.state import COLLECTION, GameState, IllegalAction


def unit_costs(state: GameState) -> np.ndarray:
    return np.array([d.cost for d in state.rules.disciplines], dtype=float)


def expected_reports(rate, level, capability, access):
    """R7: the mean number of reports a programme brings in each month on each active
    plot in its region that needs its discipline: rate x level x capability x access.
    Works on numbers and on numpy arrays alike (the dawn draws with it)."""
    return rate * level * capability * access


def income(state: GameState) -> None:
    """R5: carry over at most one round's worth, then add the round's budget."""
    world = state.world
    incomes = np.array([a.budget for a in world.agencies], dtype=float)
    cap = incomes * state.rules.carry_over_rounds
    kept = np.minimum(state.budget, cap)
    before = state.budget
    state.budget = kept + incomes
    for a in range(state.n_agencies):
        if kept[a] != before[a]:
            state.record(a, BUDGET, "carry_cap", float(kept[a]) - float(before[a]))
        state.record(a, BUDGET, "income", float(state.budget[a]) - float(kept[a]))


def charge(state: GameState, events: list[Event]) -> None:
    """R5/R6: pay every standing programme; cut orders that the budget cannot carry.

    Orders are cut from the most expensive cell down, one level at a time, so
    the budget never goes below zero and the cut is predictable.
    """
    costs = unit_costs(state)
    world = state.world
    for a in range(state.n_agencies):
        total = float((state.orders[a] * costs).sum())
        cut: list[str] = []
        while total > state.budget[a] + 1e-9:
            spend = state.orders[a] * costs
            r, d = np.unravel_index(int(np.argmax(spend)), spend.shape)
            state.orders[a, r, d] -= 1
            total -= costs[d]
            cut.append(f"{world.rules.disciplines[d].id} in {world.regions[r].name}")
        if total:
            state.change_budget(a, -total, "programmes", note=str(int(state.orders[a].sum())))
        if cut:
            state.emit(
                events, "programme_cut",
                f"Funds ran short: collection cut ({', '.join(cut)}).", seats=(a,),
            )
    state.paid = state.orders.copy()


def collect(state: GameState, events: list[Event]) -> list[int]:
    """R7: draw every agency's new fragments at once; returns the new report ids."""
    active = [t for t in state.threats if t.active]
    if not active:
        return []
    world = state.world
    coll = state.rules.collection
    capability = np.array([a.capability for a in world.agencies])  # [A, D]
    access = np.array([a.access for a in world.agencies])  # [A, R]
    regions = np.array([t.region for t in active])
    needs = np.array([t.needs for t in active]) > 0  # [T, D]
    levels = state.paid[:, regions, :]  # [A, T, D]
    lam = expected_reports(coll.rate, levels, capability[:, None, :],
                           access[:, regions][:, :, None])
    lam = lam * needs[None, :, :]
    dice = [state.chance(COLLECTION, a) for a in range(len(world.agencies))]
    counts = np.stack([g.poisson(lam[a]) for a, g in enumerate(dice)])
    a_idx, t_idx, d_idx = np.nonzero(counts)
    n = counts[a_idx, t_idx, d_idx]
    owners = np.repeat(a_idx, n)
    loc = np.repeat(capability[a_idx, d_idx], n)
    quality = np.empty(len(loc))
    for a, g in enumerate(dice):
        mine = owners == a
        quality[mine] = g.normal(loc[mine], coll.quality_sd)
    quality = np.clip(quality, coll.quality_min, coll.quality_max)
    threats = np.repeat(t_idx, n)
    disciplines = np.repeat(d_idx, n)
    new_ids: list[int] = []
    per_agency: dict[int, int] = {}
    for owner, t, d, q in zip(owners.tolist(), threats.tolist(), disciplines.tolist(),
                              quality.tolist(), strict=True):
        new_ids.append(_file(state, owner, active[t].id, d, q))
        per_agency[owner] = per_agency.get(owner, 0) + 1
    for owner, count in sorted(per_agency.items()):
        state.emit(events, "collected", f"Collection produced {count} new report(s).",
                   seats=(owner,), count=count)
    return new_ids


def tasked(state: GameState, owner: int, threat: Threat, disciplines: Iterable[int],
           dice: np.random.Generator) -> list[int]:
    """R15: one month's yield of the owner's collection on one threat, tasked by an
    honest ask: as a programme at `rules.collection.tasking` in each of `disciplines`
    would bring in at dawn (R7, the owner's capability and access). Returns the new
    report ids, the owner's own."""
    coll = state.rules.collection
    agency = state.world.agencies[owner]
    ds = np.array(sorted(disciplines), dtype=int)
    capability = np.array(agency.capability, dtype=float)[ds]
    lam = expected_reports(coll.rate, coll.tasking, capability, agency.access[threat.region])
    counts = dice.poisson(lam)
    each = np.repeat(ds, counts)
    quality = np.clip(dice.normal(np.repeat(capability, counts), coll.quality_sd),
                      coll.quality_min, coll.quality_max)
    return [_file(state, owner, threat.id, d, q)
            for d, q in zip(each.tolist(), quality.tolist(), strict=True)]


def _file(state: GameState, owner: int, threat: int, discipline: int, quality: float) -> int:
    """A newly collected report, held by its originator; returns its id."""
    report = Report(len(state.reports), threat, discipline, round(quality, 6), owner,
                    state.round)
    state.reports.append(report)
    state.add_copy(owner, Copy(report.id, (owner,), state.round))
    return report.id


def set_programme(state: GameState, seat: int, action: SetProgramme) -> list[Event]:
    """R6/R5: raising a level is paid at once for this month and gives standing now;
    lowering saves money from the next dawn on (this month is already paid)."""
    world = state.world
    try:
        r = world.region_index(action.region)
        d = world.discipline_index(action.discipline)
    except (KeyError, TypeError) as exc:
        raise IllegalAction(f"Unknown region or discipline: {exc}") from None
    max_level = state.rules.collection.max_level
    if not isinstance(action.level, int) or not 0 <= action.level <= max_level:
        raise IllegalAction(f"A programme level is 0 to {max_level}.")
    if action.level == state.orders[seat, r, d]:
        raise IllegalAction("That programme is already at this level.")
    extra = raise_cost(state, seat, r, d, action.level)
    if extra > state.budget[seat] + 1e-9:
        raise IllegalAction(
            f"Raising {action.discipline} in {world.regions[r].name} to {action.level} costs "
            f"{extra:g} now; you have {state.budget[seat]:.1f}."
        )
    if extra:
        state.change_budget(seat, -extra, "raise", r, world.rules.disciplines[d].id)
    state.orders[seat, r, d] = action.level
    state.paid[seat, r, d] = max(int(state.paid[seat, r, d]), action.level)
    return []


def raise_cost(state: GameState, seat: int, r: int, d: int, level: int) -> float:
    """What SetProgramme to `level` would charge now (0 for a lowering)."""
    return max(0, level - int(state.paid[seat, r, d])) * state.rules.disciplines[d].cost
