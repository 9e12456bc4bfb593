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


def _ui_imports(path: Path) -> tuple[set[str], list[str]]:
    """A game/ui module's imports of other game/ui modules at its top level (outside
    `if TYPE_CHECKING:`), and every import made inside a function."""
    tree = ast.parse(path.read_text())
    top: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("game.ui"):
            if node.module == "game.ui":
                top |= {f"game.ui.{a.name}" for a in node.names}
            else:
                top.add(node.module)
        elif isinstance(node, ast.Import):
            top |= {a.name for a in node.names if a.name.startswith("game.ui.")}
    local = [f"{path.name}:{sub.lineno}" for node in ast.walk(tree)
             if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
             for sub in ast.walk(node) if isinstance(sub, ast.Import | ast.ImportFrom)]
    return top, local


def test_game_ui_has_no_import_cycle_and_no_import_hidden_in_a_function():
    """Screens reach the screens above them through the registry (game/ui/scenes.py),
    so the modules import each other only downward."""
    graph, hidden = {}, []
    for path in sorted(UI.glob("*.py")):
        if path.name == "__init__.py":
            continue
        imports, local = _ui_imports(path)
        graph[f"game.ui.{path.stem}"] = imports
        hidden += local
    assert hidden == []
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for other in graph.get(module, ()):
            visit(other, (*path, module))
        done.add(module)

    for module in graph:
        visit(module, ())


def test_every_scene_asked_for_by_name_is_registered():
    from game.ui import scenes

    asked = set()
    for path in UI.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "make"
                    and getattr(node.func.value, "id", None) == "scenes"):
                first = node.args[0]
                if isinstance(first, ast.Constant):
                    asked.add(first.value)
                elif isinstance(first, ast.IfExp):
                    asked |= {first.body.value, first.orelse.value}
    assert {"title", "game", "debrief", "leaving"} <= asked
    assert asked <= scenes.names()


def test_the_cycle_check_finds_a_hidden_import(tmp_path):
    """Control: an import inside a function is caught."""
    module = tmp_path / "x.py"
    module.write_text("from game.ui import scenes\n\n"
                      "def f():\n    from game.ui.menus import TitleScene\n")
    imports, local = _ui_imports(module)
    assert imports == {"game.ui.scenes"} and local == ["x.py:4"]
