"""A granian worker that dies is started again: the site answers after its worker is killed.

`make run` serves the embedded default with one granian worker. Without
`--respawn-failed-workers` granian shuts the whole server down when a worker exits unexpectedly
(a crash in an extension, the kernel's out-of-memory killer), and the commune's portal stays down
until someone notices. This test runs granian exactly as the Makefile's `run` rule does (its
arguments are read from the Makefile), kills the worker process — not granian's main process —
with SIGKILL, and polls until the site answers again from a new worker.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from xaso.testing.server import ROOT, database_url, free_port, post

SPAWNED = re.compile(r"Spawning worker-1 with PID: (\d+)")


def make_run_granian_arguments(host: str, port: int) -> list[str]:
    """The arguments the Makefile's `run` rule gives granian, with its host and port filled in."""
    text = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", text, re.MULTILINE)
    assert recipe, "the Makefile has no run rule"
    line = next(line for line in recipe.group(1).splitlines() if "/granian " in line)
    arguments = shlex.split(line.split("/granian ", 1)[1])
    return [a.replace("$(HOST)", host).replace("$(PORT)", str(port)) for a in arguments]


def test_make_run_respawns_failed_workers():
    arguments = make_run_granian_arguments("127.0.0.1", 8000)
    assert "--respawn-failed-workers" in arguments
    assert arguments[arguments.index("--workers") + 1] == "1"
    assert arguments[-1] == "xaso.wsgi:application"


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(child) for child in (task / "children").read_text().split())
    return found


def _wait_for_worker(log: Path, server: subprocess.Popen[bytes], count: int) -> int:
    """The PID of the `count`-th worker granian spawned, once it is granian's child."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pids = [int(pid) for pid in SPAWNED.findall(log.read_text(errors="replace"))]
        if len(pids) >= count and pids[count - 1] in _children(server.pid):
            return pids[count - 1]
        assert server.poll() is None, log.read_text(errors="replace")
        time.sleep(0.1)
    raise AssertionError(f"granian spawned no worker #{count}:\n{log.read_text(errors='replace')}")


def _wait_until_answering(url: str, server: subprocess.Popen[bytes], seconds: float) -> float:
    """Seconds until a POST to `url` answers 200; fails after `seconds`."""
    start = time.monotonic()
    while True:
        try:
            assert post(url) == 200
            return time.monotonic() - start
        except OSError:
            if server.poll() is not None or time.monotonic() - start > seconds:
                raise
            time.sleep(0.1)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
@pytest.mark.django_db(transaction=True)
def test_a_killed_granian_worker_is_respawned_and_the_site_answers_again(article, tmp_path):
    (tmp_path / "respawn_settings.py").write_text(
        "from xaso.settings.test import *  # noqa: F403\nXASO_SCHEDULER_SECONDS = 0\n"
    )
    port = free_port()
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "respawn_settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": "",
    }
    log = tmp_path / "granian.log"
    url = f"http://127.0.0.1:{port}/api/v1/views/{article.pk}/"
    with log.open("wb") as output:
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "granian", *make_run_granian_arguments("127.0.0.1", port)],
            env=environment,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        first = _wait_for_worker(log, server, 1)
        _wait_until_answering(url, server, 60)

        os.kill(first, signal.SIGKILL)  # the worker, not granian's main process

        second = _wait_for_worker(log, server, 2)
        assert second != first
        waited = _wait_until_answering(url, server, 30)
        assert server.poll() is None  # the same granian main process serves on
        assert first not in _children(server.pid)
        print(f"answering again {waited:.1f} s after the worker was killed")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    text = log.read_text(errors="replace")
    assert "Unexpected exit from worker-1" in text and "Respawning worker-1" in text, text
