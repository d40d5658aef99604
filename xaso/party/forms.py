"""Forms of the party-cell admin: every choice limited to what the user may see, the database's
rules checked up front with readable messages, the services' refusals shown on the form."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.widgets import AdminDateInput

from xaso.accounts.scoping import CommuneScopedForm, scope, user_commune_ids
from xaso.communes.models import Commune, Hamlet, Official

from . import selectors
from .choices import AssignmentRole, CellKind, MeetingKind, MeetingQuality, TaskStatus
from .models import Assignment, Cell, CrossCheck, CrossCheckPlan, Meeting, Task
from .services import active_on


def officials_for(user: Any) -> QuerySet[Official]:
    return scope(Official.objects.filter(is_active=True), user).order_by("sort_order", "full_name")


class PartyForm(CommuneScopedForm):
    """A party record's form: cells limited to those the user sees, officials to those in office
    in the user's communes, meetings to those of the user's cells."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is None:
            return
        limits = {
            "cell": selectors.cells_for(user),
            "official": officials_for(user),
            "owner": officials_for(user),
            "meeting": selectors.meetings_for(user),
        }
        for name, queryset in limits.items():
            field = self.fields.get(name)
            if field is not None and hasattr(field, "queryset"):
                field.queryset = queryset


class CellForm(PartyForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("active_from"), data.get("active_to")
        if start and end and end < start:
            self.add_error("active_to", _("The end comes before the start."))
        return data


class AssignmentStartForm(PartyForm):
    """A new assignment; `services.assignment_start` relieves the cell's previous holder."""


class AssignmentEndForm(PartyForm):
    """An assignment is never rewritten, only ended: a change is a new assignment."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "valid_to" in self.fields:
            self.fields["valid_to"].required = True

    def clean_valid_to(self) -> datetime.date | None:
        end = self.cleaned_data.get("valid_to")
        if end is not None and end < self.instance.valid_from:
            raise ValidationError(_("The end comes before the start."))
        return end


class MeetingForm(PartyForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("month"):
            # Any day of the month names it; it is stored as its first day.
            data["month"] = data["month"].replace(day=1)
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting ends before it starts."))
        return data


# How far back the task form lists meetings to raise a task at: recent ones, not years of them.
RECENT_MEETING_MONTHS = 6


class TaskForm(PartyForm):
    """A task: raised at one of the recent meetings of the user's cells (of its own cell once the
    task has one), the meeting it already names kept."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("meeting")
        if field is None or getattr(self, "for_user", None) is None:
            return
        since = selectors.add_months(
            selectors.month_start(timezone.localdate()), -RECENT_MEETING_MONTHS
        )
        recent = Q(month__gte=since)
        if self.instance.meeting_id:
            recent |= Q(pk=self.instance.meeting_id)
        meetings = field.queryset.filter(recent)
        if self.instance.cell_id:
            meetings = meetings.filter(cell=self.instance.cell_id)
        field.queryset = meetings.order_by("cell__name", "-month")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raised = data.get("raised_on")
        if raised and data.get("due_on") and data["due_on"] < raised:
            self.add_error("due_on", _("The due date is before the issue was raised."))
        if raised and data.get("resolved_on") and data["resolved_on"] < raised:
            self.add_error("resolved_on", _("The date is before the issue was raised."))
        unresolved = not data.get("resolved_on") and "resolved_on" not in self.errors
        if data.get("status") == TaskStatus.RESOLVED and unresolved:
            self.add_error("resolved_on", _("Give the date it was resolved."))
        return data


