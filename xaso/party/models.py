"""Party-cell coordination: cells, who is in charge of and who supervises them, their meetings,
the issues they raise and the cross-checks between officials' areas.

Internal only. No Party member's personal data is kept: members are counted, never listed;
attendance is counts and reasons without names; the only people named are commune officials (a
public role) and each cell's secretary (a public role). Member records live in the national
e-handbook (Sổ tay đảng viên điện tử).
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import AssignmentRole, CellKind, MeetingKind, MeetingQuality, TaskStatus


class PartySettings(models.Model):
    """The commune's rules, enforced by `services` (limits) or shown as flags (meetings)."""

    commune = models.OneToOneField(
        "communes.Commune",
        on_delete=models.CASCADE,
        related_name="party_settings",
        verbose_name=_("commune"),
    )
    max_cells_per_official = models.PositiveSmallIntegerField(
        _("cells an official may be in charge of at a time"), default=1
    )
    max_cells_per_supervisor = models.PositiveSmallIntegerField(
        _("cells a Standing Committee member may supervise"), default=5
    )
    min_minutes = models.PositiveSmallIntegerField(_("minimum length of a meeting"), default=90)
    min_minutes_combined = models.PositiveSmallIntegerField(
        _("minimum length of a combined meeting"), default=120
    )

    class Meta:
        verbose_name = _("party-cell rules")
        verbose_name_plural = _("party-cell rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_cells_per_official__gte=1) & Q(max_cells_per_supervisor__gte=1),
                name="party_settings_limits_positive",
            )
        ]

    def __str__(self) -> str:
        return str(self.commune)


class Cell(models.Model):
    """A Party cell (chi bộ) of the commune's Party organisation."""

    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.CASCADE,
        related_name="cells",
        verbose_name=_("commune"),
    )
    code = models.CharField(_("cell code"), max_length=20)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=CellKind.choices)
    hamlet = models.ForeignKey(
        "communes.Hamlet",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cells",
        verbose_name=_("hamlet"),
    )
    member_count = models.PositiveSmallIntegerField(
        _("number of members"), help_text=_("A count only: members are listed in the e-handbook.")
    )
    secretary_name = models.CharField(_("secretary"), max_length=120, blank=True)
    secretary_phone = models.CharField(_("secretary's phone"), max_length=20, blank=True)
    active_from = models.DateField(_("active from"))
    active_to = models.DateField(_("active until"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("party cell")
        verbose_name_plural = _("party cells")
        ordering = ["commune", "sort_order", "code"]
        permissions = [("view_all_cells", _("Can see every cell of the commune"))]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="party_cell_unique_code"),
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_to__gte=F("active_from")),
                name="party_cell_period",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def active_on(self, day: datetime.date) -> bool:
        return self.active_from <= day and (self.active_to is None or day <= self.active_to)


class Assignment(models.Model):
    """An official in charge of a cell, or a Standing Committee member supervising it, for a
    period. Changing an assignment ends it and starts another: history is kept."""

    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.CASCADE,
        related_name="party_assignments",
        verbose_name=_("commune"),
    )
    official = models.ForeignKey(
        "communes.Official",
        on_delete=models.PROTECT,
        related_name="party_assignments",
        verbose_name=_("official"),
    )
    cell = models.ForeignKey(
        Cell, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("party cell")
    )
    role = models.CharField(_("role"), max_length=12, choices=AssignmentRole.choices)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["cell", "role", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="party_assignment_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.official.full_name} – {self.cell} ({self.get_role_display()})"


class CrossCheckPlan(models.Model):
    """Kiểm tra chéo for one quarter: each official checks a cell other than their own."""

    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.CASCADE,
        related_name="cross_check_plans",
        verbose_name=_("commune"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cross-check plan")
        verbose_name_plural = _("cross-check plans")
        ordering = ["commune", "-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "quarter"], name="party_one_plan_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="party_plan_quarter"
            ),
        ]

    def __str__(self) -> str:
        return _("Quarter %(quarter)s/%(year)s") % {"quarter": self.quarter, "year": self.year}


class CrossCheck(models.Model):
    commune_lookup = "plan__commune"

    plan = models.ForeignKey(
        CrossCheckPlan, on_delete=models.CASCADE, related_name="checks", verbose_name=_("plan")
    )
    official = models.ForeignKey(
        "communes.Official",
        on_delete=models.PROTECT,
        related_name="cross_checks",
        verbose_name=_("checking official"),
    )
    cell = models.ForeignKey(
        Cell, on_delete=models.PROTECT, related_name="cross_checks", verbose_name=_("cell checked")
    )
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)

    class Meta:
        verbose_name = _("cross-check")
        verbose_name_plural = _("cross-checks")
        ordering = ["plan", "official__sort_order", "official__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "official"], name="party_one_check_each"),
        ]

    def __str__(self) -> str:
        return f"{self.official.full_name} → {self.cell}"


