"""The board's dialogs. Each reads the seat's view and tells the board what to do.

`handle(event)` returns None while the dialog stays open, or an outcome: `Close`,
`Apply` these actions (then, maybe, open a dialog again), `Swap` to another dialog,
`Save` the game, or `Leave` the board for the load list, the settings or the title.
A dialog never reaches into the board: the board acts on the outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame
import pygame_gui
from pygame_gui.elements import (
    UIButton,
    UIDropDownMenu,
    UILabel,
    UISelectionList,
    UITextBox,
    UITextEntryLine,
    UIWindow,
)

from game.core.actions import (
    Action,
    Answer,
    Choose,
    DecideMole,
    LaunchOperation,
    ProposeExchange,
    ProposeJointOperation,
    SetProgramme,
)
from game.core.records import ANSWERS_ONLY, PACT, THEIRS, TRADED, Topic
from game.core.view import PlayerView
from game.ui.app import esc, picked


@dataclass(frozen=True)
class Close:
    """The dialog is done; nothing to apply."""


@dataclass(frozen=True)
class Apply:
    """Apply these actions; then open `then()` (the same dialog, fresh) if given."""

    actions: tuple[Action, ...]
    then: Callable[[], Dialog] | None = None


@dataclass(frozen=True)
class Swap:
    """Close this dialog and open another in its place."""

    dialog: Callable[[], Dialog]


@dataclass(frozen=True)
class Save:
    """Save the game: a quicksave, or under `name`."""

    name: str | None = None


@dataclass(frozen=True)
class Leave:
    """Leave the board for `where`: "load", "settings" or "title" (asking to save first
    where play would be lost)."""

    where: str


Outcome = Close | Apply | Swap | Save | Leave
CLOSE = Close()
# Below this R18 cap the composer says how little an answer may bring back: a display
# threshold, not a rule (the cap itself is the view's).
EMPTY_CAP = 0.1


class Dialog:
    title = ""

    def __init__(self, board, width: int = 720, height: int = 520):
        self.board = board
        self.v: PlayerView = board.v
        look = board.look
        w, h = board.app.size
        width, height = min(look.px(width), w - 40), min(look.px(height), h - 40)
        # Centred; while a tutorial's guide shows, to its right where there is room.
        guide = board.guide
        x = (w - width) // 2 if guide is None or guide.dialog_x is None else max(
            20, min(guide.dialog_x, w - width - 8))
        y = (h - height) // 2
        if board.v.answering:  # below the answer round's banner, as far as it fits
            y = max(y, min(board.banner()[1].bottom + look.px(4), h - height - 20))
        self.window = UIWindow((x, y, width, height),
                               board.manager, self.title, draggable=False)
        self.px = look.px
        self.inner = self.window.get_container().get_rect()
        self.build()

    def build(self) -> None:
        raise NotImplementedError

    def box(self, html_text: str, rect) -> UITextBox:
        return UITextBox(html_text, rect, self.board.manager, container=self.window)

    def button(self, label: str, rect, primary=False, tip=None) -> UIButton:
        return UIButton(rect, label, self.board.manager, container=self.window,
                        object_id="#primary" if primary else None, tool_tip_text=tip)

    def handle(self, event) -> Outcome | None:
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window:
            return CLOSE
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return CLOSE
        return self.on(event)

    def on(self, event):
        return None

    def kill(self) -> None:
        self.window.kill()

    def report_label(self, rid: int) -> str:
        v = self.v
        rep = v.reports.get(rid)
        ids = v.world.rules.discipline_ids
        over = "" if v.threat(rep.threat) is not None else " — plot over"
        return (f"#{rid} {ids[rep.discipline]} q{rep.quality:.2f} on "
                f"{v.threat_name(rep.threat)} (from {v.world.agencies[rep.originator].id})"
                f"{over}")


class CollectionDialog(Dialog):
    """R6/R7: levels per region and discipline, with their monthly cost. Per cell: our
    strength in the discipline, our reach in the region, the reports the level is
    expected to bring in (the view's `collection_cell`, the dawn's own formula) and
    what it costs a month."""

    title = "Collection programmes"

    def __init__(self, board, selected: tuple[int, int] | None = None):
        self.selected = selected
        super().__init__(board, 880, 540)

    def build(self) -> None:
        v, px = self.v, self.px
        world = v.world
        ids = world.rules.discipline_ids
        manager = self.board.manager
        font = self.board.look.font(14)
        col0 = max(font.size(r.name)[0] for r in world.regions) + px(20)
        reach_w = font.size("reach 100%")[0] + px(14)
        col_w = (self.inner.width - col0 - reach_w - px(10)) // len(ids)
        x0 = col0 + reach_w
        self.cells: dict[UIButton, tuple[str, str, int]] = {}
        self.details: dict[UIButton, tuple[int, int]] = {}
        fit = self.fit
        for k, d in enumerate(ids):
            cell = v.collection_cell(0, k, 0)
            UILabel((x0 + k * col_w, px(4), col_w, px(22)),
                    fit(col_w, f"{d} ({cell.unit_cost:g}/level)", f"{d} {cell.unit_cost:g}/lvl",
                        d), manager, container=self.window)
            UILabel((x0 + k * col_w, px(24), col_w, px(22)),
                    fit(col_w, f"strength {cell.strength:.0%}", f"str. {cell.strength:.0%}",
                        f"{cell.strength:.0%}"), manager, container=self.window)
        top = px(50)
        room = (self.inner.height - top - px(46) - px(72)) // len(world.regions)
        row_h = max(font.get_linesize() + px(8), min(px(34), room))
        max_level = world.rules.collection.max_level
        for r, region in enumerate(world.regions):
            y = top + r * row_h
            UILabel((px(6), y, col0 - px(10), row_h - px(4)), region.name, manager,
                    container=self.window)
            UILabel((col0, y, reach_w - px(6), row_h - px(4)),
                    f"reach {v.agency.access[r]:.0%}", manager, container=self.window)
            for k, d in enumerate(ids):
                cell = v.collection_cell(r, k)
                x = x0 + k * col_w
                tip = self.cell_text(r, k)
                minus = self.button("−", (x, y, px(28), row_h - px(6)),
                                    tip=self.change_text(r, k, cell.level - 1)
                                    if cell.level else tip)
                label = fit(col_w - px(64), f"{cell.level} · {cell.expected:.2f}",
                            str(cell.level)) if cell.level else "0"
                level = self.button(label, (x + px(30), y, col_w - px(64), row_h - px(6)),
                                    tip=tip)
                plus = self.button("+", (x + col_w - px(34), y, px(28), row_h - px(6)),
                                   tip=self.change_text(r, k, cell.level + 1)
                                   if cell.level < max_level else
                                   f"Level {max_level} is the highest a programme can go (R6).")
                if cell.level == 0:
                    minus.disable()
                if cell.level >= max_level:
                    plus.disable()
                if self.selected == (r, k):
                    level.select()
                self.cells[minus] = (region.id, d, cell.level - 1)
                self.cells[plus] = (region.id, d, cell.level + 1)
                self.details[level] = (r, k)
        below = top + len(world.regions) * row_h + px(6)
        self.summary = self.box(self.summary_text(),
                                (px(6), below, self.inner.width - px(12),
                                 max(px(40), self.inner.height - px(46) - below)))
        self.done = self.button("Done", (self.inner.width - px(130), self.inner.height - px(38),
                                         px(120), px(32)), primary=True)

    def fit(self, width: int, *variants: str) -> str:
        """The longest of the wordings that fits the width (the last one if none does)."""
        font = self.board.look.font(14)
        return next((t for t in variants if font.size(t)[0] <= width - self.px(10)),
                    variants[-1])

    def cell_text(self, r: int, k: int) -> str:
        """One cell in words: strength, reach, expected yield and cost (the view's)."""
        v = self.v
        cell = v.collection_cell(r, k)
        d, region = v.world.rules.discipline_ids[k], v.world.regions[r].name
        text = (f"{d} in {region}: your strength {cell.strength:.0%}, your reach "
                f"{cell.reach:.0%}. At level {cell.level}: {cell.expected:.2f} reports a month "
                f"expected on each plot in {region} that needs {d}, for {cell.cost:g} a month.")
        if cell.level < v.world.rules.collection.max_level:
            more = v.collection_cell(r, k, cell.level + 1)
            text += f" Level {more.level}: {more.expected:.2f} a month, for {more.cost:g}."
        return text

    def change_text(self, r: int, k: int, level: int) -> str:
        v = self.v
        now, then = v.collection_cell(r, k), v.collection_cell(r, k, level)
        d, region = v.world.rules.discipline_ids[k], v.world.regions[r].name
        if level > now.level:
            return (f"Raise {d} in {region} to {level}: {then.expected:.2f} reports a month "
                    f"on each plot there needing {d} (now {now.expected:.2f}); costs "
                    f"{then.cost:g} a month (now {now.cost:g}), the raise paid at once.")
        return (f"Lower {d} in {region} to {level}: {then.expected:.2f} reports a month "
                f"(now {now.expected:.2f}); costs {then.cost:g} a month from the next dawn "
                f"(now {now.cost:g}). This month is paid and is not refunded: Undo (Ctrl+Z) "
                f"takes back a raise made this turn.")

    def summary_text(self) -> str:
        v, money = self.v, self.v.money
        hue = self.board.look.palette
        lines = []
        if money.short:  # first, so that it shows even when the text is scrolled
            lines.append(f"<font color='{hue['warn']}'><b>Running costs exceed income</b>"
                         f"</font> by {money.running - money.income:g} a month: the budget "
                         f"shrinks each month, and when it runs out the dawn cuts programmes, "
                         f"the dearest first (R5, R6).")
        if self.selected is not None:
            lines.append(esc(self.cell_text(*self.selected)))
        lines.append(
            f"Running costs <b>{money.running:g}</b> a month (programmes {money.programmes:g}"
            f" + officers posted {money.postings:g}); income <b>{money.income:g}</b> a month; "
            f"budget now <b>{v.budget:.0f}</b>. A raise is paid at once and gives standing "
            f"in the region now (R16); its reports come at the next dawn. Each cell: level · "
            f"reports a month expected per plot (R7): where no plot is under way, a "
            f"programme finds nothing, however high. Click a cell for the detail.")
        return "<br>".join(lines)

    def on(self, event):
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.done:
                return CLOSE
            if event.ui_element in self.details:
                selected = self.details[event.ui_element]
                return Swap(lambda: CollectionDialog(self.board, selected))
            cell = self.cells.get(event.ui_element)
            if cell is not None:  # the dialog stays open, fresh from the new view, with the
                region, discipline, level = cell  # detail on the cell changed (a playtest)
                world = self.v.world
                changed = (world.region_index(region),
                           world.rules.discipline_ids.index(discipline))
                return Apply((SetProgramme(self.v.agency.id, region, discipline, level),),
                             then=lambda: CollectionDialog(self.board, changed))
        return None


class ExchangeDialog(Dialog):
    """R15-R18: compose an offer and an ask, seeing live whether R16 admits it and what
    R18 lets the partner return."""

    title = "Exchange composer"

    def __init__(self, board, threat: int | None = None, partner: str | None = None,
                 restore: tuple | None = None):
        """`partner` is the partner to start with; `restore` is (topic label, offered
        report ids, caveat on) from a composer left for a partner card."""
        self.threat = threat
        self.start_partner = partner
        self.restore = restore
        super().__init__(board, 820, 600)

    def partner_label(self, p) -> str:
        return p.agency + (" (hostile)" if p.hostile else "")

    def build(self) -> None:
        v, px = self.v, self.px
        self.partners = [p for p in v.partners]
        labels = [self.partner_label(p) for p in self.partners]
        first = next((self.partner_label(p) for p in self.partners
                      if p.agency == self.start_partner), labels[0])
        UILabel((px(6), px(6), px(80), px(30)), "Partner", self.board.manager,
                container=self.window)
        self.partner_menu = UIDropDownMenu(labels, first, (px(90), px(6), px(160), px(30)),
                                           self.board.manager, container=self.window)
        self.card = self.button("Card", (px(254), px(6), px(60), px(30)),
                                tip="The partner card: strengths, reach, trust both ways, "
                                    "the ledger and your cables with them.")
        self.topics: list[tuple[str, Topic | None]] = [("Nothing: a gift", None)]
        for tv in v.threats:
            self.topics.append((f"Threat: {v.threat_name(tv.threat.id)}",
                                Topic(threat=tv.threat.id)))
        for r, region in enumerate(v.world.regions):
            self.topics.append((f"Region: {region.name}", Topic(region=r)))
        # The threat asked about, else the first threat we know, else a region where we
        # collect (R16): a playtest found the composer opening on a region it would refuse.
        standing = next((label for label, t in self.topics if t is not None
                         and t.region is not None and v.orders[t.region].any()), None)
        start = next((label for label, t in self.topics
                      if t is not None and self.threat is not None
                      and t.threat == self.threat),
                     self.topics[1][0] if v.threats else standing or self.topics[0][0])
        if self.restore is not None and self.restore[0] in dict(self.topics):
            start = self.restore[0]
        UILabel((px(320), px(6), px(60), px(30)), "Ask", self.board.manager,
                container=self.window)
        self.topic_menu = UIDropDownMenu([t[0] for t in self.topics], start,
                                         (px(380), px(6), self.inner.width - px(390), px(30)),
                                         self.board.manager, container=self.window,
                                         expansion_height_limit=px(300))
        # Reports on live plots first, the soonest to strike at the top; those on plots
        # that are over (worth little: R17) last. Found in a playtest: by mid-game the
        # reports worth offering sat under forty old ones.
        def live_first(r: int) -> tuple[bool, int, int]:
            tv = v.threat(v.reports[r].threat)
            return tv is None, tv.threat.deadline if tv else 0, r

        self.own = sorted(v.reports, key=live_first)
        self.worth = self.worths(self.partners[labels.index(first)])
        UILabel((px(6), px(42), self.inner.width - px(12), px(24)),
                "Offer (each report's worth to them alone, then the report; select several):",
                self.board.manager, container=self.window)
        # The offer list and the verdict share what height the window has (large text, a
        # small window): neither runs below the buttons.
        free = self.inner.height - px(66) - px(38) - px(48)
        offer_h = max(px(60), min(px(200), free // 2))
        self.offer_list = self.offer_items(
            pygame.Rect(px(6), px(66), self.inner.width - px(12), offer_h),
            [r for r in self.restore[1] if r in v.reports] if self.restore else [])
        self.caveat_on = bool(self.restore and self.restore[2])
        self.caveat = self.button(f"Caveat my own reports: {'on' if self.caveat_on else 'off'}",
                                  (px(6), px(72) + offer_h, px(300), px(30)),
                                  tip="Mark reports you originated 'information only' (R21): "
                                      "they count toward the partner's picture but add "
                                      "nothing to operations and never go to court.")
        if not v.world.rules.third_party.caveats:
            self.caveat_on = False
            self.caveat.set_text("Caveats: not in this scenario (R21)")
            self.caveat.disable()
        top = px(110) + offer_h
        self.status = self.box("", (px(6), top, self.inner.width - px(12),
                                    self.inner.height - px(48) - top))
        self.send = self.button("Send cable", (self.inner.width - px(150),
                                               self.inner.height - px(40), px(140), px(34)),
                                primary=True)
        self.cancel = self.button("Cancel", (self.inner.width - px(300),
                                             self.inner.height - px(40), px(140), px(34)))
        self.update_status()

    def worths(self, partner) -> dict[int, float]:
        """What each of our reports is worth to the partner offered alone (R17), from the
        view's preview: a playtester could not tell which reports were worth offering.
        A report that may not go to them (R23, R28) has none."""
        me = self.v.agency.id
        out = {}
        for r in self.own:
            verdict = self.v.preview_exchange(ProposeExchange(me, partner.agency, (r,)))
            if not verdict.problem:
                out[r] = verdict.offer_value
        return out

    def report_label(self, rid: int) -> str:
        worth = self.worth.get(rid)
        return f"{'—' if worth is None else f'{worth:.1f}'} · {super().report_label(rid)}"

    def offer_items(self, rect, selected: list[int]) -> UISelectionList:
        return UISelectionList(
            rect, [self.report_label(r) for r in self.own] or ["You hold no reports."],
            self.board.manager, container=self.window, allow_multi_select=True,
            default_selection=[self.report_label(r) for r in selected] or None)

    def relist(self) -> None:
        """Another partner: the list shows what each report is worth to them, and what
        was selected stays selected."""
        partner, _, offer, _ = self.chosen()  # the new partner; the offer as selected
        self.worth = self.worths(partner)
        rect = self.offer_list.relative_rect.copy()
        self.offer_list.kill()
        self.offer_list = self.offer_items(rect, list(offer))

    def chosen(self):
        partner = self.partners[[self.partner_label(p)
                                 for p in self.partners].index(picked(self.partner_menu))]
        topic = dict(self.topics)[picked(self.topic_menu)]
        selected = set(self.offer_list.get_multi_selection())
        offer = tuple(r for r in self.own if self.report_label(r) in selected)
        caveats = tuple(r for r in offer if self.v.reports[r].originator == self.v.seat) \
            if self.caveat_on else ()
        return partner, topic, offer, caveats

    def action(self) -> ProposeExchange:
        """The cable as composed now: what Send sends and what the preview judges."""
        partner, topic, offer, caveats = self.chosen()
        return ProposeExchange(
            self.v.agency.id, partner.agency, offer,
            ask_threat=topic.threat if topic else None,
            ask_region=self.v.world.regions[topic.region].id
            if topic and topic.region is not None else None,
            caveats=caveats)

    def update_status(self) -> None:
        """Everything shown comes from the view's preview, which is the engine's own
        judgement of this cable: what is shown is what will happen."""
        v, hue = self.v, self.board.look.palette
        partner, topic, _, _ = self.chosen()
        verdict = self.verdict = v.preview_exchange(self.action())
        lines = []
        if verdict.problem:
            lines.append(f"<font color='{hue['bad']}'><b>Cannot be sent</b></font> — "
                         f"{esc(verdict.problem)}")
        elif verdict.refusal:
            canned = ("“We would love to help, but we have nothing.”"
                      if verdict.refusal.startswith("R16") else
                      "nothing, until the court's terms end or the plot is about to strike."
                      if verdict.refusal.startswith("R28") else "nothing, until you bring more.")
            lines.append(f"<font color='{hue['bad']}'><b>Refused by rule</b></font> — "
                         f"{esc(verdict.refusal)}. {partner.agency} would never read it; the "
                         f"rules would answer for them — {canned}")
        elif topic is None:
            lines.append(f"<font color='{hue['good']}'><b>A gift</b></font>: it asks nothing. "
                         f"It is worth <b>{verdict.offer_value:.1f}</b> to {partner.agency}, "
                         f"and that goes on your ledger with them (R18).")
        else:
            lines.append(f"<font color='{hue['good']}'><b>Admitted</b></font> (R16, R18): "
                         f"{partner.agency} reads your cable in this month's answer round.")
        if not verdict.problem and topic is not None and not verdict.refusal.startswith(
                ("R16", "R28")):
            # Two decimals: at one, the parts seldom added up to the cap (a playtest);
            # at two they still may be a hundredth out, so the line says they are rounded.
            lines.append(f"<b>R18 cap {verdict.cap:.2f}</b>: the most their answer may be "
                         f"worth to you = your offer's value to them {verdict.offer_value:.2f}"
                         f" + their credit line {verdict.credit_line:.2f} + your ledger "
                         f"{verdict.ledger:+.2f} with them (each rounded).")
            if verdict.admitted and verdict.cap < EMPTY_CAP and not verdict.tasks:
                lines.append(f"<font color='{hue['warn']}'><b>Little or nothing can come "
                             f"back:</b></font> only a report worth less than "
                             f"{verdict.cap:.2f} to you fits under this cap. Offer more.")
        if not verdict.problem and verdict.third_party:
            lines.append(self.third_party_text(partner.agency, verdict))
        if not verdict.problem and topic is not None and topic.threat is not None \
                and v.late(topic.threat):
            lines.append(f"<font color='{hue['warn']}'><b>Too late:</b></font> "
                         f"{esc(v.threat_name(topic.threat))} strikes at this month's dusk; "
                         f"an answer comes in the answer round, after your orders, so its "
                         f"reports cannot be used against it.")
        if not verdict.problem and verdict.held:
            lines.append(self.held_text(partner.agency, verdict.held))
        if not verdict.problem and not verdict.refusal and verdict.tasks:
            lines.append(f"<b>R15 tasking</b>: if {partner.agency}'s answer leaves a gap you "
                         f"ask about, accepting tasks its collection: at the next dawn it "
                         f"passes you the best report found, if any, outside the cap, and you "
                         f"owe it the report's value.")
        self.status.set_text("<br>".join(lines))
        if verdict.problem or verdict.refusal:
            # A refused cable never reaches the partner: sending it would only fetch the
            # engine's canned answer, so the composer does not offer it.
            self.send.disable()
            self.send.set_tooltip(verdict.problem or f"{verdict.refusal}: the partner would "
                                                     f"never see it.")
        else:
            self.send.enable()
            self.send.set_tooltip("Send the cable; it is answered this month (R15).")

    def held_text(self, partner: str, held) -> str:
        """R17: the offered reports the partner holds already, and how we can tell, so
        that a player sees why they add nothing (a playtester offered a partner the copy
        its own pact had given it, and read the value of the whole offer as a puzzle)."""
        def ids(how: str, pact: str = "") -> str:
            return ", ".join(f"#{h.report}" for h in held if h.how == how and h.pact == pact)

        why = []
        if mine := ids(THEIRS):
            why.append(f"{partner} collected or passed on {mine}")
        if traded := ids(TRADED):
            why.append(f"you two have traded or offered each other {traded}")
        for pact in dict.fromkeys(h.pact for h in held if h.how == PACT):
            why.append(f"the {esc(pact)} copies {ids(PACT, pact)} to {partner}")
        many = len(held) > 1
        return (f"<font color='{self.board.look.palette['warn']}'><b>{partner} already holds "
                f"{', '.join(f'#{h.report}' for h in held)}</b></font>: {'; '.join(why)}. "
                f"{'They add' if many else 'It adds'} nothing to your offer (R17).")

    def third_party_text(self, partner: str, verdict) -> str:
        """R20: the offer passes on reports other agencies originated, without their
        consent; the verdict says which, how likely it comes out, and what it costs."""
        v, hue = self.v, self.board.look.palette
        names = v.world.agencies
        by: dict[str, list[int]] = {}
        for rid, originator in verdict.third_party:
            by.setdefault(names[originator].id, []).append(rid)
        which = "; ".join(f"{', '.join(f'#{r}' for r in rids)} from {who}"
                          for who, rids in by.items())
        who = " and ".join(by)
        return (f"<font color='{hue['warn']}'><b>R20, the third-party rule:</b></font> you "
                f"would pass on reports you did not originate ({which}) to {partner} without "
                f"their originator's consent (consent comes only inside a closed pact holding "
                f"the originator, you and {partner}). If {partner} accepts, each such breach "
                f"may be found out every month (<b>{verdict.breach_chance:.0%}</b> a month"
                + (f", more while a mole works inside {partner}" if self.v.world.breach_may_rise(
                    self.v.world.agency_index(partner)) else "") + "), "
                f"and then the trust {who} place{'s' if len(by) == 1 else ''} in you falls "
                f"by <b>{verdict.breach_loss:g}</b>.")

    def to_card(self) -> Swap:
        """The partner card for the chosen partner; closing it comes back here."""
        partner, _, offer, _ = self.chosen()
        restore = (picked(self.topic_menu), offer, self.caveat_on)
        board, threat = self.board, self.threat
        return Swap(lambda: PartnerDialog(board, partner.agency, back=lambda: ExchangeDialog(
            board, threat, partner.agency, restore)))

    def on(self, event):
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED \
                and event.ui_element is self.partner_menu:
            self.relist()
        if event.type in (pygame_gui.UI_DROP_DOWN_MENU_CHANGED,
                          pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
                          pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION):
            self.update_status()
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.card:
                return self.to_card()
            if event.ui_element is self.caveat:
                self.caveat_on = not self.caveat_on
                self.caveat.set_text(f"Caveat my own reports: {'on' if self.caveat_on else 'off'}")
                self.update_status()
            elif event.ui_element is self.cancel:
                return CLOSE
            elif event.ui_element is self.send:
                return Apply((self.action(),))
        return None


class PartnerDialog(Dialog):
    """The partner card: who they are, their strengths and reach, trust both ways, the
    ledger from our side, what limits trade with them, and our cables with them. All of
    it is public or ours to know (the view's); their budget and holdings stay hidden."""

    title = "Partner card"

    def __init__(self, board, agency: str, back=None):
        """`back` makes the dialog to return to when the card is closed (the composer)."""
        self.partner = board.v.partner(agency)
        self.back = back
        super().__init__(board, 780, 580)

    def build(self) -> None:
        px = self.px
        self.window.set_display_title(f"Partner card — {self.partner.agency}")
        bottom = self.inner.height - px(40)
        self.text = self.box(self.card_text(), (px(6), px(6), self.inner.width - px(12),
                                                bottom - px(12)))
        self.close = self.button("Back" if self.back else "Close",
                                 (self.inner.width - px(130), bottom, px(120), px(34)),
                                 primary=True)
        self.exchange = self.button(f"Exchange with {self.partner.agency}…",
                                    (px(6), bottom, px(260), px(34)),
                                    tip="Open the composer with this partner chosen.")
        if self.v.answering:
            self.exchange.disable()
            self.exchange.set_tooltip(ANSWERS_ONLY)

    def card_text(self) -> str:
        v, p = self.v, self.partner
        world = v.world
        hue = self.board.look.palette
        them = world.agencies[world.agency_index(p.agency)]
        nation = next((n.name for n in world.nations if n.id == them.nation), them.nation)
        rules = world.rules
        ids = rules.discipline_ids
        rows = [f"<b>{esc(p.agency)}</b> — {esc(them.name)}, {esc(nation)}"
                + (f" — <font color='{hue['bad']}'>hostile</font> (R2)" if p.hostile else "")
                + "."]
        if p.pacts:
            rows.append("<b>Pacts you share</b> (R22): " + " ".join(
                self.pact_terms(pact) for pact in world.pacts if pact.name in p.pacts))
        rows.append("<b>Strengths</b> (capability, R3; yours in brackets): " + " · ".join(
            f"{d} {c:.0%} ({mine:.0%})"
            for d, c, mine in zip(ids, them.capability, v.agency.capability, strict=True)))
        rows.append("<b>Reach</b> (access, R3; yours in brackets): " + " · ".join(
            f"{esc(r.name)} {a:.0%} ({mine:.0%})"
            for r, a, mine in zip(world.regions, them.access, v.agency.access, strict=True)))
        if remit := world.jurisdiction(them):
            rows.append(f"<b>Jurisdiction</b>: it {esc(remit)}.")
        rows.append(f"<b>Trust</b> (0-100, R19): their trust in you: <b>{p.trust_in:.0f}</b>. "
                    f"Yours in them: <b>{p.trust_out:.0f}</b>.")
        posted = f" (x{rules.posting.credit_multiplier:g}: your officer is posted with them)" \
            if p.posted else ""
        posted += f" (x{p.strict[1]:g}: strict terms, R28)" if p.strict else ""
        ledger = (f"<b>Ledger</b> (R18, from your side): balance <b>{p.balance:+.1f}</b>: "
                  f"{p.owed}. Credit line they give you: <b>{p.credit_line:.1f}</b> = their trust "
                  f"{p.trust_in:.0f} x {rules.trust.credit_per_trust:g}{posted}. Credit line "
                  f"you give them: {p.credit_given:.1f}. ")
        if p.cut_off:
            ledger += (f"<font color='{hue['warn']}'>An ask that offers nothing is refused "
                       f"now:</font> {esc(p.cut_off)}.")
        else:
            ledger += (f"An ask that offers nothing may bring back up to <b>{p.ask_cap:.1f}</b> "
                       f"now (credit line + balance); what you offer adds its value.")
        rows.append(ledger)
        rows.append("<b>Officers</b> (R24): "
                    + ("your officer is posted with them; " if p.posted else
                       "no officer of yours is posted with them; ")
                    + ("theirs is with you." if p.hosted else "none of theirs is with you."))
        limits = []
        if p.hostile:
            limits.append("Your nations are hostile: only a channel allows trade, on the "
                          "threat kinds it covers (R23): "
                          + (esc(", ".join(p.channel_kinds)) if p.channel_kinds
                             else "no channel is open") + ".")
        for who, names, ends in (("You", p.suspended, p.suspended_until),
                                 ("They", p.suspended_in, p.suspended_in_until)):
            by_end: dict[int, list[str]] = {}
            for d, until in zip(names, ends, strict=True):
                by_end.setdefault(until, []).append(d)
            limits += [f"{who} may not pass {' or '.join(ds)} to "
                       f"{'them' if who == 'You' else 'you'} until the end of "
                       f"{world.month_label(until)} (R28)." for until, ds in by_end.items()]
        limits += [f"{esc(said[0].upper() + said[1:])} (R28)." for said in
                   (p.withholds_said, p.withheld_said) if said]
        limits += [f"{esc(said)}." for said in (p.strict_said, p.strict_given_said) if said]
        rows.append("<b>Limits on trade</b>: " + (" ".join(limits) if limits else
                                                  "none: no suspension, no court's embargo, "
                                                  "no strict terms, "
                                                  "and no hostility to need a channel."))
        rows.append("<br><b>Your cables with them</b>, newest first")
        rows += [self.cable_text(c) for c in reversed(v.cables_with(p.agency))] or [
            "None yet."]
        return "<br>".join(rows)

    @staticmethod
    def pact_terms(pact) -> str:
        """What a pact does, from its public terms: a playtester holding a partner's pact
        copy could not tell from the card why offering it back was worth nothing."""
        name = esc(pact.name)
        if pact.kind == "closed":
            return (f"{name} copies each member's {esc(', '.join(pact.auto_share))} to the "
                    f"others at every dawn, so a copy it made is worth nothing traded (R17).")
        return (f"{name}, a forum, passes summaries of its members' reports on "
                f"{esc(', '.join(pact.threat_kinds))} among those that gave a fellow member "
                f"a report of their own lately.")

    def cable_text(self, c) -> str:
        """One line of the history, from the view's record of the cable."""
        v = self.v
        me, them = v.agency.id, self.partner.agency
        month = v.world.month_label(c.sent)
        head = f"{month}, {me} to {them}" if c.outgoing else f"{month}, {them} to {me}"
        theirs, ours = ("them", "you") if c.outgoing else ("you", "them")
        if c.kind != "exchange":
            what = f"a joint operation against {esc(c.topic)}"
        elif not c.topic:
            what = f"a gift of {c.offered} report(s) (worth {c.value_offered:.1f} to {theirs})"
        elif c.offered:
            what = (f"asked about {esc(c.topic)}, offering {c.offered} report(s) (worth "
                    f"{c.value_offered:.1f} to {theirs})")
        else:
            what = f"asked about {esc(c.topic)}, offering nothing"
        if c.status == "accepted":
            outcome = "accepted"
            if c.kind == "exchange" and c.topic:
                outcome += (f": {c.given} report(s) returned (worth {c.value_returned:.1f} to "
                            f"{ours})")
            if c.ledger_change:
                outcome += f"; ledger {c.ledger_change:+.1f}"
        elif c.status == "refused":
            outcome = "refused"
        elif c.status == "nothing":
            outcome = f"answered by the rules: nothing ({esc(c.refusal)})"
        elif c.status == "withdrawn":
            outcome = ("withdrawn when you joined another operation against it (R12)"
                       if c.outgoing else "withdrawn by them before you answered (R12)")
        elif c.status == "delivered":
            outcome = "awaiting the answer, this month"
        else:
            outcome = "on its way: it is delivered once every agency has given its orders"
        return f"• {head}: {what} — {outcome}."

    def handle(self, event):
        closing = (event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window) \
            or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE) \
            or (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.close)
        if closing:
            return CLOSE if self.back is None else Swap(self.back)
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.exchange:
            # back to the composer it came from, or a new one
            board, partner = self.board, self.partner.agency
            return Swap(self.back or (lambda: ExchangeDialog(board, partner=partner)))
        return None


class AnswerDialog(Dialog):
    """R15/R18/R12: answer a delivered cable within the cap."""

    title = "Answer a cable"

    def __init__(self, board, cable_id: int):
        self.incoming = next(i for i in board.v.inbox if i.cable.id == cable_id)
        super().__init__(board, 780, 560)

    def _gift_debt(self, sender: str) -> str:
        """R18: a gift is no free lunch. What accepting it leaves you owing, against the
        credit line the giver gives you, from the view's ledger and line."""
        p = self.v.partner(sender)
        owe = -self.v.ledger_after(self.incoming.cable.id)
        # From where the ledger stands now, so that "worth 1.8" and "you would owe 1.0"
        # add up (a playtester read them as contradicting each other).
        books = (f"Accepting puts its {self.incoming.offer_value:.1f} on your ledger with "
                 f"{sender}, where {p.owed} now (R18)")
        if owe <= 0:
            return f"{books}: they would still owe you {-owe:.1f}."
        over = ("Beyond it" if owe > p.credit_line + 1e-9 else "Should you owe more than that")
        return (f"{books}: you would owe them <b>{owe:.1f}</b>, against a credit line of "
                f"{p.credit_line:.1f}. {over}, an ask of yours to them must bring more than "
                f"the difference, or the rules refuse it.")

    def offered_line(self, report) -> str:
        """One offered report: its discipline, quality and plot (found in a playtest: a
        gift did not say what it was about). A plot we do not know yet stays unnamed
        until the report is ours; one we already hold (a pact's copy, say) is marked, by
        the number it has in our Reports tab."""
        v = self.v
        plot = (esc(v.threat_name(report.threat)) if report.threat in v.threat_names
                else "a plot you do not know of yet")
        held = f" — you already hold it (#{report.id})" if report.id in v.reports else ""
        return (f"• {v.world.rules.discipline_ids[report.discipline]} q{report.quality:.2f} "
                f"on {plot}{held}")

    def build(self) -> None:
        inc, v, px = self.incoming, self.v, self.px
        sender = v.world.agencies[inc.cable.sender].id
        ids = v.world.rules.discipline_ids
        if inc.joint is not None:
            pic = inc.joint
            text = (f"<b>{sender}</b> proposes a joint operation against <b>"
                    f"{esc(inc.topic_label)}</b>. Pooled picture: {pic.coverage:.0%}, "
                    f"{'all-source' if pic.all_source else 'not all-source'}. Your share: "
                    f"{inc.share:g} (R12).")
            if inc.chance is not None:
                text += (f" If you join, it runs this month with a <b>{inc.chance:.0%}</b> "
                         f"chance of success as you both see it (R11); if it fails, your "
                         f"share is spent.")
            if inc.withdraws:
                text += (f" Joining withdraws your own invitation to "
                         f"{esc(' and '.join(inc.withdraws))} against it, and the share it "
                         f"holds comes back (R12).")
            if inc.problem:
                text += (f"<br><font color='{self.board.look.palette['bad']}'><b>You cannot "
                         f"join it:</b></font> {esc(inc.problem)}")
            self.candidates = []
        elif inc.cable.topic is None:
            offered = "<br>".join(self.offered_line(r) for r in inc.offered)
            text = (f"<b>{sender}</b> sends a gift, asking for nothing now "
                    f"(worth {inc.offer_value:.1f} to you):<br>{offered}<br>"
                    + self._gift_debt(sender))
            self.candidates = []
        else:
            offered = "<br>".join(self.offered_line(r) for r in inc.offered)
            wanted = ", ".join(f"{ids[d]} ×{n}" for _, d, n in inc.cable.wanted if n) or "—"
            text = (f"<b>{sender}</b> asks about <b>{esc(inc.topic_label)}</b>.<br>"
                    f"They offer (counted as {inc.offer_value:.2f}, as they can judge it: "
                    f"R17):<br>{offered or '• nothing'}<br>"
                    f"They still lack: {wanted}.<br>You may return up to <b>{inc.cap:.2f}</b> "
                    f"(R18)." + (" If you leave a gap, accepting tasks your collection for "
                                 "them at the next dawn (R15)." if inc.tasks else ""))
            self.candidates = list(inc.candidates)
        # The text, the list and the total share the height above the reason and the buttons.
        bottom = self.inner.height - px(40)
        free = bottom - px(44) - px(6) - 2 * px(28) - px(16)  # two lines: worth; ledger
        text_h = max(px(80), min(px(190), free // 2)) if self.candidates else free - px(60)
        list_h = free - text_h
        self.text = self.box(text, (px(6), px(6), self.inner.width - px(12), text_h))
        others = dict(v.answer_breaches(inc.cable.id, tuple(r for r, _ in self.candidates))) \
            if self.candidates else {}
        self.labels = [f"#{r} {ids[v.reports[r].discipline]} q{v.reports[r].quality:.2f} — "
                       f"worth {val:.1f} to them"
                       + (": they hold it already (R17)" if val == 0 else "")
                       + (f" — {v.world.agencies[others[r]].id}'s: R20" if r in others else "")
                       for r, val in self.candidates]
        self.pick = UISelectionList((px(6), px(12) + text_h, self.inner.width - px(12), list_h),
                                    self.labels or [self.nothing_to_give()],
                                    self.board.manager, container=self.window,
                                    allow_multi_select=True)
        self.total = UILabel((px(6), px(16) + text_h + list_h, self.inner.width - px(12),
                              px(28)), "", self.board.manager, container=self.window)
        # The ledger and the R20 risk on a line of their own: beside the worth they ran
        # past the dialog at large text (found in a review).
        self.books = UILabel((px(6), px(16) + text_h + list_h + px(28),
                              self.inner.width - px(12), px(28)), "", self.board.manager,
                             container=self.window)
        self.why = UITextEntryLine((px(6), bottom - px(44), self.inner.width - px(12), px(36)),
                                   self.board.manager, container=self.window,
                                   placeholder_text="why (optional): they will read it")
        self.refuse = self.button("Refuse", (px(6), bottom, px(140), px(34)))
        self.accept = self.button("Accept", (self.inner.width - px(150), bottom, px(140), px(34)),
                                  primary=True)
        if inc.joint is not None and inc.problem:
            self.accept.disable()
            self.accept.set_tooltip(inc.problem)
        self.update_total()

    def nothing_to_give(self) -> str:
        """The empty list's line: what the player can still do. "Accept or refuse" beside a
        greyed Accept read as a contradiction (a playtest of a doomed joint operation)."""
        inc = self.incoming
        if inc.joint is not None and inc.problem:
            return "You cannot join it: refuse, and say why if you like."
        if inc.joint is not None or inc.cable.topic is None:
            return "Nothing to choose: accept or refuse."
        return "Nothing of yours fits this request."

    def give(self) -> tuple[int, ...]:
        chosen = set(self.pick.get_multi_selection())
        return tuple(r for (r, _), label in zip(self.candidates, self.labels, strict=True)
                     if label in chosen)

    def update_total(self) -> None:
        if self.incoming.joint is not None or self.incoming.cable.topic is None:
            return
        # The view values the reports together, as the engine will book them (R17):
        # two for one gap are not worth what each is alone.
        give = self.give()
        total = self.v.preview_answer(self.incoming.cable.id, give)
        over = total > self.incoming.cap + 1e-9
        breaches = self.v.answer_breaches(self.incoming.cable.id, give)
        sender = self.incoming.cable.sender
        # R20, as the composer warns: passing on what another service collected, without
        # its consent, may be found out, and then costs its trust.
        warning = (f"R20 risk: {len(breaches)} not yours ("
                   f"{self.v.world.breach_chance(sender):.0%}"
                   f"{'+' if self.v.world.breach_may_rise(sender) else ''} a month, "
                   f"−{self.v.world.rules.trust.breach_loss:g} trust)" if breaches else "")
        # Two decimals: at one, an answer just over the cap read "1.0 of 1.0 — over the
        # cap" (found in a playtest).
        after = self.v.ledger_after(self.incoming.cable.id, give)
        books = (f"If you accept, they will owe you {after:.1f} (R18)" if after > 0 else
                 f"If you accept, you will owe them {-after:.1f} (R18)" if after < 0 else
                 "If you accept, you will be even (R18)")
        self.total.set_text(f"Your answer is worth {total:.2f} of {self.incoming.cap:.2f}"
                            + (" — over the cap" if over else ""))
        self.books.set_text("; ".join(x for x in ("" if over else books, warning) if x))
        if over:
            # R18 caps an answer, not a gift: what the cap holds back can still go, as a
            # gift on your next orders (found in a playtest: a teammate could not be helped).
            self.accept.disable()
            self.accept.set_tooltip(f"Over the R18 cap of {self.incoming.cap:.1f}: choose less. "
                                    f"A gift has no cap: send the rest from Exchange… on your "
                                    f"next orders, asking nothing.")
        else:
            self.accept.enable()
            self.accept.set_tooltip(None)

    def on(self, event):
        if event.type in (pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
                          pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION):
            self.update_total()
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            me, cid = self.v.agency.id, self.incoming.cable.id
            if event.ui_element is self.refuse:
                return Apply((Answer(me, cid, False, (), self.why.get_text()),))
            if event.ui_element is self.accept:
                return Apply((Answer(me, cid, True, self.give(), self.why.get_text()),))
        return None


class OperationDialog(Dialog):
    """R11/R12: launch alone, or invite a partner to a joint operation."""

    title = "Operation"

    def __init__(self, board, threat_id: int, joint: bool = False):
        self.tv = board.v.threat(threat_id)
        self.joint = joint
        super().__init__(board, 640, 420)

    def build(self) -> None:
        tv, v, px = self.tv, self.v, self.px
        ids = v.world.rules.discipline_ids
        pic = tv.picture
        missing = ", ".join(f"{ids[d]} ×{n}" for d, n in enumerate(pic.missing) if n) or "none"
        text = (f"<b>{esc(v.threat_name(tv.threat.id))}</b> — severity {tv.threat.severity}, cost "
                f"{tv.cost:g}.<br>Your picture: {pic.coverage:.0%} coverage, "
                f"{'all-source' if pic.all_source else 'not all-source'}; still missing: "
                f"{missing}.<br>")
        ok, why = v.can_launch(tv.threat.id)
        if tv.chance is not None and not tv.outside:
            # A playtester launched alone, then found partners' invitations against the
            # plot that answer round could not be joined.
            text += (f"Chance of success if you act alone: <b>{tv.chance:.0%}</b> (R11); "
                     f"launched alone, you cannot join a partner's invitation against it "
                     f"this month (R12). ")
        if not ok:
            text += (f"<font color='{self.board.look.palette['warn']}'>You cannot launch it "
                     f"now:</font> {esc(why)}")
        lacking = [ids[d] for d in pic.bare(tv.threat.needs)]
        text += ("<br>A partner you invite can join only if it holds a report on this plot"
                 + (f" and brings what the pooled picture lacks ({', '.join(lacking)})"
                    if lacking else "") + "; if it cannot, it declines and your half comes "
                 "back (R12).")
        self.box(text, (px(6), px(6), self.inner.width - px(12), px(170)))
        bottom = self.inner.height - px(40)
        self.solo = self.button(f"Launch for {tv.cost:g}", (self.inner.width - px(190), bottom,
                                                            px(180), px(34)), primary=True,
                                tip=why or "Launch alone; it resolves at dusk (R11).")
        if not ok:
            self.solo.disable()
        verdicts = {p.agency: v.can_propose_joint(tv.threat.id, p.agency) for p in v.partners}
        partners = [a for a, (can, _) in verdicts.items() if can]
        self.partner_menu = UIDropDownMenu(partners or ["—"], (partners or ["—"])[0],
                                           (px(6), px(190), px(200), px(32)),
                                           self.board.manager, container=self.window)
        self.invite = self.button(f"Invite to a joint operation (your half: {tv.cost / 2:g})",
                                  (px(212), px(190), self.inner.width - px(220), px(32)),
                                  tip="Your half is held until they answer, in this month's "
                                      "answer round (R12).")
        if not partners:
            self.invite.disable()
            reasons = {why for _, why in verdicts.values()}
            self.invite.set_tooltip(reasons.pop() if len(reasons) == 1 else
                                    "No partner can take it now (R12, R23).")

    def on(self, event):
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            me = self.v.agency.id
            if event.ui_element is self.solo:
                return Apply((LaunchOperation(me, self.tv.threat.id),))
            if event.ui_element is self.invite:
                invite = ProposeJointOperation(me, picked(self.partner_menu), self.tv.threat.id)
                return Apply((invite,))
        return None


class EventDialog(Dialog):
    """R28: the event, what really happened, and the choices."""

    title = "A decision"

    def __init__(self, board, pending: int):
        self.decision = next(d for d in board.v.decisions if d.pending == pending)
        # As tall as fits below the top bar: the choices' effects matter most.
        super().__init__(board, 820, 640)

    def build(self) -> None:
        d, px = self.decision, self.px
        told = "".join(f"<br><b>{n + 1}. {esc(o.label)}</b><br>"
                       + "".join(f"• {esc(line)}<br>" for line in o.effects)
                       for n, o in enumerate(d.options))
        # What each choice does comes before the history note: it is what the choice
        # turns on, and a playtest would otherwise have to scroll to find it.
        # What really happened is kept for the debrief: before the choice it gave the
        # answer away (a playtester read of the Albanian teams' fate, then decided).
        self.box(f"<b>{esc(d.title)}</b><br><br>{esc(d.text)}<br><br><b>What each choice "
                 f"does</b> (your decision is public and takes effect at the end of the "
                 f"month; left open at the end of your turn, the first is taken):<br>{told}"
                 f"<br><i>What really happened is told in the debrief, beside what you "
                 f"chose.</i>",
                 (px(6), px(6), self.inner.width - px(12), self.inner.height - px(16)
                  - px(44) * len(d.options)))
        self.choices = [
            self.button(f"{n + 1}. {o.label}",
                        (px(6), self.inner.height - px(44) * (len(d.options) - n),
                         self.inner.width - px(12), px(38)), primary=n == 0)
            for n, o in enumerate(d.options)
        ]

    def on(self, event):
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.choices:
            choice = self.choices.index(event.ui_element)
            return Apply((Choose(self.v.agency.id, self.decision.pending, choice),))
        return None


class MoleDialog(Dialog):
    """R25: a mole has been found. Expose it or run it back."""

    title = "A mole"

    def __init__(self, board, mole_id: int):
        self.mole = next(m for m in board.v.moles if m.id == mole_id)
        super().__init__(board, 700, 420)

    def build(self) -> None:
        m, px = self.mole, self.px
        self.box(f"Counter-intelligence has found a mole working for <b>{m.hostile}</b>. It "
                 f"read {m.leaked} of the reports we held, some of them our partners'.<br><br>"
                 f"<b>Expose it</b>: partners whose reports leaked are told now and trust us "
                 f"less.<br><b>Run it back</b>: keep it, in secret, to feed {m.hostile} false "
                 f"reports — but if our partners find out later, each loses twice the trust "
                 f"in us that exposing it now costs (R25).",
                 (px(6), px(6), self.inner.width - px(12), self.inner.height - px(60)))
        bottom = self.inner.height - px(44)
        self.expose = self.button("Expose it", (px(6), bottom, px(200), px(38)), primary=True)
        self.run_back = self.button("Run it back", (self.inner.width - px(206), bottom, px(200),
                                                    px(38)))

    def on(self, event):
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.expose:
                return Apply((DecideMole(self.v.agency.id, self.mole.id, True),))
            if event.ui_element is self.run_back:
                return Apply((DecideMole(self.v.agency.id, self.mole.id, False),))
        return None


class MenuDialog(Dialog):
    """Esc: save, load, settings, help, quit to the title."""

    title = "Menu"

    def __init__(self, board):
        super().__init__(board, 380, 356)  # as tall as its buttons (470 left half of it empty)

    def build(self) -> None:
        px = self.px
        labels = [("resume", "Resume"), ("save", "Quicksave (F5)"), ("load", "Load…"),
                  ("settings", "Settings…"), ("title", "Quit to title")]
        self.items = {key: self.button(label, (px(10), px(10) + n * px(50),
                                               self.inner.width - px(20), px(42)),
                                       primary=key == "resume")
                      for n, (key, label) in enumerate(labels)}
        y = px(10) + len(labels) * px(50)
        self.name = UITextEntryLine((px(10), y, self.inner.width - px(130), px(36)),
                                    self.board.manager, container=self.window,
                                    placeholder_text="name this save")
        self.items["save_as"] = self.button("Save as", (self.inner.width - px(112), y, px(102),
                                                        px(36)))

    def on(self, event):
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return None
        key = next((k for k, b in self.items.items() if b is event.ui_element), None)
        if key == "resume":
            return CLOSE
        if key == "save":
            return Save()
        if key == "save_as":
            return Save(self.name.get_text())
        if key in ("load", "settings", "title"):
            return Leave(key)
        return None

