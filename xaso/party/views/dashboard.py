"""The party-cell dashboards in the admin: the month at a glance for the party committee office,
a Standing Committee member's cells, an official's own cell and tasks."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from xaso.accounts.views import communes_for_user
from xaso.communes.models import Commune, Official
from xaso.core import charts

from .. import selectors, services
from ..choices import AssignmentRole, Flag, TaskStatus
from ..models import Assignment, Cell, Task
from ..selectors import Attendance, CellMonth, MonthPoint, add_months, month_end, month_start

VIEW_PERMISSIONS = tuple(
    f"party.view_{model}"
    for model in ("cell", "assignment", "crosscheckplan", "crosscheck", "meeting", "task")
)
MONTH_PARAM = "thang"
COMMUNE_PARAM = "xa"
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
FIRST_YEAR, LAST_YEAR = 1990, 2100
TREND_MONTHS = 12


def may_view_dashboard(user: Any) -> bool:
    return bool(
        user.is_active
        and (user.is_superuser or any(user.has_perm(perm) for perm in VIEW_PERMISSIONS))
    )


def parse_month(value: str | None, today: datetime.date) -> datetime.date:
    """`?thang=2026-03` as the first of that month; anything else is the current month."""
    found = _MONTH.match((value or "").strip())
    if found:
        year, month = int(found.group(1)), int(found.group(2))
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
            return datetime.date(year, month, 1)
    return month_start(today)


def _pick_commune(request: HttpRequest) -> tuple[Commune | None, list[Commune]]:
    communes = list(communes_for_user(request.user))
    wanted = request.GET.get(COMMUNE_PARAM, "")
    chosen = next((c for c in communes if wanted.isdigit() and c.pk == int(wanted)), None)
    return chosen or (communes[0] if communes else None), communes


def _reverse(name: str, *args: Any) -> str | None:
    """A URL of a screen that may not be installed yet: None rather than an error."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


# What the templates show ----------------------------------------------------------------------


@dataclass
class GridRow:
    month: CellMonth

    @property
    def status_label(self) -> str:
        return _status_label(self.month.status)


def _status_label(status: str) -> str:
    labels = {
        "held": _("Met"),
        "planned": _("Planned"),
        "flagged": _("Needs attention"),
        "none": _("No meeting recorded"),
    }
    return labels[status]


@dataclass
class TaskRow:
    task: Task
    overdue: bool
    escalated_to_me: bool = False
    resolve_url: str | None = None


@dataclass
class ReportLink:
    label: str
    url: str


@dataclass
class ReportRow:
    name: str
    links: list[ReportLink]


def _task_rows(
    tasks: Iterable[Task], today: datetime.date, me: Official | None = None, resolve: bool = False
) -> list[TaskRow]:
    rows = [
        TaskRow(
            task=task,
            overdue=task.is_overdue(today),
            escalated_to_me=me is not None and task.escalated_to_id == me.pk,
            resolve_url=(
                _reverse("party_task_resolve", task.pk)
                if resolve and task.status != TaskStatus.RESOLVED
                else None
            ),
        )
        for task in tasks
    ]
    resolved = [row for row in rows if row.task.status == TaskStatus.RESOLVED]
    pending = [row for row in rows if row.task.status != TaskStatus.RESOLVED]
    pending.sort(key=lambda row: (not row.overdue, row.task.due_on, row.task.pk))
    resolved.sort(key=lambda row: row.task.resolved_on or row.task.due_on, reverse=True)
    return pending + resolved


def _flag_counts(rows: list[CellMonth]) -> list[tuple[str, int]]:
    counted = Counter(flag for row in rows for flag in row.flags)
    return [(str(flag.label), counted[flag]) for flag in Flag]


def _report_rows(
    month: datetime.date,
    today: datetime.date,
    cells: Iterable[Cell],
    commune_wide: bool,
    query: str,
) -> list[ReportRow]:
    """Links to the monthly and quarterly reports, Excel and PDF, of the commune and cells,
    once the month has begun (there is no report of a period still to come)."""
    if month > today:
        return []
    quarter = (month.month - 1) // 3 + 1
    periods = [
        (f"{month.month:02d}", _("month %(month)s") % {"month": date_format(month, "m/Y")}),
        (
            f"q{quarter}",
            _("quarter %(quarter)s/%(year)s") % {"quarter": quarter, "year": month.year},
        ),
    ]
    targets = [("commune", _("The whole commune"))] if commune_wide else []
    targets += [(f"cell-{cell.pk}", cell.name) for cell in cells]
    rows = []
    for scope, name in targets:
        links = []
        for period, period_name in periods:
            for fmt, fmt_name in (("xlsx", "Excel"), ("pdf", "PDF")):
                url = _reverse("party_report", scope, month.year, period, fmt)
                if url is not None:
                    links.append(
                        ReportLink(
                            label=_("%(period)s, %(format)s")
                            % {"period": period_name, "format": fmt_name},
                            url=url + query,
                        )
                    )
        if links:
            rows.append(ReportRow(name=name, links=links))
    return rows


