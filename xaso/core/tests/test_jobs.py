"""Periodic jobs on several application servers: every server's timer fires at the same minute,
one of them runs the jobs (xaso.core.jobs.exclusive)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections
from django.test import override_settings

from xaso.core import jobs
from xaso.core.models import JobLock
from xaso.portal import scheduler


@pytest.fixture
def counted(monkeypatch):
    """One registered job that counts its runs and takes a moment, like a real one."""
    runs: list[str] = []

    def job() -> int:
        runs.append(threading.current_thread().name)
        time.sleep(0.3)
        return len(runs)

    monkeypatch.setattr(jobs, "_jobs", {"counted": job})
    return runs


def _at_once(target, count: int = 2) -> list[object]:
    """Start `count` runners together (like timers of several servers); their results."""
    barrier = threading.Barrier(count)
    results: list[object] = []
    errors: list[BaseException] = []

    def runner() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(target())
        except BaseException as error:  # reported by the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, name=f"server-{n}") for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


@pytest.mark.django_db(transaction=True)
def test_two_servers_running_the_jobs_at_once_run_them_once(counted):
    results = _at_once(jobs.run_all)
    assert len(counted) == 1, connection.vendor
    assert sorted(results, key=len) == [{}, {"counted": 1}]


@pytest.mark.django_db(transaction=True)
# As deployed: the spacing keeps a server that reaches the jobs once the other has finished them
# (here, after publishing) from running them again in the same minute.
@override_settings(XASO_JOB_LOCK_SPACING_SECONDS=30)
def test_two_servers_publishing_at_once_publish_once(counted, monkeypatch):
    published: list[str] = []

    def publish(name, **kwargs):
        assert name == "publish_scheduled"
        published.append(threading.current_thread().name)
        time.sleep(0.3)

    monkeypatch.setattr(scheduler, "call_command", publish)
    reports = _at_once(scheduler.run_due)
    assert len(published) == 1 and len(counted) == 1, connection.vendor
    assert sum("run by another server" in str(report) for report in reports) == 1


@pytest.mark.django_db(transaction=True)
@override_settings(XASO_JOB_LOCK_SPACING_SECONDS=30)
def test_a_timer_firing_moments_later_does_not_run_the_same_minutes_jobs_again(counted):
    assert jobs.run_all() == {"counted": 1}
    assert jobs.run_all() == {}  # another server, a few seconds later
    assert len(counted) == 1
    lock = JobLock.objects.get(name="jobs")
    assert (lock.until - lock.started_at).total_seconds() == 30


@pytest.mark.django_db(transaction=True)
@override_settings(XASO_JOB_LOCK_EXPIRY_SECONDS=1)
def test_a_server_that_died_mid_run_blocks_the_others_only_until_its_claim_expires(counted):
    assert jobs.claim("jobs") is not None  # …and its process dies before releasing it
    assert jobs.run_all() == {}
    assert counted == []
    time.sleep(1.1)
    assert jobs.run_all() == {"counted": 1}


@pytest.mark.django_db(transaction=True)
def test_a_failing_job_still_releases_the_claim(monkeypatch):
    def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(jobs, "_jobs", {"broken": broken})
    assert jobs.run_all() == {"broken": None}
    assert jobs.run_all() == {"broken": None}  # not blocked by the failed run
