"""A scenario, a seed and an action log replay bit for bit (DESIGN §4)."""

from game.ai.bots import make_bot
from game.ai.driver import make_agent, play_game
from game.core import apply, digest, new_game
from game.core.codec import state_from_dict, state_to_dict
from game.scenario.loader import load


def test_replaying_the_action_log_gives_the_same_hash_after_every_round():
    sc = load("ruritania")
    played = play_game(sc, 11)
    state, _ = new_game(sc, 11)
    for action in played.actions:
        apply(state, action)
    assert state.history.digests == played.state.history.digests
    assert len(state.history.digests) == state.round
    assert digest(state) == digest(played.state)


def test_a_different_seed_gives_a_different_game():
    sc = load("the_envelope")
    assert play_game(sc, 1).state.history.digests != play_game(sc, 2).state.history.digests


def test_state_survives_a_round_trip_and_plays_on_identically():
    """to_dict -> from_dict keeps every bit, the dice included: continuing the copy
    gives the same hashes as continuing the original."""
    sc = load("the_envelope")
    played = play_game(sc, 4)
    half = len(played.actions) // 2
    original, _ = new_game(sc, 4)
    for action in played.actions[:half]:
        apply(original, action)
    copy = state_from_dict(sc, state_to_dict(original))
    assert digest(copy) == digest(original)
    assert state_to_dict(copy) == state_to_dict(original)
    for action in played.actions[half:]:
        apply(original, action)
        apply(copy, action)
    assert copy.history.digests == original.history.digests == played.state.history.digests


def test_clone_is_independent():
    sc = load("the_envelope")
    state, _ = new_game(sc, 3)
    twin = state.clone()
    assert twin.scenario is state.scenario  # the frozen scenario is shared
    twin.budget[0] = 0
    assert state.budget[0] != 0
    assert digest(twin) != digest(state)


def test_one_seed_deals_the_same_luck_whatever_a_seat_decides():
    """GameState.chance: dice are keyed by seed, month and purpose, so the same threats
    arise in two games from one seed however differently one seat plays, and an
    agency whose programmes and threats are the same collects the same in month 1.
    Paired comparisons of policies (tournament, balance) then measure the policy."""
    sc = load("the_envelope")
    alike = play_game(sc, 21).state
    other = play_game(sc, 21, {"MI5": "never_share"}).state
    assert digest(alike) != digest(other)
    months = min(alike.round, other.round)

    def arisen(state):
        return [(t.key, t.region, t.severity, t.deadline, t.spawned) for t in state.threats
                if t.spawned <= months]

    assert arisen(alike) == arisen(other) and len(arisen(alike)) >= 3
    first = [[(r.threat, r.discipline, r.quality, r.originator) for r in s.reports
              if r.round == 1] for s in (alike, other)]
    assert first[0] == first[1] and first[0]


def test_a_seats_own_dice_never_repeat_the_games():
    """A policy's generator ([seed, seat, POLICY or BOT]) is keyed apart from every
    stream of the game's, so a seat's choices never echo the threats' dice.
    (Regression: the random bot's [seed, seat] was the spawn dice of month `seat`.)"""
    state, _ = new_game(load("the_envelope"), 5)
    game_draws = {state.chance(stream).random() for stream in range(7)}
    assert make_bot("random", 5, 1).rng.random() not in game_draws
    assert make_agent("reciprocal", "normal", 5, 1).rng.random() not in game_draws
