"""Hamlets of a commune, saved by `services.hamlet_save`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.core.admin import ServiceFormMixin

from .. import services
from ..models import Hamlet


class HamletCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Hamlet:
        return services.hamlet_save(user=self.request.user, hamlet=self.form.save(commit=False))


class HamletEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Hamlet:
        return services.hamlet_save(user=self.request.user, hamlet=self.form.save(commit=False))


class HamletViewSet(ModelViewSet):
    """Scoped to the user's communes where it is registered (`views.COMMUNE_OWNED`)."""

    model = Hamlet
    icon = "group"
    menu_label = _("Hamlets")
    add_view_class = HamletCreateView
    edit_view_class = HamletEditView
    form_fields = ["commune", "name", "sort_order"]
    list_display = ["name", "commune", "sort_order"]
    list_filter = ["commune"]
