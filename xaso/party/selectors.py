"""Reads for the party committee office, supervisors and officials: who sees which cells, the
month at a glance with its flags, open and overdue tasks, attendance and 12-month trends."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from xaso.accounts.scoping import user_commune_ids
from xaso.communes.models import Commune, Official

from .choices import AssignmentRole, Flag, MeetingKind, TaskStatus
from .models import Assignment, Cell, Meeting, PartySettings, Task
from .services import active_on, official_for_user, party_settings

REGULAR_KINDS = (MeetingKind.REGULAR, MeetingKind.COMBINED)
THEMATIC_KINDS = (MeetingKind.THEMATIC, MeetingKind.COMBINED)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(month: datetime.date) -> datetime.date:
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def sees_all_cells(user: Any) -> bool:
    return bool(user.is_superuser or user.has_perm("party.view_all_cells"))


def cells_for(user: Any, day: datetime.date | None = None) -> QuerySet[Cell]:
    """The cells a user may see: all of their communes' for the party committee office;
    those they supervise for a Standing Committee member; their own for an official."""
    cells = Cell.objects.select_related("hamlet", "commune")
    ids = user_commune_ids(user)
    if ids is not None:
        cells = cells.filter(commune__in=ids)
    if sees_all_cells(user):
        return cells
    official = official_for_user(user)
    if official is None:
        return cells.none()
    day = day or datetime.date.today()
    mine = Assignment.objects.filter(official=official).filter(active_on(day)).values("cell_id")
    return cells.filter(pk__in=mine)


def tasks_for(user: Any, day: datetime.date | None = None) -> QuerySet[Task]:
    """Tasks of the cells a user sees, plus those they own or that were escalated to them."""
    tasks = Task.objects.select_related("cell", "owner", "escalated_to", "meeting")
    if sees_all_cells(user):
        ids = user_commune_ids(user)
        return tasks if ids is None else tasks.filter(commune__in=ids)
    official = official_for_user(user)
    if official is None:
        return tasks.none()
    cells = cells_for(user, day).values("pk")
    return tasks.filter(Q(cell__in=cells) | Q(owner=official) | Q(escalated_to=official))


def meetings_for(user: Any) -> QuerySet[Meeting]:
    return Meeting.objects.select_related("cell").filter(cell__in=cells_for(user).values("pk"))


@dataclass
class CellMonth:
    """One cell's month: its meetings, who was in charge, and what the office should look at."""

    cell: Cell
    meetings: list[Meeting] = field(default_factory=list)
    official: Official | None = None
    supervisor: Official | None = None
    flags: list[Flag] = field(default_factory=list)

    @property
    def held(self) -> list[Meeting]:
        return [m for m in self.meetings if m.held_on]

    @property
    def status(self) -> str:
        """ "held", "planned", "flagged" or "none" — the colour of the cell in the grid."""
        if self.flags:
            return "flagged"
        if self.held:
            return "held"
        if self.meetings:
            return "planned"
        return "none"


def meeting_flags(meeting: Meeting, settings: PartySettings) -> list[Flag]:
    flags: list[Flag] = []
    if not meeting.held_on:
        return flags
    minimum = (
        settings.min_minutes_combined
        if meeting.kind == MeetingKind.COMBINED
        else settings.min_minutes
    )
    if meeting.minutes is not None and meeting.minutes < minimum:
        flags.append(Flag.TOO_SHORT)
    if meeting.official_attended is False:
        flags.append(Flag.OFFICIAL_ABSENT)
    return flags


