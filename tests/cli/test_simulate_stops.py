"""`simulate` feeds its workers in bounded chunks and stops them on SIGTERM or Ctrl+C."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the workers")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_huge_batch_stops_with_its_workers(sig):
    proc = subprocess.Popen([sys.executable, str(MAIN), "simulate", "--scenario",
                             "the_envelope", "--games", "100000000", "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "SDL_VIDEODRIVER": "dummy"})
    deadline = time.monotonic() + 20
    while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = _children(proc.pid)
    assert len(workers) >= 2
    time.sleep(0.5)
    proc.send_signal(sig)
    proc.wait(timeout=15)
    assert proc.returncode == 130

    def alive() -> list[int]:
        out = []
        for w in workers:
            try:
                if Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                    out.append(w)
            except OSError:
                pass
        return out

    deadline = time.monotonic() + 10
    while alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert alive() == []
    assert "Traceback" not in proc.stderr.read().decode()
