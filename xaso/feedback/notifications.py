"""E-mails of the intake register: the sender is told of each status change (only if they agreed
to be, and only with the tracking page's link: no other personal data travels), the assigned
official of the assignment and, once, of a due date two working days away."""

from __future__ import annotations

import datetime
from collections import defaultdict
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from .choices import Status
from .models import Submission

REMIND_DAYS = 2
TRACKING_PATH = "/phan-anh/tra-cuu/"


def tracking_url(submission: Submission) -> str:
    site = submission.commune.site
    root = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return f"{root.rstrip('/')}{TRACKING_PATH}?{urlencode({'ma': submission.tracking_code})}"


def admin_url(submission: Submission) -> str:
    from django.urls import reverse

    path = reverse("feedback_submissions:inspect", args=[submission.pk])
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def notify_sender(submission: Submission, event: str = "") -> bool:
    """Tell the sender the submission's new status; False when they did not ask to be told."""
    if not submission.consent_contact or not submission.sender_email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your submission %(number)s: %(status)s") % {
            "number": submission,
            "status": submission.get_status_display(),
        }
        body = _(
            "The status of your submission %(number)s to the People's Committee of %(commune)s "
            "is now: %(status)s.\n\nFollow its handling with your tracking code %(code)s at:\n"
            "%(url)s\n\nThis message was sent automatically; please do not reply to it."
        ) % {
            "number": submission,
            "commune": submission.commune,
            "status": submission.get_status_display(),
            "code": submission.tracking_code,
            "url": tracking_url(submission),
        }
    send_mail(subject, body, None, [submission.sender_email], fail_silently=True)
    return True


def _official_address(submission: Submission) -> str:
    official = submission.assigned_to
    user = official.user if official is not None else None
    return user.email if user is not None and user.is_active and user.email else ""


def notify_official(submission: Submission) -> bool:
    """Tell the assigned official of the assignment and its due date; False without an address."""
    address = _official_address(submission)
    if not address:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Submission %(number)s assigned to you") % {"number": submission}
        body = _(
            "Submission %(number)s (%(field)s) has been assigned to you. Answer it by "
            "%(due)s.\n\nOpen it in the admin:\n%(url)s"
        ) % {
            "number": submission,
            "field": submission.get_field_display(),
            "due": submission.due_on.strftime("%d/%m/%Y") if submission.due_on else "–",
            "url": admin_url(submission),
        }
    send_mail(subject, body, None, [address], fail_silently=True)
    return True


def officials_remind(*, today: datetime.date) -> int:
    """E-mail each assigned official, once, the submissions they must answer within two working
    days; the number of submissions reminded of. Run by the scheduler: cheap when nothing is
    due."""
    from xaso.core.calendar import working_days_later

    until = working_days_later(today, REMIND_DAYS)
    due = (
        Submission.objects.filter(
            status=Status.IN_PROGRESS,
            due_on__gte=today,
            due_on__lte=until,
            reminded_on__isnull=True,
            assigned_to__user__email__gt="",
            assigned_to__user__is_active=True,
        )
        .select_related("commune", "assigned_to__user")
        .order_by("due_on", "pk")
    )
    by_address: dict[str, list[Submission]] = defaultdict(list)
    for submission in due:
        by_address[_official_address(submission)].append(submission)
    count = 0
    for address, submissions in by_address.items():
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Submissions due soon: %(count)s") % {"count": len(submissions)}
            lines = [
                _("%(number)s, to answer by %(due)s: %(url)s")
                % {
                    "number": submission,
                    "due": submission.due_on.strftime("%d/%m/%Y") if submission.due_on else "–",
                    "url": admin_url(submission),
                }
                for submission in submissions
            ]
            body = _("These submissions assigned to you are due within two working days:")
        send_mail(subject, "\n\n".join([body, *lines]), None, [address], fail_silently=True)
        Submission.objects.filter(pk__in=[s.pk for s in submissions]).update(reminded_on=today)
        count += len(submissions)
    return count
