"""The party-cell rules of each commune (the defaults until changed)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin
from xaso.communes.access import user_write_commune_ids
from xaso.communes.models import Commune
from xaso.core.admin import ServiceFormMixin

from .. import forms, services
from ..models import PartySettings


class PartySettingsIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[PartySettings]:
        # Every commune the user works for has its rules, the defaults until changed; someone
        # who only reads (the province viewer) sees the rules as they are and writes nothing.
        ids = user_write_commune_ids(self.request.user)
        if ids:
            for commune in Commune.objects.filter(pk__in=ids):
                services.party_settings_ensure(commune)
        return super().get_base_queryset().select_related("commune")


class PartySettingsCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> PartySettings:
        return services.party_settings_save(
            user=self.request.user, settings=self.form.save(commit=False)
        )


class PartySettingsEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> PartySettings:
        return services.party_settings_save(
            user=self.request.user, settings=self.form.save(commit=False)
        )


class PartySettingsViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = PartySettings
    name = "party_settings"
    url_prefix = "party/rules"
    icon = "cog"
    menu_label = _("Party-cell rules")
    index_view_class = PartySettingsIndexView
    add_view_class = PartySettingsCreateView
    edit_view_class = PartySettingsEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "commune",
        "max_cells_per_official",
        "max_cells_per_supervisor",
        "min_minutes",
        "min_minutes_combined",
    ]
    edit_handler = ObjectList(
        [
            FieldRowPanel(
                [FieldPanel("max_cells_per_official"), FieldPanel("max_cells_per_supervisor")]
            ),
            FieldRowPanel([FieldPanel("min_minutes"), FieldPanel("min_minutes_combined")]),
        ],
        base_form_class=forms.PartySettingsForm,
    )
