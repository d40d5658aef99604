"""Periodic jobs beside scheduled publishing: each app registers its own in `ready()`; the
embedded scheduler thread and `manage.py run_scheduled` (the deployment's timer) run them all.
A job must be idempotent and quick: it runs every minute or so.

Several application servers each run the timer at the same minute; `exclusive` lets one of them
run the jobs and the others return at once. The claim is a row of `JobLock`, taken by a single
conditional UPDATE (atomic on PostgreSQL and on SQLite alike, no other service needed):

- while a run lasts the row is claimed until `XASO_JOB_LOCK_EXPIRY_SECONDS` from its start, so a
  server that crashed mid-run blocks the others that long at most;
- when it ends the row stays claimed until `XASO_JOB_LOCK_SPACING_SECONDS` after its start, so a
  server whose timer fired a few seconds later does not run the same minute's jobs again.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)
_jobs: dict[str, Callable[[], object]] = {}


def register(name: str, job: Callable[[], object]) -> None:
    _jobs[name] = job


def _seconds(name: str, default: int) -> timedelta:
    return timedelta(seconds=int(getattr(settings, name, default)))


def claim(name: str) -> datetime | None:
    """Claim the job `name`; its start time when this process may run it, else None."""
    from .models import JobLock

    now = timezone.now()
    with contextlib.suppress(IntegrityError), transaction.atomic():
        JobLock.objects.get_or_create(name=name, defaults={"until": now})
    expiry = now + _seconds("XASO_JOB_LOCK_EXPIRY_SECONDS", 900)
    claimed = JobLock.objects.filter(name=name, until__lte=now).update(started_at=now, until=expiry)
    return now if claimed else None


def release(name: str, started_at: datetime) -> None:
    """End a claim: nobody starts the job again before the spacing after its start is over."""
    from .models import JobLock

    spacing = started_at + _seconds("XASO_JOB_LOCK_SPACING_SECONDS", 30)
    JobLock.objects.filter(name=name, started_at=started_at).update(until=spacing)


@contextlib.contextmanager
def exclusive(name: str) -> Iterator[bool]:
    """`with exclusive("jobs") as mine:` — `mine` is True in the one process that runs it."""
    started_at = claim(name)
    if started_at is None:
        logger.info("%s: another server runs it now or ran it moments ago", name)
        yield False
        return
    try:
        yield True
    finally:
        release(name, started_at)


def run_all() -> dict[str, object]:
    """Run every job, unless another server is running them; one failing does not stop the
    others. Their results by name (none when another server runs them)."""
    results: dict[str, object] = {}
    with exclusive("jobs") as mine:
        if not mine:
            return results
        for name, job in _jobs.items():
            try:
                results[name] = job()
            except Exception:
                logger.exception("scheduled job %s failed; it runs again next time", name)
                results[name] = None
    return results
