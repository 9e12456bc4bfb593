"""`tournament`: policies in one seat on the same seeds, including a policy of one's own."""

import json

import pytest

from game.cli import main

QUIET = '''
from game.core.actions import EndTurn


class Quiet:
    """Collects nothing, asks nothing, answers nothing: ends every turn at once."""

    def __init__(self, rng):
        self.rng = rng

    def turn(self, look):
        yield EndTurn(look().agency.id)
'''


def test_a_policy_of_ones_own_plays_in_the_seat_on_every_worker(tmp_path, capsys):
    path = tmp_path / "quiet.py"
    path.write_text(QUIET)
    assert main(["tournament", "--scenario", "the_envelope", "--seat", "MI5", "--games", "4",
                 "--seed", "3", "--workers", "2", "--json",
                 "--policies", f"reciprocal@hard,{path}:Quiet,never_share"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["seat"], result["games"], result["seed"]) == ("MI5", 4, 3)
    assert list(result["policies"]) == ["reciprocal@hard", f"{path}:Quiet", "never_share"]
    quiet = result["policies"][f"{path}:Quiet"]
    assert set(quiet) == {"mean_score", "se", "win_rate", "catastrophe_rate", "mean_rank",
                          "received_value", "capped_share", "vs_reciprocal@hard"}
    assert quiet["received_value"] == 0.0  # it never asked
    hard = result["policies"]["reciprocal@hard"]
    assert hard["received_value"] > 0 and 1 <= hard["mean_rank"] <= 5
    assert quiet["vs_reciprocal@hard"]["mean"] == pytest.approx(
        quiet["mean_score"] - hard["mean_score"], abs=2e-3)


def test_the_table_names_each_policy(capsys):
    assert main(["tournament", "--scenario", "the_envelope", "--seat", "GCHQ", "--games", "2",
                 "--workers", "1", "--policies", "reciprocal,free_rider"]) == 0
    out = capsys.readouterr().out
    assert "seat GCHQ" in out and "reciprocal " in out and "free_rider " in out


def test_a_variant_that_keeps_the_scenario_id_is_played_as_itself():
    """Regression: the per-process scenario cache was keyed by id, so a tuned copy of a
    scenario run after the original in one process (one worker) played the original."""
    import copy

    from game.batch import Batch, built, run
    from game.scenario.loader import find, read_raw
    from game.sim import one_game

    raw = read_raw(find("the_envelope"))
    variant = copy.deepcopy(raw)
    variant["victory"]["catastrophe"] = 1  # the first strike ends every game
    games = [list(run(Batch(r, built(r), 8, 5, 1), one_game, False)) for r in (raw, variant)]
    assert built(variant).world.victory.catastrophe == 1
    ended = [sum(g["catastrophe"] for g in played) for played in games]
    assert ended[1] > ended[0]
