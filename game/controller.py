"""The game as the window drives it: whose turn, AI seats in slices, undo, saves.

No pygame here: the window asks the controller for a seat's view, sends it the
human's actions, and lets it run AI actions a few at a time between frames so
the window never freezes. Undo replays the human's turn from a snapshot taken
when the turn began; turns roll no dice, so replay gives the same state.

No work is lost: the controller autosaves at every dawn, at every end of a
human's turn and at every handover to a human (each kind in a rotation of its
own), and knows whether anything was played since the player last saved, so
leaving can ask first.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from game import persistence
from game.ai.driver import make_agent
from game.core import IllegalAction, PlayerView, apply, view
from game.core.actions import Action, EndTurn
from game.core.records import Event
from game.core.state import GameState
from game.filenames import file_stem
from game.persistence import AUTOSAVE_DIR, SaveError, autosave, read_header, save
from game.session import Session
from game.tutorial import Guide


@dataclass
class Snapshot:
    state: GameState
    actions: int  # length of the action log when the turn began
    turn: tuple[int, int, str]  # (round, seat, phase): undo never reaches past it



class GameController:
    def __init__(self, session: Session, autosave_dir: Path | None = AUTOSAVE_DIR,
                 slot: Path | None = None):
        self.session = session
        self.autosave_dir = autosave_dir
        self.slot = slot  # the player's own save of this game, if it has one
        self.unsaved = False  # played since the player last saved (or loaded)
        self._saved_at = len(session.actions)  # the action log's length then
        self.autosave_problem: str | None = None  # why the last autosave failed
        self._autosaved = -1  # length of the action log at the last autosave
        session.on_dawn = lambda s: self._autosave("dawn")
        agencies = session.scenario.world.agencies
        self.agents = {
            i: make_agent(session.seats[a.id].personality, session.seats[a.id].difficulty,
                          session.seed, i)
            for i, a in enumerate(agencies) if not session.seats[a.id].is_human
        }
        self.turns: dict = {}  # seat -> the AI turn under way (a generator of actions)
        self.skipped: list[str] = []  # AI actions the rules refused (a bug if ever seen)
        self.snapshot: Snapshot | None = None
        self.guide: Guide | None = None  # a tutorial's guide, when this game is one
        if not session.actions and not self.over and not self.ai_pending():
            self._autosave("turn")  # a new game can be resumed from its very start

    # ------------------------------------------------------------------ facts
    @property
    def state(self) -> GameState:
        return self.session.state

    @property
    def world(self):
        return self.session.scenario.world

    @property
    def over(self) -> bool:
        return self.state.over

    @property
    def seat(self) -> int:
        return self.state.current

    def is_human(self, seat: int) -> bool:
        return self.session.seats[self.world.agencies[seat].id].is_human

    @property
    def humans(self) -> int:
        """How many seats humans play: with one, there is no one to hand over to."""
        return sum(seat.is_human for seat in self.session.seats.values())

    def player_name(self, seat: int) -> str:
        return self.session.seats[self.world.agencies[seat].id].human or "AI"

    def view(self, seat: int) -> PlayerView:
        """What the screens show a seat: its view, explained (its month's report)."""
        return view(self.state, seat, explained=True)

    # ------------------------------------------------------------------ human turns
    def _turn(self) -> tuple[int, int, str]:
        return self.state.round, self.state.current, self.state.phase

    def begin_turn(self) -> None:
        """Called when a human seat's board is first shown this turn."""
        self.snapshot = Snapshot(self.state.clone(), len(self.session.actions), self._turn())

    def act(self, action: Action) -> list[Event]:
        """A human's action; IllegalAction propagates with its message."""
        events = self.session.apply(action)
        self.unsaved = True
        if self.snapshot is not None and self._turn() != self.snapshot.turn:
            # The turn ended, even if the same seat plays on (its answer round, or the
            # next month): undo never reaches back across a round or a dawn.
            self.snapshot = None
        if isinstance(action, EndTurn):
            self._autosave("turn")
        return events

    def can_undo(self) -> bool:
        return self.snapshot is not None and len(self.session.actions) > self.snapshot.actions

    def undo(self) -> None:
        """Take back the last action of this turn."""
        if not self.can_undo():
            return
        self.unsaved = True
        keep = self.session.actions[self.snapshot.actions:-1]
        self.session.actions = self.session.actions[: self.snapshot.actions]
        self.session.state = self.snapshot.state.clone()
        for action in keep:
            apply(self.session.state, action)
            self.session.actions.append(action)

    # ------------------------------------------------------------------ AI seats
    def ai_pending(self) -> bool:
        return not self.over and not self.is_human(self.seat)

    def run_ai(self, budget_s: float = 0.008) -> int:
        """Run AI actions until a human seat is up, the game ends, or the time slice is
        spent. Returns the number of actions taken."""
        done = 0
        deadline = time.perf_counter() + budget_s
        while self.ai_pending() and time.perf_counter() < deadline:
            seat = self.seat
            turn = self.turns.get(seat)
            if turn is None:
                turn = self.turns[seat] = self.agents[seat].turn(
                    lambda s=seat: view(self.state, s))
            action = next(turn)
            if isinstance(action, EndTurn):
                del self.turns[seat]
            try:
                self.session.apply(action)
            except IllegalAction as exc:  # never in tests; a player's game goes on
                self.skipped.append(f"{action}: {exc}")
            done += 1
        if done:
            self.unsaved = True
            if not self.ai_pending() and not self.over:
                self._autosave("turn")  # the handover to a human
        return done

    def reasons(self) -> list[tuple[int, str]]:
        """Every AI seat's one-line reasons, by month (for the debrief)."""
        out = [r for agent in self.agents.values() for r in getattr(agent, "reasons", [])]
        return sorted(out, key=lambda r: r[0])

    # ------------------------------------------------------------------ saving
    def save(self, path: Path, name: str) -> None:
        """The player's save; SaveError propagates with its message."""
        save(self.session, path, name)
        self.slot = path
        self.unsaved = False
        self._saved_at = len(self.session.actions)

    def played_since_save(self) -> str:
        """Who has played since the player last saved or loaded: the humans by name,
        the AI seats together (what a quickload would undo)."""
        seats = self.session.seats
        acted = dict.fromkeys(a.agency for a in self.session.actions[self._saved_at:])
        humans = [f"{seats[a].human} ({a})" for a in acted if seats[a].is_human]
        ai = any(not seats[a].is_human for a in acted)
        return ", ".join([*humans, *(["the AI seats"] if ai else [])]) or "nobody"

    def save_before_leaving(self) -> Path:
        """Save for a player who is leaving: over the game's own save if it has one,
        else as a new save named for the game and month, never over another game's."""
        if self.slot is None or not self._ours(self.slot):
            world = self.world
            base = f"{world.title}, {world.month_label(self.state.round)}"
            name, n = base, 1
            while self._taken(path := persistence.SAVE_DIR / f"{file_stem(name)}.json"):
                n += 1
                name = f"{base} ({n})"
            self.slot = path
            self.save(path, name)
        else:
            self.save(self.slot, read_header(self.slot).name)
        return self.slot

    def _ours(self, path: Path) -> bool:
        try:
            return read_header(path).game_id == self.session.game_id
        except SaveError:
            return False

    def _taken(self, path: Path) -> bool:
        return path.exists() and not self._ours(path)

    def _autosave(self, kind: str) -> None:
        """One autosave per position: a dawn that ends a turn is saved once, as a dawn.
        A failure (a full disk) never stops the game; the board can show why."""
        if self.autosave_dir is None or self._autosaved == len(self.session.actions):
            return
        try:
            autosave(self.session, self.autosave_dir, kind)
            self._autosaved = len(self.session.actions)
            self.autosave_problem = None
        except SaveError as exc:
            self.autosave_problem = str(exc)
