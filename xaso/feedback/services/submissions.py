"""A submission's steps, from the sender's form to its closure, each with its handling
step (`Event`) and audit entry."""

from __future__ import annotations

import datetime
import secrets
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from xaso.accounts.audit import COMMUNE_KEY
from xaso.communes.access import require_commune
from xaso.communes.models import Commune, Official
from xaso.core.calendar import working_days_later
from xaso.core.permissions import require_perm
from xaso.core.text import nfc
from xaso.core.uploads import validate_upload

from ..choices import FORWARDED_CLASSES, OPEN, Classification, Status
from ..models import Attachment, Event, Submission

FORWARD_DAYS = 5  # Decree 20/2008, Art. 9: forwarded within 5 working days
ANSWER_DAYS = 10
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # nothing to misread: no 0/O, 1/I/L
CODE_LENGTH = 10
CHANGE_PERMISSION = "feedback.change_submission"
MAX_ATTACHMENTS = 5
ATTACHMENT_TYPES = ["jpg", "jpeg", "png", "pdf"]


def answer_days() -> int:
    return max(int(getattr(settings, "XASO_FEEDBACK_ANSWER_DAYS", ANSWER_DAYS)), 1)


def new_tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Submission.objects.filter(tracking_code=code).exists():
            return code


def _log(submission: Submission, action: str, user: Any | None) -> None:
    log(
        instance=submission,
        action=action,
        user=user,
        data={COMMUNE_KEY: submission.commune_id},
    )


def _locked(user: Any | None, submission: Submission) -> Submission:
    """The submission's row, locked for the step, if it is a commune the user works for."""
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    require_commune(user, locked.commune_id)
    return locked


def _step(submission: Submission, user: Any | None, note: str = "", public_note: str = "") -> Event:
    return Event.objects.create(
        submission=submission,
        status=submission.status,
        note=nfc(note).strip(),
        public_note=nfc(public_note).strip(),
        by=user if user is not None and user.is_authenticated else None,
    )


@transaction.atomic
def submission_create(
    *, commune: Commune, submission: Submission, attachments: list[Any] | None = None
) -> Submission:
    """A resident's submission, logged in the register with the next number of the commune's
    year and a tracking code, with its images and PDFs (judged by their content). Everything is
    checked before anything is written."""
    files = list(attachments or [])
    for name in ("content", "sender_name", "sender_address", "sender_phone", "sender_email"):
        setattr(submission, name, nfc(getattr(submission, name) or "").strip())
    errors: dict[str, str] = {}
    if not submission.content:
        errors["content"] = _("Write what you want the commune to know or do.")
    if not submission.sender_name:
        errors["sender_name"] = _("Give your full name.")
    if not submission.sender_address:
        errors["sender_address"] = _("Give your address.")
    if not submission.sender_phone:
        errors["sender_phone"] = _("Give a phone number the commune can call.")
    if not submission.consent_handling:
        errors["consent_handling"] = _(
            "The commune can handle your submission only if you agree to the use of your data "
            "for it."
        )
    if submission.consent_contact and not submission.sender_email:
        errors["consent_contact"] = _("Give an e-mail address to be told of progress.")
    if len(files) > MAX_ATTACHMENTS:
        errors["attachments"] = _("Attach at most %(count)d files.") % {"count": MAX_ATTACHMENTS}
    else:
        for file in files:
            name = PurePath(nfc(getattr(file, "name", "") or "")).name[-255:]
            try:
                validate_upload(
                    file,
                    name,
                    allowed=ATTACHMENT_TYPES,
                    max_bytes=settings.XASO_FEEDBACK_ATTACHMENT_MAX_BYTES,
                )
            except ValidationError as error:
                errors["attachments"] = f"{name}: {' '.join(error.messages)}"
                break
    if errors:
        raise ValidationError(errors)
    Commune.objects.select_for_update().filter(pk=commune.pk).first()  # one number at a time
    now = timezone.now()
    year = timezone.localtime(now).year
    last = Submission.objects.filter(commune=commune, year=year).aggregate(last=Max("number"))
    submission.commune = commune
    submission.year = year
    submission.number = (last["last"] or 0) + 1
    submission.tracking_code = new_tracking_code()
    submission.status = Status.RECEIVED
    submission.received_at = now
    submission.full_clean(exclude=["commune"])
    submission.save()
    for file in files:
        name = PurePath(nfc(file.name or "")).name[-255:]
        file.seek(0)
        Attachment.objects.create(
            submission=submission, file=File(file, name=name), name=name, size=file.size
        )
    _step(submission, None)
    _log(submission, "wagtail.create", None)
    return submission


