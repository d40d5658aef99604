"""Public holidays, shared by every commune (they move working-day deadlines): kept by the
province, saved by `services.holiday_save`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.core.admin import ServiceFormMixin

from .. import services
from ..models import Holiday


class HolidayCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Holiday:
        holiday = self.form.save(commit=False)
        return services.holiday_save(user=self.request.user, holiday=holiday)


class HolidayEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Holiday:
        holiday = self.form.save(commit=False)
        return services.holiday_save(user=self.request.user, holiday=holiday)


class HolidayViewSet(ModelViewSet):
    model = Holiday
    icon = "date"
    menu_label = _("Public holidays")
    add_view_class = HolidayCreateView
    edit_view_class = HolidayEditView
    form_fields = ["date", "name"]
    list_display = ["date", "name"]
