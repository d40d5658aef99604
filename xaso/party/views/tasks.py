"""Issues and tasks raised in cells, and resolving one."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import BaseButton

from xaso.accounts.scoping import CommuneScopedViewSetMixin, RowScopedViewSetMixin, scope
from xaso.core.admin import ServiceFormMixin, ServiceOperationView

from .. import forms, selectors, services
from ..choices import TaskStatus
from ..models import Task


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
    return str(_("Overdue")) if task.is_overdue(timezone.localdate()) else ""


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


class TaskResolveView(ServiceOperationView):
    """The responsible official records how the task was resolved and when the cell was told."""

    model = Task
    template_name = "party/admin/task_resolve.html"
    form_class = forms.TaskResolveForm
    header_icon = "check"
    page_title = _("Resolve a task")
    context_object_name = "task"
    submit_button_label = _("Record the resolution")
    follow_next = True

    def get_base_object_queryset(self) -> QuerySet[Task]:
        return scope(Task.objects.select_related("cell", "owner"), self.request.user)

    def check_permission(self) -> None:
        if not may_resolve(self.request.user, self.object):
            raise PermissionDenied

    def get_page_subtitle(self) -> str:
        return self.object.title

    def get_parent_breadcrumbs(self) -> list[dict[str, Any]]:
        return [{"url": reverse("party_tasks:index"), "label": Task._meta.verbose_name_plural}]

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        *items, current = super().get_breadcrumbs_items()
        return [*items, {**current, "sublabel": self.get_page_subtitle()}]

    def get_initial(self) -> dict[str, Any]:
        return {
            "resolution": self.object.resolution,
            "resolved_on": self.object.resolved_on or timezone.localdate(),
            "reported_to_cell_on": self.object.reported_to_cell_on,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            overdue=self.object.is_overdue(timezone.localdate()), **kwargs
        )

    def call_service(self, data: dict[str, Any]) -> Task:
        return services.task_resolve(user=self.request.user, task=self.object, **data)

    def get_success_message(self) -> str:
        return _("Task “%(title)s” resolved.") % {"title": self.object}

    def get_success_url(self) -> str:
        return self.next_url or reverse("party_tasks:index")
