"""Forms of the register: its public filters (a query string) and a comment on a draft; the
admin's form of a legal document."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from xaso.core.challenge import ChallengeForm

from .choices import Validity
from .models import DocumentType, Issuer, LegalField
from .services import COMMENT_MAX_CHARS, replacement_check


class RegisterFilterForm(forms.Form):
    """Every value comes from a link someone may have edited: a bad one is shown, never fatal."""

    q = forms.CharField(label=_("Words or number"), required=False, max_length=200, strip=True)
    loai = forms.ModelChoiceField(
        label=_("Document type"),
        required=False,
        queryset=DocumentType.objects.all(),
        empty_label=_("All"),
    )
    co_quan = forms.ModelChoiceField(
        label=_("Issuing body"),
        required=False,
        queryset=Issuer.objects.none(),
        empty_label=_("All"),
    )
    linh_vuc = forms.TypedChoiceField(
        label=_("Subject area"), required=False, coerce=int, empty_value=None, choices=[]
    )
    nam = forms.TypedChoiceField(
        label=_("Year issued"), required=False, coerce=int, empty_value=None, choices=[]
    )
    hieu_luc = forms.ChoiceField(
        label=_("Validity"), required=False, choices=[("", _("All")), *Validity.choices]
    )

    def __init__(
        self,
        *args: Any,
        issuers: Any,
        fields: list[tuple[int, str]],
        years: list[int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        issuer_field = self.fields["co_quan"]
        assert isinstance(issuer_field, forms.ModelChoiceField)
        issuer_field.queryset = issuers
        field_field = self.fields["linh_vuc"]
        assert isinstance(field_field, forms.TypedChoiceField)
        field_field.choices = [("", _("All")), *fields]
        year_field = self.fields["nam"]
        assert isinstance(year_field, forms.TypedChoiceField)
        year_field.choices = [("", _("All")), *((year, str(year)) for year in years)]
        for name in ("loai", "co_quan"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.error_messages["invalid_choice"] = _("This choice is not in the list.")
        for name in ("linh_vuc", "nam", "hieu_luc"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "This choice is not in the list."
            )

    def value(self, name: str) -> Any:
        """A cleaned value, or None when that field was invalid (its error is shown)."""
        if not self.is_bound or name in self.errors:
            return None
        return self.cleaned_data.get(name)

    @property
    def active(self) -> bool:
        return self.is_bound and any(self.value(name) for name in self.fields)

    def selected_field(self) -> LegalField | None:
        pk = self.value("linh_vuc")
        return LegalField.objects.filter(pk=pk).first() if pk else None


class DraftCommentForm(ChallengeForm):
    """A resident's comment, with the honeypot and the question of every public form."""

    challenge_scope = "legal-comment"

    author_name = forms.CharField(
        label=_("Your name (optional)"), required=False, max_length=120, strip=True
    )
    content = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=COMMENT_MAX_CHARS,
        strip=True,
        error_messages={"required": _("Please write your comment.")},
    )


class LegalDocumentForm(WagtailAdminModelForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("is_draft") and not (data.get("comment_opens") and data.get("comment_closes")):
            self.add_error(
                "comment_closes",
                _("A draft needs the dates its comment period opens and closes."),
            )
        candidate = self.instance
        candidate.replaced_by = data.get("replaced_by")
        if data.get("commune") is not None:
            candidate.commune = data["commune"]
        try:
            replacement_check(candidate)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        return data
