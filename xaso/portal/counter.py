"""Exact, cache-safe view counts: visits are buffered, then flushed to the database in batches.

A visit is counted by a light call from the (cacheable) article page, not while rendering it.
The buffer is Redis when `REDIS_URL` is set (shared by every app process, survives their
restarts) and process memory otherwise (the embedded default). A flusher thread moves the counts
into `PageViewCount` every `XASO_VIEW_FLUSH_SECONDS`.

Exactly once: a Redis flush first renames the live hash to a batch key (atomic), adds the batch to
the database together with a `ViewFlush` row naming the batch (one transaction), then deletes the
batch key. A flusher that dies in between leaves the batch key behind; the next flush finds it and
adds it only if its `ViewFlush` row is missing. What a crash can lose: nothing with Redis; in
process memory, the visits of the last flush interval (one second by default). A clean stop
(SIGTERM or SIGINT to the server) loses nothing: the worker flushes on its way out.
"""

from __future__ import annotations

import logging
import multiprocessing.util
import os
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)

Batch = tuple[str | None, dict[int, int]]


class LocalBuffer:
    def __init__(self) -> None:
        self._counts: Counter[int] = Counter()
        self._lock = threading.Lock()

    def add(self, page_id: int) -> None:
        with self._lock:
            self._counts[page_id] += 1

    def pending(self, page_id: int) -> int:
        with self._lock:
            return self._counts.get(page_id, 0)

    def batches(self) -> Iterator[Batch]:
        with self._lock:
            taken = dict(self._counts)
            self._counts.clear()
        if taken:
            yield None, taken

    def restore(self, batch: Batch) -> None:
        with self._lock:
            self._counts.update(batch[1])

    def done(self, batch: Batch) -> None:
        """Nothing to clean up in process memory."""


class RedisBuffer:
    LIVE = "xaso:views:live"
    BATCH_PREFIX = "xaso:views:batch:"
    # Batches waiting to be flushed, listed so that reading a count never scans the keyspace.
    BATCHES = "xaso:views:batches"

    def __init__(self, url: str) -> None:
        import redis

        # The synchronous client; typed as Any because redis-py's stubs mix in async returns.
        self._redis: Any = redis.Redis.from_url(url)

    def add(self, page_id: int) -> None:
        self._redis.hincrby(self.LIVE, str(page_id), 1)

    def pending(self, page_id: int) -> int:
        pipe = self._redis.pipeline(transaction=False)  # one round trip in the usual case
        pipe.hget(self.LIVE, str(page_id))
        pipe.smembers(self.BATCHES)
        live, waiting = pipe.execute()
        total = int(live or 0)
        if waiting:
            pipe = self._redis.pipeline(transaction=False)
            for key in waiting:
                pipe.hget(key, str(page_id))
            total += sum(int(value or 0) for value in pipe.execute())
        return total

    def batches(self) -> Iterator[Batch]:
        if self._redis.exists(self.LIVE):
            batch_key = f"{self.BATCH_PREFIX}{uuid.uuid4().hex}"
            pipe = self._redis.pipeline(transaction=True)  # rename and list it, atomically
            pipe.rename(self.LIVE, batch_key)
            pipe.sadd(self.BATCHES, batch_key)
            try:
                pipe.execute()
            except Exception as error:  # the live hash went away meanwhile: nothing new
                if "no such key" not in str(error).lower():
                    raise
        for key in self._redis.smembers(self.BATCHES):
            name = key.decode() if isinstance(key, bytes) else str(key)
            raw = self._redis.hgetall(name)
            yield name, {int(page): int(count) for page, count in raw.items()}

    def restore(self, batch: Batch) -> None:
        """The batch stays listed in Redis and is retried by the next flush."""

    def done(self, batch: Batch) -> None:
        if batch[0]:
            pipe = self._redis.pipeline(transaction=True)
            pipe.delete(batch[0])
            pipe.srem(self.BATCHES, batch[0])
            pipe.execute()


