"""Every change to campaign records: permission, rules, audit entry, one transaction each.

The pipeline: a household moves one step forward at a time (nobody hands over a site without a
signed commitment), or, before its site is handed over, to a side state (refused, a problem to
resolve), from which canvassing resumes. Every move carries a note. A move names the status the
user saw; the household's row is locked, so of two people moving it at once one wins and the
other is told, with nothing lost.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from xaso.communes.models import Official
from xaso.core.permissions import require_perm
from xaso.core.text import nfc

from .choices import BEFORE_HANDOVER, PIPELINE, SIDE, Status, SupportKind
from .models import Campaign, Household, Segment, StatusChange, Visit

MOVE_PERMISSION = "campaigns.move_household"
ALL_HOUSEHOLDS = "campaigns.view_all_households"
# A household enters a side state only before its site is handed over; it leaves one only to be
# canvassed again.
_RESUME = Status.MOBILISING


def allowed_moves(status: str) -> list[Status]:
    """Where a household in `status` may go next."""
    if status in SIDE:
        return [_RESUME, *(side for side in SIDE if side != status)]
    index = PIPELINE.index(Status(status))
    moves = [PIPELINE[index + 1]] if index + 1 < len(PIPELINE) else []
    if status in BEFORE_HANDOVER:
        moves += SIDE
    return moves


def official_for_user(user: Any) -> Official | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Official.objects.filter(user=user).first()


def may_work_on(user: Any | None, household: Household) -> bool:
    """The campaign lead works on every household; an official on those assigned to them."""
    if user is None:
        return True
    if not user.is_active:
        return False
    if user.has_perm(ALL_HOUSEHOLDS):
        from xaso.accounts.scoping import user_commune_ids

        ids = user_commune_ids(user)
        return ids is None or household.commune_id in ids
    official = official_for_user(user)
    return official is not None and household.official_id == official.pk


def _require_household(user: Any | None, household: Household, perm: str) -> None:
    require_perm(user, perm)
    if not may_work_on(user, household):
        raise PermissionDenied(_("This household is not assigned to you."))


def _clean_text(instance: Any, *names: str) -> None:
    for name in names:
        setattr(instance, name, nfc(getattr(instance, name) or "").strip())


@transaction.atomic
def campaign_save(*, user: Any | None = None, campaign: Campaign) -> Campaign:
    creating = campaign.pk is None
    require_perm(user, "campaigns.add_campaign" if creating else "campaigns.change_campaign")
    _clean_text(campaign, "name", "description", "contribution_note")
    campaign.full_clean()
    campaign.save()
    log(instance=campaign, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return campaign


def check_line(geometry: Any) -> None:
    """A GeoJSON LineString of at least two [longitude, latitude] points, or nothing."""
    if geometry in (None, "", {}):
        return
    message = _("The route must be a GeoJSON LineString of [longitude, latitude] points.")
    if not isinstance(geometry, dict) or geometry.get("type") != "LineString":
        raise ValidationError({"geometry": message})
    points = geometry.get("coordinates")
    if not isinstance(points, list) or len(points) < 2 or len(points) > 5000:
        raise ValidationError({"geometry": message})
    for point in points:
        if (
            not isinstance(point, list | tuple)
            or len(point) not in (2, 3)
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in point)
            or not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90)
        ):
            raise ValidationError({"geometry": message})


@transaction.atomic
def segment_save(*, user: Any | None = None, segment: Segment) -> Segment:
    creating = segment.pk is None
    require_perm(user, "campaigns.add_segment" if creating else "campaigns.change_segment")
    segment.commune_id = segment.campaign.commune_id
    _clean_text(segment, "code", "name")
    check_line(segment.geometry)
    if segment.geometry in ("", {}):
        segment.geometry = None
    segment.full_clean()
    segment.save()
    log(instance=segment, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return segment


def check_household(household: Household) -> None:
    """The rules a household's record follows, whoever writes it (a form, an import)."""
    errors: dict[str, str] = {}
    commune_id = household.campaign.commune_id
    if household.segment_id and household.segment.campaign_id != household.campaign_id:
        errors["segment"] = _("The segment belongs to another campaign.")
    if household.hamlet_id and household.hamlet.commune_id != commune_id:
        errors["hamlet"] = _("The hamlet belongs to another commune.")
    official, cell = household.official, household.cell
    if official is not None and official.commune_id != commune_id:
        errors["official"] = _("The official works for another commune.")
    if cell is not None and cell.commune_id != commune_id:
        errors["cell"] = _("The party cell belongs to another commune.")
    needed, donated = household.area_needed, household.area_donated
    if needed is not None and donated is not None and donated > needed * 2:
        errors["area_donated"] = _(
            "The area donated is more than twice the area asked for: check the figures."
        )
    if household.support_kind != SupportKind.CASH and household.support_amount:
        errors["support_amount"] = _("A cash amount is recorded only for cash support.")
    if (household.latitude is None) != (household.longitude is None):
        errors["latitude"] = _("Give both the latitude and the longitude, or neither.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def household_save(*, user: Any | None = None, household: Household) -> Household:
    """Create or edit a household's record (the campaign lead). Its status moves only through
    `household_move`."""
    creating = household.pk is None
    require_perm(user, "campaigns.add_household" if creating else "campaigns.change_household")
    if user is not None and not user.has_perm(ALL_HOUSEHOLDS):
        raise PermissionDenied(_("Only the campaign's lead edits households."))
    household.commune_id = household.campaign.commune_id
    _clean_text(
        household, "code", "head_name", "address", "phone", "parcel_ref", "other_structures"
    )
    if household.honour_consent and household.honour_consent_on is None:
        household.honour_consent_on = timezone.localdate()
    if not household.honour_consent:
        household.honour_consent_on = None
    if creating:
        household.status_changed_at = timezone.now()
    else:
        # The status is the pipeline's: a form or an import cannot set it.
        household.status = Household.objects.values_list("status", flat=True).get(pk=household.pk)
    check_household(household)
    household.full_clean()
    household.save()
    log(instance=household, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return household


@transaction.atomic
def household_move(
    *,
    user: Any | None = None,
    household: Household,
    to_status: str,
    note: str,
    expected_status: str | None = None,
    on_date: datetime.date | None = None,
) -> StatusChange:
    """Move a household one step along the pipeline (or to or from a side state), with a note.

    `expected_status` is the status the user saw; if someone moved the household since, the
    move is refused with a message saying so and nothing is written."""
    _require_household(user, household, MOVE_PERMISSION)
    locked = Household.objects.select_for_update().get(pk=household.pk)
    note = nfc(note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say in a note what happened.")})
    if expected_status is not None and locked.status != expected_status:
        raise ValidationError(
            {
                "to_status": _(
                    "Someone else has just moved this household to “%(status)s”. Look at "
                    "its history, then try again."
                )
                % {"status": locked.get_status_display()}
            }
        )
    try:
        target = Status(to_status)
    except ValueError:
        raise ValidationError({"to_status": _("Choose a status.")}) from None
    if target not in allowed_moves(locked.status):
        raise ValidationError(
            {
                "to_status": _("A household “%(current)s” cannot go to “%(target)s”.")
                % {"current": locked.get_status_display(), "target": target.label}
            }
        )
    today = timezone.localdate()
    on_date = on_date or today
    if on_date > today:
        raise ValidationError({"changed_on": _("The date cannot be in the future.")})
    change = StatusChange(
        commune_id=locked.commune_id,
        household=locked,
        from_status=locked.status,
        to_status=target,
        changed_on=on_date,
        note=note,
        changed_by=user,
    )
    change.full_clean()
    change.save()
    locked.status = target
    locked.status_changed_at = timezone.now()
    if target in (Status.HANDED_OVER,) and not locked.area_donated:
        locked.area_donated = locked.area_needed  # the strip asked for, unless measured
    locked.save(update_fields=["status", "status_changed_at", "area_donated", "updated_at"])
    household.status = locked.status
    household.status_changed_at = locked.status_changed_at
    household.area_donated = locked.area_donated
    log(
        instance=locked,
        action="campaigns.move",
        user=user,
        data={"status": {"from": change.from_status, "to": change.to_status}},
    )
    return change


@transaction.atomic
def visit_record(*, user: Any | None = None, visit: Visit) -> Visit:
    household = visit.household
    _require_household(user, household, MOVE_PERMISSION)
    visit.commune_id = household.commune_id
    visit.recorded_by = user
    _clean_text(visit, "people", "outcome")
    if visit.visited_on and visit.visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("The date cannot be in the future.")})
    visit.full_clean()
    visit.save()
    log(instance=household, action="campaigns.visit", user=user, data={"visit": visit.pk})
    return visit
