"""The screens ask the view and compute no rule: game/ui imports from game.core only
the view, the actions, the records, the spec and the IllegalAction error.

The debrief shows the whole game once it is over, and the scripted screenshots
set up a game; those two may also hold a GameState.
"""

import ast
from pathlib import Path

import game.ui

UI = Path(game.ui.__file__).parent
MODULES = {"game.core.view", "game.core.actions", "game.core.records", "game.core.spec"}
FROM_CORE = {"IllegalAction", "PlayerView"}
MAY_HOLD_STATE = {"debrief.py", "screenshots.py"}


def core_imports(source: str) -> list[str]:
    """Every name a module imports from game.core, as "module" or "module:name"."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names if a.name.startswith("game.core")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("game.core"):
            out += [f"{node.module}:{a.name}" for a in node.names]
    return out


def forbidden(name: str, source: str) -> list[str]:
    allowed_names = FROM_CORE | ({"GameState"} if name in MAY_HOLD_STATE else set())
    allowed_modules = MODULES | ({"game.core.state"} if name in MAY_HOLD_STATE else set())
    out = []
    for item in core_imports(source):
        module, _, what = item.partition(":")
        if module == "game.core" and what in allowed_names:
            continue
        if module in allowed_modules and (module != "game.core.state" or what == "GameState"):
            continue
        out.append(f"{name} imports {item}")
    return out


def test_game_ui_imports_from_the_core_only_the_view_actions_records_spec_and_the_error():
    files = sorted(UI.glob("*.py"))
    assert {"board.py", "dialogs.py", "debrief.py"} <= {f.name for f in files}
    problems = [p for f in files for p in forbidden(f.name, f.read_text())]
    assert problems == []


def test_the_check_catches_a_rule_computed_in_a_screen():
    """Control: the import the composer used to make is caught, in any spelling."""
    assert forbidden("dialogs.py", "from game.core.liaison import admits") == \
        ["dialogs.py imports game.core.liaison:admits"]
    assert forbidden("board.py", "import game.core.operations") == \
        ["board.py imports game.core.operations"]
    assert forbidden("board.py", "from game.core import GameState, IllegalAction") == \
        ["board.py imports game.core:GameState"]
    assert forbidden("debrief.py", "from game.core.state import GameState") == []
    assert forbidden("screenshots.py", "from game.core.penetration import plant") == \
        ["screenshots.py imports game.core.penetration:plant"]
