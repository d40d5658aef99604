"""Every change to campaign records: permission, rules, audit entry, one transaction each.

The pipeline: a household moves one step forward at a time (nobody hands over a site without a
signed commitment), or, before its site is handed over, to a side state (refused, a problem to
resolve), from which canvassing resumes. Every move carries a note. A move names the status the
user saw; the household's row is locked, so of two people moving it at once one wins and the
other is told, with nothing lost.

One module per entity — `campaigns` (campaigns, segments), `households` (records, moves,
imports), `visits` (visits, loaded histories) — over `common`; callers import from here.
"""

from __future__ import annotations

from .campaigns import campaign_save, check_line, segment_save
from .common import ALL_HOUSEHOLDS, MOVE_PERMISSION, may_work_on, official_for_user
from .households import (
    HouseholdsRefused,
    allowed_moves,
    check_household,
    household_move,
    household_save,
    households_import,
)
from .visits import Step, households_history_load, visit_record

__all__ = [
    "ALL_HOUSEHOLDS",
    "MOVE_PERMISSION",
    "HouseholdsRefused",
    "Step",
    "allowed_moves",
    "campaign_save",
    "check_household",
    "check_line",
    "household_move",
    "household_save",
    "households_history_load",
    "households_import",
    "may_work_on",
    "official_for_user",
    "segment_save",
    "visit_record",
]
