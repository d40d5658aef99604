"""Scheduled publishing and expiry without cron, for the embedded default.

Wagtail keeps a page's "go live" and "expire" times; its `publish_scheduled` command publishes
what is due and unpublishes what has expired. The serving process of `make run` runs it every
`XASO_SCHEDULER_SECONDS` (30 by default there) in a thread, so an article scheduled for 10:00
is public by 10:00:30. The province profile leaves the thread off (several workers would each
run it) and calls the command from a systemd timer every minute (docs/deployment.md); with
several application servers each one's timer fires, and `xaso.core.jobs.exclusive` lets one of
them publish and run the jobs.
"""

from __future__ import annotations

import io
import logging
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections

logger = logging.getLogger(__name__)
_thread: threading.Thread | None = None


def run_due() -> str:
    """Publish what is due and unpublish what has expired, now, then run the apps' periodic
    jobs (`xaso.core.jobs`, e.g. escalating overdue party-cell tasks); returns a report."""
    from xaso.core import jobs

    out = io.StringIO()
    # Every application server's timer calls this at the same minute: one of them publishes.
    with jobs.exclusive("publish_scheduled") as mine:
        if mine:
            call_command("publish_scheduled", stdout=out)
        else:
            out.write("publish_scheduled: run by another server\n")
    for name, result in jobs.run_all().items():
        out.write(f"{name}: {result}\n")
    return out.getvalue()


def start() -> bool:
    """Start the scheduler thread once per process; False when it is switched off."""
    global _thread
    interval = settings.XASO_SCHEDULER_SECONDS
    if interval <= 0 or (_thread is not None and _thread.is_alive()):
        return False

    def loop() -> None:
        while True:
            time.sleep(interval)
            try:
                close_old_connections()
                run_due()
            except Exception:
                logger.exception("scheduled publishing failed; trying again")
            finally:
                close_old_connections()

    _thread = threading.Thread(target=loop, name="xaso-scheduler", daemon=True)
    _thread.start()
    return True
