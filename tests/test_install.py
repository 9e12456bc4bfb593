"""A real install: the wheel carries the game's content and runs from any folder, and the
player's files go to the per-user folder, never into the install or the checkout."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import game
from game import paths
from game.cli import main
from game.persistence import AUTOSAVE_DIR, SAVE_DIR
from game.scenario import loader
from game.scenario.loader import find, listed, read_raw
from tests.test_mods import write_mod

CHECKOUT = Path(__file__).resolve().parents[1]


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
    return done


def test_the_wheel_installs_and_plays_from_another_folder(tmp_path):
    """Build the wheel from a copy of the sources (nothing is written into the checkout),
    install it with --no-deps into a fresh venv that sees the already-installed
    dependencies (no download), and run the command from an unrelated folder: it finds
    its scenarios, validates them, simulates, and plays a mod from --data-dir."""
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(CHECKOUT / "pyproject.toml", source)
    shutil.copy(CHECKOUT / "README.md", source)
    shutil.copytree(CHECKOUT / "game", source / "game",
                    ignore=shutil.ignore_patterns("__pycache__"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
          "-w", str(tmp_path / "dist"), str(source)], tmp_path, dict(os.environ))
    (wheel,) = (tmp_path / "dist").glob("no_free_lunches-*.whl")

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path, dict(os.environ))
    python = venv / "bin" / "python"
    purelib = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                                       "['purelib'])"], tmp_path, dict(os.environ)).stdout
    # The dependencies this test runs with, seen by the new venv after its own packages.
    deps = {*site.getsitepackages(), sysconfig.get_paths()["purelib"]}
    Path(purelib.strip(), "dependencies.pth").write_text("\n".join(sorted(deps)) + "\n")
    _run([*pip, "--python", str(python), "install", "--no-deps", "--no-index", "-q",
          str(wheel)], tmp_path, dict(os.environ))

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    write_mod(elsewhere / "data" / "mods", "strait")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(elsewhere),
           "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    command = str(venv / "bin" / "no-free-lunches")
    where = _run([str(python), "-c", "import game.paths as p; print(p.__file__, p.DROP_DIR)"],
                 elsewhere, env).stdout.split()
    assert Path(where[0]).is_relative_to(venv) and where[1] == "None"  # no drop folder

    validated = _run([command, "validate"], elsewhere, env).stdout
    assert "the_envelope.yaml: OK" in validated and "harbour_watch.yaml: OK" in validated
    simulated = _run([command, "simulate", "--scenario", "ruritania", "--games", "2",
                      "--workers", "1"], elsewhere, env).stdout
    assert "ruritania: 2 games from seed 1" in simulated
    modded = _run([command, "--data-dir", "data", "simulate", "--scenario",
                   "strait/harbour_watch", "--games", "2", "--workers", "1"], elsewhere, env)
    assert "harbour_watch: 2 games" in modded.stdout
    version = _run([command, "--version"], elsewhere, env).stdout
    assert version.split() == ["no-free-lunches", game.__version__]
    assert sorted(p.name for p in elsewhere.iterdir()) == ["data"]  # nothing else written


def test_the_players_files_go_to_one_per_user_folder(monkeypatch, tmp_path):
    """Saves, autosaves, settings, debrief exports and mods live under the per-user
    folder: the platform's, or NFL_DATA_DIR's (here the tests' own, never the checkout)."""
    from game.debrief.export import DEBRIEF_DIR
    from game.ui.settings import SETTINGS_PATH

    here = paths.data_dir()
    assert here == Path(os.environ["NFL_DATA_DIR"]) and not here.is_relative_to(CHECKOUT)
    for made in (SAVE_DIR, AUTOSAVE_DIR, SETTINGS_PATH, DEBRIEF_DIR, paths.mods_dir()):
        assert made.is_relative_to(here), made
    monkeypatch.setenv("NFL_DATA_DIR", str(tmp_path / "class 9B"))
    assert paths.save_dir() == tmp_path / "class 9B" / "saves"
    monkeypatch.delenv("NFL_DATA_DIR")
    home = paths.data_dir()
    assert home.name == "no-free-lunches" and not home.is_relative_to(CHECKOUT)


def test_data_dir_option_moves_the_folder_mods_are_read_from(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("NFL_DATA_DIR", os.environ["NFL_DATA_DIR"])  # restored afterwards
    write_mod(tmp_path / "mods", "strait")
    assert main(["--data-dir", str(tmp_path), "validate"]) == 0
    out = capsys.readouterr().out
    assert "mods/strait/mod.yaml: OK" in out and "maps/harbour.json: OK" in out
    assert main(["--data-dir", str(tmp_path / "mods" / "strait" / "mod.yaml"), "validate"]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_a_checkout_lists_scenarios_dropped_into_its_scenarios_folder(monkeypatch, tmp_path):
    """DESIGN §3: in a checkout, a file dropped into scenarios/ is offered with the shipped
    ones, and `extends:` still finds the shipped base and the examples' sub-folder."""
    monkeypatch.setattr(loader, "DROP_DIR", tmp_path)
    (tmp_path / "long_watch.yaml").write_text(
        "format: 1\nid: long_watch\ntitle: The Long Watch\nextends: harbour_watch\n"
        "rounds: 24\n")
    assert [e.id for e in listed()][-1] == "long_watch"
    raw = read_raw(find("long_watch"))
    assert raw["rounds"] == 24 and raw["id"] == "long_watch"
    assert raw["rules"]["trust"]["drift"] == 0.1  # from the example, over base.yaml


@pytest.mark.parametrize("name", ["rules.md", "modding.md"])
def test_the_guides_ship_with_the_game(name):
    assert (paths.DOCS_DIR / name).read_text().startswith("#")
