"""Disclosures, saved by `services.disclosure_save`, which warns when one is late."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin, scoped
from xaso.core.admin import ServiceFormMixin

from .. import services
from ..forms import DisclosureForm
from ..models import Disclosure

scoped(Disclosure)


def _saved(view: Any) -> Disclosure:
    disclosure = view.form.save(commit=False)
    disclosure.channels = list(view.form.cleaned_data.get("channels") or [])
    saved = services.disclosure_save(user=view.request.user, disclosure=disclosure)
    warning = saved.warning()
    if warning:
        messages.warning(view.request, warning)
    return disclosure


class DisclosureCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Disclosure:
        return _saved(self)


class DisclosureEditView(ServiceFormMixin, EditView):
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
