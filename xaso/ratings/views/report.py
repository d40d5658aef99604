"""The ratings' admin report: per section, per page, the latest comments, for the communes the
user works for; and hiding an abusive comment.

`?xa=<commune id>` shows one of the user's communes (all of them by default, for those who read
several: the province's roles); another commune's id shows the user's own, with a message."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from xaso.accounts.views import commune_choice

from .. import selectors, services
from ..forms import PeriodForm

VIEW_PERMISSION = "ratings.view_rating"
DEFAULT_DAYS = 90
COMMENTS_PER_PAGE = 20


def _period(request: HttpRequest) -> tuple[PeriodForm, datetime.date, datetime.date]:
    today = timezone.localdate()
    default_start = today - datetime.timedelta(days=DEFAULT_DAYS - 1)
    form = PeriodForm(request.GET or None, initial={"start": default_start, "end": today})
    if request.GET and form.is_valid():
        start = form.cleaned_data.get("start") or default_start
        end = form.cleaned_data.get("end") or today
        return form, start, end
    if request.GET and form.errors:
        messages.error(
            request, _("The dates were not understood; the last 90 days are shown instead.")
        )
    return form, default_start, today


def report(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (user.is_active and user.has_perm(VIEW_PERMISSION)):
        raise PermissionDenied
    form, start, end = _period(request)
    choice = commune_choice(request)
    ratings = selectors.in_period(selectors.ratings_for(user, commune=choice.commune), start, end)
    pages = selectors.by_page(ratings)
    roots = selectors.site_roots({row["commune_id"] for row in pages})
    for row in pages:
        root = roots.get(row["commune_id"])
        row["url"] = f"{root.rstrip('/')}{row['path']}" if root else ""
    comments = Paginator(selectors.latest_comments(ratings), COMMENTS_PER_PAGE)
    query = request.GET.copy()
    query.pop("p", None)
    context = {
        "page_title": _("Satisfaction ratings"),
        "header_title": _("Satisfaction ratings"),
        "header_icon": "pick",
        "page_subtitle": choice.commune.full_name if choice.commune is not None else "",
        "choice": choice,
        "form": form,
        "start": start,
        "end": end,
        "totals": selectors.totals(ratings),
        "sections": selectors.by_section(ratings),
        "pages": pages,
        "comments": comments.get_page(request.GET.get("p")),
        "query": query.urlencode(),
        "may_hide": user.has_perm(services.CHANGE_PERMISSION),
    }
    return render(request, "ratings/admin/report.html", context)


@require_POST
def comment_hide(request: HttpRequest, pk: int) -> HttpResponse:
    rating = get_object_or_404(selectors.ratings_for(request.user), pk=pk)
    hidden = request.POST.get("hidden", "1") != "0"
    services.rating_comment_hide(user=request.user, rating=rating, hidden=hidden)
    messages.success(
        request, _("The comment is hidden.") if hidden else _("The comment is shown again.")
    )
    back = request.POST.get("next", "")
    if not back.startswith(reverse("ratings_report")):
        back = reverse("ratings_report")
    return redirect(back)
