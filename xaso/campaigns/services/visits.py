"""Visits, meetings and calls with a household, one by one or as a loaded history of past
moves and visits."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.permissions import require_perm
from xaso.core.text import nfc

from ..choices import DONATED, Status
from ..models import Campaign, Household, StatusChange, Visit
from .common import (
    ALL_HOUSEHOLDS,
    MOVE_PERMISSION,
    audit_log,
    clean_text,
    require_household,
)
from .households import HouseholdsRefused, allowed_moves, household_move


@transaction.atomic
def visit_record(
    *,
    user: Any | None = None,
    visit: Visit,
    move_to: str | None = None,
    expected_status: str | None = None,
) -> Visit:
    """Record a visit, meeting or call; with `move_to`, the household also moves, the outcome
    being the move's note. Either both are written or neither."""
    household = visit.household
    require_household(user, household, MOVE_PERMISSION)
    require_perm(user, "campaigns.add_visit")
    visit.commune_id = household.commune_id
    visit.recorded_by = user
    clean_text(visit, "people", "outcome")
    if visit.visited_on and visit.visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("The date cannot be in the future.")})
    visit.full_clean(exclude=["household", "commune", "recorded_by"])
    visit.save()
    audit_log(household, "campaigns.visit", user, visit=visit.pk)
    if move_to:
        household_move(
            user=user,
            household=household,
            to_status=move_to,
            note=visit.outcome,
            expected_status=expected_status,
            on_date=visit.visited_on,
        )
    return visit


@dataclass
class Step:
    """A past move of a household: where to, on what day, why."""

    to_status: str
    on_date: datetime.date
    note: str


@transaction.atomic
def households_history_load(
    *,
    user: Any | None = None,
    campaign: Campaign,
    history: Sequence[tuple[Household, Sequence[Step], Sequence[Visit]]],
) -> None:
    """Record, in bulk, how households already recorded got where they are: their past moves
    and visits (a campaign brought in from paper, or the demo).

    Each household's steps are checked against the pipeline from where it stands, in order, on
    days not in the future and not going back, each with a note, exactly as `household_move`
    would; one problem and nothing is written (`HouseholdsRefused`). The households are locked,
    the moves and visits inserted in a few statements, one audit entry per household."""
    require_perm(user, MOVE_PERMISSION)
    require_perm(user, "campaigns.add_visit")
    if user is not None and not user.has_perm(ALL_HOUSEHOLDS):
        raise PermissionDenied(_("Only the campaign's lead edits households."))
    today = timezone.localdate()
    ids = [household.pk for household, _steps, _visits in history]
    locked = Household.objects.select_for_update().filter(campaign=campaign).in_bulk(ids)
    refused: dict[int, ValidationError] = {}
    changes: list[StatusChange] = []
    visits: list[Visit] = []
    moved: list[Household] = []
    for index, (household, steps, household_visits) in enumerate(history):
        current = locked.get(household.pk)
        if current is None:
            refused[index] = ValidationError(_("This household is not one of the campaign's."))
            continue
        status, last = current.status, None
        problems: list[str] = []
        for step in steps:
            note = nfc(step.note or "").strip()
            if not note:
                problems.append(_("Say in a note what happened."))
            if step.on_date > today or (last is not None and step.on_date < last):
                problems.append(_("The date cannot be in the future."))
            if step.to_status not in allowed_moves(status):
                problems.append(
                    _("A household “%(current)s” cannot go to “%(target)s”.")
                    % {"current": Status(status).label, "target": Status(step.to_status).label}
                )
            changes.append(
                StatusChange(
                    commune_id=current.commune_id,
                    household=current,
                    from_status=status,
                    to_status=step.to_status,
                    changed_on=step.on_date,
                    note=note,
                    changed_by=user,
                )
            )
            status, last = step.to_status, step.on_date
        for visit in household_visits:
            visit.household = current
            visit.commune_id = current.commune_id
            visit.recorded_by = user
            clean_text(visit, "people", "outcome")
            if visit.visited_on > today:
                problems.append(_("The date cannot be in the future."))
            try:
                visit.full_clean(exclude=["household", "commune", "recorded_by"])
            except ValidationError as error:
                problems.extend(error.messages)
            visits.append(visit)
        if problems:
            refused[index] = ValidationError(problems)
            continue
        if steps:
            current.status = status
            assert last is not None
            current.status_changed_at = (
                timezone.now()
                if last == today
                else timezone.make_aware(datetime.datetime.combine(last, datetime.time(12)))
            )
            if status in DONATED and not current.area_donated:
                current.area_donated = current.area_needed
            moved.append(current)
    if refused:
        raise HouseholdsRefused(refused)
    StatusChange.objects.bulk_create(changes, batch_size=500)
    Visit.objects.bulk_create(visits, batch_size=500)
    Household.objects.bulk_update(
        moved, ["status", "status_changed_at", "area_donated"], batch_size=500
    )
    for household in moved:
        audit_log(household, "campaigns.move", user, status={"to": household.status}, history=True)
