"""The sender's own data: with the tracking code and the phone number given with a submission,
a resident downloads everything held about them or has it removed.

A code and phone that do not match, and data already removed, get the same message: the page
never tells whether a code exists. Tries are limited per client address."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from xaso.communes.selectors import commune_for_request
from xaso.core import ratelimit
from xaso.core.clientip import client_address

from .. import privacy
from ..forms import EXPORT, PrivacyRequestForm

HOUR = 3600
LIMIT_PER_HOUR = 10  # tries per client address
SCOPE = "feedback-privacy"


def _render(
    request: HttpRequest, form: PrivacyRequestForm, *, status: int = 200, message: str = ""
) -> HttpResponse:
    form.mark_invalid()
    context = {
        "form": form,
        "message": message,
        "retention_months": privacy.retention_months(),
    }
    return render(request, "feedback/privacy_request.html", context, status=status)


def _export(code: str, data: dict[str, object]) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="phan-anh-{code}.json"'
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, no_store=True, private=True)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def privacy_request(request: HttpRequest) -> HttpResponse:
    commune = commune_for_request(request)
    if request.method != "POST":
        return _render(request, PrivacyRequestForm())
    form = PrivacyRequestForm(request.POST)
    address = client_address(request)
    too_many = _("Too many requests have been sent from here. Please try again in an hour.")
    if ratelimit.exceeded(SCOPE, address, limit=LIMIT_PER_HOUR):
        return _render(request, form, status=429, message=too_many)
    if not form.is_valid():
        return _render(request, form)
    if not ratelimit.allow(SCOPE, address, limit=LIMIT_PER_HOUR, seconds=HOUR):
        return _render(request, form, status=429, message=too_many)
    submission = privacy.sender_data_find(
        code=form.cleaned_data["code"], phone=form.cleaned_data["phone"], commune=commune
    )
    if submission is None:
        message = _(
            "No personal data can be found for this tracking code and phone number. Check both "
            "and try again. If the data has already been removed, nothing is left to download "
            "or erase."
        )
        return _render(request, form, message=message)
    if form.cleaned_data["action"] == EXPORT:
        data = privacy.sender_data_export_logged(submission=submission)
        return _export(submission.tracking_code, data)
    privacy.sender_data_erase(submission=submission)
    return render(request, "feedback/privacy_erased.html", {"code": submission.tracking_code})
