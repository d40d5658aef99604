"""Officials of a commune, saved by `services.official_save`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.images.widgets import AdminImageChooser

from xaso.core.admin import ServiceFormMixin

from .. import services
from ..models import Official


class OfficialCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Official:
        official = self.form.save(commit=False)
        return services.official_save(user=self.request.user, official=official)


class OfficialEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Official:
        official = self.form.save(commit=False)
        return services.official_save(user=self.request.user, official=official)


class OfficialViewSet(ModelViewSet):
    """Scoped to the user's communes where it is registered (`views.COMMUNE_OWNED`)."""

    model = Official
    icon = "user"
    menu_label = _("Officials")
    add_view_class = OfficialCreateView
    edit_view_class = OfficialEditView
    form_fields = [
        "commune",
        "full_name",
        "position",
        "position_en",
        "unit",
        "is_leader",
        "is_contact",
        "phone",
        "email",
        "photo",
        "biography",
        "duties",
        "sort_order",
        "is_active",
        "user",
    ]
    list_display = ["full_name", "position", "unit", "commune", "is_leader", "is_active"]
    list_filter = ["commune", "is_active", "is_leader"]
    search_fields = ["full_name", "position"]

    def formfield_for_dbfield(self, db_field: Any, **kwargs: Any) -> Any:
        # The photo through Wagtail's image chooser, which uploads a new one too (into a
        # collection of the user's commune: the chooser is scoped like the images' admin).
        if db_field.name == "photo":
            kwargs["widget"] = AdminImageChooser
        return super().formfield_for_dbfield(db_field, **kwargs)
