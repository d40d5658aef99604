"""Every change to campaign records: permission, rules, audit entry, one transaction each.

The pipeline: a household moves one step forward at a time (nobody hands over a site without a
signed commitment), or, before its site is handed over, to a side state (refused, a problem to
resolve), from which canvassing resumes. Every move carries a note. A move names the status the
user saw; the household's row is locked, so of two people moving it at once one wins and the
other is told, with nothing lost.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from xaso.accounts.audit import COMMUNE_KEY
from xaso.communes.models import Official
from xaso.core.permissions import require_perm
from xaso.core.text import nfc

from .choices import BEFORE_HANDOVER, DONATED, PIPELINE, SIDE, Status, SupportKind
from .models import Campaign, Household, Segment, StatusChange, Visit

MOVE_PERMISSION = "campaigns.move_household"
ALL_HOUSEHOLDS = "campaigns.view_all_households"
# A household enters a side state only before its site is handed over; it leaves one only to be
# canvassed again.
_RESUME = Status.MOBILISING


def _log(instance: Any, action: str, user: Any | None, **data: Any) -> None:
    """An audit entry, stamped with the record's commune (known here, not looked up)."""
    log(
        instance=instance,
        action=action,
        user=user,
        data={COMMUNE_KEY: instance.commune_id, **data},
    )


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
    _log(campaign, "wagtail.create" if creating else "wagtail.edit", user)
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
    _log(segment, "wagtail.create" if creating else "wagtail.edit", user)
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
    _log(household, "wagtail.create" if creating else "wagtail.edit", user)
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
    # The household, commune and user come from the locked row and the request.
    change.full_clean(exclude=["household", "commune", "changed_by"])
    change.save()
    locked.status = target
    # A move recorded later than it happened counts from its day (for "stuck" households).
    locked.status_changed_at = (
        timezone.now()
        if on_date >= today
        else timezone.make_aware(datetime.datetime.combine(on_date, datetime.time(12)))
    )
    if target in (Status.HANDED_OVER,) and not locked.area_donated:
        locked.area_donated = locked.area_needed  # the strip asked for, unless measured
    locked.save(update_fields=["status", "status_changed_at", "area_donated", "updated_at"])
    household.status = locked.status
    household.status_changed_at = locked.status_changed_at
    household.area_donated = locked.area_donated
    _log(
        locked, "campaigns.move", user, status={"from": change.from_status, "to": change.to_status}
    )
    return change


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
    _require_household(user, household, MOVE_PERMISSION)
    require_perm(user, "campaigns.add_visit")
    visit.commune_id = household.commune_id
    visit.recorded_by = user
    _clean_text(visit, "people", "outcome")
    if visit.visited_on and visit.visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("The date cannot be in the future.")})
    visit.full_clean(exclude=["household", "commune", "recorded_by"])
    visit.save()
    _log(household, "campaigns.visit", user, visit=visit.pk)
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


class HouseholdsRefused(ValidationError):
    """Households of a batch that break the rules: `refused` maps the position of each in the
    batch to its errors. Nothing of the batch is written."""

    def __init__(self, refused: dict[int, ValidationError]) -> None:
        super().__init__([refused[index] for index in sorted(refused)])
        self.refused = refused


# What an import never writes on a household already recorded: its keys and its pipeline.
_IMPORT_FIXED = {"id", "campaign", "commune", "code", "status", "status_changed_at", "created_at"}


