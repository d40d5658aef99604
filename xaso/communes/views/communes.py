"""Communes: created complete by `services.commune_create`, changed by `commune_update`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.core.admin import ServiceFormMixin

from .. import services
from ..forms import COMMUNE_FIELDS, CommuneCreateForm
from ..models import Commune


class CommuneCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Commune:
        data = self.form.cleaned_data
        return services.commune_create(
            user=self.request.user,
            hostname=data["hostname"],
            **{name: data[name] for name in COMMUNE_FIELDS},
        )


class CommuneEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Commune:
        commune = self.form.save(commit=False)
        return services.commune_update(user=self.request.user, commune=commune)


class CommuneViewSet(ModelViewSet):
    model = Commune
    icon = "home"
    menu_label = _("Communes")
    add_view_class = CommuneCreateView
    edit_view_class = CommuneEditView
    copy_view_enabled = False
    form_fields = COMMUNE_FIELDS

    def get_form_class(self, for_update: bool = False) -> Any:
        return super().get_form_class(for_update) if for_update else CommuneCreateForm

    list_display = ["name", "kind", "province", "official_code", "valid_from", "valid_to"]
    list_filter = ["kind", "province"]
    search_fields = ["name"]
