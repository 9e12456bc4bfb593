"""Campaign screens: the list, a briefing before each chapter, the chapter's end (with a
retry when it was lost) and the campaign's debrief. The rules of carrying over are
game.campaign's; these screens only show them."""

from __future__ import annotations

import contextlib

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UISelectionList, UITextBox, UITextEntryLine

from game.campaign import (
    OUTCOME_WORDS,
    Campaign,
    Progress,
    begin,
    carried_lines,
    chapter_session,
    chapter_titles,
    consequences,
    finish,
    listed_campaigns,
    outcome,
    retry,
)
from game.controller import GameController
from game.persistence import SaveError, autosave
from game.scenario.loader import ScenarioError
from game.session import Session, fresh_seed
from game.ui import scenes
from game.ui.app import App, Scene, esc


def _title(app: App) -> Scene:
    return scenes.make("title", app)


@scenes.register("campaigns")
class CampaignListScene(Scene):
    """The campaigns on offer, each with its chapters; a broken file shows its errors."""

    def build(self) -> None:
        if not hasattr(self, "found"):
            self.found = listed_campaigns()
            self.index = 0
            self.name, self.seed = "Player 1", fresh_seed()
        w, h = self.app.size
        px = self.look.px
        left = min(px(300), int(w * 0.32))
        labels = [self._label(i) for i in range(len(self.found))]
        self.list = UISelectionList((px(16), px(60), left, h - px(226)),
                                    labels or ["No campaigns found."], self.manager,
                                    default_selection=labels[self.index] if labels else None)
        x0 = px(16) + left + px(16)
        self.details = UITextBox(self._details(), (x0, px(60), w - x0 - px(16), h - px(136)),
                                 self.manager)
        entry_x, entry_w = px(16) + px(64), left - px(64)
        for n, (label, text) in enumerate((("Name", self.name), ("Seed", str(self.seed)))):
            y = h - px(156) + n * px(44)
            UILabel((px(16), y, px(60), px(36)), label, self.manager)
            entry = UITextEntryLine((entry_x, y, entry_w, px(36)), self.manager)
            entry.set_text(text)
            if n == 0:
                self.name_entry = entry
            else:
                self.seed_entry = entry
        self.back = UIButton((w - px(360), h - px(64), px(160), px(44)), "Back", self.manager)
        self.start = UIButton((w - px(190), h - px(64), px(174), px(44)), "Begin", self.manager,
                              object_id="#primary")
        if self._campaign() is None:
            self.start.disable()

    def _label(self, i: int) -> str:
        path, item = self.found[i]
        if isinstance(item, Campaign):
            return f"{item.title} ({len(item.chapters)} chapters)"
        return f"{path.stem} (broken: see errors)"

    def _campaign(self) -> Campaign | None:
        if not self.found:
            return None
        item = self.found[self.index][1]
        return item if isinstance(item, Campaign) else None

    def _details(self) -> str:
        if not self.found:
            return "No campaign files were found."
        path, item = self.found[self.index]
        if isinstance(item, ScenarioError):
            return (f"<b>{esc(path.name)} cannot be played.</b><br><br>"
                    + "<br>".join(esc(line) for line in str(item).splitlines()))
        lines = [f"<b>{esc(item.title)}</b> — you run {esc(item.player)}.", esc(item.summary),
                 "", "<b>Chapters</b>"]
        titles = chapter_titles(item)
        for n, (chapter, title) in enumerate(zip(item.chapters, titles, strict=True), 1):
            carry = ", ".join(sorted(chapter.carry)).replace("_", " ")
            lines.append(f"{n}. {esc(title)}" + (f" — carries {carry} into the next"
                                                 if carry and n < len(titles) else ""))
        lines += ["", "Each chapter begins with a briefing and ends with a debrief. A chapter "
                      "you lose can be played again."]
        return "<br>".join(lines)

    def draw(self, surface) -> None:
        super().draw(surface)
        self.text(surface, "Campaigns", (self.look.px(16), self.look.px(16)), 24, "text", True)

    def _collect(self) -> None:
        self.name = self.name_entry.get_text().strip() or "Player 1"
        text = self.seed_entry.get_text().strip()
        self.seed = int(text) if text.isdigit() else self.seed

    def handle(self, event) -> Scene | None:
        if (event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION
                and event.ui_element is self.list and self.found):
            self._collect()
            self.index = [self._label(i) for i in range(len(self.found))].index(event.text)
            self.rebuild()
            return None
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return _title(self.app)
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return None
        if event.ui_element is self.back:
            return _title(self.app)
        campaign = self._campaign()
        if event.ui_element is self.start and campaign is not None:
            self._collect()
            return BriefingScene(self.app, begin(campaign, self.seed, self.name))
        return None