def trend_charts(points: list[MonthPoint], ident: str = "party-trend") -> list[charts.Chart]:
    labels = [charts.month_label(point.month) for point in points]
    meetings = charts.line_chart(
        ident=f"{ident}-meetings",
        title=_("Meetings over the last 12 months"),
        description=_(
            "For each month: how many cells held their regular meeting, at how many meetings "
            "the official in charge was present, and how many cells were flagged."
        ),
        labels=labels,
        series=[
            charts.Series(_("Cells that held a regular meeting"), [p.held_regular for p in points]),
            charts.Series(
                _("Meetings the official in charge attended"),
                [p.official_attended for p in points],
            ),
            charts.Series(_("Cells flagged"), [p.flagged for p in points]),
        ],
    )
    tasks = charts.bar_chart(
        ident=f"{ident}-tasks",
        title=_("Issues over the last 12 months"),
        description=_("For each month: how many issues were raised and how many were resolved."),
        labels=labels,
        series=[
            charts.Series(_("Issues raised"), [p.tasks_opened for p in points]),
            charts.Series(_("Issues resolved"), [p.tasks_resolved for p in points]),
        ],
    )
    return [meetings, tasks]


def _held_cells(
    official: Official, commune: Commune, role: str, day: datetime.date
) -> QuerySet[Cell]:
    ids = (
        Assignment.objects.filter(official=official, commune=commune, role=role)
        .filter(services.active_on(day))
        .values("cell_id")
    )
    return Cell.objects.filter(pk__in=ids)


def _panel(
    *,
    commune: Commune,
    cells: QuerySet[Cell] | None,
    month: datetime.date,
    today: datetime.date,
    tasks: QuerySet[Task],
    me: Official | None,
    query: str,
) -> dict[str, Any]:
    """The month at a glance, tasks, attendance, trends and reports over `cells` (None: every
    cell of the commune)."""
    rows = selectors.month_overview(commune, month, today, cells=cells)
    first = add_months(month, -(TREND_MONTHS - 1))
    attendance: list[Attendance] = selectors.attendance(commune, first, month)
    points = selectors.trend(commune, month, today, months=TREND_MONTHS, cells=cells)
    if cells is not None:
        shown = {cell.pk for cell in cells}
        attendance = [row for row in attendance if row.cell.pk in shown]
    return {
        "grid": [GridRow(row) for row in rows],
        "flag_counts": _flag_counts(rows),
        "flagged_count": sum(1 for row in rows if row.flags),
        "tasks": _task_rows(selectors.open_tasks(tasks), today, me=me),
        "overdue_count": selectors.overdue(tasks, today).count(),
        "attendance": attendance,
        "attendance_first": first,
        "charts": trend_charts(points),
        "reports": _report_rows(month, today, [row.cell for row in rows], cells is None, query),
    }


def _reference_day(month: datetime.date, today: datetime.date) -> datetime.date:
    """The day whose assignments count for `month`: as `selectors.month_overview` takes it."""
    return min(month_end(month), today) if month <= today else month


def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not may_view_dashboard(user):
        raise PermissionDenied
    today = timezone.localdate()
    month = parse_month(request.GET.get(MONTH_PARAM), today)
    commune, communes = _pick_commune(request)
    commune_query = (
        f"?{urlencode({COMMUNE_PARAM: commune.pk})}" if commune and len(communes) > 1 else ""
    )
    context: dict[str, Any] = {
        "page_title": _("Party cells"),
        "header_title": _("Party cells"),
        "page_subtitle": date_format(month, "m/Y"),
        "header_icon": "group",
        "month": month,
        "month_value": f"{month.year:04d}-{month.month:02d}",
        "commune": commune,
        "communes": communes if len(communes) > 1 else [],
    }
    for name, other in (("previous", add_months(month, -1)), ("next", add_months(month, 1))):
        params: dict[str, Any] = {MONTH_PARAM: f"{other.year:04d}-{other.month:02d}"}
        if context["communes"] and commune is not None:
            params[COMMUNE_PARAM] = commune.pk
        context[f"{name}_query"] = "?" + urlencode(params)
        context[f"{name}_month"] = other
    if commune is None:
        return render(request, "party/dashboard.html", context)
    day = _reference_day(month, today)
    tasks = selectors.tasks_for(user, day).filter(commune=commune)
    if selectors.sees_all_cells(user):
        context["office"] = _panel(
            commune=commune,
            cells=None,
            month=month,
            today=today,
            tasks=tasks,
            me=None,
            query=commune_query,
        )
        context["uncovered"] = [
            (_role_label(role), cells)
            for role, cells in services.uncovered_cells(commune, day).items()
        ]
        return render(request, "party/dashboard.html", context)
    me = services.official_for_user(user)
    context["me"] = me
    if me is None:
        return render(request, "party/dashboard.html", context)
    supervised = _held_cells(me, commune, AssignmentRole.SUPERVISOR, day)
    if supervised.exists():
        context["supervisor"] = _panel(
            commune=commune,
            cells=supervised,
            month=month,
            today=today,
            tasks=tasks.filter(Q(cell__in=supervised) | Q(escalated_to=me)),
            me=me,
            query=commune_query,
        )
    own = _held_cells(me, commune, AssignmentRole.IN_CHARGE, day)
    context["own_cells"] = [
        GridRow(row) for row in selectors.month_overview(commune, month, today, cells=own)
    ]
    since = add_months(month, -(TREND_MONTHS - 1))
    own_tasks = tasks.filter(owner=me).exclude(status=TaskStatus.RESOLVED, resolved_on__lt=since)
    context["own_tasks"] = _task_rows(own_tasks, today, me=me, resolve=True)
    return render(request, "party/dashboard.html", context)


def _role_label(role: str) -> str:
    if role == AssignmentRole.IN_CHARGE:
        return _("No official in charge")
    return _("No Standing Committee member supervising")
