"""The board, the hot-seat handover and the AI-at-work screen.

Everything a board shows comes from one `PlayerView`, rebuilt after each
action; the full state is never handed to it. Text widgets are rebuilt when the
game changes, not every frame.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UIProgressBar, UITextBox

from game.controller import GameController
from game.core import IllegalAction
from game.core.actions import (
    EndTurn,
    LaunchOperation,
    PostOfficer,
    ProposeExchange,
    ProposeJointOperation,
    RecallOfficer,
    Sweep,
)
from game.core.records import ACCEPTED, NOTHING, REFUSED, WITHDRAWN
from game.core.view import PlayerView, Standing
from game.filenames import file_stem
from game.persistence import SAVE_DIR, SaveError, load
from game.session import Session
from game.tutorial import Guide
from game.ui import dialogs, scenes
from game.ui.app import App, Scene, esc
from game.ui.dialogs import Apply, Leave, Save, Swap
from game.ui.help import open_help
from game.ui.keys import BOARD_KEYS, HANDOVER_KEYS, pressed
from game.ui.look import wrap
from game.ui.mapview import MapView, urgency
from game.ui.monthly import report_lines
from game.ui.prompts import Prompt, before_replacing
from game.ui.tutorial import GuidePanel

ORDERS_ONLY = "It is the answer round: only answers now. Orders wait for next month."
ORDER_BUTTONS = ("collect", "exchange", "sweep")  # disabled in the answer round
ANSWERED = {ACCEPTED: "accepted", REFUSED: "refused",
            NOTHING: "answered by the rules: nothing (see the news above)",
            WITHDRAWN: "withdrawn: you joined another operation against the plot (R12)"}
TABS = ("Inbox", "Threats", "Liaison", "Reports")
TAB_TIPS = {  # what each tab's numbers mean: the text boxes cannot carry tooltips per number
    "Inbox": "Decisions, cables awaiting your answer, and everything that happened since "
             "your last turn.",
    "Threats": "Each threat you know: [####......] and % = coverage, your share of the "
               "fragments it needs (R10); HUMINT 1/2 = held/needed; the chance is an "
               "operation's success if launched now (R11); months left before it strikes.",
    "Liaison": "Your objective and every team's share of its target, when the scenario shows "
               "them (R30, R31); your standing with each forum (R22). Per partner: their trust in "
               "you / yours in them (0-100, R19); ledger = value you gave minus value you "
               "received (+ they owe you, R18); credit line = how far they let you run into "
               "debt: their trust x {credit:g} (x{posting:g} while your officer is posted "
               "with them; cut while they deal with you on strict terms, R28). An ask from "
               "beyond your credit line is refused (R18).",
    "Reports": "Every report you hold: threat, discipline, quality 0-1, originator, and the "
               "chain of who passed it to whom (R14). 'info only' = caveated (R21).",
}


@scenes.register("game")
def start_game(app: App, session: Session, slot: Path | None = None,
               guide: Guide | None = None) -> Scene:
    """Begin or resume: AI seats act first if it is their turn; with two humans or more,
    a human always gets the handover screen before the board (also straight after
    loading). `slot` is the player's save the game was loaded from, if any; `guide`
    a tutorial's guide, shown on the board."""
    controller = GameController(session, app.autosave_dir, slot)
    controller.guide = guide
    return next_scene(app, controller)


def _inside(element, container) -> bool:
    """The element sits in `container`, at any depth (a dialog's own widgets, not the
    board's beneath it)."""
    parent = element.ui_container
    while parent is not container:
        if parent is None or parent.ui_container is parent:  # the root holds itself
            return False
        parent = parent.ui_container
    return True


def next_scene(app: App, controller: GameController) -> Scene:
    if controller.over:
        return scenes.make("debrief", app, controller)
    if controller.ai_pending():
        return AIScene(app, controller)
    if controller.humans == 1:  # nobody to hide the board from: straight to it
        controller.begin_turn()
        return BoardScene(app, controller)
    return HandoverScene(app, controller)


