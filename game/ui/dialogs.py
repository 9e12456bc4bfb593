"""The board's dialogs. Each reads the seat's view and returns actions to apply.

`handle(event)` returns None while the dialog stays open, "close" to close it,
or a list of actions for the board to apply (and then close).
"""

from __future__ import annotations

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
    Answer,
    Choose,
    DecideMole,
    LaunchOperation,
    ProposeExchange,
    ProposeJointOperation,
    SetProgramme,
)
from game.core.records import Topic
from game.core.view import PlayerView
from game.ui.app import esc, picked


class Dialog:
    title = ""

    def __init__(self, board, width: int = 720, height: int = 520):
        self.board = board
        self.v: PlayerView = board.v
        look = board.look
        w, h = board.app.size
        width, height = min(look.px(width), w - 40), min(look.px(height), h - 40)
        self.window = UIWindow(((w - width) // 2, (h - height) // 2, width, height),
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

    def handle(self, event):
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window:
            return "close"
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return "close"
        return self.on(event)

    def on(self, event):
        return None

    def kill(self) -> None:
        self.window.kill()

    def report_label(self, rid: int) -> str:
        v = self.v
        rep = v.reports.get(rid)
        ids = v.world.rules.discipline_ids
        return (f"#{rid} {ids[rep.discipline]} q{rep.quality:.2f} on "
                f"{v.threat_name(rep.threat)} (from {v.world.agencies[rep.originator].id})")


class CollectionDialog(Dialog):
    """R6: levels per region and discipline, with their monthly cost."""

    title = "Collection programmes"

    def build(self) -> None:
        v, px = self.v, self.px
        world = v.world
        ids = world.rules.discipline_ids
        costs = [d.cost for d in world.rules.disciplines]
        font = self.board.look.font(14)
        col0 = max(font.size(r.name)[0] for r in world.regions) + px(24)
        col_w = (self.inner.width - col0 - px(10)) // len(ids)
        self.cells: dict[UIButton, tuple[str, str, int]] = {}
        for k, d in enumerate(ids):
            UILabel((col0 + k * col_w, px(6), col_w, px(24)),
                    f"{d} ({costs[k]:g}/level)", self.board.manager, container=self.window)
        row_h = px(34)
        for r, region in enumerate(world.regions):
            y = px(36) + r * row_h
            UILabel((px(6), y, col0 - px(10), row_h - px(4)), region.name, self.board.manager,
                    container=self.window)
            for k, d in enumerate(ids):
                level = int(v.orders[r, k])
                x = col0 + k * col_w
                minus = self.button("−", (x, y, px(28), row_h - px(6)))
                UILabel((x + px(30), y, col_w - px(64), row_h - px(6)), str(level),
                        self.board.manager, container=self.window)
                plus = self.button("+", (x + col_w - px(34), y, px(28), row_h - px(6)),
                                   tip=f"Raising costs {costs[k]:g} now and each month")
                if level == 0:
                    minus.disable()
                if level >= world.rules.collection.max_level:
                    plus.disable()
                self.cells[minus] = (region.id, d, level - 1)
                self.cells[plus] = (region.id, d, level + 1)
        standing = float((v.orders * costs).sum())
        self.box(f"Standing cost <b>{standing:g}</b> a month; budget now <b>{v.budget:.0f}</b>. "
                 f"A raise is paid at once and gives standing in the region now (R16); its "
                 f"reports come at the next dawn.",
                 (px(6), self.inner.height - px(120), self.inner.width - px(12), px(76)))
        self.done = self.button("Done", (self.inner.width - px(130), self.inner.height - px(38),
                                         px(120), px(32)), primary=True)

    def on(self, event):
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.done:
                return "close"
            cell = self.cells.get(event.ui_element)
            if cell is not None:
                region, discipline, level = cell
                self.board.act(SetProgramme(self.v.agency.id, region, discipline, level))
                self.v = self.board.v
                self.window.kill()
                self.board.dialog = CollectionDialog(self.board)
        return None


class ExchangeDialog(Dialog):
    """R15-R18: compose an offer and an ask, seeing live whether R16 admits it and what
    R18 lets the partner return."""

    title = "Exchange composer"

    def __init__(self, board, threat: int | None = None):
        self.threat = threat
        super().__init__(board, 820, 600)

    def build(self) -> None:
        v, px = self.v, self.px
        self.partners = [p for p in v.partners]
        labels = [f"{p.agency}" + (" (hostile)" if p.hostile else "") for p in self.partners]
        UILabel((px(6), px(6), px(80), px(30)), "Partner", self.board.manager,
                container=self.window)
        self.partner_menu = UIDropDownMenu(labels, labels[0], (px(90), px(6), px(220), px(30)),
                                           self.board.manager, container=self.window)
        self.topics: list[tuple[str, Topic | None]] = [("Nothing: a gift", None)]
        for tv in v.threats:
            self.topics.append((f"Threat: {tv.threat.name}", Topic(threat=tv.threat.id)))
        for r, region in enumerate(v.world.regions):
            self.topics.append((f"Region: {region.name}", Topic(region=r)))
        start = next((label for label, t in self.topics
                      if t is not None and t.threat == self.threat), self.topics[1][0]
                     if len(self.topics) > 1 else self.topics[0][0])
        UILabel((px(320), px(6), px(60), px(30)), "Ask", self.board.manager,
                container=self.window)
        self.topic_menu = UIDropDownMenu([t[0] for t in self.topics], start,
                                         (px(380), px(6), self.inner.width - px(390), px(30)),
                                         self.board.manager, container=self.window,
                                         expansion_height_limit=px(300))
        self.own = sorted(v.reports)
        UILabel((px(6), px(42), px(400), px(24)), "Offer (click to select several):",
                self.board.manager, container=self.window)
        self.offer_list = UISelectionList(
            (px(6), px(66), self.inner.width - px(12), px(200)),
            [self.report_label(r) for r in self.own] or ["You hold no reports."],
            self.board.manager, container=self.window, allow_multi_select=True)
        self.caveat = self.button("Caveat my own reports: off", (px(6), px(272), px(300), px(30)),
                                  tip="Mark reports you originated 'information only' (R21): "
                                      "they count toward the partner's picture but add "
                                      "nothing to operations and never go to court.")
        self.caveat_on = False
        self.status = self.box("", (px(6), px(310), self.inner.width - px(12), px(170)))
        self.send = self.button("Send cable", (self.inner.width - px(150),
                                               self.inner.height - px(40), px(140), px(34)),
                                primary=True)
        self.cancel = self.button("Cancel", (self.inner.width - px(300),
                                             self.inner.height - px(40), px(140), px(34)))
        self.update_status()

    def chosen(self):
        partner = self.partners[[p.agency + (" (hostile)" if p.hostile else "")
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
        verdict = v.preview_exchange(self.action())
        lines = []
        if verdict.problem:
            lines.append(f"<font color='{hue['bad']}'><b>Cannot be sent</b></font> — "
                         f"{esc(verdict.problem)}")
        elif verdict.refusal:
            canned = ("“We would love to help, but we have nothing.”"
                      if verdict.refusal.startswith("R16") else "nothing, until you bring more.")
            lines.append(f"<font color='{hue['bad']}'><b>Refused by rule</b></font> — "
                         f"{esc(verdict.refusal)}. The engine will answer for {partner.agency}: "
                         f"{canned}")
        elif topic is None:
            lines.append(f"<font color='{hue['good']}'><b>A gift</b></font>: it asks nothing. "
                         f"It is worth <b>{verdict.offer_value:.1f}</b> to {partner.agency}, "
                         f"and that goes on your ledger with them (R18).")
        else:
            lines.append(f"<font color='{hue['good']}'><b>Admitted</b></font> (R16, R18): "
                         f"{partner.agency} reads your cable in this month's answer round.")
        if not verdict.problem and topic is not None and not verdict.refusal.startswith("R16"):
            lines.append(f"<b>R18 cap {verdict.cap:.1f}</b>: the most their answer may be "
                         f"worth to you = your offer's value to them {verdict.offer_value:.1f}"
                         f" + their credit line {verdict.credit_line:.1f} + your ledger "
                         f"{verdict.ledger:+.1f} with them.")
        if not verdict.problem and topic is not None and topic.threat is not None \
                and v.late(topic.threat):
            lines.append(f"<font color='{hue['warn']}'><b>Too late:</b></font> "
                         f"{esc(v.threat_name(topic.threat))} strikes at this month's dusk; "
                         f"an answer comes in the answer round, after your orders, so its "
                         f"reports cannot be used against it.")
        self.status.set_text("<br>".join(lines))
        if verdict.problem:
            self.send.disable()
            self.send.set_tooltip(verdict.problem)
        else:
            self.send.enable()
            self.send.set_tooltip("Send the cable; it is answered this month (R15).")

    def on(self, event):
        if event.type in (pygame_gui.UI_DROP_DOWN_MENU_CHANGED,
                          pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
                          pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION):
            self.update_status()
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.caveat:
                self.caveat_on = not self.caveat_on
                self.caveat.set_text(f"Caveat my own reports: {'on' if self.caveat_on else 'off'}")
                self.update_status()
            elif event.ui_element is self.cancel:
                return "close"
            elif event.ui_element is self.send:
                return [self.action()]
        return None


class AnswerDialog(Dialog):
    """R15/R18/R12: answer a delivered cable within the cap."""

    title = "Answer a cable"

    def __init__(self, board, cable_id: int):
        self.incoming = next(i for i in board.v.inbox if i.cable.id == cable_id)
        super().__init__(board, 780, 560)

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
            if inc.problem:
                text += (f"<br><font color='{self.board.look.palette['bad']}'><b>You cannot "
                         f"join it:</b></font> {esc(inc.problem)}")
            self.candidates = []
        elif inc.cable.topic is None:
            offered = "<br>".join(f"• {ids[r.discipline]} q{r.quality:.2f}" for r in inc.offered)
            text = (f"<b>{sender}</b> sends a gift, asking nothing in return "
                    f"(worth {inc.offer_value:.1f} to you):<br>{offered}<br>Accepting puts "
                    f"its value on your ledger with {sender} (R18).")
            self.candidates = []
        else:
            offered = "<br>".join(f"• {ids[r.discipline]} q{r.quality:.2f}" for r in inc.offered)
            wanted = ", ".join(f"{ids[d]} ×{n}" for _, d, n in inc.cable.wanted if n) or "—"
            text = (f"<b>{sender}</b> asks about <b>{esc(inc.topic_label)}</b>.<br>"
                    f"They offer ({inc.offer_value:.1f} to you):<br>{offered or '• nothing'}<br>"
                    f"They still lack: {wanted}.<br>You may return up to <b>{inc.cap:.1f}</b> "
                    f"(R18).")
            self.candidates = list(inc.candidates)
        self.box(text, (px(6), px(6), self.inner.width - px(12), px(190)))
        self.labels = [f"#{r} {ids[v.reports[r].discipline]} q{v.reports[r].quality:.2f} — "
                       f"worth {val:.1f} to them" for r, val in self.candidates]
        self.pick = UISelectionList((px(6), px(202), self.inner.width - px(12), px(200)),
                                    self.labels or ["Nothing to choose: accept or refuse."
                                                    if inc.cable.topic is None or inc.joint
                                                    else "Nothing of yours fits this request."],
                                    self.board.manager, container=self.window,
                                    allow_multi_select=True)
        self.total = UILabel((px(6), px(408), self.inner.width - px(12), px(28)), "",
                             self.board.manager, container=self.window)
        bottom = self.inner.height - px(40)
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

    def give(self) -> tuple[int, ...]:
        chosen = set(self.pick.get_multi_selection())
        return tuple(r for (r, _), label in zip(self.candidates, self.labels, strict=True)
                     if label in chosen)

    def update_total(self) -> None:
        if self.incoming.joint is not None or self.incoming.cable.topic is None:
            return
        # The view values the reports together, as the engine will book them (R17):
        # two for one gap are not worth what each is alone.
        total = self.v.preview_answer(self.incoming.cable.id, self.give())
        over = total > self.incoming.cap + 1e-9
        self.total.set_text(f"Your answer is worth {total:.1f} of {self.incoming.cap:.1f}"
                            + (" — over the cap" if over else ""))
        if over:
            self.accept.disable()
        else:
            self.accept.enable()

    def on(self, event):
        if event.type in (pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
                          pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION):
            self.update_total()
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            me, cid = self.v.agency.id, self.incoming.cable.id
            if event.ui_element is self.refuse:
                return [Answer(me, cid, False, (), self.why.get_text())]
            if event.ui_element is self.accept:
                return [Answer(me, cid, True, self.give(), self.why.get_text())]
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
        text = (f"<b>{esc(tv.threat.name)}</b> — severity {tv.threat.severity}, cost "
                f"{tv.cost:g}.<br>Your picture: {pic.coverage:.0%} coverage, "
                f"{'all-source' if pic.all_source else 'not all-source'}; still missing: "
                f"{missing}.<br>")
        ok, why = v.can_launch(tv.threat.id)
        if tv.chance is not None:
            text += f"Chance of success if you act alone: <b>{tv.chance:.0%}</b> (R11). "
        if not ok:
            text += (f"<font color='{self.board.look.palette['warn']}'>You cannot launch it "
                     f"now:</font> {esc(why)}")
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
                return [LaunchOperation(me, self.tv.threat.id)]
            if event.ui_element is self.invite:
                return [ProposeJointOperation(me, picked(self.partner_menu), self.tv.threat.id)]
        return None


class EventDialog(Dialog):
    """R28: the event, what really happened, and the choices."""

    title = "A decision"

    def __init__(self, board, pending: int):
        self.decision = next(d for d in board.v.decisions if d.pending == pending)
        super().__init__(board, 760, 540)

    def build(self) -> None:
        d, px = self.decision, self.px
        self.box(f"<b>{esc(d.title)}</b><br><br>{esc(d.text)}<br><br><i>What happened: "
                 f"{esc(d.history)}</i><br><br>Your decision is public and takes effect at the "
                 f"end of the month.",
                 (px(6), px(6), self.inner.width - px(12), self.inner.height - px(60)
                  - px(40) * len(d.choices)))
        self.choices = [
            self.button(label, (px(6), self.inner.height - px(44) * (len(d.choices) - n),
                                self.inner.width - px(12), px(38)), primary=n == 0)
            for n, label in enumerate(d.choices)
        ]

    def on(self, event):
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.choices:
            return [Choose(self.v.agency.id, self.decision.pending,
                           self.choices.index(event.ui_element))]
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
                 f"reports — but if our partners find out later, they will trust us twice as "
                 f"much less (R25).",
                 (px(6), px(6), self.inner.width - px(12), self.inner.height - px(60)))
        bottom = self.inner.height - px(44)
        self.expose = self.button("Expose it", (px(6), bottom, px(200), px(38)), primary=True)
        self.run_back = self.button("Run it back", (self.inner.width - px(206), bottom, px(200),
                                                    px(38)))

    def on(self, event):
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.expose:
                return [DecideMole(self.v.agency.id, self.mole.id, True)]
            if event.ui_element is self.run_back:
                return [DecideMole(self.v.agency.id, self.mole.id, False)]
        return None


class MenuDialog(Dialog):
    """Esc: save, load, settings, help, quit to the title."""

    title = "Menu"

    def __init__(self, board):
        super().__init__(board, 380, 470)

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
        board = self.board
        if key == "resume":
            return "close"
        if key == "save":
            board._quicksave()
            return "close"
        if key == "save_as":
            board.save_as(self.name.get_text())
            return "close"
        if key in ("load", "settings", "title"):
            from game.ui import menus
            from game.ui.prompts import before_leaving
            target = {"load": lambda: menus.LoadScene(
                          board.app, back=board._return,
                          leaving=lambda go: before_leaving(board.app, board.controller,
                                                            board._return, go)),
                      "settings": lambda: menus.SettingsScene(board.app,
                                                              back=board._return),
                      "title": lambda: before_leaving(board.app, board.controller,
                                                      board._return,
                                                      lambda: menus.TitleScene(board.app))}[key]
            board.pending_scene = target
            return "close"
        return None

