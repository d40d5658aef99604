"""The household workbook's columns, limits and labels, and the lists its reference columns
name (the campaign's segments, the commune's hamlets, officials and party cells)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.communes.models import Hamlet, Official
from xaso.core import workbook as engine
from xaso.core.text import fold
from xaso.party.models import Cell

from ..choices import LandType, Side, SupportKind
from ..models import Campaign, Segment

LANGUAGE = engine.LANGUAGE  # the workbook's language, whatever the admin's
CONTENT_TYPE = engine.CONTENT_TYPE
ADD_PERMISSION = "campaigns.add_household"
CHANGE_PERMISSION = "campaigns.change_household"

MAX_BYTES = 8 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a workbook is a ZIP: no "bomb" gets opened
MAX_ROWS = 10_000  # households in one file
MAX_SCANNED_ROWS = 30_000  # blank rows included
MAX_COLUMNS = 60
MAX_SHEETS = 200
LIMITS = engine.Limits(max_bytes=MAX_BYTES, max_unpacked_bytes=MAX_UNPACKED_BYTES)
FIRST_DATA_ROW = 2

# Kinds of column.
TEXT, DECIMAL, INTEGER, COORDINATE, CHOICE, YES_NO = (
    "text",
    "decimal",
    "integer",
    "coordinate",
    "choice",
    "yes_no",
)
SEGMENT, HAMLET, OFFICIAL, CELL = "segment", "hamlet", "official", "cell"
RELATED = (SEGMENT, HAMLET, OFFICIAL, CELL)
_AREA_FORMAT, _METRES_FORMAT, _WHOLE_FORMAT = "#,##0.0", "#,##0.00", "#,##0"
_COORDINATE_FORMAT, _DATE_FORMAT = "0.000000", "dd/mm/yyyy"
COORDINATE_PLACES = Decimal("0.000001")
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Column:
    key: str  # the household's field
    label: Any  # a lazy translation
    help: Any = ""
    kind: str = TEXT
    width: int = 14
    required: bool = False
    choices: tuple[tuple[str, Any], ...] = ()
    number_format: str = ""


COLUMNS = (
    Column(
        "code",
        gettext_lazy("Household code"),
        gettext_lazy(
            "The campaign's own key for the household, e.g. H0001. A household with this code "
            "is updated; a new code adds a household."
        ),
        width=12,
        required=True,
    ),
    Column(
        "segment",
        gettext_lazy("Segment code"),
        gettext_lazy("The code of the road segment, as listed below."),
        SEGMENT,
        10,
        required=True,
    ),
    Column(
        "hamlet",
        gettext_lazy("Hamlet"),
        gettext_lazy("The name of the hamlet, as listed below."),
        HAMLET,
        16,
        required=True,
    ),
    Column(
        "head_name",
        gettext_lazy("Head of household"),
        gettext_lazy("Full name."),
        width=24,
        required=True,
    ),
    Column("address", gettext_lazy("Address"), width=28),
    Column("phone", gettext_lazy("Phone"), width=13),
    Column(
        "parcel_ref",
        gettext_lazy("Land parcel"),
        gettext_lazy("Map sheet and parcel number."),
        width=16,
    ),
    Column(
        "side", gettext_lazy("Side of the road"), kind=CHOICE, width=12, choices=tuple(Side.choices)
    ),
    Column(
        "land_type",
        gettext_lazy("Land type"),
        kind=CHOICE,
        width=18,
        choices=tuple(LandType.choices),
    ),
    Column(
        "area_needed",
        gettext_lazy("Area to donate (m²)"),
        gettext_lazy("Square metres, to one decimal."),
        DECIMAL,
        12,
        required=True,
        number_format=_AREA_FORMAT,
    ),
    Column(
        "area_donated",
        gettext_lazy("Area donated (m²)"),
        gettext_lazy("Square metres, to one decimal; 0 until the site is handed over."),
        DECIMAL,
        12,
        number_format=_AREA_FORMAT,
    ),
    Column(
        "strip_length",
        gettext_lazy("Strip length (m)"),
        gettext_lazy("Metres along the road, to the centimetre."),
        DECIMAL,
        12,
        required=True,
        number_format=_METRES_FORMAT,
    ),
    Column(
        "strip_width",
        gettext_lazy("Strip width (m)"),
        gettext_lazy("Metres, to the centimetre."),
        DECIMAL,
        12,
        required=True,
        number_format=_METRES_FORMAT,
    ),
    Column(
        "wall_m",
        gettext_lazy("Walls (m)"),
        gettext_lazy("Metres of wall or fence affected."),
        DECIMAL,
        10,
        number_format=_METRES_FORMAT,
    ),
    Column("gates", gettext_lazy("Gates"), "", INTEGER, 8, number_format=_WHOLE_FORMAT),
    Column("trees", gettext_lazy("Trees"), "", INTEGER, 8, number_format=_WHOLE_FORMAT),
    Column("other_structures", gettext_lazy("Other structures"), width=24),
    Column(
        "support_kind",
        gettext_lazy("Support"),
        kind=CHOICE,
        width=18,
        choices=tuple(SupportKind.choices),
    ),
    Column(
        "support_amount",
        gettext_lazy("Cash support (đồng)"),
        gettext_lazy("Only for cash support."),
        INTEGER,
        14,
        number_format=_WHOLE_FORMAT,
    ),
    Column(
        "official",
        gettext_lazy("Official in charge"),
        gettext_lazy("Full name, as listed below."),
        OFFICIAL,
        22,
    ),
    Column(
        "cell",
        gettext_lazy("Party cell"),
        gettext_lazy("The party cell's code, as listed below."),
        CELL,
        10,
    ),
    Column(
        "honour_consent",
        gettext_lazy("Agrees to be named (yes/no)"),
        gettext_lazy("Only with the household's explicit consent to the honour board."),
        YES_NO,
        12,
    ),
    Column(
        "latitude",
        gettext_lazy("Latitude"),
        gettext_lazy("Degrees (WGS 84), e.g. 20.930512; with the longitude, or neither."),
        COORDINATE,
        12,
        number_format=_COORDINATE_FORMAT,
    ),
    Column(
        "longitude",
        gettext_lazy("Longitude"),
        gettext_lazy("Degrees (WGS 84), e.g. 106.665034."),
        COORDINATE,
        12,
        number_format=_COORDINATE_FORMAT,
    ),
)
BY_KEY = {column.key: column for column in COLUMNS}
# What an export adds after the template's columns; an import ignores them.
EXPORT_COLUMNS = (
    Column("status", gettext_lazy("Status"), width=20),
    Column("status_changed", gettext_lazy("Status changed on"), number_format=_DATE_FORMAT),
    Column("signed_on", gettext_lazy("Commitment signed on"), number_format=_DATE_FORMAT),
    Column("handed_over_on", gettext_lazy("Site handed over on"), number_format=_DATE_FORMAT),
    Column("visits", gettext_lazy("Visits"), kind=INTEGER, width=8, number_format=_WHOLE_FORMAT),
    Column("last_visit", gettext_lazy("Last visit on"), number_format=_DATE_FORMAT),
)
SHEET_LABEL = gettext_lazy("Household records")
GUIDE_LABEL = gettext_lazy("Instructions")
YES, NO = engine.YES, engine.NO
# The values each rule of `services.check_household` rests on, by the field it reports on.
RULE_INPUTS = {
    "area_donated": {"area_needed", "area_donated"},
    "support_amount": {"support_kind", "support_amount"},
    "latitude": {"latitude", "longitude"},
}
# A new household's values where the file leaves a cell blank or has no such column.
DEFAULTS = {
    "area_donated": Decimal(0),
    "wall_m": Decimal(0),
    "gates": 0,
    "trees": 0,
    "support_kind": SupportKind.NONE,
    "support_amount": 0,
    "side": "",
    "land_type": "",
    "honour_consent": False,
}


def in_language(language: str, text: Any) -> str:
    return engine.in_language(language, text)


def in_workbook_language(text: Any) -> str:
    """A label as the workbook writes it."""
    return in_language(LANGUAGE, text)


def heading_spellings(text: Any) -> set[str]:
    """How a heading may be written: in Vietnamese or English, folded, its unit optional."""
    return engine.spellings(text, without_units=True)


def label_lookup(pairs: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """Each code, and each of its labels, folded → the code."""
    return engine.lookup(pairs, without_units=True)


def number_text(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def official_names(officials: Iterable[Official]) -> dict[int, str]:
    """How each official is written in a workbook: the full name, or "name – position" when
    another official of the list has the same name."""
    officials = list(officials)
    counts: dict[str, int] = {}
    for official in officials:
        counts[fold(official.full_name)] = counts.get(fold(official.full_name), 0) + 1
    return {
        official.pk: official.full_name
        if counts[fold(official.full_name)] == 1
        else f"{official.full_name} – {official.position}"
        for official in officials
    }


def filename(campaign: Campaign, kind: str, segment: Segment | None = None) -> str:
    """An ASCII file name for the campaign's template ("template") or export ("export")."""
    with translation.override(LANGUAGE):
        if kind == "template":
            title = _("%(campaign)s household template") % {"campaign": campaign.name}
        elif segment is not None:
            title = _("%(campaign)s households, segment %(segment)s") % {
                "campaign": campaign.name,
                "segment": segment.code,
            }
        else:
            title = _("%(campaign)s households") % {"campaign": campaign.name}
    return "-".join(fold(title).split())[:120] + ".xlsx"


def choice_labels(column: Column) -> list[str]:
    return [str(label) for code, label in column.choices if code]


class ChoiceLists:
    """The campaign's segments, the commune's hamlets, officials and party cells: what the
    reference columns name."""

    def __init__(self, campaign: Campaign) -> None:
        commune_id = campaign.commune_id
        self.segments = list(campaign.segments.order_by("sort_order", "code"))
        self.hamlets = list(Hamlet.objects.filter(commune_id=commune_id))
        self.officials = list(
            Official.objects.filter(commune_id=commune_id).order_by(
                "-is_active", "sort_order", "full_name"
            )
        )
        self.cells = list(Cell.objects.filter(commune_id=commune_id))
        self.official_names = official_names(self.officials)
