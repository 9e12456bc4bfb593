"""The balance bars of DESIGN §5, re-measured on 100 seeds per scenario (slow).

The 200-seed figures and the command that gives them: docs/balance.md.
"""

import pytest

from game.balance import holds, measure


@pytest.mark.slow
def test_balance_bars_hold_for_every_shipped_scenario():
    rows = measure(100, 1)
    assert len(rows) >= 6
    assert [r["scenario"] for r in rows if not holds(r)] == []
