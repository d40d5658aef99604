"""The party-cell admin: internal screens for the party committee office, Standing Committee
members and officials.

Rows are limited twice: to the user's communes (`CommuneScopedViewSetMixin`), then by role
(`selectors.cells_for`, `meetings_for`, `tasks_for`): a row outside is "not found". Every save
goes through a service; a service's refusal comes back as errors on the form. The two screens of
our own (resolving a task, generating a plan) answer a refusal with 403, where Wagtail's own
screens redirect to the dashboard with a message.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import BaseButton

from xaso.accounts.scoping import (
    CommuneScopedViewSetMixin,
    RowScopedViewSetMixin,
    scope,
    scoped,
    user_commune_ids,
)
from xaso.communes.models import Commune
from xaso.core.admin import OverviewViewSetGroup, ServiceFormMixin, add_service_errors

from . import forms, selectors, services
from .choices import AssignmentRole, Flag, TaskStatus
from .models import Assignment, Cell, CrossCheck, CrossCheckPlan, Meeting, PartySettings, Task

scoped(Cell, Assignment, CrossCheckPlan, CrossCheck, Meeting, Task, PartySettings)

VIEW_PERMISSIONS = [
    f"party.view_{name}"
    for name in ("cell", "assignment", "crosscheckplan", "crosscheck", "meeting", "task")
]


def _bound(panels: list[Any], form_class: type, model: type) -> Any:
    return ObjectList(panels, base_form_class=form_class).bind_to_model(model)


def _today() -> Any:
    return timezone.localdate()


# Cells -----------------------------------------------------------------------------------------


class CellCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Cell:
        return services.cell_save(user=self.request.user, cell=self.form.save(commit=False))


class CellEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Cell:
        return services.cell_save(user=self.request.user, cell=self.form.save(commit=False))


def _holder(role: str) -> Subquery:
    return Subquery(
        Assignment.objects.filter(cell=OuterRef("pk"), role=role)
        .filter(services.active_on(_today()))
        .order_by("-valid_from")
        .values("official__full_name")[:1]
    )


class CellViewSet(RowScopedViewSetMixin, CommuneScopedViewSetMixin, ModelViewSet):
    model = Cell
    name = "party_cells"
    url_prefix = "party/cells"
    icon = "group"
    menu_label = _("Party cells")
    add_view_class = CellCreateView
    edit_view_class = CellEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "code",
        "name",
        "kind",
        "hamlet",
        "member_count",
        Column("in_charge", label=_("Official in charge")),
        Column("supervisor", label=_("Standing Committee member supervising")),
    ]
    filterset_class = forms.CellFilterSet
    search_fields = ["code", "name", "secretary_name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("commune"),
            FieldRowPanel([FieldPanel("code"), FieldPanel("name"), FieldPanel("kind")]),
            FieldRowPanel([FieldPanel("hamlet"), FieldPanel("member_count")]),
            FieldRowPanel([FieldPanel("secretary_name"), FieldPanel("secretary_phone")]),
            FieldRowPanel(
                [FieldPanel("active_from"), FieldPanel("active_to"), FieldPanel("sort_order")]
            ),
        ],
        base_form_class=forms.CellForm,
    )

    def row_queryset(self, user: Any) -> QuerySet[Cell]:
        return selectors.cells_for(user).annotate(
            in_charge=_holder(AssignmentRole.IN_CHARGE),
            supervisor=_holder(AssignmentRole.SUPERVISOR),
        )


# Assignments -----------------------------------------------------------------------------------


class AssignmentCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Assignment:
        data = self.form.cleaned_data
        return services.assignment_start(
            user=self.request.user,
            cell=data["cell"],
            official=data["official"],
            role=data["role"],
            valid_from=data["valid_from"],
            note=data.get("note") or "",
        )


class AssignmentEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Assignment:
        return services.assignment_end(
            user=self.request.user,
            assignment=self.object,
            valid_to=self.form.cleaned_data["valid_to"],
        )


class AssignmentViewSet(RowScopedViewSetMixin, CommuneScopedViewSetMixin, ModelViewSet):
    model = Assignment
    name = "party_assignments"
    url_prefix = "party/assignments"
    icon = "user"
    menu_label = _("Assignments")
    add_view_class = AssignmentCreateView
    edit_view_class = AssignmentEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["official", "cell", "role", "valid_from", "valid_to", "note"]
    filterset_class = forms.AssignmentFilterSet
    search_fields = ["official__full_name", "cell__name", "cell__code", "note"]
    search_backend_name = None
    # Editing only ends an assignment: who, which cell and which role never change.
    edit_handler = ObjectList(
        [
            HelpPanel(
                _(
                    "An assignment is not rewritten: give the day it ends, then add the new "
                    "one. The history is kept."
                )
            ),
            FieldPanel("valid_to"),
        ],
        base_form_class=forms.AssignmentEndForm,
    )

    def row_queryset(self, user: Any) -> QuerySet[Assignment]:
        return Assignment.objects.select_related("official", "cell").filter(
            cell__in=selectors.cells_for(user).values("pk")
        )

    def get_add_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        panel = _bound(
            [
                FieldRowPanel([FieldPanel("cell"), FieldPanel("role")]),
                FieldPanel("official"),
                FieldPanel("valid_from"),
                FieldPanel("note"),
            ],
            forms.AssignmentStartForm,
            Assignment,
        )
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


# Meetings --------------------------------------------------------------------------------------


class MeetingCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Meeting:
        meeting = self.form.save(commit=False)
        return services.meeting_save(user=self.request.user, meeting=meeting)


class MeetingEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Meeting:
        meeting = self.form.save(commit=False)
        return services.meeting_save(user=self.request.user, meeting=meeting)


def _month(meeting: Meeting) -> str:
    return meeting.month.strftime("%m/%Y")


def _flags(meeting: Meeting) -> str:
    try:
        rules = meeting.commune.party_settings
    except PartySettings.DoesNotExist:
        rules = PartySettings(commune_id=meeting.commune_id)  # the defaults
    return "; ".join(str(Flag(flag).label) for flag in selectors.meeting_flags(meeting, rules))


class MeetingViewSet(RowScopedViewSetMixin, CommuneScopedViewSetMixin, ModelViewSet):
    model = Meeting
    name = "party_meetings"
    url_prefix = "party/meetings"
    icon = "date"
    menu_label = _("Meetings")
    add_view_class = MeetingCreateView
    edit_view_class = MeetingEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "cell",
        Column("month", label=capfirst(_("month")), accessor=_month, sort_key="month"),
        "kind",
        "held_on",
        Column("minutes", label=_("Length (minutes)")),
        Column("flags", label=_("Flags"), accessor=_flags),
    ]
    filterset_class = forms.MeetingFilterSet
    search_fields = ["topics", "issues_raised", "conclusion"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("cell"), FieldPanel("month"), FieldPanel("kind")]),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("planned_on"), FieldPanel("held_on")]),
                    FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                ],
                heading=_("When"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("present_count"), FieldPanel("absent_count")]),
                    FieldPanel("absence_reasons"),
                    FieldPanel("official_attended"),
                ],
                heading=_("Attendance"),
            ),
            FieldPanel("topics"),
            FieldPanel("issues_raised"),
            FieldPanel("conclusion"),
            FieldPanel("quality"),
        ],
        base_form_class=forms.MeetingForm,
    )

    def row_queryset(self, user: Any) -> QuerySet[Meeting]:
        return selectors.meetings_for(user).select_related("commune__party_settings")


# Tasks -----------------------------------------------------------------------------------------


def may_resolve(user: Any, task: Task, official: Any = None) -> bool:
    """What `services.task_resolve` allows: the party committee office, or the task's owner."""
    if user.has_perm("party.change_task"):
        return True
    official = official or services.official_for_user(user)
    return official is not None and official.pk == task.owner_id


class TaskCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Task:
        return services.task_save(user=self.request.user, task=self.form.save(commit=False))


class TaskEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Task:
        return services.task_save(user=self.request.user, task=self.form.save(commit=False))


class TaskIndexView(IndexView):
    @cached_property
    def official(self) -> Any:
        return services.official_for_user(self.request.user)

    def get_list_more_buttons(self, instance: Task) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        if instance.status != TaskStatus.RESOLVED and may_resolve(
            self.request.user, instance, self.official
        ):
            # Shown beside the title, not in the "more" menu: it is what an official comes for.
            buttons.insert(
                0,
                BaseButton(
                    _("Resolve"),
                    url=reverse("party_task_resolve", args=[instance.pk]),
                    classname="button button-small button-secondary",
                    icon_name="check",
                    attrs={"aria-label": _("Resolve “%(title)s”") % {"title": instance}},
                    priority=5,
                ),
            )
        return buttons


def _overdue(task: Task) -> str:
    return str(_("Overdue")) if task.is_overdue(_today()) else ""


class TaskViewSet(RowScopedViewSetMixin, CommuneScopedViewSetMixin, ModelViewSet):
    model = Task
    name = "party_tasks"
    url_prefix = "party/tasks"
    icon = "tasks"
    menu_label = _("Issues and tasks")
    index_view_class = TaskIndexView
    add_view_class = TaskCreateView
    edit_view_class = TaskEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "title",
        "cell",
        "owner",
        "due_on",
        "status",
        Column("overdue", label=_("Overdue"), accessor=_overdue),
        "escalated_to",
    ]
    filterset_class = forms.TaskFilterSet
    search_fields = ["title", "details", "resolution"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("cell"), FieldPanel("meeting")]),
            FieldPanel("title"),
            FieldPanel("details"),
            FieldRowPanel([FieldPanel("owner"), FieldPanel("raised_on"), FieldPanel("due_on")]),
            FieldPanel("status"),
            MultiFieldPanel(
                [
                    FieldPanel("resolution"),
                    FieldRowPanel([FieldPanel("resolved_on"), FieldPanel("reported_to_cell_on")]),
                ],
                heading=_("Resolution"),
            ),
        ],
        base_form_class=forms.TaskForm,
    )

    def row_queryset(self, user: Any) -> QuerySet[Task]:
        return selectors.tasks_for(user)