class AIScene(Scene):
    """AI seats act in slices of a few milliseconds per frame, with progress shown."""

    def __init__(self, app: App, controller: GameController):
        self.controller = controller
        super().__init__(app)

    def build(self) -> None:
        w, h = self.app.size
        px = self.look.px
        self.bar = UIProgressBar((w // 2 - px(200), h // 2, px(400), px(28)), self.manager)

    def busy(self) -> bool:
        return True

    def update(self) -> Scene | None:
        c = self.controller
        c.run_ai()
        n = len(c.world.agencies)
        self.bar.set_current_progress(100 * c.seat / max(1, n))
        if not c.ai_pending():
            return next_scene(self.app, c)
        return None

    def draw(self, surface) -> None:
        super().draw(surface)
        w, h = self.app.size
        agency = self.controller.world.agencies[self.controller.seat]
        self.text(surface, f"Other agencies are at work — {agency.name}",
                  (w // 2, h // 2 - self.look.px(50)), 20, "muted", False, None, True)


class HandoverScene(Scene):
    """A blank screen between seats: nothing of the previous player shows."""

    explained = False

    def __init__(self, app: App, controller: GameController):
        self.controller = controller
        v = controller.view(controller.seat)  # only its public month and round are kept
        self.month, self.answering = v.month, v.answering
        super().__init__(app)

    def build(self) -> None:
        w, h = self.app.size
        px = self.look.px
        self.go = UIButton((w // 2 - px(120), h // 2 + px(110), px(240), px(48)),
                           "I am ready (Space)", self.manager, object_id="#primary")

    def draw(self, surface) -> None:
        surface.fill(self.look.colour("background"))
        c = self.controller
        w, h = self.app.size
        agency = c.world.agencies[c.seat]
        name = c.player_name(c.seat)
        px = self.look.px
        self.text(surface, f"Pass to {name} — {agency.id}", (w // 2, h // 2 - px(90)), 36,
                  "text", True, None, True)
        self.text(surface, f"{agency.name}, {self.month}", (w // 2, h // 2 - px(30)), 18,
                  "muted", False, None, True)
        if self.answering:
            self.text(surface, f"Answer round — {self.month}: answer the cables sent to you this "
                      "month, then End.", (w // 2, h // 2 + px(70)), 16, "warn", True, None, True)
        if not HandoverScene.explained:
            self.text(surface, "Each agency keeps its secrets. The screen stays blank until "
                      "the next player is at the keyboard; then only their own reports, "
                      "budget and cables appear. Look away while others play.",
                      (w // 2 - px(330), h // 2 + px(10)), 15, "muted", False, px(660))

    def handle(self, event) -> Scene | None:
        ready = pressed(HANDOVER_KEYS, event) is not None or (
            event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.go)
        if ready:
            self.app.sounds.play("chime")
            HandoverScene.explained = True
            self.controller.begin_turn()
            return BoardScene(self.app, self.controller)
        return None


class BoardScene(Scene):
    def __init__(self, app: App, controller: GameController):
        self.controller = controller
        self.seat = controller.seat
        self.tab = "Inbox"
        self.status = ""
        self._warned: tuple[int, ...] = ()  # the open decisions End turn has warned of
        self.dialog = None
        self.hover: str | None = None  # the tooltip drawn at the mouse, if any
        self.map_tip: str | None = None  # what the map shows under the mouse
        self.report_filter: int | None = None  # the Reports tab shows this threat's only
        self.tooltip = None  # the pygame_gui tooltip showing `hover`
        self.tips: dict[str, str] = {}  # link target -> tooltip, for the tab's text
        self.v: PlayerView = controller.view(self.seat)
        super().__init__(app)

    # ------------------------------------------------------------------ layout
    def _sweep_tip(self) -> str:
        """What a sweep costs and buys, in the rule's numbers (a playtester was charged
        for one without being told its price)."""
        pen = self.v.world.rules.penetration
        return (f"Counter-intelligence sweep this month, for {pen.sweep_cost:g}: if you have "
                f"a mole, the chance of finding it at dusk rises from {pen.discovery:.0%} to "
                f"{self.v.sweep_chance:.0%} (R25).")

    def build(self) -> None:
        w, h = self.app.size
        px = self.look.px
        buttons = [("collect", "Collection…", "Set programme levels per region and discipline "
                    "(R6). Standing costs are paid at every dawn."),
                   ("exchange", "Exchange…", "Offer reports and ask a partner about a threat or "
                    "region (R15-R18)."),
                   ("sweep", "Sweep", self._sweep_tip()),
                   ("undo", "Undo", "Take back your last action this turn (Ctrl+Z)."),
                   ("save", "Save", "Quicksave (F5); quickload with F9."),
                   ("help", "Help", "Rules and glossary (F1)."),
                   ("menu", "Menu", "Save, load, settings, quit (Esc)."),
                   ("end", "End answers (Enter)" if self.v.answering else "End turn (Enter)",
                    "Finish your answers (Enter). Cables you leave unanswered count as "
                    "refused." if self.v.answering else "Finish your orders (Enter). Cables "
                    "you send are answered this month, in the answer round.")]
        # One row of buttons when their labels fit, else two (a small window, large text).
        font = self.look.font(14)

        def fits(rows: int) -> bool:
            unit = (w - px(16)) / (-(-len(buttons) // rows) + 0.6)
            return all(font.size(label)[0] + px(20) <= unit * (1.6 if key == "end" else 1)
                       - px(6) for key, label, _ in buttons)
        rows = 1 if fits(1) else 2
        self.hover, self.tooltip = None, None  # the widgets are new: no tooltip shows
        self.top_h, self.bottom_h = px(44), px(56) if rows == 1 else px(104)
        self.panel_w = min(max(px(470), int(w * 0.38)), w // 2)
        self.map_rect = pygame.Rect(0, self.top_h, w - self.panel_w,
                                    h - self.top_h - self.bottom_h)
        self.mapview = MapView(self.v.world, self.map_rect, self.look)
        x0 = w - self.panel_w
        tab_w = (self.panel_w - px(16)) // len(TABS)
        self.tabs = {
            t: UIButton((x0 + px(8) + n * tab_w, self.top_h + px(6), tab_w - px(4), px(32)),
                        t, self.manager, object_id="#tab", tool_tip_text=TAB_TIPS[t].format(
                            credit=self.v.world.rules.trust.credit_per_trust,
                            posting=self.v.world.rules.posting.credit_multiplier))
            for n, t in enumerate(TABS)
        }
        self.content = UITextBox("", (x0 + px(8), self.top_h + px(44), self.panel_w - px(16),
                                      h - self.top_h - self.bottom_h - px(76)), self.manager)
        self.status_label = UILabel((x0 + px(8), h - self.bottom_h - px(30),
                                     self.panel_w - px(16), px(26)), "", self.manager)
        # End Turn gets a wider slot: it is the button every turn ends with.
        per_row = -(-len(buttons) // rows)
        unit = (w - px(16)) / (per_row + 0.6)
        self.buttons = {}
        for n, (key, label, tip) in enumerate(buttons):
            row, col = divmod(n, per_row)
            if col == 0:
                x, y = px(8), h - self.bottom_h + px(8) + row * px(48)
            width = int(unit * (1.6 if key == "end" else 1))
            self.buttons[key] = UIButton((x, y, width - px(6), px(40)), label, self.manager,
                                         tool_tip_text=ORDERS_ONLY if self.v.answering
                                         and key in ORDER_BUTTONS else tip,
                                         object_id="#primary" if key == "end" else None)
            x += width
        self.top = self._top_bar()
        self.refresh()
        guide = self.controller.guide
        self.guide = None if guide is None else GuidePanel(self, guide)
        if self.guide is not None:
            self.guide.update()

    def _top_bar(self) -> dict[str, UIButton]:
        """Numbers in the top bar are buttons only so that each carries a tooltip."""
        v = self.v
        px = self.look.px
        w = self.app.size[0]
        # Near the catastrophe line the damage button turns red (and ends in "!"):
        # a playtest sat at 52 of 55 with no warning that one strike ends the game.
        danger = v.fatal_threat() is not None
        items = [(key, label, self.top_tip(key)) for key, label in (
            ("month", f"{v.month} (last)" if v.round == v.world.rounds else f"{v.month}"),
            ("agency", f"{v.agency.id} — {self.controller.player_name(self.seat)}"),
            ("budget", f"Budget {v.budget:.0f}"),
            ("score", f"Score {v.score:.0f} of {v.target:.0f} ({v.share:.0%})"),
            ("damage", f"Damage {v.damage:g} / {v.world.victory.catastrophe:g}"
                       + ("!" if danger else "")),
        )]
        # Each item gets its text's width, and the room left over in these shares.
        shares = (0.18, 0.3, 0.16, 0.14, 0.2)
        font = self.look.font(14)
        natural = [font.size(label)[0] + px(24) for _, label, _ in items]
        spare = max(0, w - px(20) - sum(natural))
        x = px(6)
        out = {}
        for (key, label, tip), share, least in zip(items, shares, natural, strict=True):
            width = least + int(spare * share)
            out[key] = UIButton((x, px(5), width - px(4), self.top_h - px(10)), label,
                                self.manager, tool_tip_text=tip,
                                object_id="#danger" if danger and key == "damage" else None)
            x += width
        return out

    def top_tip(self, key: str) -> str:
        """The top bar's tooltips: each number with what makes it, from the view."""
        v = self.v
        world = v.world
        if key == "month":
            left = world.rounds - v.round
            return (f"{v.month}: month {v.round} of {world.rounds} of {world.title}; "
                    + (f"{left} more after this one." if left else
                       "the last month: the game ends at its dusk, and foiling a plot now "
                       "earns the most (R30)."))
        if key == "agency":
            nation = next((n.name for n in world.nations if n.id == v.agency.nation),
                          v.agency.nation)
            return (f"{v.agency.name}, {nation}. Strengths (capability, R3): "
                    + ", ".join(f"{d} {c:.0%}" for d, c in zip(
                        world.rules.discipline_ids, v.agency.capability, strict=True))
                    + ". Reach (access, R3): " + ", ".join(
                        f"{r.name} {a:.0%}" for r, a in zip(world.regions, v.agency.access,
                                                             strict=True)) + "."
                    + (f" Your service {remit}." if (remit := world.jurisdiction(v.agency))
                       else ""))
        if key == "budget":
            m = v.money
            text = (f"Budget {v.budget:.1f} left this month. At each dawn what is left is kept "
                    f"up to {m.carry_cap:g} (R5), then the income of {m.income:g} arrives, "
                    f"then the running costs are paid: programmes {m.programmes:g} + officers "
                    f"posted {m.postings:g} = {m.running:g} (R6, R24). If nothing changes, "
                    f"next month starts with {m.forecast(v.budget):.1f}.")
            if m.lapses(v.budget) > 0:
                text += (f" {m.lapses(v.budget):.1f} over the cap is lost at the dawn "
                         f"unless you spend it.")
            if m.short:
                text += (f" Running costs exceed income by {m.running - m.income:g} a month: "
                         f"the dawn cuts programmes when the money runs out.")
            return text
        if key == "score":
            return (f"Score {v.score:.1f} of your team's target {v.target:.0f}: "
                    f"{v.share:.0%} reached. Your nation's agencies share one score (R30), and "
                    "the team with the largest share of its target wins (R31). The score is "
                    "credit for each foiled threat by the reports you originated in its picture "
                    "and the cost you paid, less blame for sitting on your own reports of a "
                    "threat that struck, per unit of the nation's budget (plus its security and "
                    "reputation where the scenario weighs them)."
                    + ("" if v.standings else " The standings are hidden in this scenario."))
        line = world.victory.catastrophe
        text = (f"Total damage from attacks: {v.damage:g}. At the catastrophe line of "
                f"{line:g} every agency loses (R31): {max(0.0, line - v.damage):g} to go.")
        worst = self.v.fatal_threat()
        if worst is not None:
            text += (f" Near the line: {v.threat_name(worst.threat.id)} would add "
                     f"{worst.threat.damage:g} if it struck "
                     f"(severity {worst.threat.severity} for each nation it targets, R13), "
                     f"and end the game for everyone.")
        return text

    def region_tip(self, r: int) -> str:
        """A map region: our reach there, our programmes and what they cost, the plots."""
        v = self.v
        world = v.world
        region = world.regions[r]
        cells = [v.collection_cell(r, k) for k in range(len(world.rules.discipline_ids))]
        running = [c for c in cells if c.level]
        text = f"{region.name}: your reach {v.agency.access[r]:.0%} (access, R3)."
        if running:
            text += " Your programmes: " + ", ".join(
                f"{world.rules.discipline_ids[c.discipline]} {c.level} ({c.cost:g} a month, "
                f"{c.expected:.2f} reports a month per plot needing it)" for c in running) + "."
        else:
            text += " No programme of yours runs here."
        known = [tv for tv in v.threats if tv.threat.region == r]
        text += (f" Known plots here: {', '.join(v.threat_name(t.threat.id) for t in known)}."
                 if known else " You know of no plot here.")
        return text

    def agency_tip(self, agency_id: str) -> str:
        """An agency: who it is, its strengths, and (a partner) the trust between us."""
        v = self.v
        world = v.world
        a = world.agencies[world.agency_index(agency_id)]
        nation = next((n.name for n in world.nations if n.id == a.nation), a.nation)
        best = sorted(zip(a.capability, world.rules.discipline_ids, strict=True),
                      reverse=True)[:2]
        reach = max(zip(a.access, (r.name for r in world.regions), strict=True))
        text = (f"{agency_id}: {a.name}, {nation}. Strongest in "
                + " and ".join(f"{d} ({c:.0%})" for c, d in best)
                + f"; best reach in {reach[1]} ({reach[0]:.0%}).")
        p = v.partner(agency_id)
        if p is None:
            return text + " That is you."
        return (text + f" Their trust in you {p.trust_in:.0f}, yours in them "
                f"{p.trust_out:.0f}; ledger {p.balance:+.1f}. Click for the partner card.")

    def tip(self, key: str, shown: str, text: str) -> str:
        """A number in a tab's text, as a link that carries a tooltip."""
        self.tips[f"tip:{key}"] = text
        return f"<a href='tip:{key}'>{shown}</a>"

    def agency_link(self, agency_id: str) -> str:
        """An agency id in a tab's text: a tooltip on hover, the partner card on a click."""
        target = f"partner:{agency_id}" if self.v.partner(agency_id) else f"agency:{agency_id}"
        self.tips[target] = self.agency_tip(agency_id)
        return f"<a href='{target}'>{esc(agency_id)}</a>"

    # ------------------------------------------------------------------ content
    def refresh(self) -> None:
        """Rebuild the view and the text widgets after the game changed."""
        self.v = self.controller.view(self.seat)
        for b in self.top.values():
            b.kill()
        self.top = self._top_bar()
        for t, b in self.tabs.items():
            if t == self.tab:
                b.select()
            else:
                b.unselect()
        self.tips = {}
        tabs = {"Inbox": self._tab_inbox, "Threats": self._tab_threats,
                "Liaison": self._tab_liaison, "Reports": self._tab_reports}
        self.content.set_text(tabs[self.tab]())
        self.status_label.set_text(self.status or self.controller.autosave_problem or "")
        if self.controller.can_undo():
            self.buttons["undo"].enable()
        else:
            self.buttons["undo"].disable()
        if self.v.swept:  # one sweep a month; Undo of it gives the button back (a playtest)
            self.buttons["sweep"].disable()
        else:
            self.buttons["sweep"].enable()
        if self.v.answering:
            for key in ORDER_BUTTONS:
                self.buttons[key].disable()
        self.app.dirty = True

    def _first_month(self) -> str:
        """A five-minute start for a new player: their strengths and the four moves."""
        v = self.v
        ids = v.world.rules.discipline_ids
        skills = sorted(zip(v.agency.capability, ids, strict=True), reverse=True)[:2]
        reach = max(zip(v.agency.access, (r.name for r in v.world.regions), strict=True))
        return (
            "<b>Your first month</b><br>"
            f"You run {esc(v.agency.name)}: strongest in {skills[0][1]} ({skills[0][0]:.0%}) "
            f"and {skills[1][1]} ({skills[1][0]:.0%}); your reach is best in "
            f"{esc(reach[1])} ({reach[0]:.0%})."
            + (f" Your service {esc(remit)}." if (remit := v.world.jurisdiction(v.agency))
               else "") + "<br>"
            "1. <b>Collect.</b> You learn of a plot only when a programme of yours brings "
            "in a report on it: open Collection… and raise levels where you are strong.<br>"
            "2. <b>Read the Threats tab.</b> Each plot needs fragments of several "
            "disciplines; you will lack some.<br>"
            "3. <b>Trade.</b> Exchange… asks a partner for what you lack. There are no free "
            "lunches: you must collect in that region this month or bring a report on the "
            "topic, or the answer is 'we have nothing'. Cables are answered this month, in "
            "the answer round after every agency's orders.<br>"
            "4. <b>Operate</b> once your picture has every discipline and 60% coverage. "
            "End the month with Enter. Help (F1) has the rules.")

    def _tab_inbox(self) -> str:
        v = self.v
        parts = [self._first_month()] if v.round == 1 and not v.answering else []
        if v.answering:
            parts.append(f"<b>Answer round — {esc(v.month)}</b>: answer the cables sent to "
                         f"you this month, then End answers. Orders wait for next month.")
        decide = [f"• <a href='decide:{d.pending}'>{esc(d.title)} — decide</a>"
                  for d in v.decisions]
        decide += [f"• <a href='mole:{m.id}'>A mole working for {esc(m.hostile)} has been "
                   f"found — decide</a>" for m in v.moles
                   if m.status == "found" and m.victim == v.agency.id]
        if decide:  # a found mole is a decision too (a playtest saw it without a heading)
            parts += ["<b>Decisions waiting</b>", *decide]
        # Money over the carry-over cap lapses at the dawn: a playtester learnt of it only
        # from the next month's report.
        lost = v.money.lapses(v.budget)
        if lost > 0.05 and not v.answering:
            parts.append(f"• <b>Budget</b>: {lost:.1f} of your {v.budget:.1f} is over the "
                         f"carry-over cap of {v.money.carry_cap:g} and <b>lapses at the next "
                         f"dawn</b> unless you spend it this month (R5).")
        # A forum's standing lapses in quiet months: say so where the player looks first
        # (a playtester found it only in the Liaison tab, months late).
        for f in v.forums:
            if not f.good_standing and not v.answering:
                parts.append(f"• <b>{esc(f.name)}</b>: you will <b>not be in good standing</b> "
                             f"at the next dawn, so no summaries either way (R22): send a "
                             f"member a report of your own on {esc(', '.join(f.kinds))}.")
        if v.inbox:
            parts.append("<b>Cables awaiting your answer</b>")
            for inc in v.inbox:
                c = inc.cable
                sender = v.world.agencies[c.sender].id
                if inc.joint is not None:
                    what = "a joint operation against " + esc(inc.topic_label)
                    if inc.problem:  # several partners often invite us to one plot
                        why = inc.problem[:1].lower() + inc.problem[1:]
                        what += f" (cannot go ahead: {esc(why)})"
                elif c.topic is None:
                    what = f"a gift of {len(inc.offered)} report(s)"
                else:
                    what = (f"asks about {esc(inc.topic_label)}, offering "
                            f"{len(inc.offered)} report(s)")
                parts.append(f"• <a href='answer:{c.id}'>{sender}: {what} — answer</a>")
        # A cable that awaits an answer is listed above, with its link, while it waits:
        # its "awaits your answer" news would only repeat it, or go stale once answered.
        latest = [e for e in v.latest if e.kind not in ("dawn", "cable_in")]
        if v.report is None:  # a game saved before the journal, in its first months
            parts.append("<b>Since your last turn</b>")
            parts += [f"• {esc(e.text)}" for e in latest[-40:]] or ["Nothing new."]
        else:
            if latest:
                parts.append("<b>This month so far</b>")
                parts += [f"• {esc(e.text)}" for e in latest[-40:]]
            parts += report_lines(v.world, v.agency.id, v.report,
                                  self.look.palette["muted"])
        sent = [c for c in v.outbox if c.sent == v.round]
        if sent:
            parts.append("<b>Sent this month</b>")
            for c in sent:
                when = ANSWERED.get(c.status, "answered this month, in the answer round")
                parts.append(f"• to {v.world.agencies[c.recipient].id} — {when}")
        return "<br>".join(parts)

    def _tab_threats(self) -> str:
        v = self.v
        if not v.threats:
            return ("You know of no active threat. Threats become known when you hold a "
                    "report on them: collect where plots are likely, or trade (R8).")
        rows = []
        ids = v.world.rules.discipline_ids
        need = v.world.rules.operation.min_coverage
        mine = v.world.nation_index(v.agency.nation)
        for tv in sorted(v.threats, key=lambda t: t.threat.deadline):
            t, pic = tv.threat, tv.picture
            name = v.threat_name(t.id)
            region = v.world.regions[t.region].name
            colour, label = urgency(tv, v.round)
            filled = round(pic.coverage * 10)
            bar = "[" + "#" * filled + "." * (10 - filled) + "]"
            total = sum(t.needs)
            held = total - sum(pic.missing)
            needs = ", ".join(
                self.tip(f"need:{t.id}:{d}", f"{ids[d]} {t.needs[d] - pic.missing[d]}/{n}",
                         f"{ids[d]} on {name}: you hold {t.needs[d] - pic.missing[d]} of the "
                         f"{n} fragment(s) it needs (R10).")
                for d, n in enumerate(t.needs) if n)
            hue = self.look.palette[colour]
            left = max(0, t.deadline - v.round) + 1
            severity = self.tip(
                f"severity:{t.id}", f"severity {t.severity}",
                f"Severity {t.severity}: an operation against it costs {tv.cost:g} (R11); if "
                f"it strikes, the damage is counted against the catastrophe line (R31).")
            when = self.tip(f"left:{t.id}", f"<font color='{hue}'>{label}</font>",
                            f"{name} strikes at the dusk of "
                            f"{v.world.month_label(t.deadline)} unless foiled: {left} month(s) "
                            f"left, this one included (R9)." if not tv.after_end
                            else f"{name} would strike at the dusk of "
                            f"{v.world.month_label(t.deadline)}, after the game's last month "
                            f"({v.world.month_label(v.world.rounds)}): it cannot strike in "
                            f"this game, but foiling it before the end still scores (R30).")
            # Whom it targets: a playtester could not tell which plots were their own
            # nation's, which the score and a report's worth (R17) turn on.
            aimed = ", ".join(v.world.nations[n].name + (" (yours)" if n == mine else "")
                              for n in t.targets)
            head = (f"<b>{esc(name)}</b> — {t.kind} in {esc(region)} against {esc(aimed)}; "
                    f"{severity}; {when}")
            cover = self.tip(f"coverage:{t.id}", f"{bar} {pic.coverage:.0%}",
                             f"Coverage {pic.coverage:.0%}: your picture holds {held} of the "
                             f"{total} fragments {name} needs (R10). An operation needs "
                             f"{need:.0%} and something in every discipline it needs (R11).")
            line = f"{cover} ({needs})"
            ok, why = v.can_launch(t.id)
            if v.answering:
                acts = [esc(why)]
            elif ok:
                acts = [f"<a href='op:{t.id}'>Operate: {tv.chance:.0%} for {tv.cost:g}</a>"]
                self.tips[f"op:{t.id}"] = (
                    f"Launch alone: {tv.chance:.0%} chance of success (R11), from your "
                    f"picture's strength {pic.strength:.2f} (the quality of its uncaveated "
                    f"reports over the fragments needed) and your reach in {region} "
                    f"({v.agency.access[t.region]:.0%}); it costs {tv.cost:g}, and you have "
                    f"{v.budget:.1f}.")
            else:
                acts = [f"<a href='op:{t.id}'>Operation…</a> {esc(why)}"]
            if not v.answering:
                acts.append(f"<a href='joint:{t.id}'>Joint operation…</a>")
                acts.append(f"<a href='ask:{t.id}'>Ask a partner…</a>")
            rows.append(f"{head}<br>{line}<br>{' · '.join(acts)}")
        return "<br><br>".join(rows)

    def _standings(self) -> list[str]:
        """R30, R31: every nation's team score against its target when the scenario shows
        them; else only ours. The win goes to the largest share of its target."""
        v = self.v
        objective = v.agency.objective
        target = self.tip("target", f"{v.target:.0f}",
                          f"Your team's target: {v.target:.0f} points; your score "
                          f"{v.score:.1f} is {v.share:.0%} of it (R31).")
        if objective is None:
            mine = ["This scenario sets no objectives: every team is measured against "
                    f"{target} points, and the largest share wins (R31)."]
        else:
            mine = [f"<b>Your objective</b>: {esc(objective.brief)}" if objective.brief
                    else "<b>Your objective</b>",
                    f"Your team's target: {target} points. The team with the largest "
                    f"share of its own target wins (R31)."]
        if not v.standings:
            return [*mine, f"<b>Your score</b>: {v.score:.1f} of {v.target:.0f} "
                           f"({v.share:.0%}; the standings are hidden in this scenario)."]
        agencies = {a.id: a for a in v.world.agencies}
        nations = {n.id: n.name for n in v.world.nations}
        teams: dict[str, tuple[Standing, list[str]]] = {}
        for standing in v.standings:
            nation = agencies[standing.agency].nation
            teams.setdefault(nation, (standing, []))[1].append(standing.agency)
        rows = [*mine, "<br><b>Standings</b>: score of target, and the share reached (a "
                       "nation's agencies share one score, R30)"]
        winners = {nation for nation, (_, members) in teams.items()
                   if any(v.world.agency_index(a) in v.world.contenders for a in members)}
        # The ranking is of the teams that may win; one that cannot (a hostile service no
        # player runs) follows them unranked (a playtest saw the KGB "1." at 0.0).
        ranked = sorted(teams.items(), key=lambda t: (t[0] not in winners, -t[1][0].share))
        for n, (nation, (st, members)) in enumerate(ranked, start=1):
            name = nations.get(nation, nation)
            may_win = nation in winners
            score = self.tip(f"standing:{nation}",
                             f"{st.score:.1f} of {st.target:.0f} ({st.share:.0%})"
                             if may_win else f"{st.score:.1f} — cannot win",
                             f"{name}: score {st.score:.1f}, target {st.target:.0f}, "
                             f"{st.share:.0%} reached (R30, R31)." if may_win else
                             f"{name}: score {st.score:.1f}; none of its agencies may win "
                             f"in this scenario (R31).")
            rank = f"{n}." if may_win else "·"
            line = (f"{rank} {esc(name)} ({', '.join(self.agency_link(a) for a in members)}): "
                    + score)
            rows.append(f"<b>{line}</b>" if nation == v.agency.nation else line)
        return rows

    def _tab_liaison(self) -> str:
        v = self.v
        rules = v.world.rules
        rows = self._standings()
        for f in v.forums:
            kinds = ", ".join(f.kinds)
            rows.append(f"<br><b>{esc(f.name)}</b> (forum; {esc(kinds)}): " + (
                "in good standing — its summaries reach you at dawn, and yours its members."
                if f.good_standing else
                f"<b>not in good standing</b> — you have passed no report of your own on "
                f"{esc(kinds)} to a member in {rules.forum_memory} months, so no "
                f"summaries go either way at the next dawn (R22). Send a fellow member a "
                f"report of your own on {esc(kinds)}, or give one in an answer, to get back "
                f"in."))
        rows.append("<br><b>Partner — their trust in you / yours in them — ledger — credit "
                    "line</b> (click a partner for its card)")
        posting = v.world.rules.posting
        for p in v.partners:
            flags = []
            if p.hostile:
                flags.append("hostile" + (f"; channel: {', '.join(p.channel_kinds)}"
                                          if p.channel_kinds else "; no channel"))
            if p.suspended:
                flags.append("you may not pass them " + ", ".join(p.suspended))
            if p.suspended_in:  # a playtest saw Huawei's suspension nowhere on the tab
                flags.append("no " + ", ".join(p.suspended_in) + " from them")
            if p.withholds:
                flags.append(f"imminent threats only until "
                             f"{v.world.month_label(p.withholds[0])} (R28)")
            if p.strict:
                flags.append(f"strict terms until {v.world.month_label(p.strict[0])} (R28)")
            if p.hosted:
                flags.append("their officer is with us")
            post = ("officer posted" if p.posted else "") if v.answering else (
                f"<a href='recall:{p.agency}'>recall officer</a>" if p.posted else
                f"<a href='post:{p.agency}'>post an officer</a>")
            # A playtester posted with the KGB, "hostile; no channel", and was charged
            # for an officer who could bring nothing but risk: say so before the click.
            risk = (f" {p.agency} is hostile: it may turn your officer into its mole, a "
                    f"{p.turn_risk:.0%} chance a month (R26)" + (
                        "; and with no channel you cannot trade with it at all (R23)."
                        if p.hostile and not p.channel_kinds else ".")
                    if p.turn_risk else "")
            self.tips[f"post:{p.agency}"] = (
                f"Post a liaison officer with {p.agency} (R24): {posting.cost:g} now and "
                f"{posting.upkeep:g} a month. While posted, the credit line {p.agency} gives "
                f"you is x{posting.credit_multiplier:g} and its trust in you grows by "
                f"{posting.trust_per_round:g} a month. Each posting also raises your "
                f"exposure to moles (R25).{risk}")
            self.tips[f"recall:{p.agency}"] = (
                f"Recall your officer from {p.agency} (R24): the upkeep of "
                f"{posting.upkeep:g} a month stops, the credit line {p.agency} gives you is "
                f"no longer x{posting.credit_multiplier:g}, its trust in you stops growing, "
                f"and your exposure to moles falls (R25).")
            a = p.agency
            trust = (self.tip(f"trust_in:{a}", f"{p.trust_in:.0f}",
                              f"{a}'s trust in you: {p.trust_in:.0f} of 100 (R19). It sets "
                              f"the credit line {a} gives you.")
                     + " / " +
                     self.tip(f"trust_out:{a}", f"{p.trust_out:.0f}",
                              f"Your trust in {a}: {p.trust_out:.0f} of 100 (R19). It sets "
                              f"the credit line you give {a}: {p.credit_given:.1f}."))
            short = ("they owe you" if p.balance > 0 else "you owe them" if p.balance < 0
                     else "even")
            ledger = self.tip(f"ledger:{a}", f"{p.balance:+.1f} ({short})",
                              f"Ledger with {a}: {p.balance:+.1f}, the value you gave minus "
                              f"the value you received (R18): {p.owed}.")
            posted = (f" x {rules.posting.credit_multiplier:g} while your officer is posted "
                      f"with them" if p.posted else "")
            posted += f" x {p.strict[1]:g} on strict terms (R28)" if p.strict else ""
            credit = self.tip(f"credit:{a}", f"{p.credit_line:.1f}",
                              f"Credit line {a} gives you: {p.credit_line:.1f} = its trust "
                              f"{p.trust_in:.0f} x {rules.trust.credit_per_trust:g}{posted} "
                              f"(R18). An ask offering nothing may bring back up to "
                              f"{p.ask_cap:.1f} now (credit line + ledger).")
            rows.append(f"<b>{self.agency_link(a)}</b> — {trust} — {ledger} — {credit}"
                        + (f" — {post}" if post else "")
                        + (f"<br>  {'; '.join(flags)}" if flags else ""))
        return "<br>".join(rows)

    def _tab_reports(self) -> str:
        v = self.v
        if not v.reports:
            return "You hold no reports yet."
        ids = v.world.rules.discipline_ids
        value = v.world.rules.value
        filt = self.report_filter
        rows = ["<b># report — threat — discipline — quality — originator — chain</b>"]
        if filt is not None:
            rows.append(f"Showing {esc(v.threat_name(filt))} only. "
                        f"<a href='filter:all'>Show all</a>")
        # Reports on live plots first; those on plots that are over are marked (a
        # playtest took an old plot's reports, sent in an answer, for a new plot's).
        def live_first(item) -> tuple[bool, int, int]:
            rep = item[1]
            return v.threat(rep.threat) is None, rep.threat, rep.discipline

        for rid, rep in sorted(v.reports.items(), key=live_first):
            if filt is not None and rep.threat != filt:
                continue
            copy = v.holdings[rid]
            chain = " > ".join(self.agency_link(v.world.agencies[a].id) for a in copy.chain)
            marks = [] if v.threat(rep.threat) is not None else ["plot over"]
            if copy.info_only:
                marks.append("info only")
            if rid in v.known_false:
                marks.append("FALSE")
            age = v.round - rep.round
            quality = self.tip(f"quality:{rid}", f"{rep.quality:.2f}",
                               f"Report #{rid}: quality {rep.quality:.2f} (0-1), collected "
                               f"{v.world.month_label(rep.round)}, {age} month(s) ago. To a "
                               f"partner it is worth quality x {value.age_decay:g}^age, x"
                               f"{value.surplus:g} if it fills no gap, x{value.target_bonus:g} "
                               f"if the plot targets their nation (R17).")
            origin = v.world.agencies[rep.originator].id
            # Its number, as the composer, the answers and the monthly report name it.
            plot = f"<a href='filter:{rep.threat}'>{esc(v.threat_name(rep.threat))}</a>"
            rows.append(f"#{rid} {plot} — {ids[rep.discipline]} — {quality} — "
                        f"{self.agency_link(origin)} — {chain}"
                        + (f" ({', '.join(marks)})" if marks else ""))
        return "<br>".join(rows)

    # ------------------------------------------------------------------ drawing
    def draw(self, surface) -> None:
        super().draw(surface)
        pygame.draw.rect(surface, self.look.colour("panel"),
                         (self.map_rect.right, self.top_h, self.panel_w,
                          self.map_rect.height))
        self.mapview.draw(surface, self.v, self.text)
        self.mapview.legend(surface, self.text, {tv.threat.kind for tv in self.v.threats})
        if self.v.answering:
            self._banner(surface)

    def _banner(self, surface) -> None:
        """The answer round, across the top of the map: nothing but answers now."""
        text, box = self.banner()
        pygame.draw.rect(surface, self.look.colour("warn"), box)
        self.text(surface, text, (box.x + self.look.px(8), box.y + self.look.px(5)), 15,
                  "background", True, box.width - self.look.px(16))

    def banner(self) -> tuple[str, pygame.Rect]:
        """The answer round's banner and where it goes; dialogs open below it, so that
        they never hide its second line (found in a playtest)."""
        px = self.look.px
        text = (f"Answer round — {self.v.month}: answer the cables sent to you this month, "
                f"then End answers.")
        if waiting := len(self.v.inbox):
            text += (f" {waiting} still unanswered: left so, "
                     f"{'it counts' if waiting == 1 else 'they count'} as refused.")
        font = self.look.font(15, True)
        lines = len(wrap(font, text, self.map_rect.width - px(16)))
        return text, pygame.Rect(self.map_rect.x, self.map_rect.y, self.map_rect.width,
                                 px(10) + lines * font.get_linesize())

    def _disabled_tip(self) -> str | None:
        """The tooltip of a greyed-out button under the mouse, on the board or in its
        dialog: pygame_gui shows none for a disabled button, and its tooltip is often
        the reason it is greyed out."""
        at = pygame.mouse.get_pos()
        within = self.dialog.window.get_container() if self.dialog is not None else None
        for element in self.manager.get_sprite_group().sprites():
            if (isinstance(element, UIButton) and not element.is_enabled
                    and element.tool_tip_text and element.visible
                    and element.rect.collidepoint(at)
                    and (within is None or _inside(element, within))):
                return element.tool_tip_text
        return None

    def hovered_link(self) -> str | None:
        """The link of the tab's text under the mouse (pygame_gui marks it hovered)."""
        for chunk in getattr(self.content, "link_hover_chunks", ()):
            if chunk.is_hovered:
                return chunk.href
        return None

    def update(self) -> Scene | None:
        """Tooltips for the numbers and names in the tab's text, and for the map: shown
        as pygame_gui's own tooltips, above every widget, like the buttons'."""
        if self.dialog is not None:
            # The board's own buttons keep no tooltip under an open dialog: the one the
            # mouse pressed to open it stayed drawn over it (found in a playtest).
            for button in (*self.buttons.values(), *self.top.values(), *self.tabs.values()):
                if button.tool_tip is not None:
                    button.tool_tip.kill()
                    button.tool_tip = None
                button.hover_time = 0.0
        tip = self._disabled_tip()
        if tip is None and self.dialog is None:
            link = self.hovered_link()
            tip = self.tips.get(link) if link else self.map_tip
        if tip != self.hover:
            self.hover = tip
            if self.tooltip is not None:
                self.tooltip.kill()
                self.tooltip = None
            if tip:
                self.tooltip = self.manager.create_tool_tip(
                    esc(tip), pygame.mouse.get_pos(), (0, self.look.px(16)), None, None,
                    wrap_width=self.look.px(340))
            self.app.dirty = True
        return None

    def map_tip_at(self, pos) -> str | None:
        """The map under the mouse: a threat marker's tip, else the region's."""
        marker = self.mapview.marker_at(pos)
        if marker is not None:
            return marker.tip
        region = self.mapview.region_at(pos)
        return self.region_tip(region) if region is not None else None

    # ------------------------------------------------------------------ input
    def act(self, action) -> bool:
        """Apply a human action; a refusal is shown, never raised."""
        try:
            self.controller.act(action)
        except IllegalAction as exc:
            self.status = str(exc)
            self.refresh()
            return False
        # A cable sent or an operation set says so (a playtest sent a cable and saw
        # nothing happen, on a tab that does not list the month's cables).
        if isinstance(action, ProposeExchange | ProposeJointOperation):
            self.status = f"Sent to {action.to}: it will be answered this month."
        elif isinstance(action, LaunchOperation):
            self.status = "Operation set: it resolves at dusk."
        else:
            self.status = ""
        self.app.sounds.play("click")
        if self.controller.seat == self.seat and not self.controller.over:
            self.refresh()
        return True

    def handle(self, event) -> Scene | None:
        if self.guide is not None and self.guide.handle(event):
            return None
        scene = self._handle(event)
        if self.guide is not None and scene is None:
            self.guide.update()
        return scene

    def draw_over(self, surface) -> None:
        if self.guide is not None:
            self.guide.draw_over(surface)

    def _handle(self, event) -> Scene | None:
        if self.dialog is not None:
            outcome = self.dialog.handle(event)
            if outcome is None:
                return None
            self.dialog.kill()
            self.dialog = None
            # The map's tip was for where the mouse was before the dialog: the next move
            # finds the new one (found in a playtest: a marker's tip showed up where the
            # Launch button had been).
            self.map_tip = None
            return self._outcome(outcome)
        if event.type == pygame.MOUSEMOTION:
            self.map_tip = self.map_tip_at(event.pos)
            self.update()
            return None
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            marker = self.mapview.marker_at(event.pos)
            if marker is not None:
                return self._link(f"op:{marker.threat.threat.id}")
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            return self._link(event.link_target)
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            for t, b in self.tabs.items():
                if event.ui_element is b:
                    self.tab = t
                    self.refresh()
                    return None
            # A number in the top bar opens its rule, as F1 over it does: a playtester
            # clicked "Damage 0 / 55" to learn what it meant, and nothing happened.
            if any(event.ui_element is b for b in self.top.values()):
                return open_help(self, event.ui_element.get_abs_rect().center)
            key = next((k for k, b in self.buttons.items() if b is event.ui_element), None)
            return self._button(key)
        return None

    def _key(self, event) -> Scene | None:
        """The keys are a table (game/ui/keys.py), which Help lists."""
        key = pressed(BOARD_KEYS, event)
        if key is None:
            return None
        if key.command == "help_here":  # F1: the topic of what the mouse is over
            return open_help(self, pygame.mouse.get_pos())
        if key.command == "quickload":
            return self._quickload()
        return self._button(key.command)

    def _button(self, key: str | None) -> Scene | None:
        if key == "end":
            # A decision left open takes its first choice at the end of the turn (R28): a
            # playtester ended two months so without knowing. The first press says so.
            open_ = tuple(d.pending for d in self.v.decisions)
            if open_ and self._warned != open_:
                self._warned = open_
                self.status = (f"Still to decide: {self.v.decisions[0].title}. End turn "
                               f"again takes its first choice.")
                self.refresh()
                return None
            if self.act(EndTurn(self.v.agency.id)):
                return next_scene(self.app, self.controller)
        elif key == "undo":  # Ctrl+Z works even when the button is greyed out
            if self.controller.can_undo():
                self.controller.undo()
                self.status = "Undone."
            else:
                self.status = "Nothing to undo this turn."
            self.refresh()
        elif key == "sweep":
            self.act(Sweep(self.v.agency.id))
        elif key == "collect":
            self.dialog = dialogs.CollectionDialog(self)
        elif key == "exchange":
            self.dialog = dialogs.ExchangeDialog(self)
        elif key == "save":
            self._quicksave()
        elif key == "help":  # the index; Help returns to this very board
            return open_help(self)
        elif key == "menu":
            self.dialog = dialogs.MenuDialog(self)
        return None

    def _outcome(self, outcome: dialogs.Outcome) -> Scene | None:
        """What a dialog asked for, once it is closed."""
        if isinstance(outcome, Swap):
            self.dialog = outcome.dialog()
        elif isinstance(outcome, Apply):
            for action in outcome.actions:
                if not self.act(action):
                    break
            if self.controller.seat != self.seat or self.controller.over:
                return next_scene(self.app, self.controller)
            if outcome.then is not None:
                self.dialog = outcome.then()
        elif isinstance(outcome, Save):
            return self._quicksave() if outcome.name is None else self.save_as(outcome.name)
        elif isinstance(outcome, Leave):
            return self._leave(outcome.where)
        self.refresh()
        return None

    def _leave(self, where: str) -> Scene | None:
        """The menu's ways off the board; each asks to save first where play would be
        lost, and Back or Cancel comes back to this board."""
        app, back = self.app, self._return
        if where == "settings":
            return scenes.make("settings", app, back=back)
        if where == "load":
            return scenes.make("load", app, back=back, leaving=lambda go: scenes.make(
                "leaving", app, self.controller, back, go))
        return scenes.make("leaving", app, self.controller, back,
                           lambda: scenes.make("title", app))

    def _return(self) -> Scene:
        scene = BoardScene(self.app, self.controller)
        scene.tab, scene.status, scene.report_filter = self.tab, self.status, self.report_filter
        return scene

    def _link(self, target: str) -> Scene | None:
        kind, _, arg = target.partition(":")
        v = self.v
        if kind == "op":
            self.dialog = dialogs.OperationDialog(self, int(arg))
        elif kind == "joint":
            self.dialog = dialogs.OperationDialog(self, int(arg), joint=True)
        elif kind == "ask":
            self.dialog = dialogs.ExchangeDialog(self, threat=int(arg))
        elif kind == "answer":
            self.dialog = dialogs.AnswerDialog(self, int(arg))
        elif kind == "decide":
            self.dialog = dialogs.EventDialog(self, int(arg))
        elif kind == "mole":
            self.dialog = dialogs.MoleDialog(self, int(arg))
        elif kind in ("partner", "agency") and v.partner(arg) is not None:
            self.dialog = dialogs.PartnerDialog(self, arg)
        elif kind == "post":
            self.act(PostOfficer(v.agency.id, arg))
        elif kind == "recall":
            self.act(RecallOfficer(v.agency.id, arg))
        elif kind == "filter":
            self.report_filter = None if arg == "all" else int(arg)
            self.tab = "Reports"
            self.refresh()
        return None

    @property
    def quicksave_path(self):
        """F5 and F9 use a quicksave of this game's own: another game's F5 never
        replaces it."""
        return SAVE_DIR / f"quicksave-{self.controller.session.game_id}.json"

    def _quicksave(self) -> None:
        self._save(self.quicksave_path, "Quicksave", "Saved (F9 to load it).")

    def save_as(self, name: str) -> Scene | None:
        """A named save in saves/: the name is kept as typed (in the save), the file name
        is derived from it, and an existing save of that name is only replaced when the
        player says so."""
        name = name.strip() or f"{self.v.world.title}, {self.v.month}"
        path = SAVE_DIR / f"{file_stem(name)}.json"
        done = f"Saved as “{name}”."
        if not path.exists():
            self._save(path, name, done)
            return None

        def replace() -> Scene:
            self._save(path, name, done)
            return self._return()

        return before_replacing(self.app, name, replace, self._return)

    def _save(self, path, name: str, done: str) -> None:
        try:
            self.controller.save(path, name)
            self.status = done
        except SaveError as exc:
            self.status = str(exc)
        self.refresh()

    def _quickload(self) -> Scene | None:
        """F9: back to this game's quicksave, asking first when that would undo play
        since the player last saved (in hot-seat, another student's turn)."""
        path = self.quicksave_path
        try:
            session = load(path)
        except SaveError as exc:
            self.status = str(exc)
            self.refresh()
            return None
        if not self.controller.unsaved:
            return start_game(self.app, session, path)
        month = session.scenario.world.month_label(session.state.round)
        return Prompt(self.app, "Go back to the quicksave?",
                      f"The quicksave is from {month}. Everything played since the last save "
                      f"is undone; played since: {self.controller.played_since_save()}.",
                      [("Go back", lambda: start_game(self.app, session, path)),
                       ("Cancel", self._return)])

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.kill()
            self.dialog = None  # the window may come back to this board (Cancel on close)
        super().close()
