"""Assessments: each indicator's value for a programme's year, with its evidence."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin
from xaso.core.admin import ServiceFormMixin

from .. import forms, reports, services
from ..models import Assessment


def _value(assessment: Assessment) -> str:
    return reports.value_text(assessment.indicator, assessment)


def _met(assessment: Assessment) -> str:
    if assessment.met is None:
        shown = str(_("Not known yet"))
    else:
        shown = str(forms.MET if assessment.met else forms.NOT_MET)
    if not assessment.threshold_confirmed:
        shown += f" ({_('threshold not confirmed')})"
    return shown


def _updated_by(assessment: Assessment) -> str:
    user = assessment.updated_by
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class AssessmentCreateView(ServiceFormMixin, CreateView):
    def get_initial(self) -> dict[str, Any]:
        """`?programme=…&indicator=…&year=…` preselect a new value, e.g. from the dashboard."""
        initial = super().get_initial()
        for name in ("programme", "indicator", "year"):
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = value
        return initial

    def get_add_url(self) -> str:
        url = super().get_add_url()
        query = self.request.GET.urlencode()
        return f"{url}?{query}" if query and self.request.method == "GET" else url

    def save_instance(self) -> Assessment:
        assessment = services.assessment_save(
            user=self.request.user, assessment=self.form.save(commit=False)
        )
        self.form.save_m2m()
        return assessment


class AssessmentEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Assessment:
        assessment = services.assessment_save(
            user=self.request.user, assessment=self.form.save(commit=False)
        )
        self.form.save_m2m()
        return assessment


class AssessmentIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[Assessment]:
        return (
            super()
            .get_base_queryset()
            .select_related("indicator", "programme__commune", "updated_by")
            .annotate(
                evidence_count=Count("evidence", distinct=True) + Count("photos", distinct=True)
            )
        )


class AssessmentViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Assessment
    name = "ntm_assessments"
    url_prefix = "ntm/assessments"
    icon = "clipboard-list"
    menu_label = _("Assessments")
    index_view_class = AssessmentIndexView
    add_view_class = AssessmentCreateView
    edit_view_class = AssessmentEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "indicator",
        "year",
        Column("value", label=capfirst(_("value")), accessor=_value),
        Column("met", label=capfirst(_("met")), accessor=_met, sort_key="met"),
        Column("evidence_count", label=_("Evidence items"), sort_key="evidence_count"),
        Column("updated_by", label=capfirst(_("updated by")), accessor=_updated_by),
        "updated_at",
    ]
    filterset_class = forms.AssessmentFilterSet
    search_fields = ["indicator__code", "indicator__name", "note"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("programme"), FieldPanel("year")]),
            FieldPanel("indicator"),
            MultiFieldPanel(
                [FieldPanel("number"), FieldPanel("passed"), FieldPanel("level")],
                heading=_("Value"),
            ),
            MultiFieldPanel(
                [FieldPanel("evidence"), FieldPanel("photos"), FieldPanel("evidence_public")],
                heading=_("Evidence"),
            ),
            FieldPanel("responsible"),
            FieldPanel("note"),
        ],
        base_form_class=forms.AssessmentForm,
    )
