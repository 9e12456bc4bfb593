"""R10/R11/R21: what an agency's (or a pool's) reports on one threat add up to.

One function computes the picture for a single agency, for a joint pool, for
the view and for the operation itself, so the number a player is shown is the
number the dice use.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from game.core.records import Report, Threat


@dataclass(frozen=True)
class Held:
    """A report as it counts for a picture: whose it is and whether it is caveated."""

    report: Report
    holder: int
    info_only: bool
    worthless: bool = False  # R27: false, though its holder cannot tell


@dataclass(frozen=True)
class Picture:
    threat: int
    counted: tuple[tuple[int, int], ...]  # (report id, holder) of the reports that count
    coverage: float  # R10
    quality: float  # mean quality of the counted reports
    strength: float  # R11/R21: sum of counted, uncaveated quality / fragments needed
    missing: tuple[int, ...]  # fragments still needed per discipline
    all_source: bool  # R11: at least one report in every discipline the threat needs

    def bare(self, needs: tuple[int, ...]) -> list[int]:
        """R11: the needed disciplines it holds nothing in (what stops it being all-source);
        `needs` are its threat's."""
        return [d for d, n in enumerate(needs) if n and self.missing[d] == n]

    def eligible(self, min_coverage: float) -> bool:
        """R11: an operation needs an all-source picture with enough coverage."""
        return self.all_source and self.coverage >= min_coverage - 1e-9


def picture(threat: Threat, held: Iterable[Held]) -> Picture:
    """Count, per needed discipline, the best reports up to the number needed.

    Uncaveated reports are preferred, then higher quality: a caveated report
    fills the picture but adds nothing to an operation's chance (R21).
    """
    by_discipline: dict[int, dict[int, Held]] = {}
    for h in held:
        if h.report.threat != threat.id:
            continue
        slot = by_discipline.setdefault(h.report.discipline, {})
        best = slot.get(h.report.id)
        if best is None or (best.info_only and not h.info_only):
            slot[h.report.id] = h
    counted: list[Held] = []
    missing: list[int] = []
    all_source = True
    for d, need in enumerate(threat.needs):
        if need <= 0:
            missing.append(0)
            continue
        options = sorted(
            by_discipline.get(d, {}).values(),
            key=lambda h: (h.info_only, -h.report.quality, h.report.id),
        )[:need]
        counted.extend(options)
        missing.append(need - len(options))
        all_source = all_source and bool(options)
    total = sum(threat.needs)
    coverage = len(counted) / total if total else 0.0
    quality = sum(h.report.quality for h in counted) / len(counted) if counted else 0.0
    strength = sum(h.report.quality for h in counted
                   if not h.info_only and not h.worthless) / total if total else 0.0
    return Picture(
        threat=threat.id,
        counted=tuple((h.report.id, h.holder) for h in counted),
        coverage=coverage,
        quality=quality,
        strength=strength,
        missing=tuple(missing),
        all_source=all_source,
    )