class CrossCheckForm(PartyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan = getattr(self.instance, "plan", None) if self.instance.plan_id else None
        if plan is not None and "cell" in self.fields:
            field = self.fields["cell"]
            field.queryset = field.queryset.filter(commune=plan.commune_id)


class PartySettingsForm(CommuneScopedForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("max_cells_per_official", "max_cells_per_supervisor"):
            if name in self.fields:
                self.fields[name].min_value = 1
                self.fields[name].widget.attrs["min"] = 1
                self.fields[name].validators.append(MinValueValidator(1))


class CrossCheckPlanGenerateForm(forms.Form):
    commune = forms.ModelChoiceField(queryset=Commune.objects.none(), label=capfirst(_("commune")))
    year = forms.IntegerField(label=capfirst(_("year")), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=capfirst(_("quarter")), coerce=int, choices=[(q, str(q)) for q in range(1, 5)]
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = user_commune_ids(user)
        communes = Commune.objects.all() if ids is None else Commune.objects.filter(pk__in=ids)
        field = self.fields["commune"]
        field.queryset = communes  # type: ignore[attr-defined]
        if ids is not None and len(ids) == 1:
            field.initial = next(iter(ids))
            field.widget = forms.HiddenInput()
        today = timezone.localdate()
        following = (today.month - 1) // 3 + 2
        self.fields["year"].initial = today.year + (following > 4)
        self.fields["quarter"].initial = (following - 1) % 4 + 1


class TaskResolveForm(forms.Form):
    resolution = forms.CharField(
        label=capfirst(_("resolution")), widget=forms.Textarea(attrs={"rows": 5})
    )
    resolved_on = forms.DateField(label=capfirst(_("resolved on")), widget=AdminDateInput)
    reported_to_cell_on = forms.DateField(
        label=capfirst(_("reported back to the cell on")), widget=AdminDateInput, required=False
    )


# List filters: choices limited like the forms' -----------------------------------------------


def _cells(request: Any) -> QuerySet[Cell]:
    return selectors.cells_for(request.user) if request else Cell.objects.none()


def _hamlets(request: Any) -> QuerySet[Hamlet]:
    return scope(Hamlet.objects.all(), request.user) if request else Hamlet.objects.none()


def _officials(request: Any) -> QuerySet[Official]:
    return scope(Official.objects.all(), request.user) if request else Official.objects.none()


def _plans(request: Any) -> QuerySet[CrossCheckPlan]:
    plans = CrossCheckPlan.objects.all()
    return scope(plans, request.user) if request else plans.none()


def _current(queryset: QuerySet[Any], name: str, value: bool | None) -> QuerySet[Any]:
    if value is None:
        return queryset
    now = active_on(timezone.localdate())
    return queryset.filter(now) if value else queryset.exclude(now)


class CellFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=CellKind.choices)
    hamlet = django_filters.ModelChoiceFilter(label=_("hamlet"), queryset=_hamlets)
    active = django_filters.BooleanFilter(label=_("active today"), method="filter_active")

    class Meta:
        model = Cell
        fields = ["kind", "hamlet"]

    def filter_active(self, queryset: QuerySet[Cell], name: str, value: bool | None) -> Any:
        if value is None:
            return queryset
        today = timezone.localdate()
        now = Q(active_from__lte=today) & (Q(active_to__isnull=True) | Q(active_to__gte=today))
        return queryset.filter(now) if value else queryset.exclude(now)


class AssignmentFilterSet(WagtailFilterSet):
    role = django_filters.ChoiceFilter(label=_("role"), choices=AssignmentRole.choices)
    cell = django_filters.ModelChoiceFilter(label=_("party cell"), queryset=_cells)
    official = django_filters.ModelChoiceFilter(label=_("official"), queryset=_officials)
    current = django_filters.BooleanFilter(label=_("in force today"), method="filter_current")

    class Meta:
        model = Assignment
        fields = ["role", "cell", "official"]

    def filter_current(self, queryset: QuerySet[Any], name: str, value: bool | None) -> Any:
        return _current(queryset, name, value)


class MeetingFilterSet(WagtailFilterSet):
    cell = django_filters.ModelChoiceFilter(label=_("party cell"), queryset=_cells)
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=MeetingKind.choices)
    month = django_filters.DateFromToRangeFilter(label=_("month"), widget=DateRangePickerWidget)
    held = django_filters.BooleanFilter(
        label=_("held"), field_name="held_on", lookup_expr="isnull", exclude=True
    )
    official_attended = django_filters.BooleanFilter(label=_("official in charge attended"))
    quality = django_filters.ChoiceFilter(
        label=_("self-assessed quality"), choices=MeetingQuality.choices
    )

    class Meta:
        model = Meeting
        fields = ["cell", "kind", "month", "official_attended", "quality"]


class TaskFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=TaskStatus.choices)
    cell = django_filters.ModelChoiceFilter(label=_("party cell"), queryset=_cells)
    owner = django_filters.ModelChoiceFilter(label=_("responsible official"), queryset=_officials)
    overdue = django_filters.BooleanFilter(label=_("overdue"), method="filter_overdue")
    escalated = django_filters.BooleanFilter(
        label=_("escalated"), field_name="escalated_to", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Task
        fields = ["status", "cell", "owner"]

    def filter_overdue(self, queryset: QuerySet[Task], name: str, value: bool | None) -> Any:
        if value is None:
            return queryset
        late = selectors.overdue(queryset, timezone.localdate())
        return late if value else queryset.exclude(pk__in=late.values("pk"))


class CrossCheckFilterSet(WagtailFilterSet):
    plan = django_filters.ModelChoiceFilter(label=_("plan"), queryset=_plans)
    done = django_filters.BooleanFilter(
        label=_("checked"), field_name="checked_on", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = CrossCheck
        fields = ["plan"]
