"""The sender's own data: with the tracking code and the phone number given with a submission,
a resident downloads everything held about them or has it removed.

A code and phone that do not match, and data already removed, get the same message: the page
never tells whether a code exists. Tries are limited per client address."""

from __future__ import annotations

import json

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from xaso.communes.selectors import commune_for_request
from xaso.core import ratelimit
from xaso.core.clientip import client_address

from . import privacy

HOUR = 3600
LIMIT_PER_HOUR = 10  # tries per client address
SCOPE = "feedback-privacy"
EXPORT = "export"
ERASE = "erase"


class PrivacyRequestForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Tracking code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        help_text=gettext_lazy(
            "The code you received when you sent the submission, e.g. ABCD2345EF."
        ),
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=gettext_lazy("The phone number you gave with the submission."),
    )
    action = forms.ChoiceField(
        label=gettext_lazy("What do you ask for?"),
        choices=[
            (EXPORT, gettext_lazy("Download all the data the commune holds about me (JSON file)")),
            (ERASE, gettext_lazy("Erase my personal data from this submission")),
        ],
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I understand this cannot be undone; the commune keeps only anonymous statistics."
        ),
        required=False,
        help_text=gettext_lazy(
            "Erasing removes your name, address, phone, e-mail, map point, words, files and the "
            "commune's notes and answer. The tracking code still shows the status and dates. If "
            "the submission is still being handled, the commune can no longer contact you about it."
        ),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("action") == ERASE and not data.get("confirm"):
            self.add_error(
                "confirm", _("Tick the box to confirm that your data is to be erased for good.")
            )
        return data

    def mark_invalid(self) -> None:
        """Tie each field's error message (and its help) to it for screen readers."""
        for name, field in self.fields.items():
            described = [f"id_{name}_help"] if field.help_text else []
            if name in self.errors:
                described.insert(0, f"id_{name}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


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
