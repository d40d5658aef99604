"""Every change to party-cell records: permission, rules, audit entry, one transaction each.

Limits (cells per official, cells per supervisor) are the commune's `PartySettings`, checked
with the official's row locked, so two people assigning at once cannot together break one.
Meeting rules are not enforced here: meetings are facts; `selectors` flags them.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from xaso.communes.access import require_commune, require_own
from xaso.communes.models import Commune, Official
from xaso.core.calendar import quarter_start
from xaso.core.permissions import require_perm
from xaso.core.text import nfc

from .choices import AssignmentRole, TaskStatus
from .models import (
    Assignment,
    Cell,
    CrossCheck,
    CrossCheckPlan,
    Meeting,
    PartySettings,
    Task,
)

ONE_DAY = datetime.timedelta(days=1)


def party_settings(commune: Commune) -> PartySettings:
    """The commune's rules: as saved, else the defaults (unsaved: reading them writes nothing)."""
    return PartySettings.objects.filter(commune=commune).first() or PartySettings(commune=commune)


def party_settings_ensure(commune: Commune) -> PartySettings:
    """The commune's rules as a row, the defaults saved the first time (for the rules' screen
    of those who may change them)."""
    found, _created = PartySettings.objects.get_or_create(commune=commune)
    return found


@transaction.atomic
def party_settings_save(*, user: Any | None = None, settings: PartySettings) -> PartySettings:
    """The commune's rules (limits and meeting lengths), by its party committee office."""
    creating = settings.pk is None
    require_perm(user, "party.add_partysettings" if creating else "party.change_partysettings")
    require_own(user, settings)
    settings.full_clean()
    settings.save()
    log(instance=settings, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return settings


def active_on(day: datetime.date) -> Q:
    """Assignments (or anything with valid_from/valid_to) in force on `day`."""
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def _clean_text(instance: Any, *names: str) -> None:
    for name in names:
        setattr(instance, name, nfc(getattr(instance, name) or ""))


@transaction.atomic
def cell_save(*, user: Any | None = None, cell: Cell) -> Cell:
    creating = cell.pk is None
    require_perm(user, "party.add_cell" if creating else "party.change_cell")
    require_own(user, cell)
    _clean_text(cell, "code", "name", "secretary_name", "secretary_phone")
    if cell.hamlet is not None and cell.hamlet.commune_id != cell.commune_id:
        raise ValidationError({"hamlet": _("The hamlet belongs to another commune.")})
    cell.full_clean()
    cell.save()
    log(instance=cell, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return cell


def _limit(settings: PartySettings, role: str) -> int:
    if role == AssignmentRole.IN_CHARGE:
        return settings.max_cells_per_official
    return settings.max_cells_per_supervisor


@transaction.atomic
def assignment_start(
    *,
    user: Any | None = None,
    cell: Cell,
    official: Official,
    role: str,
    valid_from: datetime.date,
    note: str = "",
) -> Assignment:
    """Put `official` in charge of (or supervising) `cell` from `valid_from`. The cell's
    previous holder of that role is relieved the day before; their record stays."""
    require_perm(user, "party.add_assignment")
    require_commune(user, cell.commune_id)
    if official.commune_id != cell.commune_id:
        raise ValidationError({"official": _("The official works for another commune.")})
    if not cell.active_on(valid_from):
        raise ValidationError({"cell": _("The cell is not active on that date.")})
    # Lock the official (and so serialise everyone assigning them) before counting.
    Official.objects.select_for_update().get(pk=official.pk)
    limit = _limit(party_settings(cell.commune), role)
    held = (
        Assignment.objects.filter(official=official, role=role)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
        .exclude(cell=cell)
        .count()
    )
    if held >= limit:
        message = (
            _("%(name)s is already in charge of %(count)s cell(s); the commune allows %(limit)s.")
            if role == AssignmentRole.IN_CHARGE
            else _("%(name)s already supervises %(count)s cell(s); the commune allows %(limit)s.")
        )
        raise ValidationError(
            {"official": message % {"name": official.full_name, "count": held, "limit": limit}},
            code="limit",
        )
    for current in (
        Assignment.objects.select_for_update()
        .filter(cell=cell, role=role)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    ):
        if current.valid_from >= valid_from:
            raise ValidationError(
                {
                    "valid_from": _(
                        "%(name)s already holds this role for the cell from %(date)s; "
                        "end or change that assignment instead."
                    )
                    % {
                        "name": current.official.full_name,
                        "date": current.valid_from.strftime("%d/%m/%Y"),
                    }
                }
            )
        current.valid_to = valid_from - ONE_DAY
        current.full_clean()
        current.save(update_fields=["valid_to"])
        log(instance=current, action="wagtail.edit", user=user)
    assignment = Assignment(
        commune=cell.commune,
        official=official,
        cell=cell,
        role=role,
        valid_from=valid_from,
        note=nfc(note),
    )
    assignment.full_clean()
    assignment.save()
    log(instance=assignment, action="wagtail.create", user=user)
    return assignment


@transaction.atomic
def assignment_end(
    *, user: Any | None = None, assignment: Assignment, valid_to: datetime.date
) -> Assignment:
    require_perm(user, "party.change_assignment")
    require_commune(user, assignment.cell.commune_id)
    if valid_to < assignment.valid_from:
        raise ValidationError({"valid_to": _("The end comes before the start.")})
    assignment.valid_to = valid_to
    assignment.full_clean()
    assignment.save(update_fields=["valid_to"])
    log(instance=assignment, action="wagtail.edit", user=user)
    return assignment


def uncovered_cells(commune: Commune, day: datetime.date) -> dict[str, list[Cell]]:
    """Active cells with no official in charge, and with no supervisor, on `day`."""
    cells = [c for c in Cell.objects.filter(commune=commune) if c.active_on(day)]
    result: dict[str, list[Cell]] = {}
    for role in AssignmentRole:
        covered = set(
            Assignment.objects.filter(commune=commune, role=role)
            .filter(active_on(day))
            .values_list("cell_id", flat=True)
        )
        result[role] = [cell for cell in cells if cell.pk not in covered]
    return result


# Cross-checks --------------------------------------------------------------------------------


def _previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def rotation(
    officials: list[int],
    cells: list[int],
    own: dict[int, int],
    last: dict[int, int],
    seed: int = 0,
) -> dict[int, int]:
    """Each official → a cell that is neither their own nor the one they checked last quarter,
    every cell checked as evenly as possible (loads differ by at most one).

    A matching between officials and cell "slots" (each cell copied ⌈officials/cells⌉ times)
    found by augmenting paths, slots taken copy by copy: the matchable slot sets form a
    matroid, so taking first copies first fills every cell's first slot before any second one.
    Raises ValueError when no such rotation exists (too few cells).
    """
    if not officials:
        return {}
    if not cells:
        raise ValueError("no cells")
    rng = random.Random(seed)  # noqa: S311 — a reproducible shuffle, not a secret
    officials = officials[:]
    cells = cells[:]
    rng.shuffle(officials)
    rng.shuffle(cells)
    copies = -(-len(officials) // len(cells))
    slots = [cell for _copy in range(copies) for cell in cells]

    def allowed(official: int, cell: int) -> bool:
        return cell != own.get(official) and cell != last.get(official)

    official_of_slot: dict[int, int] = {}
    slot_of_official: dict[int, int] = {}

    def augment(slot: int, seen: set[int]) -> bool:
        for official in officials:
            if official in seen or not allowed(official, slots[slot]):
                continue
            seen.add(official)
            other = slot_of_official.get(official)
            if other is None or augment(other, seen):
                official_of_slot[slot] = official
                slot_of_official[official] = slot
                return True
        return False

    for slot in range(len(slots)):
        augment(slot, set())
    if len(slot_of_official) < len(officials):
        raise ValueError("no rotation")
    return {official: slots[slot] for official, slot in slot_of_official.items()}


@transaction.atomic
def cross_check_plan_generate(
    *, user: Any | None = None, commune: Commune, year: int, quarter: int
) -> CrossCheckPlan:
    """The quarter's rotation over the officials in charge of a cell at its start."""
    require_perm(user, "party.add_crosscheckplan")
    require_commune(user, commune.pk)
    if CrossCheckPlan.objects.filter(commune=commune, year=year, quarter=quarter).exists():
        raise ValidationError(
            _("Quarter %(quarter)s/%(year)s already has a plan; edit it instead.")
            % {"quarter": quarter, "year": year}
        )
    start = quarter_start(year, quarter)
    in_charge = (
        Assignment.objects.filter(commune=commune, role=AssignmentRole.IN_CHARGE)
        .filter(active_on(start))
        .values_list("official_id", "cell_id")
    )
    own = dict(in_charge)
    cells = [c.pk for c in Cell.objects.filter(commune=commune) if c.active_on(start)]
    last_year, last_quarter = _previous_quarter(year, quarter)
    previous = CrossCheckPlan.objects.filter(
        commune=commune, year=last_year, quarter=last_quarter
    ).first()
    last = dict(previous.checks.values_list("official_id", "cell_id")) if previous else {}
    try:
        chosen = rotation(sorted(own), cells, own, last, seed=year * 10 + quarter)
    except ValueError:
        raise ValidationError(
            _(
                "No rotation is possible: every official needs a cell other than their own "
                "and other than the one they checked last quarter."
            )
        ) from None
    plan = CrossCheckPlan.objects.create(commune=commune, year=year, quarter=quarter)
    CrossCheck.objects.bulk_create(
        CrossCheck(plan=plan, official_id=official, cell_id=cell)
        for official, cell in sorted(chosen.items())
    )
    log(instance=plan, action="wagtail.create", user=user)
    return plan


@transaction.atomic
def cross_check_save(*, user: Any | None = None, check: CrossCheck) -> CrossCheck:
    """An edit of the rotation (another cell) or the check's result."""
    require_perm(user, "party.change_crosscheck")
    require_commune(user, check.plan.commune_id)
    own = (
        Assignment.objects.filter(official=check.official, role=AssignmentRole.IN_CHARGE)
        .filter(active_on(quarter_start(check.plan.year, check.plan.quarter)))
        .values_list("cell_id", flat=True)
    )
    if check.cell_id in set(own):
        raise ValidationError({"cell": _("An official does not check their own cell.")})
    _clean_text(check, "findings", "follow_up")
    check.full_clean()
    check.save()
    log(instance=check, action="wagtail.edit", user=user)
    return check


# Meetings and tasks ----------------------------------------------------------------------------


@transaction.atomic
def meeting_save(*, user: Any | None = None, meeting: Meeting) -> Meeting:
    creating = meeting.pk is None
    require_perm(user, "party.add_meeting" if creating else "party.change_meeting")
    meeting.commune_id = meeting.cell.commune_id
    require_own(user, meeting)
    meeting.month = meeting.month.replace(day=1)
    _clean_text(meeting, "absence_reasons", "topics", "issues_raised", "conclusion")
    errors = {}
    if meeting.held_on and meeting.held_on.replace(day=1) != meeting.month:
        errors["held_on"] = _("The date is not in the meeting's month.")
    counted = (meeting.present_count or 0) + (meeting.absent_count or 0)
    if counted > meeting.cell.member_count:
        errors["absent_count"] = _(
            "Present and absent add up to %(counted)s, more than the cell's %(members)s members."
        ) % {"counted": counted, "members": meeting.cell.member_count}
    if errors:
        raise ValidationError(errors)
    meeting.full_clean()
    meeting.save()
    log(instance=meeting, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return meeting


@transaction.atomic
def task_save(*, user: Any | None = None, task: Task) -> Task:
    creating = task.pk is None
    require_perm(user, "party.add_task" if creating else "party.change_task")
    task.commune_id = task.cell.commune_id
    require_own(user, task)
    if task.raised_on is None:
        task.raised_on = task.meeting.held_on if task.meeting and task.meeting.held_on else None
    if task.raised_on is None:
        raise ValidationError({"raised_on": _("Give the date the issue was raised.")})
    if task.due_on < task.raised_on:
        raise ValidationError({"due_on": _("The due date is before the issue was raised.")})
    if task.owner.commune_id != task.commune_id:
        raise ValidationError({"owner": _("The official works for another commune.")})
    if task.meeting is not None and task.meeting.cell_id != task.cell_id:
        raise ValidationError({"meeting": _("The meeting is another cell's.")})
    _clean_text(task, "title", "details", "resolution")
    if task.status == TaskStatus.RESOLVED and task.resolved_on is None:
        raise ValidationError({"resolved_on": _("Give the date it was resolved.")})
    task.full_clean()
    task.save()
    log(instance=task, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return task


def official_for_user(user: Any) -> Official | None:
    if user is None or not user.is_authenticated:
        return None
    return Official.objects.filter(user=user).first()


@transaction.atomic
def task_resolve(
    *,
    user: Any | None = None,
    task: Task,
    resolution: str,
    resolved_on: datetime.date,
    reported_to_cell_on: datetime.date | None = None,
) -> Task:
    """The responsible official (or the party committee office) records how it was resolved."""
    if user is not None and not user.has_perm("party.change_task"):
        own = official_for_user(user)
        if own is None or own.pk != task.owner_id:
            require_perm(user, "party.change_task")
    require_commune(user, task.commune_id)
    if not resolution.strip():
        raise ValidationError({"resolution": _("Say how the issue was resolved.")})
    if resolved_on < task.raised_on:
        raise ValidationError({"resolved_on": _("The date is before the issue was raised.")})
    task.status = TaskStatus.RESOLVED
    task.resolution = nfc(resolution.strip())
    task.resolved_on = resolved_on
    task.reported_to_cell_on = reported_to_cell_on
    task.full_clean()
    # Only these: the row may have been escalated since this copy was read.
    task.save(update_fields=["status", "resolution", "resolved_on", "reported_to_cell_on"])
    log(instance=task, action="wagtail.edit", user=user)
    return task


def supervisor_of(cell: Cell, day: datetime.date) -> Official | None:
    assignment = (
        Assignment.objects.filter(cell=cell, role=AssignmentRole.SUPERVISOR)
        .filter(active_on(day))
        .select_related("official")
        .first()
    )
    return assignment.official if assignment else None


def tasks_escalate(*, today: datetime.date, communes: Iterable[Commune] | None = None) -> int:
    """Hand every overdue task not yet escalated to the Standing Committee member supervising
    its cell, and tell them by e-mail; the number escalated. Run by the scheduler daily."""
    tasks = Task.objects.filter(due_on__lt=today, escalated_to__isnull=True).exclude(
        status=TaskStatus.RESOLVED
    )
    if communes is not None:
        tasks = tasks.filter(commune__in=list(communes))
    count = 0
    for task in tasks.select_related("cell", "owner"):
        supervisor = supervisor_of(task.cell, today)
        if supervisor is None:
            continue
        with transaction.atomic():
            task.escalated_to = supervisor
            task.escalated_on = today
            task.save(update_fields=["escalated_to", "escalated_on"])
            log(instance=task, action="party.escalate", user=None)
        address = supervisor.user.email if supervisor.user is not None else supervisor.email
        if address:
            send_mail(
                _("Overdue task of %(cell)s: %(title)s") % {"cell": task.cell, "title": task.title},
                _(
                    "The task “%(title)s” of %(cell)s, owned by %(owner)s, was due on %(due)s "
                    "and is not resolved. It has been escalated to you."
                )
                % {
                    "title": task.title,
                    "cell": task.cell,
                    "owner": task.owner.full_name,
                    "due": task.due_on.strftime("%d/%m/%Y"),
                },
                None,
                [address],
                fail_silently=True,
            )
        count += 1
    return count
