"""The admin's screens of the second factor: the code after the password, enrolment with a QR
code, new recovery codes, an administrator's reset of another account's second factor, and the
account page's "Two-step sign-in" panel. Adapters over the services in `second_factor.py`."""

from __future__ import annotations

from typing import Any

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.account import BaseSettingsPanel

from .. import second_factor as sf

ERROR_ID = "second-factor-error"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args: Any, help_text: str, digits_only: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.help_text = help_text
        if digits_only:
            field.widget.attrs["inputmode"] = "numeric"

    def full_clean(self) -> None:
        super().full_clean()
        self._mark_invalid()

    def _mark_invalid(self) -> None:
        if self.is_bound and self.errors:
            # The error shows above the form (code_errors.html); the field points to it.
            self.fields["code"].widget.attrs.update(
                {"aria-invalid": "true", "aria-errormessage": ERROR_ID}
            )

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        self._mark_invalid()


def _again_url(request: HttpRequest) -> str:
    """The code page, asking again, then back here."""
    query = urlencode({"next": request.get_full_path(), "again": "1"})
    return f"{reverse('accounts_second_factor_verify')}?{query}"


def _next(request: HttpRequest) -> str:
    return get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")


def _signed_in(request: HttpRequest) -> Any:
    user: Any = request.user
    if not user.is_authenticated:
        raise Http404
    return user


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponseBase:
    """After the password: the code from the app, or a recovery code. With `again`, a verified
    session gives a code again before replacing the app or renewing the recovery codes."""
    user = _signed_in(request)
    again = bool(request.GET.get("again") or request.POST.get("again"))
    if not sf.has_second_factor(user) or (user.is_verified() and not again):
        return redirect(_next(request))
    form = CodeForm(
        request.POST or None,
        help_text=_(
            "The 6 digits your authenticator app shows now, or one of your recovery codes."
        ),
        digits_only=False,
    )
    form.fields["code"].widget.attrs["autofocus"] = True
    if request.method == "POST" and form.is_valid():
        try:
            done = sf.second_factor_verify(
                request=request, user=user, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error.messages)
        else:
            if done.recovery_code_used:
                messages.warning(
                    request,
                    _(
                        "You signed in with a recovery code; it will not work again. "
                        "Recovery codes left: %(count)d."
                    )
                    % {"count": done.recovery_codes_left},
                )
            return redirect(_next(request))
    return TemplateResponse(
        request,
        "accounts/second_factor/verify.html",
        {"form": form, "next": _next(request), "again": again, "error_id": ERROR_ID},
    )


def qr_svg(device: Any) -> str:
    """The app's key as a QR code, inline SVG: black on white with its quiet zone, whatever the
    admin's colour theme."""
    qr = segno.make(device.config_url, error="m")
    # Named by the element around it (role="img" in enrol.html).
    return str(
        qr.svg_inline(
            scale=5,
            border=4,
            dark="#000",
            light="#fff",
            omitsize=True,  # a viewBox only: it scales to the screen, never cropped
            svgclass="second-factor-qr",
        )
    )


@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponseBase:
    """Add an authenticator app: scan the QR code (or type the key), confirm with a code; then
    the recovery codes, shown this once."""
    user = _signed_in(request)
    try:
        device = sf.second_factor_enrol_start(request=request, user=user)
    except sf.CodeNeeded:
        # The account has an app: its code first (again, for a session verified a while ago).
        return redirect(_again_url(request))
    form = CodeForm(
        request.POST or None,
        help_text=_("The 6 digits your app shows for this account."),
        digits_only=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = sf.second_factor_enrol_confirm(
                request=request, user=user, code=form.cleaned_data["code"]
            )
        except sf.CodeNeeded:
            return redirect(_again_url(request))
        except ValidationError as error:
            form.add_error("code", error.messages)
        else:
            return TemplateResponse(
                request,
                "accounts/second_factor/recovery_codes.html",
                {
                    "codes": enrolment.recovery_codes,
                    "next": _next(request),
                    "enrolled": True,
                },
            )
    return TemplateResponse(
        request,
        "accounts/second_factor/enrol.html",
        {
            "form": form,
            "qr": qr_svg(device),
            "secret": sf.secret_for_display(device),
            "next": _next(request),
            "required": sf.required_for(user),
            "replacing": sf.has_second_factor(user),
            "error_id": ERROR_ID,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponseBase:
    """New recovery codes, for an account that has used or lost its earlier ones."""
    user = _signed_in(request)
    if not sf.has_second_factor(user):
        return redirect("accounts_second_factor_enrol")
    if request.method == "POST":
        try:
            codes = sf.recovery_codes_renew(request=request, user=user)
        except sf.CodeNeeded:
            return redirect(_again_url(request))
        return TemplateResponse(
            request,
            "accounts/second_factor/recovery_codes.html",
            {"codes": codes, "next": reverse("wagtailadmin_account"), "enrolled": False},
        )
    if not sf.fresh(request):
        return redirect(_again_url(request))
    title = _("New recovery codes")
    return TemplateResponse(
        request,
        "accounts/second_factor/recovery_codes_confirm.html",
        {
            "left": sf.recovery_codes_left(user),
            "page_title": title,
            "header_title": title,
            "header_icon": "key",
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_account"), "label": _("Account")},
                {"url": "", "label": title},
            ],
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def reset(request: HttpRequest, pk: int) -> HttpResponse:
    """An administrator removes another account's app and recovery codes (a lost phone)."""
    user = _signed_in(request)
    account = get_object_or_404(get_user_model(), pk=pk)
    if not sf.may_reset(user, account):
        raise Http404
    edit_url = reverse("wagtailusers_users:edit", args=[account.pk])
    name = account.get_full_name() or account.get_username()
    if request.method == "POST":
        sf.second_factor_reset(user=user, account=account, request=request)
        messages.success(
            request,
            _(
                "The second factor and the password of %(name)s were reset. Set a new password "
                "below and give it to them in person; they add their authenticator app again "
                "the next time they sign in."
            )
            % {"name": name},
        )
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "accounts/second_factor/reset.html",
        {
            "account": account,
            "has_app": sf.has_second_factor(account),
            "required": sf.required_for(account),
            "edit_url": edit_url,
            "page_title": _("Reset the second factor"),
            "header_title": _("Reset the second factor"),
            "page_subtitle": name,
            "header_icon": "key",
            "breadcrumbs_items": [
                {"url": reverse("wagtailusers_users:index"), "label": _("Users")},
                {"url": edit_url, "label": name},
                {"url": "", "label": _("Reset the second factor")},
            ],
        },
    )


class SecondFactorPanel(BaseSettingsPanel):
    """The account page's "Two-step sign-in" panel: whether the account has an app, how many
    recovery codes are left, and the links to add or replace the app and renew the codes."""

    name = "second_factor"
    order = 450
    template_name = "accounts/second_factor/account_panel.html"

    @property
    def title(self) -> str:
        return _("Two-step sign-in")

    def get_form(self) -> Any:
        return forms.Form()  # nothing to save here: links to the steps' own pages

    def get_context_data(self) -> dict[str, Any]:
        user = self.user
        return {
            "has_app": sf.has_second_factor(user),
            "required": sf.required_for(user),
            "codes_left": sf.recovery_codes_left(user),
            "app": sf.app_device(user),
        }