class Meeting(models.Model):
    """A cell's meeting in a month: counts and summaries, never members' names."""

    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.CASCADE,
        related_name="party_meetings",
        verbose_name=_("commune"),
    )
    cell = models.ForeignKey(
        Cell, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("party cell")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    kind = models.CharField(_("kind"), max_length=10, choices=MeetingKind.choices)
    planned_on = models.DateField(_("planned for"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    starts_at = models.TimeField(_("started at"), null=True, blank=True)
    ends_at = models.TimeField(_("ended at"), null=True, blank=True)
    present_count = models.PositiveSmallIntegerField(_("members present"), null=True, blank=True)
    absent_count = models.PositiveSmallIntegerField(_("members absent"), null=True, blank=True)
    absence_reasons = models.TextField(
        _("reasons for absence"), blank=True, help_text=_("Reasons only, without names.")
    )
    official_attended = models.BooleanField(_("official in charge attended"), null=True, blank=True)
    topics = models.TextField(_("topics"), blank=True)
    issues_raised = models.TextField(_("issues raised"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    quality = models.CharField(
        _("self-assessed quality"), max_length=10, choices=MeetingQuality.choices, blank=True
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-month", "cell__sort_order", "cell__code"]
        constraints = [
            models.CheckConstraint(condition=Q(month__day=1), name="party_meeting_month_start"),
            models.CheckConstraint(
                condition=Q(held_on__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(ends_at__gt=F("starts_at")),
                name="party_meeting_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cell} – {self.get_kind_display()} {self.month:%m/%Y}"

    @property
    def minutes(self) -> int | None:
        if self.starts_at is None or self.ends_at is None:
            return None
        start = datetime.datetime.combine(datetime.date.min, self.starts_at)
        end = datetime.datetime.combine(datetime.date.min, self.ends_at)
        return int((end - start).total_seconds() // 60)


class Task(models.Model):
    """A pressing issue raised by a cell (vấn đề bức xúc, nổi cộm), made someone's task."""

    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.CASCADE,
        related_name="party_tasks",
        verbose_name=_("commune"),
    )
    cell = models.ForeignKey(
        Cell, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("party cell")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("raised at"),
    )
    title = models.CharField(_("issue"), max_length=250)
    raised_on = models.DateField(_("raised on"))
    details = models.TextField(_("details"), blank=True)
    owner = models.ForeignKey(
        "communes.Official",
        on_delete=models.PROTECT,
        related_name="party_tasks",
        verbose_name=_("responsible official"),
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    reported_to_cell_on = models.DateField(_("reported back to the cell on"), null=True, blank=True)
    escalated_to = models.ForeignKey(
        "communes.Official",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="party_escalations",
        verbose_name=_("escalated to"),
    )
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("party-cell task")
        verbose_name_plural = _("party-cell tasks")
        ordering = ["status", "due_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=TaskStatus.RESOLVED) | Q(resolved_on__isnull=False),
                name="party_task_resolved_has_date",
            ),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("raised_on")),
                name="party_task_resolved_after_raised",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("raised_on")), name="party_task_due_after_raised"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status != TaskStatus.RESOLVED and self.due_on < today
