"""The classroom export: an HTML page with PNG charts and a CSV of the rounds."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import pygame

from game.debrief.charts import line_chart, short_month
from game.debrief.reveal import Reveal, outcome, scoreboard
from game.paths import debrief_dir
from game.persistence import write_atomic

DEBRIEF_DIR = debrief_dir()


def charts(r: Reveal, font: pygame.font.Font, palette: Mapping,
           size=(760, 300)) -> dict[str, pygame.Surface]:
    """The debrief's charts in the player's palette (game/ui/look.py)."""
    months = [short_month(m) for m in r.months]
    return {
        "scores": line_chart(size, "Share of the team's target (%), per month",
                             *target_shares(r), months, font, palette),
        "reputation": line_chart(size, "Reputation (mean trust of the others)", r.agencies,
                                 list(r.reputation_history), months, font, palette),
        "damage": line_chart(size, "Total damage", ("damage",),
                             [(d,) for d in r.damage_history], months, font, palette,
                             r.catastrophe_line),
    }


def target_shares(r: Reveal) -> tuple[tuple[str, ...], list[tuple[float, ...]]]:
    """Each team that may win, and its share of its target (%) month by month. The win
    goes to the largest share (R31), not the largest score: a playtest read the raw
    scores as a race that the small CSE had lost, and CSE had won."""
    winnable = {nation for nation, may in zip(r.nations, r.may_win, strict=True) if may}
    teams = [(label, i) for label, i in r.teams() if r.nations[i] in winnable]
    return (tuple(label for label, _ in teams),
            [tuple(100 * row[i] / r.targets[i] for _, i in teams) for row in r.score_history])


def export(r: Reveal, font: pygame.font.Font, palette: Mapping,
           directory: Path = DEBRIEF_DIR) -> Path:
    """Write `<stamp>/debrief.html`, its PNG charts and `rounds.csv`; return the HTML path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = directory / f"{stamp}-{r.title.lower().replace(' ', '-')}"
    folder.mkdir(parents=True, exist_ok=True)
    for name, surface in charts(r, font, palette).items():
        pygame.image.save(surface, str(folder / f"{name}.png"))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["month", "damage", *[f"score_{a}" for a in r.agencies],
                     *[f"reputation_{a}" for a in r.agencies]])
    for month, dmg, sc, rep in zip(r.months, r.damage_history, r.score_history,
                                   r.reputation_history, strict=False):
        writer.writerow([month, dmg, *sc, *rep])
    write_atomic(folder / "rounds.csv", out.getvalue().encode())
    write_atomic(folder / "debrief.html", page(r).encode())
    return folder / "debrief.html"


def page(r: Reveal) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(a)}</td><td>{e(r.humans.get(a, 'AI'))}</td><td>{s:.1f}</td>"
        + (f"<td>{t:.0f}</td><td>{s / t:.0%}</td></tr>" if may_win
           else "<td colspan=2>cannot win</td></tr>")
        for a, s, t, may_win in scoreboard(r))
    threats = "".join(
        f"<tr><td>{e(n)}</td><td>{e(k)}</td><td>{r.months[s - 1]}</td>"
        f"<td>{r.months[min(end, len(r.months)) - 1]}</td><td>{e(st)}</td><td>{sev}</td></tr>"
        for n, k, s, end, st, sev in r.threats)

    def items(lines):
        return "".join(f"<li>{e(x)}</li>" for x in lines) or "<li>None.</li>"

    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Debrief: {e(r.title)}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}}
table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:.2em .6em}}</style>
</head><body>
<h1>Debrief: {e(r.title)}</h1>
<p>{e(r.months[0])} to {e(r.months[-1])}. {e(outcome(r))}</p>
<h2>Scoreboard</h2><table><tr><th>Agency</th><th>Player</th><th>Score</th><th>Target</th><th>Share</th></tr>
{rows}</table>
<h2>Over the months</h2>
<img src="scores.png" alt="Share of each team's target per month, one line per team">
<img src="reputation.png" alt="Reputation per month">
<img src="damage.png" alt="Total damage against the catastrophe line">
<p>The numbers are in <a href="rounds.csv">rounds.csv</a>.</p>
<h2>Threats</h2><table><tr><th>Threat</th><th>Kind</th><th>Appeared</th><th>Ended</th>
<th>Outcome</th><th>Severity</th></tr>{threats}</table>
<h2>Moles</h2><ul>{items(r.moles)}</ul>
<h2>Breaches of the third-party rule</h2><ul>{items(r.breaches)}</ul>
<h2>Disinformation</h2><ul>{items(r.disinformation)}</ul>
<h2>Decisions, and what really happened</h2><ul>{items(r.decisions)}</ul>
<h2>What the AI agencies did, and why</h2><ul>{items(r.reasons)}</ul>
<h2>For discussion</h2><ul>
<li>Exchanges proposed: {r.exchanges['proposed']}, accepted: {r.exchanges['accepted']},
answered "we have nothing": {r.exchanges['canned']}, refused: {r.exchanges['refused']}.</li>
<li>Which refusals cost the most? Which trades made an operation possible?</li>
<li>Was anyone a free rider, and did the others notice?</li></ul>
</body></html>
"""
