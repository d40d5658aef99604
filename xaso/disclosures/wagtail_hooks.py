"""Disclosures in the Wagtail admin; saves go through the services, which warn when late."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin, scoped

from . import services
from .choices import Channel
from .models import Disclosure, DisclosureKind, Holiday

scoped(Disclosure)


class DisclosureForm(WagtailAdminModelForm):
    channels = forms.MultipleChoiceField(
        label=_("Forms of disclosure"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[Channel.PORTAL, Channel.NOTICE_BOARD],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        candidate = self.instance
        for name in ("kind", "published_on", "decision_date", "posted_until"):
            if name in data:
                setattr(candidate, name, data[name])
        candidate.channels = list(data.get("channels") or [])
        try:
            services._validate(candidate)
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                if name in self.fields and name not in self.errors:
                    self.add_error(name, problems)
        return data


def _saved(view: Any) -> Disclosure:
    disclosure = view.form.save(commit=False)
    disclosure.channels = list(view.form.cleaned_data.get("channels") or [])
    saved = services.disclosure_save(user=view.request.user, disclosure=disclosure)
    warning = saved.warning()
    if warning:
        messages.warning(view.request, warning)
    return disclosure


class DisclosureCreateView(CreateView):
    def save_instance(self) -> Disclosure:
        return _saved(self)


class DisclosureEditView(EditView):
    def save_instance(self) -> Disclosure:
        return _saved(self)


class DisclosureDeleteView(DeleteView):
    def delete_action(self) -> None:
        services.disclosure_delete(user=self.request.user, disclosure=self.object)


class DisclosureViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Disclosure
    icon = "clipboard-list"
    menu_label = _("Disclosures")
    add_view_class = DisclosureCreateView
    edit_view_class = DisclosureEditView
    delete_view_class = DisclosureDeleteView
    list_display = ["title", "kind", "decision_date", "published_on", "posted_until"]
    list_filter = ["kind", "commune", "is_public"]
    search_fields = ["title", "summary"]
    edit_handler = ObjectList(
        [
            FieldPanel("commune"),
            FieldPanel("kind"),
            FieldPanel("title"),
            FieldPanel("summary"),
            FieldRowPanel(
                [
                    FieldPanel("decision_date"),
                    FieldPanel("published_on"),
                    FieldPanel("posted_until"),
                ]
            ),
            FieldPanel("channels"),
            InlinePanel("files", heading=_("Files"), label=_("File")),
            FieldPanel("is_public"),
        ],
        base_form_class=DisclosureForm,
    )


class DisclosureKindViewSet(ModelViewSet):
    model = DisclosureKind
    icon = "list-ol"
    menu_label = _("Kinds of disclosure")
    form_fields = ["number", "name", "section", "permanent", "posting_days", "loudspeaker_days"]
    list_display = ["number", "name", "permanent", "posting_days"]


class HolidayViewSet(ModelViewSet):
    model = Holiday
    icon = "date"
    menu_label = _("Public holidays")
    form_fields = ["date", "name"]
    list_display = ["date", "name"]


class DisclosuresViewSetGroup(ViewSetGroup):
    items = (DisclosureViewSet, DisclosureKindViewSet, HolidayViewSet)
    menu_icon = "clipboard-list"
    menu_label = _("Disclosures")
    menu_name = "disclosures"


@hooks.register("register_admin_viewset")
def register_viewset() -> DisclosuresViewSetGroup:
    return DisclosuresViewSetGroup()
