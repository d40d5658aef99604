"""Thresholds of the criteria sets' indicators, by group or region, kept by the province."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.core.admin import ServiceFormMixin

from .. import forms, reports, services, spreadsheet
from ..models import Threshold


def threshold_value(threshold: Threshold) -> str:
    """The threshold as shown: its level, or its value with the indicator's unit."""
    if threshold.level:
        return threshold.level
    if threshold.value is None:
        return "—"
    return reports.with_unit(threshold.indicator, threshold.value)


def _threshold_target(threshold: Threshold) -> str:
    return forms.target_label(threshold.applies_to)


def _yes_no(flag: bool | None) -> str:
    return str(spreadsheet.YES if flag else spreadsheet.NO)


class ThresholdCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Threshold:
        return services.threshold_save(
            user=self.request.user, threshold=self.form.save(commit=False)
        )


class ThresholdEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Threshold:
        return services.threshold_save(
            user=self.request.user, threshold=self.form.save(commit=False)
        )


class ThresholdIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[Threshold]:
        return super().get_base_queryset().select_related("indicator__criterion__criteria_set")


class ThresholdViewSet(ModelViewSet):
    model = Threshold
    name = "ntm_thresholds"
    url_prefix = "ntm/thresholds"
    icon = "sliders"
    menu_label = _("Thresholds")
    index_view_class = ThresholdIndexView
    add_view_class = ThresholdCreateView
    edit_view_class = ThresholdEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "indicator",
        Column(
            "criteria_set",
            label=capfirst(_("criteria set")),
            accessor=lambda t: t.indicator.criterion.criteria_set.code,
        ),
        Column("applies_to", label=capfirst(_("group or region")), accessor=_threshold_target),
        Column("shown", label=capfirst(_("threshold")), accessor=threshold_value),
        Column(
            "confirmed", label=capfirst(_("confirmed")), accessor=lambda t: _yes_no(t.confirmed)
        ),
        "source",
    ]
    filterset_class = forms.ThresholdFilterSet
    search_fields = ["indicator__code", "indicator__name", "source"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("indicator"),
            FieldPanel("applies_to"),
            FieldRowPanel([FieldPanel("value"), FieldPanel("level")]),
            FieldPanel("confirmed"),
            FieldPanel("source"),
        ],
        base_form_class=forms.ThresholdForm,
    )
