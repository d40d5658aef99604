"""Periodic jobs beside scheduled publishing: each app registers its own in `ready()`; the
embedded scheduler thread and `manage.py run_scheduled` (the deployment's timer) run them all.
A job must be idempotent and quick: it runs every minute or so."""

from __future__ import annotations

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)
_jobs: dict[str, Callable[[], object]] = {}


def register(name: str, job: Callable[[], object]) -> None:
    _jobs[name] = job


def run_all() -> dict[str, object]:
    """Run every job; one failing does not stop the others. Their results by name."""
    results: dict[str, object] = {}
    for name, job in _jobs.items():
        try:
            results[name] = job()
        except Exception:
            logger.exception("scheduled job %s failed; it runs again next time", name)
            results[name] = None
    return results
