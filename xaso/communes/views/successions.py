"""Successions of the communes (which units merged into or were renamed as which): the
province's only (not in the route gate's `STAFF_ROUTES`, and every service refuses anyone
else); each change through `services`, audited."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.core.admin import ServiceFormMixin

from .. import services
from ..models import CommuneSuccession


class CommuneSuccessionCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> CommuneSuccession:
        return services.commune_succession_record(
            user=self.request.user, succession=self.form.save(commit=False)
        )


class CommuneSuccessionEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> CommuneSuccession:
        return services.commune_succession_record(
            user=self.request.user, succession=self.form.save(commit=False)
        )


class CommuneSuccessionDeleteView(DeleteView):
    def delete_action(self) -> Any:
        services.commune_succession_remove(user=self.request.user, succession=self.object)


class CommuneSuccessionViewSet(ModelViewSet):
    model = CommuneSuccession
    icon = "history"
    menu_label = _("Successions")
    add_view_class = CommuneSuccessionCreateView
    edit_view_class = CommuneSuccessionEditView
    delete_view_class = CommuneSuccessionDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["predecessor", "successor", "kind", "effective_on", "legal_basis"]
    list_display = ["predecessor", "successor", "kind", "effective_on"]
    list_filter = ["kind"]