@scenes.register("briefing")
class BriefingScene(Scene):
    """Before a chapter: the situation, the objective, and what carried over."""

    def __init__(self, app: App, progress: Progress, session: Session | None = None):
        """A new chapter is autosaved at once, so that Continue comes back to this
        briefing (a save of a chapter not yet begun opens here) and not to the last
        chapter's debrief; `session` is that chapter, when resumed from such a save."""
        self.progress = progress
        self.session = session or chapter_session(progress)
        if session is None and app.autosave_dir is not None:
            with contextlib.suppress(SaveError):  # a full disk: the chapter still plays
                autosave(self.session, app.autosave_dir, "turn")
        super().__init__(app)

    def build(self) -> None:
        w, h = self.app.size
        px = self.look.px
        self.box = UITextBox(self._text(), (px(16), px(60), w - px(32), h - px(136)),
                             self.manager)
        self.leave = UIButton((px(16), h - px(64), px(200), px(44)), "Back to title",
                              self.manager)
        self.go = UIButton((w - px(250), h - px(64), px(234), px(44)), "Begin the chapter",
                           self.manager, object_id="#primary")

    def _text(self) -> str:
        p, s = self.progress, self.session
        world = s.scenario.world
        chapter = p.current
        seat = world.agency_index(p.campaign.local(p.chapter, p.campaign.player))
        agency = world.agencies[seat]
        parts = [f"<b>{esc(world.title)}</b> — from {world.month_label(1)}, {world.rounds} "
                 f"months. You run {esc(agency.name)} ({agency.id}).",
                 esc(chapter.briefing or world.summary)]
        if agency.objective is not None:
            parts.append(f"<b>Your objective.</b> {esc(agency.objective.brief)} Your team's "
                         f"target is {world.targets[seat]:.0f}: the team that reaches the "
                         f"largest share of its target wins the chapter.")
        carried = carried_lines(p, s.raw)
        parts.append("<b>Carried over.</b> " + (" ".join(esc(x) for x in carried)
                                                if carried else "Nothing: a fresh start."))
        if p.results:
            parts.append("<b>So far.</b><br>" + "<br>".join(_result_line(r) for r in p.results))
        if p.attempt:
            parts.append(f"<i>Attempt {p.attempt + 1} of this chapter, with a new deal.</i>")
        return "<br><br>".join(parts)

    def draw(self, surface) -> None:
        super().draw(surface)
        p = self.progress
        self.text(surface, f"{p.campaign.title} — chapter {p.chapter + 1} of "
                  f"{len(p.campaign.chapters)}", (self.look.px(16), self.look.px(16)), 24,
                  "text", True)

    def handle(self, event) -> Scene | None:
        go = (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.go) or (
            event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER))
        if go:
            return scenes.make("game", self.app, self.session)
        if (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.leave) or (
                event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
            return _title(self.app)
        return None


def _result_line(r) -> str:
    tries = f", in {r.attempts} attempts" if r.attempts > 1 else ""
    return (f"• {esc(r.title)}: {OUTCOME_WORDS[r.outcome]} — {r.score:.0f} of {r.target:.0f} "
            f"({r.share:.0%}){tries}")


@scenes.register("chapter_end")
class ChapterEndScene(Scene):
    """After a chapter's debrief: how it ended, and the way on (a retry if it was lost)."""

    def __init__(self, app: App, controller: GameController):
        progress = controller.session.campaign
        assert progress is not None
        self.progress = progress
        self.result = outcome(progress, controller.state)
        self.next = finish(progress, controller.state)
        super().__init__(app)

    def build(self) -> None:
        w, h = self.app.size
        px = self.look.px
        p, nxt = self.progress, self.next
        last = nxt.results[-1]
        set_now = sorted(set(nxt.flags) - set(p.flags))
        parts = [_result_line(last)]
        if self.result != "won":
            parts.append("You may play this chapter again with a new deal, or go on: the "
                         "next chapter will remember the loss.")
        later = consequences(p, set(set_now))
        if later:
            parts.append("This outcome leaves its mark on what comes next:<br>"
                         + "<br>".join(f"• {esc(line)}" for line in later))
        self.box = UITextBox("<br><br>".join(parts), (px(16), px(60), w - px(32), px(220)),
                             self.manager)
        label = ("Campaign debrief" if nxt.finished else "Next chapter")
        self.go = UIButton((w - px(250), h - px(64), px(234), px(44)), label, self.manager,
                           object_id="#primary")
        self.again = None
        if self.result != "won":
            self.again = UIButton((w - px(500), h - px(64), px(234), px(44)),
                                  "Retry the chapter", self.manager)

    def draw(self, surface) -> None:
        super().draw(surface)
        p = self.progress
        words = {"won": "won", "lost": "lost", "catastrophe": "lost: catastrophe"}
        self.text(surface, f"Chapter {p.chapter + 1} {words[self.result]}",
                  (self.look.px(16), self.look.px(16)), 24, "text", True)

    def handle(self, event) -> Scene | None:
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return None
        if event.ui_element is self.go:
            if self.next.finished:
                return CampaignDebriefScene(self.app, self.next)
            return BriefingScene(self.app, self.next)
        if self.again is not None and event.ui_element is self.again:
            return BriefingScene(self.app, retry(self.progress))
        return None


class CampaignDebriefScene(Scene):
    """The end of a campaign: every chapter's outcome and the marks it left."""

    def __init__(self, app: App, progress: Progress):
        self.progress = progress
        super().__init__(app)

    def build(self) -> None:
        w, h = self.app.size
        px = self.look.px
        p = self.progress
        won = sum(r.outcome == "won" for r in p.results)
        parts = [f"You won {won} of {len(p.results)} chapters as {esc(p.campaign.player)}.",
                 "<br>".join(_result_line(r) for r in p.results)]
        self.box = UITextBox("<br><br>".join(parts), (px(16), px(60), w - px(32), h - px(136)),
                             self.manager)
        self.done = UIButton((w - px(250), h - px(64), px(234), px(44)), "Back to title",
                             self.manager, object_id="#primary")

    def draw(self, surface) -> None:
        super().draw(surface)
        self.text(surface, f"{self.progress.campaign.title}: the campaign is over",
                  (self.look.px(16), self.look.px(16)), 24, "text", True)

    def handle(self, event) -> Scene | None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.done:
            return _title(self.app)
        return None
