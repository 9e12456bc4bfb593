"""The debrief: scoreboard, charts, threat timeline and the reveal of every secret."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextBox

from game.ai.agency import ROUTINE_NOTES
from game.controller import GameController
from game.debrief.export import DEBRIEF_DIR, charts, export
from game.debrief.reveal import outcome, reveal, scoreboard
from game.ui import scenes
from game.ui.app import App, Scene, esc
from game.ui.monthly import report_lines


@scenes.register("debrief")
class DebriefScene(Scene):
    def __init__(self, app: App, controller: GameController):
        humans = {a.id: controller.player_name(i) for i, a in enumerate(controller.world.agencies)
                  if controller.is_human(i)}
        self.reveal = reveal(controller.state, humans, controller.reasons())
        self.finished = controller  # not `controller`: a finished game asks nothing on close
        self.charts: dict[str, pygame.Surface] = {}
        self.note = ""
        super().__init__(app)

    def build(self) -> None:
        w, h = self.app.size
        px = self.look.px
        r = self.reveal
        chart_w = w - px(520)
        self.charts = charts(r, self.look.font(12), self.look.palette,
                             (chart_w, (h - px(140)) // 2))
        board = "<br>".join(
            f"{esc(a)} ({esc(r.humans.get(a, 'AI'))}): "
            + (f"{s:.1f} of {t:.0f} ({s / t:.0%})" if may_win else f"{s:.1f} — cannot win")
            for a, s, t, may_win in scoreboard(r))
        def when(month: int) -> str:
            return r.months[min(month, len(r.months)) - 1]

        threats = "<br>".join(
            f"{esc(n)} — " + (f"{st} in {when(end)}" if st != "active"
                              else "still active at the end")
            + f" (severity {sev}; appeared in {when(s)})"
            for n, _, s, end, st, sev in r.threats)

        def block(title, lines):
            return f"<b>{title}</b><br>" + ("<br>".join(f"• {esc(x)}" for x in lines) or "None.")

        text = "<br><br>".join([
            f"<b>{esc(outcome(r))}</b>",
            "<b>Scoreboard</b>: score, of the target, and the share reached<br>" + board,
            block("Decisions, and what really happened", r.decisions),
            block("Moles", r.moles), block("Breaches", r.breaches),
            block("Disinformation", r.disinformation),
            *self._last_months(),
            block("What the AI agencies did, and why (the last 40, leaving out collection "
                  "orders and gifts accepted; the export has them all)",
                  [x for x in r.reasons
                   if not any(f": {routine}" in x for routine in ROUTINE_NOTES)][-40:]),
            "<b>Threats</b><br>" + (threats or "None."),
        ])
        self.box = UITextBox(text, (w - px(510), px(56), px(500), h - px(130)), self.manager)
        self.export_button = UIButton((w - px(510), h - px(64), px(240), px(44)),
                                      "Export for the class", self.manager,
                                      tool_tip_text="HTML page, PNG charts and a CSV of the "
                                                    f"months, in {DEBRIEF_DIR}")
        campaign = self.finished.session.campaign is not None
        self.title_button = UIButton((w - px(260), h - px(64), px(250), px(44)),
                                     "On with the campaign" if campaign else "Back to title",
                                     self.manager, object_id="#primary")

    def _last_months(self) -> list[str]:
        """Each player's report of the last month, which no month came to open: what
        their final orders, answers and operations did."""
        r, world = self.reveal, self.finished.world
        muted = self.look.palette["muted"]
        return ["<br>".join(report_lines(
            world, agency, report, muted,
            f"<b>{esc(r.humans[agency])} ({esc(agency)}): the last month, from "
            f"{esc(report.since)} to the end</b>"))
            for agency, report in r.last_months.items()]

    def draw(self, surface) -> None:
        super().draw(surface)
        px = self.look.px
        self.text(surface, f"Debrief: {self.reveal.title}", (px(16), px(12)), 24, "text", True)
        y = px(56)
        for chart in (self.charts["scores"], self.charts["damage"]):
            surface.blit(chart, (px(16), y))
            y += chart.get_height() + px(8)
        if self.note:
            self.text(surface, self.note, (px(16), self.app.size[1] - px(34)), 14, "muted")

    def handle(self, event) -> Scene | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.export_button:
                path = export(self.reveal, self.look.font(12), self.look.palette)
                self.note = f"Exported to {path}"
            elif event.ui_element is self.title_button:
                if self.finished.session.campaign is not None:
                    return scenes.make("chapter_end", self.app, self.finished)
                return scenes.make("title", self.app)
        return None