@transaction.atomic
def submission_classify(
    *,
    user: Any | None = None,
    submission: Submission,
    classification: str,
    note: str = "",
    assigned_to: Official | None = None,
    on_date: datetime.date | None = None,
) -> Submission:
    """Classify a received submission. Not accepted: closed with the reason. About an official's
    conduct or outside the commune's competence: to be forwarded by the fifth working day after
    it was received. Within the commune's competence: assigned, to be answered by the set number
    of working days."""
    require_perm(user, CHANGE_PERMISSION)
    locked = _locked(user, submission)
    if locked.status != Status.RECEIVED:
        raise ValidationError({"classification": _("This submission has already been classified.")})
    try:
        chosen = Classification(classification)
    except ValueError:
        raise ValidationError({"classification": _("Choose a classification.")}) from None
    today = on_date or timezone.localdate()
    received = timezone.localtime(locked.received_at).date()
    locked.classification = chosen
    locked.classified_on = today
    if chosen == Classification.MISSING_INFORMATION:
        if not nfc(note).strip():
            raise ValidationError({"note": _("Say what information is missing.")})
        locked.status = Status.REJECTED
        locked.closed_on = today
    elif chosen in FORWARDED_CLASSES:
        locked.status = Status.TO_FORWARD
        locked.forward_due_on = working_days_later(received, FORWARD_DAYS)
    else:
        if assigned_to is not None and assigned_to.commune_id != locked.commune_id:
            raise ValidationError({"assigned_to": _("The official works for another commune.")})
        locked.status = Status.IN_PROGRESS
        locked.assigned_to = assigned_to
        locked.due_on = working_days_later(today, answer_days())
    locked.full_clean(exclude=["commune", "assigned_to"])
    locked.save()
    _step(
        locked, user, note, public_note=note if chosen == Classification.MISSING_INFORMATION else ""
    )
    _log(locked, "wagtail.edit", user)
    _notify(locked, official=locked.assigned_to is not None)
    return locked


@transaction.atomic
def submission_forward(
    *,
    user: Any | None = None,
    submission: Submission,
    forwarded_to: str,
    on_date: datetime.date | None = None,
) -> Submission:
    """Record that a submission was sent on to the authority competent for it."""
    require_perm(user, CHANGE_PERMISSION)
    locked = _locked(user, submission)
    if locked.status != Status.TO_FORWARD:
        raise ValidationError({"forwarded_to": _("This submission is not one to forward.")})
    forwarded_to = nfc(forwarded_to).strip()
    if not forwarded_to:
        raise ValidationError({"forwarded_to": _("Say to which authority it was forwarded.")})
    locked.status = Status.FORWARDED
    locked.forwarded_to = forwarded_to
    locked.forwarded_on = on_date or timezone.localdate()
    locked.full_clean(exclude=["commune", "assigned_to"])
    locked.save()
    _step(locked, user, public_note=_("Forwarded to %(authority)s.") % {"authority": forwarded_to})
    _log(locked, "wagtail.edit", user)
    _notify(locked)
    return locked


@transaction.atomic
def submission_answer(
    *,
    user: Any | None = None,
    submission: Submission,
    response: str,
    on_date: datetime.date | None = None,
) -> Submission:
    require_perm(user, CHANGE_PERMISSION)
    locked = _locked(user, submission)
    if locked.status != Status.IN_PROGRESS:
        raise ValidationError({"response": _("Only a submission being handled is answered.")})
    response = nfc(response).strip()
    if not response:
        raise ValidationError({"response": _("Write the answer.")})
    locked.status = Status.ANSWERED
    locked.response = response
    locked.answered_on = on_date or timezone.localdate()
    locked.full_clean(exclude=["commune", "assigned_to"])
    locked.save()
    _step(locked, user)
    _log(locked, "wagtail.edit", user)
    _notify(locked)
    return locked


@transaction.atomic
def submission_close(
    *, user: Any | None = None, submission: Submission, note: str = ""
) -> Submission:
    require_perm(user, CHANGE_PERMISSION)
    locked = _locked(user, submission)
    if locked.status in OPEN:
        raise ValidationError(_("Answer, forward or refuse the submission before closing it."))
    if locked.status == Status.CLOSED:
        return locked
    locked.status = Status.CLOSED
    locked.closed_on = timezone.localdate()
    locked.save(update_fields=["status", "closed_on"])
    _step(locked, user, note)
    _log(locked, "wagtail.edit", user)
    _notify(locked)
    return locked


def _notify(submission: Submission, *, official: bool = False) -> None:
    """Once the change is committed: the sender (if they agreed) and the newly assigned official."""
    from .. import notifications

    pk = submission.pk

    def send() -> None:
        fresh = Submission.objects.select_related("commune__site", "assigned_to__user").get(pk=pk)
        notifications.notify_sender(fresh, fresh.status)
        if official:
            notifications.notify_official(fresh)

    transaction.on_commit(send)
