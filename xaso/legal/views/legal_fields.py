"""Fields of state management, shared by every commune: kept by the province, saved by
`services.legal_field_save` (no field under itself)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.core.admin import ServiceFormMixin

from .. import services
from ..models import LegalField


class LegalFieldCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> LegalField:
        field = self.form.save(commit=False)
        return services.legal_field_save(user=self.request.user, field=field)


class LegalFieldEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> LegalField:
        field = self.form.save(commit=False)
        return services.legal_field_save(user=self.request.user, field=field)


class LegalFieldViewSet(ModelViewSet):
    model = LegalField
    icon = "folder-open-inverse"
    menu_label = _("Subject areas")
    add_view_class = LegalFieldCreateView
    edit_view_class = LegalFieldEditView
    form_fields = ["name", "parent", "sort_order"]
    list_display = ["name", "parent", "sort_order"]
