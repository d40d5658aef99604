"""Importing a campaign's households from a workbook: checked whole, then written in one go by
`services.households_import`; one problem, and nothing is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.utils.translation import gettext as _

from xaso.accounts.scoping import user_commune_ids
from xaso.core import workbook as engine
from xaso.core.permissions import require_perm
from xaso.core.workbook import Problem, WorkbookInvalid

from .. import services
from ..models import Campaign
from .columns import ADD_PERMISSION, BY_KEY, CHANGE_PERMISSION, LANGUAGE, LIMITS, in_language
from .reader import ImportRow, WorkbookReader, merge_errors


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[Problem] = field(default_factory=list)


def read_households(
    file: IO[bytes] | bytes, *, campaign: Campaign, rules: bool = True
) -> list[ImportRow]:
    """The households in the workbook, each a new `Household` or the campaign's record with the
    file's values, every row checked. Raises `WorkbookInvalid` listing every problem (row,
    column, message) when there is any. Reads the campaign's records in a few queries, whatever
    the number of rows; writes nothing.

    With `rules=False`, the rules of a household's record (`services.check_household` and the
    model's) are checked only when some value cannot be read, to report every problem at once;
    otherwise they are left to the service that writes the rows, which checks them anyway."""
    workbook = engine.open_workbook(file, LIMITS)
    try:
        return WorkbookReader(campaign).read(workbook, rules)
    except WorkbookInvalid:
        raise
    except Exception:  # a sheet damaged past its first rows
        raise engine.not_a_workbook() from None
    finally:
        workbook.close()


def check_allowed(user: Any, campaign: Campaign) -> None:
    """Raise PermissionDenied unless `user` may import households into `campaign`."""
    require_perm(user, ADD_PERMISSION)
    require_perm(user, CHANGE_PERMISSION)
    if user is None:
        return
    if not user.has_perm(services.ALL_HOUSEHOLDS):
        raise PermissionDenied(_("Only the campaign's lead edits households."))
    ids = user_commune_ids(user)
    if ids is not None and campaign.commune_id not in ids:
        raise PermissionDenied(_("You do not have permission to do this."))


def import_households(*, user: Any, campaign: Campaign, file: IO[bytes] | bytes) -> ImportResult:
    """Import the workbook's households into the campaign: new codes created, known ones
    updated where the file differs, the others left alone (no write, no audit entry). On any
    problem nothing is written and `errors` lists every one. Raises PermissionDenied when the
    user may not create and change the campaign's households."""
    check_allowed(user, campaign)
    try:
        rows = read_households(file, campaign=campaign, rules=False)
    except WorkbookInvalid as invalid:
        return ImportResult(errors=invalid.problems)
    batch = [row for row in rows if row.created or row.changed]
    try:
        created, updated = services.households_import(
            user=user, campaign=campaign, rows=[(row.household, row.changed) for row in batch]
        )
    except services.HouseholdsRefused as refused:
        problems = []
        several = len({row.sheet for row in rows}) > 1
        for index, error in sorted(refused.refused.items()):
            row = batch[index]
            for key, messages in merge_errors({}, error).items():
                column = BY_KEY.get(key)
                label = in_language(LANGUAGE, column.label) if column else ""
                sheet = row.sheet if several else ""
                problems += [Problem(row.number, label, str(m), sheet) for m in messages]
        return ImportResult(errors=problems)
    except IntegrityError:  # someone added the same household meanwhile
        message = _(
            "The campaign's households changed while the file was being imported; nothing was "
            "written. Import the file again."
        )
        return ImportResult(errors=[Problem(None, "", message)])
    return ImportResult(created=created, updated=updated, unchanged=len(rows) - len(batch))
