"""The monthly report laid out as text-box HTML: on the board each month, and in the
debrief for each player's last month (the game ends before another month opens).

Every number is the report's (game.core.report); this only lays its lines out, in
headings and short lines, for a box that scrolls.
"""

from __future__ import annotations

from game.core.records import ACCEPTED, NOTHING, WITHDRAWN
from game.core.spec import World
from game.core.view import MonthReport
from game.ui.app import esc


def money(x: float) -> str:
    """An amount of budget: whole when it is (nearly) whole, else to one decimal."""
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"


def signed_money(x: float) -> str:
    """A change of budget, with its sign, as `money` writes the amount."""
    return f"{x:+.0f}" if abs(x - round(x)) < 0.05 else f"{x:+.1f}"


def report_lines(world: World, me: str, r: MonthReport, muted: str,
                 heading: str = "") -> list[str]:
    """`me`: the seat's agency id; `heading` replaces the report's own first line."""

    def line(amount: str, label: str) -> str:
        return f"  {amount}  {esc(label)}"

    def note(text: str) -> str:
        return f"<font color='{muted}'>{esc(text)}</font>"

    out = [heading or f"<b>Monthly report — {esc(r.month)}</b> {note(f'(since {r.since})')}",
           f"<b>Budget</b>: from {money(r.budget_before)} to {money(r.budget_after)}"]
    month = None
    for item in r.budget:
        if item.round != month and len({i.round for i in r.budget}) > 1:
            month = item.round
            out.append(note(world.month_label(month) + ":"))
        out.append(line(signed_money(item.amount), item.label))
    out.append(f"<b>Score</b>: from {r.score_before:.1f} to {r.score_after:.1f}"
               + ("" if r.score else " " + note("(no change)")))
    out += [line(f"{item.amount:+.1f}", item.label) for item in r.score]
    if r.threats:
        out.append("<b>Threats ended</b>")
    for t in r.threats:
        if t.outcome == "foiled":
            how = (f"foiled by {', '.join('you' if a == me else a for a in t.by)}"
                   if t.by else f"foiled; your team's {', '.join(t.team)} took part"
                   if t.team else "foiled by a service not named to you")
        else:
            how = (f"struck {', '.join(t.targets)} (severity {t.severity}: damage "
                   f"+{t.damage}" + (f", {t.severity} for each nation)" if len(t.targets) > 1
                                     else ")"))
        sources = "; reports from " + ", ".join(f"{a} ×{n}" for a, n in t.sources) \
            if t.sources else ""
        effect = f"; your score {t.score:+.1f}" if t.score else ""
        out.append(f"• {esc(t.name)}: {esc(how + sources)}{effect}")
    if r.answers:
        out.append("<b>Answers to your cables</b>")
    for a in r.answers:
        if a.status == NOTHING:
            what = f"on {a.asked}: nothing (the rules answered: {a.reason})"
        elif a.status == WITHDRAWN:
            what = (f"on {a.asked}: withdrawn, for you joined another operation against it; "
                    f"your share came back (R12)")
        elif a.kind != "exchange":
            what = f"on {a.asked}: " + ("joined" if a.status == ACCEPTED else "declined")
        elif a.asked == "a gift":
            what = (f"{'accepted' if a.status == ACCEPTED else 'refused'} your gift of "
                    f"{a.offered} report(s), worth {a.value_offered:.1f} to them")
        elif a.status == ACCEPTED:
            # Which reports, by the Reports tab's numbers: a playtester looked there for
            # "CIA's report" and found none, for it was another service's, passed on.
            ids = ", ".join(f"#{r}" for r in a.given)
            gave = (f"gave {len(a.given)} report(s) ({ids}) worth {a.value_given:.1f} to you"
                    if a.given else "gave nothing")
            if a.tasked:
                gave += f" ({a.tasked} from the collection your ask tasked, R15)"
            paid = (f"for your {a.offered} report(s) worth {a.value_offered:.1f} to them"
                    if a.offered else "for an offer of nothing")
            what = (f"on {a.asked}: {gave}, {paid}"
                    + (" (the R18 cap kept back more they held)" if a.capped else ""))
        else:
            what = f"on {a.asked}: refused"
        why = f" — “{esc(a.reason)}”" if a.reason and a.status != NOTHING else ""
        out.append(f"• {a.partner} {esc(what)}{why}")
    if r.events:
        out.append("<b>Events</b>")
    for e in r.events:
        then = f": {esc('; '.join(e.consequences))}" if e.consequences else ""
        out.append(f"• {esc(e.title)} — {esc(e.status)}{then}")
    news = [e for e in r.news if e.kind != "dawn"]
    if news:
        out.append("<b>Other news</b>")
        out += [f"• {esc(e.text)}" for e in news[-30:]]
    return out