@transaction.atomic
def households_import(
    *,
    user: Any | None = None,
    campaign: Campaign,
    rows: Sequence[tuple[Household, Collection[str]]],
) -> tuple[int, int]:
    """Create and update many households of one campaign at once (an import from a workbook).

    The permissions, rules and audit of `household_save`, at the scale of a file: every
    household is checked (text in NFC, `check_household`, `full_clean`, its code unique in the
    campaign) before anything is written; then the new ones are inserted and the others updated
    in a few statements, with one audit entry each, all sharing the import's log uuid. `rows`
    pairs each household with the fields to write: a new one (no pk) is written whole, with
    the pipeline's first status; a recorded one only in the fields named, never its code or its
    status. Returns the numbers created and updated; raises `HouseholdsRefused` (nothing
    written) when any household breaks a rule. One query per kind of record read, whatever the
    number of households: `household_save` per row would take a minute for a few thousand."""
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from wagtail.log_actions import get_active_log_context, registry

    from xaso.accounts.scoping import user_commune_ids
    from xaso.communes.models import Hamlet
    from xaso.party.models import Cell

    new = [household for household, _fields in rows if household.pk is None]
    old = [(household, fields) for household, fields in rows if household.pk is not None]
    if new:
        require_perm(user, "campaigns.add_household")
    if old:
        require_perm(user, "campaigns.change_household")
    if user is not None:
        if not user.has_perm(ALL_HOUSEHOLDS):
            raise PermissionDenied(_("Only the campaign's lead edits households."))
        ids = user_commune_ids(user)
        if ids is not None and campaign.commune_id not in ids:
            raise PermissionDenied(_("You do not have permission to do this."))
    commune_id = campaign.commune_id
    known: dict[str, tuple[dict[Any, Any], str]] = {
        "segment": (campaign.segments.in_bulk(), _("The segment belongs to another campaign.")),
        "hamlet": (
            Hamlet.objects.filter(commune_id=commune_id).in_bulk(),
            _("The hamlet belongs to another commune."),
        ),
        "official": (
            Official.objects.filter(commune_id=commune_id).in_bulk(),
            _("The official works for another commune."),
        ),
        "cell": (
            Cell.objects.filter(commune_id=commune_id).in_bulk(),
            _("The party cell belongs to another commune."),
        ),
    }
    recorded = set(
        Household.objects.select_for_update()
        .filter(campaign=campaign, pk__in=[household.pk for household, _fields in old])
        .values_list("pk", flat=True)
    )
    now = timezone.now()
    refused: dict[int, ValidationError] = {}
    for index, (household, _fields) in enumerate(rows):
        errors: dict[str, list[str]] = {}
        household.campaign = campaign
        household.commune_id = commune_id
        _clean_text(
            household, "code", "head_name", "address", "phone", "parcel_ref", "other_structures"
        )
        if household.honour_consent and household.honour_consent_on is None:
            household.honour_consent_on = timezone.localdate()
        if not household.honour_consent:
            household.honour_consent_on = None
        if household.pk is None:
            household.status = Status.NOT_CONTACTED
            household.status_changed_at = now
        elif household.pk not in recorded:
            errors["code"] = [_("This household is not one of the campaign's.")]
        for name, (objects, message) in known.items():
            pk = getattr(household, f"{name}_id")
            if pk is not None and pk in objects:
                setattr(household, name, objects[pk])  # no query in the checks
            elif pk is not None:
                errors.setdefault(name, []).append(message)
        if not errors:
            # Each value on its own first; the rules between values only once each is valid.
            try:
                household.full_clean(
                    exclude=["campaign", "commune", *known],
                    validate_unique=False,
                    validate_constraints=False,
                )
                check_household(household)
            except ValidationError as error:
                errors = error.message_dict
        if errors:
            refused[index] = ValidationError(errors)
    codes: dict[str, int] = {}
    for index, (household, _fields) in enumerate(rows):
        if household.code in codes:
            message = _("The household code “%(code)s” is given twice.") % {"code": household.code}
            refused.setdefault(index, ValidationError({"code": [message]}))
        codes.setdefault(household.code, index)
    recorded_codes = Household.objects.filter(campaign=campaign).values_list("code", flat=True)
    for code in set(recorded_codes) & {household.code for household in new}:
        message = _("Another household of the campaign has the code “%(code)s”.") % {"code": code}
        refused.setdefault(codes[code], ValidationError({"code": [message]}))
    if refused:
        raise HouseholdsRefused(refused)

    Household.objects.bulk_create(new, batch_size=500)
    writable = {f.name for f in Household._meta.concrete_fields} - _IMPORT_FIXED
    fields = {name for _household, names in old for name in names if name in writable}
    if "honour_consent" in fields:
        fields.add("honour_consent_on")
    changed = [household for household, names in old if set(names) & writable]
    for household in changed:
        household.updated_at = now
    if changed:
        Household.objects.bulk_update(changed, [*sorted(fields), "updated_at"], batch_size=500)

    log_model = registry.get_log_model_for_model(Household)
    if log_model is not None:
        content_type = ContentType.objects.get_for_model(Household, for_concrete_model=False)
        context = get_active_log_context()
        shared = context.uuid or uuid.uuid4()
        log_model.objects.bulk_create(
            [
                log_model(
                    content_type=content_type,
                    label=str(household),
                    action=action,
                    timestamp=now,
                    uuid=shared,
                    user=user or context.user,
                    object_id=str(household.pk),
                    # What the audit's pre_save handler adds, which a bulk insert does not run.
                    data={COMMUNE_KEY: commune_id},
                )
                for action, households in (("wagtail.create", new), ("wagtail.edit", changed))
                for household in households
            ],
            batch_size=500,
        )
    return len(new), len(changed)


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
            _clean_text(visit, "people", "outcome")
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
        _log(household, "campaigns.move", user, status={"to": household.status}, history=True)
