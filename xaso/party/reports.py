"""The monthly and quarterly report on party-cell work, for one cell or for the whole commune,
as the party committee office files it (Excel or PDF through `xaso.core.reports`).

Only what the party models hold: counts of meetings, of members present and absent, whether
the official in charge attended, the flags of `selectors.month_overview`, and the cells' issues
and tasks. Party members are never named; commune officials (a public role) are.

Task figures are taken as of the period's last day (or today, while the period runs): raised,
resolved and escalated within the period; open and overdue on that day.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from xaso.communes.models import Commune
from xaso.core import reports as files
from xaso.core.reports import DATE, DECIMAL, INTEGER, PERCENT, Column, Line, Section, Table

from .choices import Flag, MeetingKind
from .models import Cell, Meeting, Task
from .selectors import CellMonth, add_months, month_end, month_overview

FIRST_YEAR, LAST_YEAR = 1990, 2100
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# Download names stay in the office's own words whatever the interface language.
FILENAME_STEM = "bao-cao-chi-bo"
_PERIOD = re.compile(r"(?:(0[1-9]|1[0-2])|q([1-4]))")


@dataclass(frozen=True)
class Period:
    """A calendar month or quarter."""

    year: int
    month: int | None = None
    quarter: int | None = None

    @property
    def months(self) -> list[datetime.date]:
        if self.month is not None:
            return [datetime.date(self.year, self.month, 1)]
        first = datetime.date(self.year, 3 * (self.quarter or 1) - 2, 1)
        return [add_months(first, offset) for offset in range(3)]

    @property
    def first(self) -> datetime.date:
        return self.months[0]

    @property
    def last(self) -> datetime.date:
        return month_end(self.months[-1])

    @property
    def slug(self) -> str:
        if self.month is not None:
            return f"{self.year}-{self.month:02d}"
        return f"{self.year}-q{self.quarter}"

    @property
    def label(self) -> str:
        """ "tháng 11/2026" or "quý IV/2026"."""
        if self.month is not None:
            return month_label(self.months[0])
        return _("quarter %(quarter)s/%(year)s") % {
            "quarter": ROMAN[self.quarter or 1],
            "year": self.year,
        }


def month_label(month: datetime.date) -> str:
    return _("month %(month)s/%(year)s") % {"month": f"{month.month:02d}", "year": month.year}


def parse_period(year: int, period: str) -> Period:
    """ "01".."12" → that month of `year`, "q1".."q4" → that quarter; ValueError otherwise."""
    match = _PERIOD.fullmatch(period)
    if match is None or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(period)
    month, quarter = match.groups()
    if month:
        return Period(year=year, month=int(month))
    return Period(year=year, quarter=int(quarter))


# Figures ---------------------------------------------------------------------------------------


@dataclass
class Figures:
    """What is counted for a cell-month, a cell over a period, or the commune."""

    members: int = 0
    regular: int = 0
    thematic: int = 0
    combined: int = 0
    minutes: list[int] = field(default_factory=list)
    present: int = 0
    absent: int = 0
    official_attended: int = 0
    flags: Counter[Flag] = field(default_factory=Counter)
    raised: int = 0
    resolved: int = 0
    open: int = 0
    overdue: int = 0
    escalated: int = 0

    @property
    def held(self) -> int:
        return self.regular + self.thematic + self.combined

    @property
    def average_minutes(self) -> float | None:
        return sum(self.minutes) / len(self.minutes) if self.minutes else None

    @property
    def attendance(self) -> float | None:
        counted = self.present + self.absent
        return self.present / counted if counted else None

    def add_meetings(self, meetings: list[Meeting]) -> None:
        for meeting in meetings:
            if meeting.kind == MeetingKind.REGULAR:
                self.regular += 1
            elif meeting.kind == MeetingKind.THEMATIC:
                self.thematic += 1
            else:
                self.combined += 1
            if meeting.minutes is not None:
                self.minutes.append(meeting.minutes)
            self.present += meeting.present_count or 0
            self.absent += meeting.absent_count or 0
            self.official_attended += 1 if meeting.official_attended else 0

    def add(self, other: Figures) -> None:
        """Meetings, attendance and flags summed; members and task figures are set apart."""
        self.regular += other.regular
        self.thematic += other.thematic
        self.combined += other.combined
        self.minutes += other.minutes
        self.present += other.present
        self.absent += other.absent
        self.official_attended += other.official_attended
        self.flags += other.flags

    def count_tasks(
        self, tasks: list[Task], first: datetime.date, last: datetime.date, today: datetime.date
    ) -> None:
        day = as_of(last, today)
        self.raised = sum(1 for t in tasks if first <= t.raised_on <= last)
        self.resolved = sum(1 for t in tasks if t.resolved_on and first <= t.resolved_on <= last)
        self.escalated = sum(1 for t in tasks if t.escalated_on and first <= t.escalated_on <= last)
        still_open = [t for t in tasks if open_on(t, day)]
        self.open = len(still_open)
        self.overdue = sum(1 for t in still_open if t.due_on < day)


def as_of(last: datetime.date, today: datetime.date) -> datetime.date:
    return min(last, today)


def open_on(task: Task, day: datetime.date) -> bool:
    return task.raised_on <= day and not (task.resolved_on and task.resolved_on <= day)


@dataclass
class Row:
    label: str
    figures: Figures
    officials: list[str] = field(default_factory=list)


@dataclass
class Report:
    commune: Commune
    period: Period
    today: datetime.date
    cell: Cell | None
    rows: list[Row]
    total: Figures
    cells: int
    tasks: list[Task]

    @property
    def as_of(self) -> datetime.date:
        return as_of(self.period.last, self.today)


def report_build(
    *, commune: Commune, period: Period, today: datetime.date, cell: Cell | None = None
) -> Report:
    """The report for the commune (one row per cell) or for one cell (one row per month)."""
    scope = Cell.objects.filter(commune=commune)
    if cell is not None:
        scope = scope.filter(pk=cell.pk)
    months: list[tuple[datetime.date, list[CellMonth]]] = [
        (month, month_overview(commune, month, today, cells=scope)) for month in period.months
    ]
    # Every task raised by the period's end and not resolved before it began: raised or
    # resolved in the period, or open at its end.
    tasks = list(
        Task.objects.filter(commune=commune, cell__in=scope, raised_on__lte=period.last)
        .exclude(resolved_on__lt=period.first)
        .select_related("cell", "owner", "escalated_to")
        .order_by("due_on", "pk")
    )
    total = Figures()
    rows: list[Row] = []
    if cell is None:
        by_cell: dict[int, Row] = {}
        ordered: list[Cell] = []
        for _month, overview in months:
            for item in overview:
                row = by_cell.get(item.cell.pk)
                if row is None:
                    row = by_cell[item.cell.pk] = Row(
                        item.cell.name, Figures(members=item.cell.member_count)
                    )
                    ordered.append(item.cell)
                _count_month(row, item)
        ordered.sort(key=lambda c: (c.sort_order, c.code))
        for each in ordered:
            row = by_cell[each.pk]
            row.figures.count_tasks(
                [t for t in tasks if t.cell_id == each.pk], period.first, period.last, today
            )
            rows.append(row)
        cells = len(ordered)
        total.members = sum(c.member_count for c in ordered)
    else:
        for month, overview in months:
            row = Row(capfirst(month_label(month)), Figures(members=cell.member_count))
            for item in overview:
                _count_month(row, item)
            row.figures.count_tasks(tasks, month, month_end(month), today)
            rows.append(row)
        cells = 1
        total.members = cell.member_count
    for row in rows:
        total.add(row.figures)
    total.count_tasks(tasks, period.first, period.last, today)
    return Report(
        commune=commune,
        period=period,
        today=today,
        cell=cell,
        rows=rows,
        total=total,
        cells=cells,
        tasks=tasks,
    )


def _count_month(row: Row, item: CellMonth) -> None:
    row.figures.add_meetings(item.held)
    row.figures.flags.update(item.flags)
    if item.official is not None and item.official.full_name not in row.officials:
        row.officials.append(item.official.full_name)


# The document ----------------------------------------------------------------------------------


def _flag_text(flags: Counter[Flag]) -> str:
    parts = []
    for flag in Flag:
        count = flags.get(flag, 0)
        if count:
            parts.append(str(flag.label) if count == 1 else f"{flag.label} ({count})")
    return "; ".join(parts)


def _main_table(report: Report) -> Table:
    first = _("Month") if report.cell is not None else _("Party cell")
    columns = [
        Column(_("No."), 6, INTEGER, align="center"),
        Column(first, 22),
        Column(_("Members"), 9, INTEGER),
        Column(_("Regular meetings"), 9, INTEGER),
        Column(_("Thematic meetings"), 9, INTEGER),
        Column(_("Combined meetings"), 9, INTEGER),
        Column(_("Average length (minutes)"), 10, DECIMAL),
        Column(_("Members present"), 9, INTEGER),
        Column(_("Members absent"), 9, INTEGER),
        Column(_("Attendance"), 9, PERCENT),
        Column(_("Official in charge"), 18),
        Column(_("Meetings the official attended"), 10, INTEGER),
        Column(_("Flags"), 28),
        Column(_("Issues raised"), 8, INTEGER),
        Column(_("Resolved"), 8, INTEGER),
        Column(_("Open"), 8, INTEGER),
        Column(_("Overdue"), 8, INTEGER),
        Column(_("Escalated"), 9, INTEGER),
    ]

    def values(figures: Figures) -> list[object]:
        return [
            figures.members,
            figures.regular,
            figures.thematic,
            figures.combined,
            figures.average_minutes,
            figures.present,
            figures.absent,
            figures.attendance,
        ]

    def tasks(figures: Figures) -> list[object]:
        return [figures.raised, figures.resolved, figures.open, figures.overdue, figures.escalated]

    rows = []
    for number, row in enumerate(report.rows, start=1):
        figures = row.figures
        rows.append(
            [
                number,
                row.label,
                *values(figures),
                ", ".join(row.officials),
                figures.official_attended,
                _flag_text(figures.flags),
                *tasks(figures),
            ]
        )
    total = None
    if len(report.rows) > 1:
        figures = report.total
        total = [
            None,
            _("Total"),
            *values(figures),
            "",
            figures.official_attended,
            _flag_text(figures.flags),
            *tasks(figures),
        ]
    return Table(columns=columns, rows=rows, total=total)


def _summary(report: Report) -> list[Section]:
    total = report.total
    overview = [
        _(
            "%(cells)s cell(s); %(held)s meeting(s) held: %(regular)s regular, %(thematic)s "
            "thematic, %(combined)s combined; average length %(minutes)s minutes."
        )
        % {
            "cells": files.number(report.cells),
            "held": files.number(total.held),
            "regular": files.number(total.regular),
            "thematic": files.number(total.thematic),
            "combined": files.number(total.combined),
            "minutes": files.number(total.average_minutes, 1) or "–",
        },
        _("Members present: %(present)s; absent: %(absent)s; attendance %(rate)s.")
        % {
            "present": files.number(total.present),
            "absent": files.number(total.absent),
            "rate": files.percent(total.attendance) or "–",
        },
        _("The officials in charge attended %(attended)s of %(held)s meeting(s).")
        % {"attended": files.number(total.official_attended), "held": files.number(total.held)},
    ]
    flags = []
    for flag in Flag:
        where = [row.label for row in report.rows if row.figures.flags.get(flag)]
        if where:
            flags.append(f"- {flag.label}: {files.number(total.flags[flag])} ({', '.join(where)})")
    tasks = [
        _(
            "Raised in the period: %(raised)s; resolved: %(resolved)s; open on %(date)s: "
            "%(open)s, of which overdue: %(overdue)s; escalated to the Standing Committee: "
            "%(escalated)s."
        )
        % {
            "raised": files.number(total.raised),
            "resolved": files.number(total.resolved),
            "date": files.short_date(report.as_of),
            "open": files.number(total.open),
            "overdue": files.number(total.overdue),
            "escalated": files.number(total.escalated),
        }
    ]
    return [
        Section(_("Meetings"), overview),
        Section(_("Flags"), flags or [_("No flags.")]),
        Section(_("Issues and tasks"), tasks),
    ]


OVERDUE, OPEN, RESOLVED = 0, 1, 2


def _task_state(task: Task, day: datetime.date) -> int:
    if task.resolved_on and task.resolved_on <= day:
        return RESOLVED
    return OVERDUE if task.due_on < day else OPEN


def _task_table(report: Report) -> Table | None:
    if not report.tasks:
        return None
    day = report.as_of
    states = {OVERDUE: _("Overdue"), OPEN: _("Open"), RESOLVED: _("Resolved")}
    columns = [
        Column(_("No."), 6, INTEGER, align="center"),
        Column(_("Party cell"), 22),
        Column(_("Issue"), 48),
        Column(_("Responsible official"), 22),
        Column(_("Raised on"), 12, DATE),
        Column(_("Due"), 12, DATE),
        Column(_("Status"), 13),
        Column(_("Resolved on"), 12, DATE),
        Column(_("Escalated to"), 22),
    ]
    tasks = sorted(report.tasks, key=lambda t: (_task_state(t, day), t.due_on, t.pk))
    rows = []
    for number, task in enumerate(tasks, start=1):
        state = _task_state(task, day)
        escalated = task.escalated_to and task.escalated_on and task.escalated_on <= day
        rows.append(
            [
                number,
                task.cell.name,
                task.title,
                task.owner.full_name,
                task.raised_on,
                task.due_on,
                states[state],
                task.resolved_on if state == RESOLVED else None,
                task.escalated_to.full_name if escalated and task.escalated_to else "",
            ]
        )
    return Table(
        columns=columns,
        rows=rows,
        heading=_("Issues raised by the cells and their tasks"),
        sheet_title=_("Issues and tasks"),
    )


def title(period: Period) -> str:
    return (_("Report on party-cell activities in %(period)s") % {"period": period.label}).upper()


def report_document(report: Report) -> files.Document:
    commune = report.commune
    subtitle = [report.cell.name] if report.cell is not None else []
    blocks: list[Table | Section] = [_main_table(report)]
    tasks = _task_table(report)
    if tasks is not None:
        blocks.append(tasks)
    blocks += _summary(report)
    return files.Document(
        title=title(report.period),
        issuer=[
            Line((_("Party organisation of %(commune)s") % {"commune": commune.full_name}).upper()),
            Line(_("Party committee office").upper(), bold=True),
            Line("*"),
        ],
        national=[
            Line(_("Communist Party of Vietnam").upper(), bold=True, underline=True),
            Line(files.dated(commune.name, report.today), italic=True),
        ],
        subtitle=subtitle,
        blocks=blocks,
        recipients=[
            _("Recipients:"),
            "- " + _("The Standing Committee of the Party committee;"),
            "- " + _("The party cells;"),
            "- " + _("Filed at the Party committee office."),
        ],
        signature=[
            Line(_("On behalf of the Party committee").upper(), bold=True),
            Line(_("Party committee office").upper(), bold=True),
        ],
        sheet_title=capfirst(report.period.label),
        author=_("Party committee office"),
    )


def filename(period: Period, cell: Cell | None, fmt: str) -> str:
    """bao-cao-chi-bo-2026-11.xlsx, bao-cao-chi-bo-cb09-2026-q4.pdf."""
    parts = [FILENAME_STEM]
    if cell is not None:
        parts.append(slugify(cell.code) or str(cell.pk))
    parts.append(period.slug)
    return "-".join(parts) + "." + fmt
