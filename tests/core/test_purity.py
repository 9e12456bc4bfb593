"""game/core stays pure: no pygame, no YAML, no files, no clocks, no global random."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "game" / "core"
FORBIDDEN_MODULES = {"pygame", "pygame_gui", "yaml", "random", "time", "datetime", "os",
                     "pathlib", "io", "shutil", "tempfile", "pickle", "game.ui",
                     "game.scenario", "game.ai"}
FORBIDDEN_CALLS = {"open", "input", "print"}


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            if any(name == m or name.startswith(m + ".") for m in FORBIDDEN_MODULES):
                found.append(f"{path.name}:{node.lineno}: imports {name}")
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                found.append(f"{path.name}:{node.lineno}: calls {func.id}()")
            # np.random.<anything> but default_rng is global random state
            if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute)
                    and func.value.attr == "random" and func.attr != "default_rng"):
                found.append(f"{path.name}:{node.lineno}: global numpy random {func.attr}()")
    return found


def test_core_imports_nothing_impure():
    files = sorted(CORE.glob("*.py"))
    assert len(files) > 10
    problems = [v for f in files for v in _violations(f)]
    assert problems == []


def test_the_purity_check_catches_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import pygame\nfrom yaml import safe_load\nimport numpy as np\n"
                   "np.random.seed(1)\nopen('x')\n")
    assert len(_violations(bad)) == 4
