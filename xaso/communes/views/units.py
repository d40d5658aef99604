"""Units of a commune's apparatus, saved by `services.unit_save` (same commune, no cycle)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.core.admin import ServiceFormMixin

from .. import services
from ..models import Unit


class UnitCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Unit:
        return services.unit_save(user=self.request.user, unit=self.form.save(commit=False))


class UnitEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Unit:
        return services.unit_save(user=self.request.user, unit=self.form.save(commit=False))


class UnitViewSet(ModelViewSet):
    """Scoped to the user's communes where it is registered (`views.COMMUNE_OWNED`)."""

    model = Unit
    icon = "site"
    menu_label = _("Units")
    add_view_class = UnitCreateView
    edit_view_class = UnitEditView
    form_fields = [
        "commune",
        "parent",
        "name",
        "name_en",
        "functions",
        "functions_en",
        "address",
        "phone",
        "fax",
        "email",
        "sort_order",
    ]
    list_display = ["name", "parent", "commune", "phone", "updated_at"]
    list_filter = ["commune"]
    search_fields = ["name", "name_en"]
