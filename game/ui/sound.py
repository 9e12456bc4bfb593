"""Two short tones, made with numpy, so the game needs no sound files.

A click when an action goes through, a chime when a new player takes over.
Sound is optional: with it off in the settings, or no audio device, nothing
plays and nothing fails.
"""

from __future__ import annotations

import numpy as np
import pygame

RATE = 22_050


class Sounds:
    def __init__(self, enabled: bool):
        self.tones: dict[str, pygame.mixer.Sound] = {}
        if not enabled:
            return
        try:
            pygame.mixer.init(RATE, -16, 1)
        except pygame.error:
            return  # no audio device: play nothing
        self.tones = {"click": _tone((880,), 0.04), "chime": _tone((660, 990), 0.18)}

    def play(self, name: str) -> None:
        tone = self.tones.get(name)
        if tone is not None:
            tone.play()


def _tone(freqs: tuple[int, ...], seconds: float) -> pygame.mixer.Sound:
    t = np.arange(int(RATE * seconds)) / RATE
    wave = sum(np.sin(2 * np.pi * f * t) for f in freqs) / len(freqs)
    envelope = np.minimum(1, np.minimum(t, seconds - t) * 40)  # no clicks at the edges
    samples = (wave * envelope * 0.25 * 32767).astype(np.int16)
    channels = pygame.mixer.get_init()[2]
    if channels > 1:
        samples = np.repeat(samples[:, None], channels, axis=1)
    return pygame.sndarray.make_sound(np.ascontiguousarray(samples))
