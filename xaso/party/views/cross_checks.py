"""Cross-checks: the quarter's plan, generated, and each check recorded on it."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import quote
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin
from xaso.core.admin import ServiceFormMixin, ServiceOperationView, bound_panel

from .. import forms, services
from ..models import CrossCheck, CrossCheckPlan


class CrossCheckPlanGenerateView(ServiceOperationView):
    """The quarter's rotation, made by `services.cross_check_plan_generate`."""

    form_class = forms.CrossCheckPlanGenerateForm
    header_icon = "rotate"
    page_title = _("Generate the quarter's cross-check plan")
    permission_required = "party.add_crosscheckplan"
    submit_button_label = _("Generate")
    submit_button_active_label = _("Generating…")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_action_url(self) -> str:
        return self.request.path

    def get_parent_breadcrumbs(self) -> list[dict[str, Any]]:
        return [
            {
                "url": reverse("party_crosscheckplans:index"),
                "label": CrossCheckPlan._meta.verbose_name_plural,
            }
        ]

    def call_service(self, data: dict[str, Any]) -> CrossCheckPlan:
        return services.cross_check_plan_generate(user=self.request.user, **data)

    def get_success_message(self) -> str:
        return _("Cross-check plan for %(plan)s generated.") % {"plan": self.result}

    def get_success_url(self) -> str:
        return reverse("party_crosscheckplans:inspect", args=[quote(self.result.pk)])


class CrossCheckPlanIndexView(IndexView):
    add_item_label = _("Generate the quarter's plan")

    def get_base_queryset(self) -> QuerySet[CrossCheckPlan]:
        return (
            super()
            .get_base_queryset()
            .select_related("commune")
            .annotate(
                check_count=Count("checks"),
                done_count=Count("checks", filter=Q(checks__checked_on__isnull=False)),
            )
        )

    def get_edit_url(self, instance: CrossCheckPlan) -> None:
        return None  # a plan is its checks: they are edited one by one


class CrossCheckPlanEditView(EditView):
    """A plan has nothing of its own to edit: its checks are edited one by one. Opening it
    shows the plan; it takes no submission, so it writes nothing."""

    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return redirect(self.inspect_url_name, quote(self.get_object().pk))


class CrossCheckPlanInspectView(InspectView):
    template_name = "party/admin/cross_check_plan_inspect.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            checks=self.object.checks.select_related("official", "cell"),
            can_edit_checks=self.request.user.has_perm("party.change_crosscheck"),
            **kwargs,
        )


class CrossCheckPlanViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = CrossCheckPlan
    name = "party_crosscheckplans"
    url_prefix = "party/cross-check-plans"
    icon = "rotate"
    menu_label = _("Cross-check plans")
    index_view_class = CrossCheckPlanIndexView
    add_view_class = CrossCheckPlanGenerateView  # built by `add_view` below, without a model form
    edit_view_class = CrossCheckPlanEditView
    inspect_view_class = CrossCheckPlanInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["commune", "year", "quarter", "created_at"]
    form_fields = ["commune", "year", "quarter"]
    list_display = [
        "__str__",
        "commune",
        Column("check_count", label=capfirst(_("cross-checks"))),
        Column("done_count", label=_("Checked")),
    ]
    list_filter = ["year", "quarter"]

    @property
    def add_view(self) -> Any:
        return self.add_view_class.as_view()


class CrossCheckCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> CrossCheck:
        return services.cross_check_save(user=self.request.user, check=self.form.save(commit=False))


class CrossCheckEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> CrossCheck:
        return services.cross_check_save(user=self.request.user, check=self.form.save(commit=False))

    def get_success_url(self) -> str:
        return reverse("party_crosscheckplans:inspect", args=[quote(self.object.plan_id)])


class CrossCheckIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[CrossCheck]:
        return super().get_base_queryset().select_related("plan", "official", "cell")


class CrossCheckViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = CrossCheck
    name = "party_crosschecks"
    url_prefix = "party/cross-checks"
    icon = "glasses"
    menu_label = _("Cross-checks")
    add_to_admin_menu = False
    index_view_class = CrossCheckIndexView
    add_view_class = CrossCheckCreateView
    edit_view_class = CrossCheckEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["official", "cell", "plan", "checked_on"]
    filterset_class = forms.CrossCheckFilterSet
    edit_handler = ObjectList(
        [
            FieldPanel("cell"),
            FieldPanel("checked_on"),
            FieldPanel("findings"),
            FieldPanel("follow_up"),
        ],
        base_form_class=forms.CrossCheckForm,
    )

    def get_add_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        panel = bound_panel(
            [FieldPanel("plan"), FieldPanel("official"), FieldPanel("cell")],
            forms.CrossCheckForm,
            CrossCheck,
        )
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)
