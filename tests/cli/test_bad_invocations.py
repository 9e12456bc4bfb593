"""Every bad command line gets one line on stderr and exit 2 (usage) or 1 (failure),
never a traceback, and is refused before any game is played."""

from pathlib import Path

import pytest

from game.cli import main

# Counts so large that the command would run for hours if the check came after the games.
MANY = "100000"
SIM = ["simulate", "--scenario", "the_envelope"]

BAD = [
    # argv, exit code, words the one line must contain
    ([*SIM, "--seed", "-5"], 2, "--seed: must be 0 or more"),
    ([*SIM, "--choose", "albania=1"], 2, "no decision event 'albania' in this scenario"),
    (["simulate", "--scenario", "no_eternal_allies_1950", "--choose", "albania=3"], 2,
     "albania has no choice '3': give its number (1 to 2) or a label"),
    (["simulate", "--scenario", "no_eternal_allies_1950", "--choose", "albania"], 2,
     "--choose takes EVENT=CHOICE"),
    ([*SIM, "--games", "-1", "--json"], 2, "--games: must be 1 or more"),
    ([*SIM, "--games", "0", "--save", "{tmp}/never.json"], 2, "--games: must be 1 or more"),
    ([*SIM, "--games", "two"], 2, "expected a whole number, got 'two'"),
    ([*SIM, "--games", "1", "--workers", "0"], 2, "--workers: must be 1 or more"),
    ([*SIM, "--games", MANY, "--save", "{tmp}"], 1, "that is a folder"),
    ([*SIM, "--games", MANY, "--save", "{tmp}/no/such/game.json"], 1, "there is no folder"),
    ([*SIM, "--games", MANY, "--save", "/proc/game.json"], 1, "cannot write in /proc"),
    ([*SIM, "--games", "1", "--personality", "CIA"], 2, "--personality takes AGENCY=NAME"),
    ([*SIM, "--games", "1", "--personality", "KGB=random"], 2, "no agency KGB"),
    ([*SIM, "--games", "1", "--difficulty", "CIA=brutal"], 2, "unknown difficulty: brutal"),
    ([*SIM, "--games", "1", "--personality", "CIA=reciprocal@brutal"], 2,
     "a personality takes @easy, @normal or @hard"),
    ([*SIM, "--games", "1", "--personality", "CIA=nowhere.py:Bot"], 2, "no policy file"),
    (["tournament", "--scenario", "the_envelope", "--seat", "KGB", "--policies", "reciprocal"],
     2, "not a playable agency"),
    (["tournament", "--scenario", "the_envelope", "--seat", "MI5", "--policies", "saint"], 2,
     "unknown policy 'saint'"),
    (["simulate", "--games", "1"], 2, "required: --scenario"),
    (["simulate", "--scenario", "atlantis", "--games", "1"], 1, "no such scenario"),
    (["bench", "--games", "0"], 2, "--games: must be 1 or more"),
    (["bench", "--idle-seconds", "nan"], 2, "--idle-seconds: must be 0 seconds or more"),
    (["balance", "--games", "0"], 2, "--games: must be 1 or more"),
    (["screenshots", "/proc/nope"], 1, "cannot make the folder /proc/nope"),
    (["screenshots", "{tmp}/a_file/shots"], 1, "cannot make the folder"),
    (["play", "--seat", "EID=robot:zz"], 2, "--seat goes with --scenario"),
    (["play", "--scenario", "ruritania", "--seat", "EID=robot:zz"], 2,
     "AGENCY=human:NAME or AGENCY=ai:PERSONALITY, got 'EID=robot:zz'"),
    (["play", "--scenario", "ruritania", "--seat", "XX=human:A"], 2, "no agency 'XX'"),
    (["play", "--scenario", "ruritania", "--seat", "EID=ai:zz"], 2, "unknown personality 'zz'"),
    (["play", "--scenario", "ruritania", "--seat", "EID=human:A", "--seat", "EID=human:B"], 2,
     "EID is given a seat twice"),
    (["play", "--seed", "-1"], 2, "--seed: must be 0 or more"),
    (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
]


@pytest.mark.parametrize(("argv", "code", "words"), BAD, ids=[" ".join(b[0]) for b in BAD])
def test_a_bad_invocation_gets_one_line_and_its_exit_code(argv, code, words, tmp_path,
                                                          capsys):
    (tmp_path / "a_file").write_text("not a folder")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(argv) == code
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1 and words in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file"]  # nothing written


def test_a_good_save_path_is_written_after_the_games(tmp_path, capsys):
    target = tmp_path / "last.json"
    assert main([*SIM, "--games", "1", "--json", "--save", str(target)]) == 0
    assert target.is_file() and list(Path(tmp_path).iterdir()) == [target]
