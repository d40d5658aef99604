"""Host aliases of the communes: the province's only (not in the route gate's `STAFF_ROUTES`,
and every service refuses anyone else); each change through `services`, audited."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.core.admin import ServiceFormMixin

from .. import services
from ..models import CommuneHost


class CommuneHostCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> CommuneHost:
        data = self.form.cleaned_data
        return services.commune_host_add(
            user=self.request.user, commune=data["commune"], hostname=data["hostname"]
        )


class CommuneHostEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> CommuneHost:
        alias = self.form.save(commit=False)
        return services.commune_host_update(user=self.request.user, alias=alias)


class CommuneHostDeleteView(DeleteView):
    def delete_action(self) -> Any:
        services.commune_host_remove(user=self.request.user, alias=self.object)


class CommuneHostViewSet(ModelViewSet):
    model = CommuneHost
    icon = "link"
    menu_label = _("Host aliases")
    add_view_class = CommuneHostCreateView
    edit_view_class = CommuneHostEditView
    delete_view_class = CommuneHostDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["commune", "hostname"]
    list_display = ["hostname", "commune"]
    list_filter = ["commune"]
