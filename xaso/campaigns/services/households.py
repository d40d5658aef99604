"""Households: their record, their moves along the pipeline, and batch imports."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.accounts.audit import COMMUNE_KEY
from xaso.communes.models import Official
from xaso.core.permissions import require_perm
from xaso.core.text import nfc

from ..choices import BEFORE_HANDOVER, PIPELINE, SIDE, Status, SupportKind
from ..models import Campaign, Household, StatusChange
from .common import (
    ALL_HOUSEHOLDS,
    MOVE_PERMISSION,
    audit_log,
    clean_text,
    require_household,
)

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
    clean_text(household, "code", "head_name", "address", "phone", "parcel_ref", "other_structures")
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
    audit_log(household, "wagtail.create" if creating else "wagtail.edit", user)
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
    require_household(user, household, MOVE_PERMISSION)
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
    audit_log(
        locked, "campaigns.move", user, status={"from": change.from_status, "to": change.to_status}
    )
    return change


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
        clean_text(
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