def month_overview(
    commune: Commune, month: datetime.date, today: datetime.date, cells: Any = None
) -> list[CellMonth]:
    """Every active cell of the commune in `month` (or the given cells), with its flags:
    no regular meeting once the month is over (or its planned day has passed), no thematic
    meeting once the quarter is over, too short, the official absent, no official in charge."""
    month = month_start(month)
    end = month_end(month)
    settings = party_settings(commune)
    if cells is None:
        cells = Cell.objects.filter(commune=commune)
    cells = [c for c in cells.select_related("hamlet") if c.active_on(end) or c.active_on(month)]
    meetings = Meeting.objects.filter(cell__in=cells, month=month).order_by("held_on", "planned_on")
    quarter_first = month.replace(month=(month.month - 1) // 3 * 3 + 1)
    quarter_last = month_end(add_months(quarter_first, 2))
    quarter_over = month == month_start(quarter_last) and quarter_last < today
    thematic_cells = set(
        Meeting.objects.filter(
            cell__in=cells,
            month__gte=quarter_first,
            month__lte=quarter_last,
            kind__in=THEMATIC_KINDS,
            held_on__isnull=False,
        ).values_list("cell_id", flat=True)
    )
    assignments = (
        Assignment.objects.filter(cell__in=cells)
        .filter(active_on(min(end, today)) if month <= today else active_on(month))
        .select_related("official")
    )
    rows = {cell.pk: CellMonth(cell=cell) for cell in cells}
    for assignment in assignments:
        row = rows[assignment.cell_id]
        if assignment.role == AssignmentRole.IN_CHARGE:
            row.official = assignment.official
        else:
            row.supervisor = assignment.official
    for meeting in meetings:
        rows[meeting.cell_id].meetings.append(meeting)
    for row in rows.values():
        regular = [m for m in row.held if m.kind in REGULAR_KINDS]
        planned_passed = any(
            m.planned_on and m.planned_on < today and not m.held_on for m in row.meetings
        )
        if not regular and (end < today or planned_passed):
            row.flags.append(Flag.NO_REGULAR)
        if quarter_over and row.cell.pk not in thematic_cells:
            row.flags.append(Flag.NO_THEMATIC)
        for meeting in row.held:
            for flag in meeting_flags(meeting, settings):
                if flag not in row.flags:
                    row.flags.append(flag)
        if row.official is None:
            row.flags.append(Flag.NOT_COVERED)
    return list(rows.values())


def overdue(tasks: QuerySet[Task], today: datetime.date) -> QuerySet[Task]:
    return tasks.filter(due_on__lt=today).exclude(status=TaskStatus.RESOLVED)


def open_tasks(tasks: QuerySet[Task]) -> QuerySet[Task]:
    return tasks.exclude(status=TaskStatus.RESOLVED)


@dataclass
class MonthPoint:
    month: datetime.date
    cells: int
    held_regular: int
    thematic: int
    official_attended: int
    flagged: int
    tasks_opened: int
    tasks_resolved: int


def trend(
    commune: Commune,
    last_month: datetime.date,
    today: datetime.date,
    months: int = 12,
    cells: QuerySet[Cell] | None = None,
) -> list[MonthPoint]:
    """The commune's last `months` months, oldest first: how many cells met, how often the
    officials in charge attended, how many were flagged, tasks opened and resolved."""
    points: list[MonthPoint] = []
    for offset in range(months - 1, -1, -1):
        month = add_months(month_start(last_month), -offset)
        rows = month_overview(commune, month, today, cells=cells)
        held = [m for row in rows for m in row.held]
        end = month_end(month)
        tasks = Task.objects.filter(commune=commune)
        if cells is not None:
            tasks = tasks.filter(cell__in=cells)
        points.append(
            MonthPoint(
                month=month,
                cells=len(rows),
                held_regular=sum(
                    1 for row in rows if any(m.kind in REGULAR_KINDS for m in row.held)
                ),
                thematic=sum(1 for m in held if m.kind in THEMATIC_KINDS),
                official_attended=sum(1 for m in held if m.official_attended),
                flagged=sum(1 for row in rows if row.flags),
                tasks_opened=tasks.filter(raised_on__gte=month, raised_on__lte=end).count(),
                tasks_resolved=tasks.filter(resolved_on__gte=month, resolved_on__lte=end).count(),
            )
        )
    return points


@dataclass
class Attendance:
    official: Official
    cell: Cell
    held: int
    attended: int

    @property
    def rate(self) -> float | None:
        return self.attended / self.held if self.held else None


def attendance(commune: Commune, first: datetime.date, last: datetime.date) -> list[Attendance]:
    """For each official in charge of a cell, the meetings held there between two months and
    how many of them they attended."""
    rows: list[Attendance] = []
    assignments = (
        Assignment.objects.filter(commune=commune, role=AssignmentRole.IN_CHARGE)
        .filter(valid_from__lte=month_end(last))
        .exclude(valid_to__lt=first)
        .select_related("official", "cell")
        .order_by("cell__sort_order", "cell__code", "valid_from")
    )
    for assignment in assignments:
        start = max(first, assignment.valid_from)
        stop = min(month_end(last), assignment.valid_to or month_end(last))
        held = Meeting.objects.filter(cell=assignment.cell, held_on__gte=start, held_on__lte=stop)
        rows.append(
            Attendance(
                official=assignment.official,
                cell=assignment.cell,
                held=held.count(),
                attended=held.filter(official_attended=True).count(),
            )
        )
    return rows
