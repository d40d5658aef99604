"""The intake register's dashboard in the admin: how many submissions are open, due within two
working days, overdue and late to forward, then the open and overdue ones by field and by
official, each figure linking to the register filtered to it.

`?xa=<commune id>` shows one of the user's communes (all of them by default, for those who read
several: the province's roles); another commune's id shows the user's own, with a message.

The province's roles read the figures of every commune without the register's permission: the
counts name no sender, and for whoever may not open the register they link to nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.accounts.scoping import VIEW_ALL_COMMUNES
from xaso.accounts.views import commune_choice
from xaso.core.calendar import working_days_later

from .. import selectors
from ..choices import OPEN, Field
from ..models import Submission

VIEW_PERMISSION = "feedback.view_submission"
SOON_DAYS = 2


@dataclass
class Row:
    label: str
    open: int
    overdue: int
    open_url: str
    overdue_url: str


def list_url(chosen: Any = None, **params: Any) -> str:
    """The register filtered by `params`, and to the chosen commune when there is one."""
    base = reverse("feedback_submissions:index")
    if chosen is not None:
        params["commune"] = chosen.pk
    return f"{base}?{urlencode(params)}" if params else base


def _rows(
    submissions: QuerySet[Submission], overdue: QuerySet[Submission], key: str
) -> list[dict[str, Any]]:
    late = overdue.values("pk")
    return list(
        submissions.filter(status__in=OPEN)
        .values(key)
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(pk__in=late)))
        .order_by(key)
    )


def may_view_dashboard(user: Any) -> bool:
    """Whoever handles the register of their communes, and the province's roles."""
    return bool(
        user.is_active and (user.has_perm(VIEW_PERMISSION) or user.has_perm(VIEW_ALL_COMMUNES))
    )


def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not may_view_dashboard(user):
        raise PermissionDenied
    today = timezone.localdate()
    choice = commune_choice(request)
    chosen = choice.commune
    submissions = selectors.submissions_for(user, commune=chosen)
    overdue = selectors.overdue(submissions, today)
    until = working_days_later(today, SOON_DAYS)
    fields = dict(Field.choices)
    by_field = [
        Row(
            label=str(fields.get(row["field"], row["field"])),
            open=row["open"],
            overdue=row["overdue"],
            open_url=list_url(chosen, field=row["field"]),
            overdue_url=list_url(chosen, field=row["field"], overdue="true"),
        )
        for row in _rows(submissions, overdue, "field")
    ]
    officials = dict(
        submissions.filter(assigned_to__isnull=False).values_list(
            "assigned_to_id", "assigned_to__full_name"
        )
    )
    by_official = [
        Row(
            label=officials.get(row["assigned_to"], "") or _("Not assigned"),
            open=row["open"],
            overdue=row["overdue"],
            open_url=list_url(chosen, assigned_to=row["assigned_to"])
            if row["assigned_to"]
            else list_url(chosen, status="received"),
            overdue_url=list_url(chosen, assigned_to=row["assigned_to"], overdue="true")
            if row["assigned_to"]
            else list_url(chosen, overdue="true"),
        )
        for row in _rows(submissions, overdue, "assigned_to")
    ]
    context = {
        "page_title": _("Feedback and petitions"),
        "header_title": _("Feedback and petitions"),
        "header_icon": "mail",
        "page_subtitle": chosen.full_name if chosen is not None else "",
        "choice": choice,
        "today": today,
        "until": until,
        "counts": {
            "open": submissions.filter(status__in=OPEN).count(),
            "due_soon": selectors.due_soon(submissions, today, until).count(),
            "overdue": overdue.count(),
            "late_to_forward": selectors.late_to_forward(submissions, today).count(),
        },
        "list_url": list_url(chosen),
        "overdue_url": list_url(chosen, overdue="true"),
        "to_forward_url": list_url(chosen, status="to_forward"),
        "by_field": by_field,
        "by_official": by_official,
        # The figures link to the register (its files name the senders) for its readers only.
        "links": user.has_perm(VIEW_PERMISSION),
    }
    return render(request, "feedback/admin/dashboard.html", context)
