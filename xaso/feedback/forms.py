"""The residents' public form: what a submission holds, a honeypot and a light challenge
(xaso.core.challenge)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core.challenge import ChallengeForm
from xaso.core.text import nfc

from .choices import Field, Kind
from .models import MAX_CONTENT
from .services import MAX_ATTACHMENTS

CHALLENGE_SCOPE = "feedback"
_PHONE = re.compile(r"^\d{10,11}$")


def normalise_phone(value: str) -> str:
    """Digits only, a +84 prefix written as 0: the form a phone number is stored and counted in."""
    digits = re.sub(r"[\s.]", "", nfc(value or "").strip())
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    return digits


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class SubmissionForm(ChallengeForm):
    challenge_scope = CHALLENGE_SCOPE

    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Kind.choices)
    field = forms.ChoiceField(
        label=gettext_lazy("Subject area"), choices=[("", "—"), *list(Field.choices)]
    )
    content = forms.CharField(
        label=gettext_lazy("Content"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_CONTENT,
        help_text=gettext_lazy(
            "What happened, where and when, and what you ask the commune to do "
            "(at most 10.000 characters)."
        ),
    )
    latitude = forms.CharField(required=False, widget=forms.HiddenInput)
    longitude = forms.CharField(required=False, widget=forms.HiddenInput)
    attachments = MultipleFileField(
        label=gettext_lazy("Photos or documents (optional)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}),
        help_text=gettext_lazy(
            "Up to 5 files, JPG, PNG or PDF, each at most %(size)s MB. "
            "Never send a photo of an identity card or other ID document."
        ),
    )
    sender_name = forms.CharField(
        label=gettext_lazy("Full name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    sender_address = forms.CharField(
        label=gettext_lazy("Address"),
        max_length=255,
        # One line: "street-address" is for a multi-line field (a textarea) only.
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    sender_phone = forms.CharField(
        label=gettext_lazy("Phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=gettext_lazy("10 or 11 digits, e.g. 0912 345 678."),
    )
    sender_email = forms.EmailField(
        label=gettext_lazy("E-mail (optional)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent_handling = forms.BooleanField(
        label=gettext_lazy("I agree that the commune uses my data to handle this submission."),
        required=False,
    )
    consent_contact = forms.BooleanField(
        label=gettext_lazy("I agree to be told of its progress by e-mail."), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        help_text = self.fields["attachments"].help_text
        self.fields["attachments"].help_text = help_text % {
            "size": f"{settings.XASO_FEEDBACK_ATTACHMENT_MAX_BYTES / 1024 / 1024:g}".replace(
                ".", ","
            )
        }
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_help"

    def clean_content(self) -> str:
        return nfc(self.cleaned_data["content"]).strip()

    def clean_sender_phone(self) -> str:
        phone = normalise_phone(self.cleaned_data["sender_phone"])
        if not _PHONE.match(phone):
            raise forms.ValidationError(
                _("Write a phone number of 10 or 11 digits; spaces and dots may separate them.")
            )
        return phone

    def _coordinate(self, name: str, limit: int) -> Decimal | None:
        try:
            value = Decimal((self.cleaned_data.get(name) or "").strip()).quantize(Decimal("1e-6"))
        except (InvalidOperation, ValueError):
            return None
        return value if value.is_finite() and -limit <= value <= limit else None

    def clean_latitude(self) -> Decimal | None:
        return self._coordinate("latitude", 90)

    def clean_longitude(self) -> Decimal | None:
        return self._coordinate("longitude", 180)

    def clean_attachments(self) -> list[Any]:
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("Attach at most %(count)d files.") % {"count": MAX_ATTACHMENTS}
            )
        return files

    def mark_invalid(self) -> None:
        """Tie each field's error message to it for screen readers."""
        for name in self.errors:
            if name not in self.fields:
                continue
            attrs = self.fields[name].widget.attrs
            described = [f"id_{name}_error"]
            if self.fields[name].help_text:
                described.append(f"id_{name}_help")
            attrs["aria-describedby"] = " ".join(described)
            attrs["aria-invalid"] = "true"

    def submission_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "kind",
                "field",
                "content",
                "latitude",
                "longitude",
                "sender_name",
                "sender_address",
                "sender_phone",
                "sender_email",
                "consent_handling",
                "consent_contact",
            )
        }