_buffer: LocalBuffer | RedisBuffer | None = None
_buffer_pid: int | None = None
_lock = threading.Lock()


def buffer() -> LocalBuffer | RedisBuffer:
    global _buffer, _buffer_pid
    with _lock:
        if _buffer is None or _buffer_pid != os.getpid():
            url = settings.REDIS_URL
            _buffer = RedisBuffer(url) if url else LocalBuffer()
            _buffer_pid = os.getpid()
            _start_flusher()
        return _buffer


def _apply(counts: dict[int, int]) -> None:
    from wagtail.models import Page

    from .models import PageViewCount

    existing = set(
        PageViewCount.objects.filter(page_id__in=counts).values_list("page_id", flat=True)
    )
    for page_id, count in counts.items():
        if page_id in existing:
            PageViewCount.objects.filter(page_id=page_id).update(count=F("count") + count)
    live_pages = set(
        Page.objects.filter(pk__in=set(counts) - existing).values_list("pk", flat=True)
    )
    PageViewCount.objects.bulk_create(
        [PageViewCount(page_id=pk, count=counts[pk]) for pk in live_pages],
        ignore_conflicts=False,
    )


def flush() -> int:
    """Move every buffered visit into the database; returns how many visits were added."""
    from .models import ViewFlush

    store = buffer()
    added = 0
    for batch in store.batches():
        batch_id, counts = batch
        try:
            with transaction.atomic():
                if batch_id is not None and ViewFlush.objects.filter(batch=batch_id).exists():
                    counts = {}  # added before a crash; only the clean-up was missing
                else:
                    _apply(counts)
                    if batch_id is not None:
                        ViewFlush.objects.create(batch=batch_id)
        except Exception:
            store.restore(batch)
            raise
        store.done(batch)
        added += sum(counts.values())
    if added:
        ViewFlush.objects.filter(flushed_at__lt=timezone.now() - timedelta(days=2)).delete()
    return added


_flusher: threading.Thread | None = None


def _start_flusher() -> None:
    global _flusher
    interval = settings.XASO_VIEW_FLUSH_SECONDS
    if interval <= 0 or (_flusher is not None and _flusher.is_alive()):
        return

    def run() -> None:
        while True:
            time.sleep(interval)
            try:
                close_old_connections()
                flush()
            except Exception:
                logger.exception("view counts: flush failed; retrying")
            finally:
                close_old_connections()

    _flusher = threading.Thread(target=run, name="xaso-view-flusher", daemon=True)
    _flusher.start()
    _flush_at_exit_register()


def _flush_at_exit_register() -> None:
    """Flush what is buffered when the process ends cleanly (SIGTERM or SIGINT to the server).

    Not with `atexit`: granian's workers are multiprocessing children, which leave through
    `os._exit` once their target returns, so `atexit` handlers never run there (every visit of
    the last interval was lost on each restart). multiprocessing runs its own finalizers on that
    way out, and at the interpreter's exit in any other process (it registers them with
    `atexit` itself): one finalizer covers both. Signal handlers would not do: granian installs
    its own in the worker after loading the application, and only the main thread may set them.
    """
    multiprocessing.util.Finalize(None, _flush_at_exit, exitpriority=100)


def _flush_at_exit() -> None:
    try:
        flush()
    except Exception:
        logger.exception("view counts: final flush failed")


def current_count(page_id: int, stored: Any = None) -> int:
    """The count to show: what is stored plus what waits in the buffer."""
    from .models import PageViewCount

    if stored is None:
        # Read on every uncached article: plain SQL, without building an ORM query.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count FROM {PageViewCount._meta.db_table} WHERE page_id = %s",  # noqa: S608
                [page_id],
            )
            row = cursor.fetchone()
        stored = row[0] if row else 0
    return int(stored) + buffer().pending(page_id)
