"""Administrative procedures, saved by `services.procedure_save`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin, scoped
from xaso.core.admin import ServiceFormMixin

from .. import services
from ..models import Procedure

scoped(Procedure)


class ProcedureCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Procedure:
        procedure = self.form.save(commit=False)
        return services.procedure_save(user=self.request.user, procedure=procedure)


class ProcedureEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Procedure:
        procedure = self.form.save(commit=False)
        return services.procedure_save(user=self.request.user, procedure=procedure)


class ProcedureViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Procedure
    icon = "form"
    menu_label = _("Administrative procedures")
    add_view_class = ProcedureCreateView
    edit_view_class = ProcedureEditView
    form_fields = [
        "commune",
        "field",
        "name",
        "code",
        "level",
        "url",
        "processing_time",
        "fee",
        "sort_order",
        "is_public",
    ]
    list_display = ["name", "field", "level", "commune"]
    list_filter = ["field", "level", "commune"]
    search_fields = ["name", "code"]
