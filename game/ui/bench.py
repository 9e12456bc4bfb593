"""UI timings for `bench`: board frame time, idle CPU, cold start to the title screen."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pygame

from game.ai.driver import make_agent, play_turn
from game.controller import GameController
from game.session import Seat, Session
from game.ui.board import BoardScene
from game.ui.screenshots import Robot

STARTUP = ("import time; t=time.perf_counter(); from game.ui.app import App; "
           "from game.ui.menus import TitleScene; a=App(); a.switch(TitleScene(a)); a.render(); "
           "print(time.perf_counter()-t)")


def bench_ui(scenario: str, frames: int = 300, idle_s: float = 2.0) -> dict:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # measured off-screen
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    session = Session.start(scenario, 1, {})
    first = session.scenario.world.agencies[0].id
    session.seats[first] = Seat(human="Bench")
    agents = [make_agent(a.ai.personality, a.ai.difficulty, 1, i)
              for i, a in enumerate(session.scenario.world.agencies)]
    while session.state.round < session.scenario.world.rounds // 2:  # a full mid-game board
        play_turn(session.state, agents[session.state.current], session.actions)
    with tempfile.TemporaryDirectory() as tmp:
        robot = Robot(autosave_dir=Path(tmp))
        board = BoardScene(robot.app, GameController(session, None))
        robot.start(board)
        robot.click(board.tabs["Reports"])
        times = []
        for _ in range(frames):
            t0 = time.perf_counter()
            robot.app.render()
            times.append((time.perf_counter() - t0) * 1000)
        idle = _idle_cpu(robot.app, idle_s)
    started = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True,
                             env={**os.environ, "SDL_VIDEODRIVER": "dummy"}, check=True)
    return {
        "scenario": scenario,
        "frame_ms_p50": round(statistics.median(times), 3),
        "frame_ms_p99": round(float(np.percentile(times, 99)), 3),
        "idle_cpu_percent": round(idle, 2),
        "startup_s": round(float(started.stdout.strip().splitlines()[-1]), 3),
    }


def _idle_cpu(app, seconds: float) -> float:
    """Run the real loop's idle path (block on the queue, step) and measure CPU use."""
    pygame.event.clear()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    app._last_input = -10_000
    while time.perf_counter() - wall0 < seconds:
        first = pygame.event.wait(250)
        events = [first] if first.type != pygame.NOEVENT else []
        app.step(events)
    return 100 * (time.process_time() - cpu0) / (time.perf_counter() - wall0)
