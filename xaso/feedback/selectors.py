"""Reads of the intake register: what is late, what is due soon, and what a tracking code may
show (the status and its steps, never the sender)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from xaso.accounts.scoping import user_commune_ids

from .choices import Status
from .models import Event, Submission


def submissions_for(user: Any) -> QuerySet[Submission]:
    submissions = Submission.objects.select_related("commune", "assigned_to")
    ids = user_commune_ids(user)
    return submissions if ids is None else submissions.filter(commune__in=ids)


def late_to_forward(
    submissions: QuerySet[Submission], today: datetime.date
) -> QuerySet[Submission]:
    """Still to forward after the fifth working day since they were received."""
    return submissions.filter(status=Status.TO_FORWARD, forward_due_on__lt=today)


def overdue(submissions: QuerySet[Submission], today: datetime.date) -> QuerySet[Submission]:
    return submissions.filter(
        Q(status=Status.IN_PROGRESS, due_on__lt=today)
        | Q(status=Status.TO_FORWARD, forward_due_on__lt=today)
    )


def due_soon(
    submissions: QuerySet[Submission], today: datetime.date, until: datetime.date
) -> QuerySet[Submission]:
    """Due today or by `until` and not late yet."""
    return submissions.filter(
        Q(status=Status.IN_PROGRESS, due_on__gte=today, due_on__lte=until)
        | Q(status=Status.TO_FORWARD, forward_due_on__gte=today, forward_due_on__lte=until)
    )


@dataclass
class PublicStatus:
    """What the tracking page shows: no name, address, phone or e-mail."""

    number: str
    kind: str
    field: str
    received_at: datetime.datetime
    status: str
    steps: list[Event]
    response: str


def public_status(code: str) -> PublicStatus | None:
    code = (code or "").strip().upper()
    if not code.isalnum() or len(code) > 12:
        return None
    submission = Submission.objects.filter(tracking_code=code).first()
    if submission is None:
        return None
    return PublicStatus(
        number=str(submission),
        kind=submission.get_kind_display(),
        field=submission.get_field_display(),
        received_at=submission.received_at,
        status=submission.get_status_display(),
        steps=list(submission.events.all()),
        response=submission.response
        if submission.status in (Status.ANSWERED, Status.CLOSED)
        else "",
    )
