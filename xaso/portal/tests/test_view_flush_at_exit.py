"""Visits buffered in an app worker's memory reach the database when the worker is stopped.

granian runs the application in worker processes started by multiprocessing, which leave through
`os._exit`: handlers registered with `atexit` never run there. A real granian serves the real
application here, counts visits, gets SIGTERM, and the counts must be in the database.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from xaso.portal.models import PageViewCount
from xaso.testing.server import ROOT, database_url, free_port, post

VISITS = 20


@pytest.mark.django_db(transaction=True)
def test_sigterm_of_a_granian_worker_flushes_its_buffered_visits(article, tmp_path):
    (tmp_path / "exit_flush_settings.py").write_text(
        "from xaso.settings.test import *  # noqa: F403\n"
        "XASO_VIEW_FLUSH_SECONDS = 3600  # the flusher thread never gets to it: only the exit\n"
        "XASO_SCHEDULER_SECONDS = 0\n"
    )
    port = free_port()
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "exit_flush_settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": "",  # the embedded default: visits wait in the worker's memory
    }
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "granian", "--interface", "wsgi", "--no-ws", "--host",
         "127.0.0.1", "--port", str(port), "--workers", "1", "xaso.wsgi:application"],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/api/v1/views/{article.pk}/"
    try:
        deadline = time.monotonic() + 60
        while True:  # wait until the worker answers
            try:
                assert post(url) == 200
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        for _ in range(VISITS - 1):
            assert post(url) == 200
        assert not PageViewCount.objects.filter(page_id=article.pk).exists()  # all buffered
    finally:
        server.send_signal(signal.SIGTERM)
        output = server.communicate(timeout=60)[0].decode(errors="replace")
    assert server.returncode == 0, output
    stored = PageViewCount.objects.filter(page_id=article.pk).values_list("count", flat=True)
    assert list(stored) == [VISITS], output
