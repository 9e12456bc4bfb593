"""`python main.py balance`: the balance bars of DESIGN §5, measured, as a markdown table.

For each shipped scenario: the share of threats foiled, the catastrophe rate
and the highest win rate with all seats AI at their scenario personalities;
then the first playable agency's mean score as reciprocal, free_rider and a
never-sharing bot, with the others unchanged.
"""

from __future__ import annotations

from game.scenario.loader import read_raw, scenario_paths
from game.sim import simulate

BARS = ("foiled 30-85%, catastrophe 5-35%, no win rate above 60%, "
        "reciprocal > free_rider and never_share")


def measure(games: int, seed: int) -> list[dict]:
    rows = []
    for path in scenario_paths():
        raw = read_raw(path)
        s = simulate(raw, games, seed, progress=False)
        agency = next(a["id"] for a in raw["agencies"] if a.get("playable", True))
        scores = {p: simulate(raw, games, seed, {agency: p}, progress=False)["agencies"][agency]
                  ["mean_score"] for p in ("reciprocal", "free_rider", "never_share")}
        t = s["threats"]
        rows.append({
            "scenario": s["scenario"], "foiled": t["foiled"] / max(1, t["spawned"]),
            "catastrophe": s["catastrophe_rate"],
            "max_win": max(a["win_rate"] for a in s["agencies"].values()),
            "agency": agency, **scores,
        })
    return rows


def holds(r: dict) -> bool:
    return (0.30 <= r["foiled"] <= 0.85 and 0.05 <= r["catastrophe"] <= 0.35
            and r["max_win"] <= 0.60 and r["reciprocal"] > r["free_rider"]
            and r["reciprocal"] > r["never_share"])


def table(rows: list[dict]) -> str:
    lines = ["| scenario | foiled | catastrophe | top win rate | agency | reciprocal | "
             "free_rider | never_share | bars |", "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        ok = holds(r)
        lines.append(f"| {r['scenario']} | {r['foiled']:.0%} | {r['catastrophe']:.0%} | "
                     f"{r['max_win']:.0%} | {r['agency']} | {r['reciprocal']:.1f} | "
                     f"{r['free_rider']:.1f} | {r['never_share']:.1f} | "
                     f"{'hold' if ok else 'MISSED'} |")
    return "\n".join(lines)
