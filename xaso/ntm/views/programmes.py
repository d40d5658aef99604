"""The communes' New Rural programmes: which set, which target, from when."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin
from xaso.core.admin import ServiceFormMixin

from .. import forms, services
from ..models import Programme


class ProgrammeCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Programme:
        return services.programme_save(
            user=self.request.user, programme=self.form.save(commit=False)
        )


class ProgrammeEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Programme:
        return services.programme_save(
            user=self.request.user, programme=self.form.save(commit=False)
        )


class ProgrammeIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[Programme]:
        return super().get_base_queryset().select_related("commune", "criteria_set")


class ProgrammeViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Programme
    name = "ntm_programmes"
    url_prefix = "ntm/programmes"
    icon = "calendar-check"
    menu_label = _("Programmes")
    index_view_class = ProgrammeIndexView
    add_view_class = ProgrammeCreateView
    edit_view_class = ProgrammeEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "__str__",
        "commune",
        "criteria_set",
        Column(
            "applies_to",
            label=capfirst(_("group or region")),
            accessor=lambda p: forms.target_label(p.applies_to),
        ),
        "target_level",
        "target_year",
        "started_on",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("commune"),
            FieldPanel("criteria_set"),
            FieldPanel("applies_to"),
            FieldRowPanel([FieldPanel("target_level"), FieldPanel("target_year")]),
            FieldPanel("started_on"),
        ],
        base_form_class=forms.ProgrammeForm,
    )
