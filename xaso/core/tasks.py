"""Background work of Wagtail and its search (django-tasks), run at once in the serving process,
with one saving: what is enqueued inside `coalesced()` runs once per distinct call, at its end.

Wagtail refreshes a page's reference index and modelsearch its search entry on every save, and
adding and publishing a page saves it three times (created, its revision, published): three
identical refreshes of which only the last one counts. Inside a `coalesced()` block each distinct
task (same task, same arguments) runs once when the block ends, in the order first asked; when
the block ends with an error nothing runs (its writes are rolled back with it). Outside a block
every task runs at once, as django-tasks' immediate backend does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

_batch: ContextVar[dict[Any, TaskResult[Any]] | None] = ContextVar("xaso_tasks", default=None)


class CoalescingImmediateBackend(ImmediateBackend):
    """django-tasks' immediate backend, holding back the tasks of a `coalesced()` block."""

    def enqueue(self, task: Any, args: Any, kwargs: Any) -> TaskResult[Any]:
        batch = _batch.get()
        if batch is None:
            return super().enqueue(task, args, kwargs)
        self.validate_task(task)
        key = (task.module_path, repr(args), repr(sorted(kwargs.items())))
        if key not in batch:
            batch[key] = TaskResult(
                task=task,
                id=get_random_id(),
                status=TaskResultStatus.READY,
                enqueued_at=None,
                started_at=None,
                last_attempted_at=None,
                finished_at=None,
                args=args,
                kwargs=kwargs,
                backend=self.alias,
                errors=[],
                worker_ids=[],
            )
        return batch[key]


@contextlib.contextmanager
def coalesced() -> Iterator[None]:
    """Run the tasks enqueued inside once each, at the end (an inner block leaves them to the
    outer one)."""
    if _batch.get() is not None:
        yield
        return
    batch: dict[Any, TaskResult[Any]] = {}
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
    for result in batch.values():
        backend = task_backends[result.backend]
        if isinstance(backend, ImmediateBackend):
            backend._execute_task(result)
        else:  # another backend configured: hand it over as it would have been
            backend.enqueue(result.task, result.args, result.kwargs)
