"""The New Rural programme's admin: the commune's programmes and assessments, limited to the
user's communes; the criteria sets and their thresholds, kept by the province.

Every save goes through a service and a service's refusal comes back as errors on the form.
Sets are versions, never edited: a province imports its own from a workbook (laid out like the
one any set downloads as) under a new code. Nothing here is deleted: history is kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from xaso.accounts.scoping import CommuneScopedPermissionPolicy, CommuneScopedViewSetMixin
from xaso.core.admin import OverviewViewSetGroup, ServiceFormMixin

from . import forms, reports, services, spreadsheet
from .models import Assessment, CriteriaSet, Programme, Threshold

# Who may do what -------------------------------------------------------------------------------


class _NoDeletePolicy(ModelPermissionPolicy):
    """Records whose history is kept: never deleted from the admin. `refused` lists the other
    actions no one takes here."""

    refused: frozenset[str] = frozenset({"delete"})

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action not in self.refused and super().user_has_permission(user, action)


class _SetPolicy(_NoDeletePolicy):
    """A set is a version: it is imported ("add"), viewed and downloaded, never edited."""

    refused = frozenset({"change", "delete"})


class _ScopedNoDeletePolicy(CommuneScopedPermissionPolicy):
    def user_has_permission(self, user: Any, action: str) -> bool:
        return action != "delete" and super().user_has_permission(user, action)


register_permission_policy(CriteriaSet, _SetPolicy(CriteriaSet))
register_permission_policy(Threshold, _NoDeletePolicy(Threshold))
register_permission_policy(Programme, _ScopedNoDeletePolicy(Programme))
register_permission_policy(Assessment, _ScopedNoDeletePolicy(Assessment))


# Criteria sets ---------------------------------------------------------------------------------


def _years(criteria_set: CriteriaSet) -> str:
    return f"{criteria_set.first_year}–{criteria_set.last_year}"


class CriteriaSetIndexView(IndexView):
    add_item_label = _("Import from a spreadsheet")

    def get_base_queryset(self) -> QuerySet[CriteriaSet]:
        return (
            super()
            .get_base_queryset()
            .annotate(
                criterion_count=Count("criteria", distinct=True),
                indicator_count=Count("criteria__indicators", distinct=True),
            )
        )

    def get_list_more_buttons(self, instance: CriteriaSet) -> list[Any]:
        return [
            *super().get_list_more_buttons(instance),
            Button(
                _("Download as a spreadsheet"),
                url=reverse("ntm_sets:export", args=[instance.pk]),
                icon_name="download",
                priority=40,
            ),
        ]


class CriteriaSetInspectView(InspectView):
    template_name = "ntm/admin/criteria_set_inspect.html"

    @cached_property
    def header_buttons(self) -> list[Any]:
        return [
            HeaderButton(
                _("Download as a spreadsheet"),
                url=reverse("ntm_sets:export", args=[self.object.pk]),
                icon_name="download",
            )
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        criteria = self.object.criteria.order_by("number").prefetch_related(
            "indicators__thresholds"
        )
        can_edit = self.request.user.has_perm("ntm.change_threshold")
        rows = [
            {
                "criterion": criterion,
                "indicators": [
                    {
                        "indicator": indicator,
                        "thresholds": [
                            {
                                "threshold": threshold,
                                "target": forms.target_label(threshold.applies_to),
                                "shown": _threshold_value(threshold),
                                "edit_url": reverse("ntm_thresholds:edit", args=[threshold.pk])
                                if can_edit
                                else "",
                            }
                            for threshold in indicator.thresholds.all()
                        ],
                    }
                    for indicator in criterion.indicators.all()
                ],
            }
            for criterion in criteria
        ]
        return super().get_context_data(criteria=rows, **kwargs)


class CriteriaSetImportView(WagtailAdminTemplateMixin, FormView):
    """A province's own set, from a workbook: read and checked whole (`spreadsheet.read_set`),
    then loaded (`services.criteria_set_load`); any problem, and nothing is imported."""

    template_name = "ntm/admin/criteria_set_import.html"
    form_class = forms.CriteriaSetImportForm
    header_icon = "upload"
    page_title = _("Import a criteria set")
    import_errors: list[str] = []

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.has_perm("ntm.add_criteriaset"):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("ntm_sets:index"), "label": capfirst(_("criteria sets"))},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            action_url=self.request.path,
            submit_button_label=_("Import"),
            submit_button_active_label=_("Importing…"),
            import_errors=self.import_errors,
            **kwargs,
        )

    def form_valid(self, form: forms.CriteriaSetImportForm) -> HttpResponse:
        try:
            data = spreadsheet.read_set(form.cleaned_data["file"], code=form.cleaned_data["code"])
            criteria_set = services.criteria_set_load(user=self.request.user, data=data)
        except ValidationError as error:
            self.import_errors = error.messages
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Criteria set “%(name)s” imported.") % {"name": criteria_set.name},
        )
        return redirect("ntm_sets:inspect", quote(criteria_set.pk))


def criteria_set_export(request: HttpRequest, pk: int) -> HttpResponseBase:
    if not request.user.has_perm("ntm.view_criteriaset"):
        return permission_denied(request, PermissionDenied())
    criteria_set = get_object_or_404(CriteriaSet, pk=pk)
    response = HttpResponse(
        spreadsheet.export_set(criteria_set), content_type=spreadsheet.CONTENT_TYPE
    )
    response["Content-Disposition"] = (
        content_disposition_header(True, spreadsheet.filename(criteria_set)) or "attachment"
    )
    return response


class CriteriaSetViewSet(ModelViewSet):
    model = CriteriaSet
    name = "ntm_sets"
    url_prefix = "ntm/sets"
    icon = "list-ol"
    menu_label = _("Criteria sets")
    index_view_class = CriteriaSetIndexView
    inspect_view_class = CriteriaSetInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "code",
        "name",
        "decision",
        "level",
        "basis",
        "first_year",
        "last_year",
        "notes",
    ]
    form_fields = ["code", "name"]  # never shown: sets are imported, not typed in
    list_display = [
        "name",
        "code",
        "level",
        Column("years", label=_("Years"), accessor=_years, sort_key="first_year"),
        Column("criterion_count", label=capfirst(_("criteria"))),
        Column("indicator_count", label=capfirst(_("indicators"))),
    ]
    list_filter = ["level", "basis"]

    @property
    def add_view(self) -> Any:
        return CriteriaSetImportView.as_view()

    def get_urlpatterns(self) -> list[Any]:
        return [
            *super().get_urlpatterns(),
            path("export/<int:pk>/", criteria_set_export, name="export"),
        ]


# Thresholds ------------------------------------------------------------------------------------


def _threshold_value(threshold: Threshold) -> str:
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
        Column("shown", label=capfirst(_("threshold")), accessor=_threshold_value),
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


# Programmes ------------------------------------------------------------------------------------


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


# Assessments -----------------------------------------------------------------------------------


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


# Menu and URLs ---------------------------------------------------------------------------------


class NtmViewSetGroup(OverviewViewSetGroup):
    items = (ProgrammeViewSet, AssessmentViewSet, CriteriaSetViewSet, ThresholdViewSet)
    menu_icon = "site"
    menu_label = _("New Rural programme")
    menu_name = "ntm"

    overview_url_name = "ntm_dashboard"

    def overview_shown(self, user: Any) -> bool:
        from .views import may_view_dashboard

        return may_view_dashboard(user)


@hooks.register("register_admin_viewset")
def register_viewset() -> NtmViewSetGroup:
    return NtmViewSetGroup()


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[Any]:
    from . import report_views, views

    return [
        path("ntm/", views.dashboard, name="ntm_dashboard"),
        path(
            "ntm/reports/<int:programme_id>/<int:year>.<str:fmt>",
            report_views.report,
            name="ntm_report",
        ),
    ]