class TaskResolveView(WagtailAdminTemplateMixin, FormView):
    """The responsible official records how the task was resolved and when the cell was told."""

    template_name = "party/admin/task_resolve.html"
    form_class = forms.TaskResolveForm
    header_icon = "check"
    page_title = _("Resolve a task")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.task = get_object_or_404(
            scope(Task.objects.select_related("cell", "owner"), request.user), pk=kwargs["pk"]
        )
        try:
            if not may_resolve(request.user, self.task):
                raise PermissionDenied
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as denied:
            return permission_denied(request, denied)

    def get_page_subtitle(self) -> str:
        return self.task.title

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("party_tasks:index"), "label": Task._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_initial(self) -> dict[str, Any]:
        return {
            "resolution": self.task.resolution,
            "resolved_on": self.task.resolved_on or _today(),
            "reported_to_cell_on": self.task.reported_to_cell_on,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            task=self.task,
            overdue=self.task.is_overdue(_today()),
            action_url=self.request.get_full_path(),
            submit_button_label=_("Record the resolution"),
            submit_button_active_label=_("Saving…"),
            **kwargs,
        )

    def form_valid(self, form: forms.TaskResolveForm) -> HttpResponse:
        try:
            services.task_resolve(user=self.request.user, task=self.task, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Task “%(title)s” resolved.") % {"title": self.task})
        following = self.request.GET.get("next", "")
        if following and url_has_allowed_host_and_scheme(
            following, {self.request.get_host()}, self.request.is_secure()
        ):
            return redirect(following)
        return redirect("party_tasks:index")


# Cross-checks ----------------------------------------------------------------------------------


class CrossCheckPlanGenerateView(WagtailAdminTemplateMixin, FormView):
    """The quarter's rotation, made by `services.cross_check_plan_generate`."""

    template_name = "wagtailadmin/generic/form.html"
    form_class = forms.CrossCheckPlanGenerateForm
    header_icon = "rotate"
    page_title = _("Generate the quarter's cross-check plan")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            if not request.user.has_perm("party.add_crosscheckplan"):
                raise PermissionDenied
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as denied:
            return permission_denied(request, denied)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("party_crosscheckplans:index"),
                "label": CrossCheckPlan._meta.verbose_name_plural,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            action_url=self.request.path,
            submit_button_label=_("Generate"),
            submit_button_active_label=_("Generating…"),
            **kwargs,
        )

    def form_valid(self, form: forms.CrossCheckPlanGenerateForm) -> HttpResponse:
        try:
            plan = services.cross_check_plan_generate(user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Cross-check plan for %(plan)s generated.") % {"plan": plan}
        )
        return redirect("party_crosscheckplans:inspect", quote(plan.pk))


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
    """A plan has nothing of its own to edit: its checks are edited one by one."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return redirect(self.inspect_url_name, quote(self.get_object().pk))

    post = get


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
        return CrossCheckPlanGenerateView.as_view()


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
        panel = _bound(
            [FieldPanel("plan"), FieldPanel("official"), FieldPanel("cell")],
            forms.CrossCheckForm,
            CrossCheck,
        )
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


# Rules -----------------------------------------------------------------------------------------


class PartySettingsIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[PartySettings]:
        ids = user_commune_ids(self.request.user)
        if ids:  # every commune has its rules, the defaults until changed
            for commune in Commune.objects.filter(pk__in=ids):
                services.party_settings(commune)
        return super().get_base_queryset().select_related("commune")


class PartySettingsViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = PartySettings
    name = "party_settings"
    url_prefix = "party/rules"
    icon = "cog"
    menu_label = _("Party-cell rules")
    index_view_class = PartySettingsIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "commune",
        "max_cells_per_official",
        "max_cells_per_supervisor",
        "min_minutes",
        "min_minutes_combined",
    ]
    edit_handler = ObjectList(
        [
            FieldRowPanel(
                [FieldPanel("max_cells_per_official"), FieldPanel("max_cells_per_supervisor")]
            ),
            FieldRowPanel([FieldPanel("min_minutes"), FieldPanel("min_minutes_combined")]),
        ],
        base_form_class=forms.PartySettingsForm,
    )


# Menu and URLs ---------------------------------------------------------------------------------


class PartyViewSetGroup(OverviewViewSetGroup):
    items = (
        CellViewSet,
        AssignmentViewSet,
        MeetingViewSet,
        TaskViewSet,
        CrossCheckPlanViewSet,
        CrossCheckViewSet,
        PartySettingsViewSet,
    )
    menu_icon = "group"
    menu_label = _("Party-cell work")
    menu_name = "party"

    overview_url_name = "party_dashboard"

    def overview_shown(self, user: Any) -> bool:
        return any(user.has_perm(perm) for perm in VIEW_PERMISSIONS)


@hooks.register("register_admin_viewset")
def register_viewset() -> PartyViewSetGroup:
    return PartyViewSetGroup()


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[Any]:
    from . import report_views, views

    return [
        path("party/", views.dashboard, name="party_dashboard"),
        path(
            "party/reports/<str:scope>/<int:year>/<str:period>.<str:fmt>",
            report_views.report,
            name="party_report",
        ),
        path("party/tasks/<int:pk>/resolve/", TaskResolveView.as_view(), name="party_task_resolve"),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    actions.register_action(
        "party.escalate", _("Escalate"), _("Overdue: escalated to the supervising member")
    )
