"""The feedback forms: the residents' public form (what a submission holds, a honeypot and a
light challenge, xaso.core.challenge), the questions' filter and the sender's own-data request;
in the admin, the register's filters and the form of each step on a submission."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import AdminDateInput

from xaso.accounts.scoping import limit_choices, scope
from xaso.communes.models import Commune, Official
from xaso.core.challenge import ChallengeForm
from xaso.core.text import nfc

from . import selectors, services
from .choices import Classification, Field, Kind, Status
from .models import MAX_CONTENT, Submission
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

    kind = forms.ChoiceField(label=pgettext_lazy("feedback", "Kind"), choices=Kind.choices)
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
        # The limit photos are made smaller to in the browser (js/feedback/photos.js).
        self.fields["attachments"].widget.attrs["data-max-bytes"] = str(
            settings.XASO_FEEDBACK_ATTACHMENT_MAX_BYTES
        )
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


# Questions and answers (the page's filter) ------------------------------------------------------


class QuestionFilterForm(forms.Form):
    """Values come from links anyone may edit: a bad one is ignored, never fatal."""

    q = forms.CharField(
        label=gettext_lazy("Words to find"), required=False, max_length=200, strip=True
    )
    linh_vuc = forms.ChoiceField(
        label=gettext_lazy("Subject area"),
        required=False,
        choices=[("", gettext_lazy("All")), *Field.choices],
    )

    def value(self, name: str) -> str:
        if not self.is_bound or not self.is_valid():
            cleaned = getattr(self, "cleaned_data", {})
            return str(cleaned.get(name) or "")
        return str(self.cleaned_data.get(name) or "")


# The sender's own data --------------------------------------------------------------------------

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


# The intake register (admin) -------------------------------------------------------------------


def officials_of(request: Any) -> QuerySet[Official]:
    if request is None:
        return Official.objects.none()
    return scope(Official.objects.all(), request.user)


def communes_of(request: Any) -> QuerySet[Commune]:
    if request is None:
        return Commune.objects.none()
    return limit_choices(Commune.objects.order_by("name", "pk"), request.user)


class SubmissionFilterSet(WagtailFilterSet):
    # The dashboard's figures of one commune link to its submissions.
    commune = django_filters.ModelChoiceFilter(label=gettext_lazy("Commune"), queryset=communes_of)
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Status.choices)
    field = django_filters.ChoiceFilter(label=gettext_lazy("Subject area"), choices=Field.choices)
    kind = django_filters.ChoiceFilter(
        label=pgettext_lazy("feedback", "Kind"), choices=Kind.choices
    )
    classification = django_filters.ChoiceFilter(
        label=gettext_lazy("Classification"), choices=Classification.choices
    )
    assigned_to = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Assigned official"), queryset=officials_of
    )
    overdue = django_filters.BooleanFilter(label=gettext_lazy("Overdue"), method="filter_overdue")

    class Meta:
        model = Submission
        fields = ["commune", "status", "field", "kind", "classification", "assigned_to", "overdue"]

    def filter_overdue(self, queryset: QuerySet[Submission], name: str, value: Any) -> Any:
        if value is None:
            return queryset
        late = selectors.overdue(queryset, timezone.localdate()).values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)


class ClassifyForm(forms.Form):
    classification = forms.ChoiceField(
        label=gettext_lazy("Classification"), choices=[("", "---------"), *Classification.choices]
    )
    assigned_to = forms.ModelChoiceField(
        label=gettext_lazy("Assigned official"),
        queryset=Official.objects.none(),
        required=False,
        help_text=gettext_lazy("For a submission within the commune's competence."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "For a submission not accepted, the missing information: the sender sees it."
        ),
    )

    def __init__(self, *args: Any, submission: Submission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = Official.objects.filter(  # type: ignore[attr-defined]
            commune_id=submission.commune_id, is_active=True
        )


class ForwardForm(forms.Form):
    forwarded_to = forms.CharField(
        label=gettext_lazy("Forwarded to"), max_length=255, required=False
    )
    forwarded_on = forms.DateField(
        label=gettext_lazy("Forwarded on"), widget=AdminDateInput, initial=timezone.localdate
    )

    def __init__(self, *args: Any, submission: Submission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def clean_forwarded_on(self) -> Any:
        value = self.cleaned_data["forwarded_on"]
        if value > timezone.localdate():
            raise ValidationError(gettext_lazy("The date cannot be in the future."))
        return value


class AnswerForm(forms.Form):
    response = forms.CharField(
        label=gettext_lazy("Response"),
        required=False,
        max_length=MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Sent to the sender's tracking page."),
    )

    def __init__(self, *args: Any, submission: Submission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class CloseForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, submission: Submission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class PublishQuestionForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=255,
        help_text=gettext_lazy("The question in one line, as residents would ask it."),
    )
    field = forms.ChoiceField(label=gettext_lazy("Subject area"), choices=Field.choices)
    question = forms.CharField(
        label=gettext_lazy("Question"),
        max_length=MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "The sender's words with their phone, e-mail, name and address replaced by “…”. "
            "Read it: remove anything else that could identify a person."
        ),
    )
    answer = forms.CharField(
        label=gettext_lazy("Answer"),
        max_length=MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    answered_by = forms.CharField(label=gettext_lazy("Answered by"), max_length=255, required=False)

    def __init__(self, *args: Any, submission: Submission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        question = services.personal_data_redact(submission.content, submission)
        first_line = question.strip().split("\n", 1)[0]
        self.fields["title"].initial = first_line[:120].rstrip() + (
            "…" if len(first_line) > 120 else ""
        )
        self.fields["field"].initial = submission.field
        self.fields["question"].initial = question
        self.fields["answer"].initial = services.personal_data_redact(
            submission.response, submission
        )
        self.fields["answered_by"].initial = services.default_answerer(submission.commune)
