"""Senders' personal data (Law 91/2025): kept only as long as the purpose needs, then removed;
seen or removed at the sender's request with their tracking code and phone number.

Removing a sender's data (anonymising) keeps what the commune's statistics count: the register
number, the tracking code, kind, field, status, classification, every date, the assigned
official, the consents given, and each step's status, time and author. It clears the sender's
name, address, phone, e-mail, map point and words, the commune's response (it may quote them),
every step's notes, and deletes the attached files. De-identified data is no longer personal
data (Art. 2), so what stays needs no further retention limit.
"""

from __future__ import annotations

import datetime
import hmac
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import DateTimeField, Max, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.log_actions import log

from xaso.accounts.audit import COMMUNE_KEY
from xaso.communes.models import Commune

from .choices import Status
from .forms import normalise_phone
from .models import Attachment, Event, Submission, private_storage

RETENTION_DAYS = 1095  # 36 months, when the setting is missing
ANONYMISE_ACTION = "feedback.anonymise"
ERASE_ACTION = "feedback.erase"
EXPORT_ACTION = "feedback.export"
REASON_RETENTION = "retention"
REASON_ERASE = "erase"
_ACTIONS = {REASON_RETENTION: ANONYMISE_ACTION, REASON_ERASE: ERASE_ACTION}
# Handling has ended: nothing more is done with the sender's data.
FINISHED = [Status.REJECTED, Status.FORWARDED, Status.ANSWERED, Status.CLOSED]


def retention_days() -> int:
    return max(int(getattr(settings, "XASO_FEEDBACK_RETENTION_DAYS", RETENTION_DAYS)), 1)


def retention_months() -> int:
    """The retention period as the privacy notice states it, in whole months."""
    return max(round(retention_days() / 30.4375), 1)


def _audit(submission: Submission, action: str, user: Any | None = None) -> None:
    # The entry's label is the register number ("12/2026"); its data only the commune.
    log(
        instance=submission,
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        data={COMMUNE_KEY: submission.commune_id},
    )


def _delete_files(names: list[str]) -> None:
    storage = private_storage()
    for name in names:
        if name:
            storage.delete(name)


def submission_anonymise(
    *, submission: Submission, reason: str, user: Any | None = None
) -> Submission:
    """Remove everything personal from a submission and keep its statistics. The files go once
    the change is committed; a submission already anonymised is left as it is."""
    action = _ACTIONS.get(reason)
    if action is None:
        raise ValueError(f"unknown reason {reason!r}")
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.anonymised_at is not None:
            return locked
        attachments = Attachment.objects.filter(submission=locked)
        files = [name for name in attachments.values_list("file", flat=True) if name]
        attachments.delete()
        Event.objects.filter(submission=locked).update(note="", public_note="")
        now = timezone.now()
        Submission.objects.filter(pk=locked.pk).update(
            sender_name="",
            sender_address="",
            sender_phone="",
            sender_email="",
            latitude=None,
            longitude=None,
            content="",
            response="",
            anonymised_at=now,
        )
        _audit(locked, action, user)
        transaction.on_commit(lambda: _delete_files(files))
    locked.refresh_from_db()
    return locked


def submissions_expired(*, today: datetime.date | None = None) -> QuerySet[Submission]:
    """Handled submissions still holding personal data whose last step is older than the
    retention period. Open submissions are never among them, however old."""
    today = today or timezone.localdate()
    cutoff = timezone.make_aware(
        datetime.datetime.combine(
            today - datetime.timedelta(days=retention_days()), datetime.time.min
        )
    )
    return (
        Submission.objects.filter(status__in=FINISHED, anonymised_at=None)
        .annotate(
            last_step=Coalesce(Max("events__at"), "received_at", output_field=DateTimeField())
        )
        .filter(last_step__lt=cutoff)
        .order_by("pk")
    )


def submissions_anonymise_expired(
    *, today: datetime.date | None = None, limit: int | None = None
) -> int:
    """Anonymise every submission past its retention period (at most `limit` per run); how
    many were anonymised."""
    ids = list(submissions_expired(today=today).values_list("pk", flat=True))
    if limit is not None:
        ids = ids[:limit]
    done = 0
    for submission in Submission.objects.filter(pk__in=ids).order_by("pk"):
        if submission_anonymise(submission=submission, reason=REASON_RETENTION).anonymised_at:
            done += 1
    return done


def sender_data_find(*, code: str, phone: str, commune: Commune) -> Submission | None:
    """The submission to `commune` with this tracking code whose sender gave this phone number,
    while it still holds their data; None otherwise (another commune's code included), without
    telling which part did not match."""
    code = (code or "").strip().upper()
    given = normalise_phone(phone).encode()
    submission = None
    if code.isalnum() and len(code) <= 12:
        submission = Submission.objects.filter(
            tracking_code=code, commune=commune, anonymised_at=None
        ).first()
    stored = normalise_phone(submission.sender_phone).encode() if submission else b"\x00"
    # Compared in constant time, and compared even when no submission was found.
    matches = hmac.compare_digest(given, stored) and bool(given)
    return submission if submission is not None and matches else None


def _date(value: datetime.date | datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def sender_data_export(submission: Submission) -> dict[str, Any]:
    """Everything held about the sender and their submission, for the sender."""
    public_steps = [
        {
            "status": event.get_status_display(),
            "at": _date(event.at),
            "public_note": event.public_note,
        }
        for event in submission.events.all()
    ]
    location = None
    if submission.latitude is not None and submission.longitude is not None:
        location = {"latitude": str(submission.latitude), "longitude": str(submission.longitude)}
    return {
        "controller": str(submission.commune.full_name),
        "number": str(submission),
        "tracking_code": submission.tracking_code,
        "received_at": _date(submission.received_at),
        "kind": str(submission.get_kind_display()),
        "field": str(submission.get_field_display()),
        "content": submission.content,
        "location": location,
        "sender": {
            "name": submission.sender_name,
            "address": submission.sender_address,
            "phone": submission.sender_phone,
            "email": submission.sender_email,
        },
        "consents": {
            "handling": submission.consent_handling,
            "contact": submission.consent_contact,
        },
        "status": str(submission.get_status_display()),
        "steps": public_steps,
        "response": submission.response,
        "attachments": [
            {"name": attachment.name, "size": attachment.size}
            for attachment in submission.attachments.all()
        ],
        "retention_days": retention_days(),
        "exported_at": _date(timezone.now()),
    }


def sender_data_export_logged(*, submission: Submission) -> dict[str, Any]:
    """The export, with an audit entry saying it was given."""
    _audit(submission, EXPORT_ACTION)
    return sender_data_export(submission)


def sender_data_erase(*, submission: Submission) -> Submission:
    """The sender asked for their data to be removed."""
    return submission_anonymise(submission=submission, reason=REASON_ERASE)
