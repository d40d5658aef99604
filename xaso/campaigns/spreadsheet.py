"""A campaign's households as Excel workbooks: a template to fill in, an import that checks every
row before anything is written, and an export by road segment.

The workbook is in Vietnamese. A household sheet has one row per household under a row of
headings; columns may come in any order, and columns the import does not know (such as the
status an export adds) are ignored. Segments are named by their code, hamlets by their name,
officials by their full name (with their position when two share a name), party cells by code
or name, choices by code or label, in Vietnamese or English, with or without accents. Numbers may
be Excel numbers or text written the Vietnamese way (1.234,5) or the English way (1234.5); text
typed in the legacy TCVN3 or VNI encodings is converted.

An import matches households on their code: a new code creates a household, a known one is
updated only where the file differs from the record, so importing the same file again changes
nothing. The status is not imported: a household moves along the pipeline only through
`services.household_move`; an export shows it. One problem in any row, and nothing is written;
every problem is reported with its row and column.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Count, Max, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from xaso.accounts.scoping import user_commune_ids
from xaso.communes.models import Hamlet, Official
from xaso.core.cells import FORMULA_START, defuse, xlsx_value
from xaso.core.legacy_text import fix_legacy
from xaso.core.permissions import require_perm
from xaso.core.text import fold, nfc
from xaso.party.models import Cell

from . import services
from .choices import LandType, Side, Status, SupportKind
from .models import Campaign, Household, Segment, StatusChange

LANGUAGE = "vi"  # the workbook's language, whatever the admin's
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ADD_PERMISSION = "campaigns.add_household"
CHANGE_PERMISSION = "campaigns.change_household"

MAX_BYTES = 8 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a workbook is a ZIP: no "bomb" gets opened
MAX_ROWS = 10_000  # households in one file
MAX_SCANNED_ROWS = 30_000  # blank rows included
MAX_COLUMNS = 60
MAX_SHEETS = 200
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
# A text cell starting with one of these would be a formula in a spreadsheet that re-reads it.
_FORMULA_START = FORMULA_START
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


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
YES, NO = gettext_lazy("Yes"), gettext_lazy("No")
# The values each rule of `services.check_household` rests on, by the field it reports on.
_RULE_INPUTS = {
    "area_donated": {"area_needed", "area_donated"},
    "support_amount": {"support_kind", "support_amount"},
    "latitude": {"latitude", "longitude"},
}
# A new household's values where the file leaves a cell blank or has no such column.
_DEFAULTS = {
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


def _in(language: str, text: Any) -> str:
    with translation.override(language):
        return str(text)


def in_workbook_language(text: Any) -> str:
    """A label as the workbook writes it."""
    return _in(LANGUAGE, text)


def _spellings(text: Any) -> set[str]:
    """How a heading may be written: in Vietnamese or English, folded, its unit optional."""
    found = set()
    for language in (LANGUAGE, "en"):
        written = _in(language, text)
        found |= {fold(written), fold(re.sub(r"\(.*?\)", "", written))}
    return found


def _lookup(pairs: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """Each code, and each of its labels, folded → the code."""
    found: dict[str, str] = {}
    for code, label in pairs:
        if code:
            found.setdefault(fold(code), code)
        for spelling in _spellings(label):
            found.setdefault(spelling, code)
    return found


def _number(value: int) -> str:
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


# Writing ---------------------------------------------------------------------------------------

_HEADING_FONT = Font(bold=True)
_HEADING_FILL = PatternFill("solid", fgColor="DDE7F0")
_TITLE_FONT = Font(bold=True, size=13)


def safe_text(value: str) -> str:
    """Text as a cell shows it and never runs: characters Excel refuses removed, and a
    leading ' where the text would otherwise start a formula (`xaso.core.cells`)."""
    return defuse(xlsx_value(value))


def _put(sheet: Worksheet, row: int, column: int, value: Any, number_format: str = "") -> Any:
    if isinstance(value, str):
        value = safe_text(value)
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text typed by a person is never a formula
    elif number_format and value is not None:
        cell.number_format = number_format
    return cell


def _headings(sheet: Worksheet, columns: Iterable[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=str(column.label))
        cell.font, cell.fill = _HEADING_FONT, _HEADING_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"


def _validate(sheet: Worksheet, key: str, formula: str) -> None:
    """A drop-down on the column; typing something else stays possible (codes, say)."""
    index = next(i for i, column in enumerate(COLUMNS, start=1) if column.key == key)
    letter = get_column_letter(index)
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.showErrorMessage = False
    sheet.add_data_validation(validation)
    validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{MAX_ROWS + 1}")


def _offer(sheet: Worksheet, key: str, labels: list[str]) -> None:
    text = ",".join(labels)
    if labels and len(text) <= 255 and not any("," in label or '"' in label for label in labels):
        _validate(sheet, key, f'"{text}"')


def _choice_labels(column: Column) -> list[str]:
    return [str(label) for code, label in column.choices if code]


class _Lists:
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


def _guide(workbook: Workbook, campaign: Campaign, lists: _Lists) -> dict[str, str]:
    """The sheet explaining each column and listing what the reference columns name; returns
    each reference column's list as a range of this sheet, for the drop-downs."""
    sheet = workbook.create_sheet(str(GUIDE_LABEL))
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 80
    title = _put(
        sheet, 1, 1, _("How to fill in the sheet “%(sheet)s”") % {"sheet": str(SHEET_LABEL)}
    )
    title.font = _TITLE_FONT
    _put(sheet, 2, 1, campaign.name)
    _put(
        sheet,
        3,
        1,
        _(
            "One row per household, under the headings. Columns may be moved; keep their "
            "headings. A household whose code is already in the campaign is updated where the "
            "file differs; importing the same file again changes nothing. The status is not "
            "imported: it changes only when a move is recorded."
        ),
    )
    row = 5
    for index, heading in enumerate((_("Column"), _("Required"), _("What to write")), start=1):
        cell = sheet.cell(row=row, column=index, value=heading)
        cell.font, cell.fill = _HEADING_FONT, _HEADING_FILL
    for column in COLUMNS:
        row += 1
        help_text = str(column.help)
        if column.kind == CHOICE:
            help_text = (
                help_text
                + " "
                + _("One of: %(choices)s.") % {"choices": ", ".join(_choice_labels(column))}
            ).strip()
        elif column.kind == YES_NO:
            help_text = help_text + " " + _("“%(yes)s” or “%(no)s”.") % {"yes": YES, "no": NO}
        _put(sheet, row, 1, str(column.label))
        _put(sheet, row, 2, str(YES) if column.required else "")
        _put(sheet, row, 3, help_text).alignment = Alignment(wrap_text=True, vertical="top")
    ranges: dict[str, str] = {}
    sections = (
        (
            SEGMENT,
            _("Road segments"),
            (_("Code"), _("Name")),
            [(segment.code, segment.name) for segment in lists.segments],
        ),
        (HAMLET, _("Hamlets"), (_("Name"),), [(hamlet.name, "") for hamlet in lists.hamlets]),
        (
            OFFICIAL,
            _("Officials"),
            (_("Name"), _("Position")),
            [
                (lists.official_names[official.pk], official.position)
                for official in lists.officials
                if official.is_active
            ],
        ),
        (CELL, _("Party cells"), (_("Code"), _("Name")), [(c.code, c.name) for c in lists.cells]),
    )
    for key, heading, labels, items in sections:
        row += 2
        _put(sheet, row, 1, heading).font = _HEADING_FONT
        row += 1
        for index, label in enumerate(labels, start=1):
            cell = _put(sheet, row, index, label)
            cell.font, cell.fill = _HEADING_FONT, _HEADING_FILL
        first = row + 1
        for value, detail in items:
            row += 1
            _put(sheet, row, 1, value)
            if detail:
                _put(sheet, row, 2, detail)
        if items:
            ranges[key] = f"{quote_sheetname(sheet.title)}!$A${first}:$A${row}"
    return ranges


def _offer_all(sheet: Worksheet, ranges: dict[str, str]) -> None:
    for column in COLUMNS:
        if column.kind == CHOICE:
            _offer(sheet, column.key, _choice_labels(column))
        elif column.kind == YES_NO:
            _offer(sheet, column.key, [str(YES), str(NO)])
        elif column.key in ranges:
            _validate(sheet, column.key, ranges[column.key])


def _text_columns(sheet: Worksheet) -> None:
    """Text columns formatted as text, so Excel keeps a phone's leading 0."""
    for index, column in enumerate(COLUMNS, start=1):
        if column.kind in (TEXT, SEGMENT, HAMLET, OFFICIAL, CELL):
            sheet.column_dimensions[get_column_letter(index)].number_format = "@"


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_workbook(campaign: Campaign) -> bytes:
    """An empty workbook to fill in: the household sheet's headings with drop-downs, and a
    sheet explaining each column and listing the campaign's segments and the commune's hamlets,
    officials and party cells."""
    lists = _Lists(campaign)
    with translation.override(LANGUAGE):
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = str(SHEET_LABEL)
        _headings(sheet, COLUMNS)
        _text_columns(sheet)
        _offer_all(sheet, _guide(workbook, campaign, lists))
        workbook.properties.title = campaign.name[:250]
        return _save(workbook)


def _sheet_title(segment: Segment, used: set[str]) -> str:
    """The segment's code and name, as a sheet name Excel takes (at most 31 characters, none
    of []:*?/\\, not starting or ending with ', unique whatever the case)."""
    base = _SHEET_NAME_FORBIDDEN.sub(" ", f"{segment.code} {segment.name}")
    base = " ".join(base.split()).strip("'") or segment.code or str(segment.pk)
    title, number = base[:31].strip(), 1
    while title.lower() in used:
        number += 1
        suffix = f" ({number})"
        title = base[: 31 - len(suffix)].strip() + suffix
    used.add(title.lower())
    return title


def _label(choices: Any, code: str) -> str:
    return str(dict(choices).get(code, code)) if code else ""


def _row_values(
    household: Any, official_names: dict[int, str], milestones: dict[tuple[int, str], Any]
) -> list[Any]:
    consent = YES if household.honour_consent else NO
    return [
        household.code,
        household.segment.code,
        household.hamlet.name,
        household.head_name,
        household.address,
        household.phone,
        household.parcel_ref,
        _label(Side.choices, household.side),
        _label(LandType.choices, household.land_type),
        household.area_needed,
        household.area_donated,
        household.strip_length,
        household.strip_width,
        household.wall_m,
        household.gates,
        household.trees,
        household.other_structures,
        _label(SupportKind.choices, household.support_kind),
        household.support_amount,
        official_names.get(household.official_id, "") if household.official_id else "",
        household.cell.code if household.cell_id else "",
        str(consent),
        household.latitude,
        household.longitude,
        _label(Status.choices, household.status),
        timezone.localtime(household.status_changed_at).date(),
        milestones.get((household.pk, Status.SIGNED)),
        milestones.get((household.pk, Status.HANDED_OVER)),
        household.visit_count,
        household.last_visit,
    ]


def export_households(
    campaign: Campaign,
    *,
    households: QuerySet[Household],
    segments: Iterable[Segment] | None = None,
) -> bytes:
    """The households (those of `campaign` among `households`) as a workbook with one sheet per
    segment (every segment of the campaign, or those given): the template's columns, then the
    status, the day of its last change, the days the commitment was signed and the site handed
    over, the number of visits and the last one. Numbers are numbers, shown the way Excel's
    language shows them (1.234,5 in Vietnamese). The workbook imports back unchanged."""
    lists = _Lists(campaign)
    chosen = list(segments) if segments is not None else lists.segments
    base = households.filter(campaign=campaign, segment__in=[s.pk for s in chosen])
    rows = (
        base.select_related("segment", "hamlet", "official", "cell")
        .annotate(visit_count=Count("visits"), last_visit=Max("visits__visited_on"))
        .order_by("hamlet__sort_order", "hamlet__name", "code")
    )
    milestones: dict[tuple[int, str], Any] = {}
    changes = (
        StatusChange.objects.filter(
            household__in=base.values("pk"), to_status__in=[Status.SIGNED, Status.HANDED_OVER]
        )
        .order_by("changed_on", "pk")
        .values_list("household_id", "to_status", "changed_on")
    )
    for household_id, status, day in changes:
        milestones[(household_id, status)] = day  # the latest, if it happened twice
    by_segment: dict[int, list[Any]] = {segment.pk: [] for segment in chosen}
    for household in rows:
        by_segment[household.segment_id].append(household)
    columns = (*COLUMNS, *EXPORT_COLUMNS)
    with translation.override(LANGUAGE):
        workbook = Workbook()
        first = workbook.active
        assert first is not None
        workbook.remove(first)
        used = {str(GUIDE_LABEL).lower()}
        sheets: list[tuple[str, list[Any]]] = [
            (_sheet_title(segment, used), by_segment[segment.pk]) for segment in chosen
        ]
        for title, items in sheets or [(str(SHEET_LABEL), [])]:  # a campaign without segments
            sheet = workbook.create_sheet(title)
            _headings(sheet, columns)
            for number, household in enumerate(items, start=FIRST_DATA_ROW):
                values = _row_values(household, lists.official_names, milestones)
                for index, (column, value) in enumerate(zip(columns, values, strict=True)):
                    _put(sheet, number, index + 1, value, column.number_format)
        _guide(workbook, campaign, lists)
        workbook.properties.title = campaign.name[:250]
        return _save(workbook)


# Reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: a row (None for the whole file) and a column heading ("" for
    the whole row); the sheet when the workbook has several household sheets."""

    row: int | None
    column: str
    message: str
    sheet: str = ""

    def __str__(self) -> str:
        values = {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }
        if self.row is None:
            return _("Sheet “%(sheet)s”: %(message)s") % values if self.sheet else self.message
        if self.sheet and self.column:
            return _("Sheet “%(sheet)s”, row %(row)s, column “%(column)s”: %(message)s") % values
        if self.sheet:
            return _("Sheet “%(sheet)s”, row %(row)s: %(message)s") % values
        if self.column:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % values
        return _("Row %(row)s: %(message)s") % values


class WorkbookInvalid(ValidationError):
    """The workbook cannot be imported; `problems` says every reason, with where it is."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__([str(problem) for problem in problems], code="invalid_workbook")
        self.problems = problems


@dataclass
class ImportRow:
    """A household as the file gives it: a new one, or the record with the file's values."""

    sheet: str
    number: int
    household: Household
    created: bool
    changed: tuple[str, ...]  # the fields the file changes (every one read, for a new household)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[Problem] = field(default_factory=list)


class _Bad(Exception):
    """A cell's value cannot be used; the message says why."""


def _text(value: Any) -> str:
    """A cell as text: NFC, legacy-encoded Vietnamese (TCVN3, VNI) converted, spaces evened
    out, and the ' an export puts before text that looks like a formula taken off."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(YES if value else NO)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        value = value.strftime("%d/%m/%Y")
    text = str(value)
    if not text.isascii():  # every legacy encoding writes Vietnamese with non-ASCII bytes
        text = fix_legacy(nfc(text))[0]
    text = " ".join(text.split())
    if text[:1] == "'" and text[1:2] in _FORMULA_START and text[1:2]:
        text = text[1:]
    return text


def _decimal(value: Any, *, whole: bool = False) -> Decimal | None:
    """A number from a cell: a number, or text in Vietnamese (89,5 — 1.234,5) or English (89.5 —
    1,234.5) writing; None when blank. In whole numbers a lone dot or comma before three digits
    groups thousands (150.000 đồng). Raises ValueError when it is not a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        text = re.sub(r"[\s\u00a0]", "", nfc(str(value)))
        if text[:1] == "'":
            text = text[1:]
        dots, commas = text.count("."), text.count(",")
        if dots and commas:
            mark = "," if text.rfind(",") > text.rfind(".") else "."
            text = text.replace("." if mark == "," else ",", "").replace(mark, ".")
        elif dots > 1 or commas > 1:
            text = text.replace("." if dots else ",", "")
        elif whole and re.fullmatch(r"-?\d{1,3}[.,]\d{3}", text):
            text = text.replace(".", "").replace(",", "")
        else:
            text = text.replace(",", ".")
        if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)", text):
            raise ValueError
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


def _not_a_workbook() -> WorkbookInvalid:
    message = _("The file is not an Excel workbook (.xlsx), or it cannot be read.")
    return WorkbookInvalid([Problem(None, "", message)])


def _open(file: IO[bytes] | bytes) -> Any:
    """The workbook, read-only; WorkbookInvalid when the file is not one or too big."""
    not_a_workbook = _not_a_workbook()
    handle: IO[bytes] = io.BytesIO(file) if isinstance(file, bytes | bytearray) else file
    try:
        handle.seek(0, io.SEEK_END)
        size = handle.tell()
        handle.seek(0)
    except (AttributeError, OSError, ValueError):
        raise not_a_workbook from None
    if size > MAX_BYTES:
        message = _("The file is %(size)s; a workbook may be at most %(limit)s.") % {
            "size": filesizeformat(size),
            "limit": filesizeformat(MAX_BYTES),
        }
        raise WorkbookInvalid([Problem(None, "", message)])
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
            if "xl/workbook.xml" not in {member.filename for member in members}:
                raise not_a_workbook
            # What a member unpacks to is capped at its declared size when read: the sum holds.
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                raise WorkbookInvalid(
                    [Problem(None, "", _("The workbook is too large once unpacked."))]
                )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise not_a_workbook from None
    handle.seek(0)
    try:
        return load_workbook(handle, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise not_a_workbook from None


def _merge(errors: dict[str, list[str]], error: ValidationError) -> dict[str, list[str]]:
    for key, messages in error.message_dict.items():
        errors.setdefault(key, []).extend(messages)
    return errors


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _same(household: Household, key: str, value: Any) -> bool:
    """Whether the record already holds what the file says."""
    if key in RELATED:
        return getattr(household, f"{key}_id") == (value.pk if value is not None else None)
    current = getattr(household, key)
    if isinstance(current, str) and isinstance(value, str):
        return " ".join(current.split()) == value
    return bool(current == value)


class _Reader:
    """Reads the household sheets, collecting every problem with where it is."""

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self.lists = lists = _Lists(campaign)
        self.problems: list[tuple[tuple[int, int, int], Problem]] = []
        self.existing = {h.code: h for h in Household.objects.filter(campaign=campaign)}
        self.segments: dict[str, Segment] = {}
        for segment in lists.segments:
            self.segments.setdefault(fold(segment.code), segment)
        for segment in lists.segments:
            self.segments.setdefault(fold(segment.name), segment)
        self.hamlets = {fold(hamlet.name): hamlet for hamlet in reversed(lists.hamlets)}
        self.officials: dict[str, Official | None] = {}
        for official in lists.officials:
            self.officials.setdefault(fold(lists.official_names[official.pk]), official)
        for official in lists.officials:
            # A name two officials share is ambiguous: None, and the message says so.
            name = fold(official.full_name)
            if name not in self.officials:
                self.officials[name] = official
            elif (found := self.officials[name]) is not None and found.pk != official.pk:
                self.officials[name] = None
        self.cells: dict[str, Cell] = {}
        for cell in lists.cells:
            self.cells.setdefault(fold(cell.code), cell)
        for cell in lists.cells:
            self.cells.setdefault(fold(cell.name), cell)
        self.by_id: dict[str, dict[int, Any]] = {
            SEGMENT: {s.pk: s for s in lists.segments},
            HAMLET: {h.pk: h for h in lists.hamlets},
            OFFICIAL: {o.pk: o for o in lists.officials},
            CELL: {c.pk: c for c in lists.cells},
        }
        self.choices = {c.key: _lookup(c.choices) for c in COLUMNS if c.kind == CHOICE}
        for spelling in _spellings(NO):  # "no support", as people write it
            self.choices["support_kind"].setdefault(spelling, SupportKind.NONE)
        self.yes_no = {spelling: True for spelling in _spellings(YES) | {"x", "1", "true", "co"}}
        self.yes_no |= {
            spelling: False for spelling in _spellings(NO) | {"", "0", "false", "khong"}
        }
        self.headings: dict[str, str] = {}
        for column in COLUMNS:
            for spelling in _spellings(column.label):
                self.headings.setdefault(spelling, column.key)
            self.headings.setdefault(fold(column.key), column.key)
        self.seen: dict[str, tuple[str, int]] = {}  # household code → where it first came
        self.several_sheets = False
        self.sheet_index = 0
        # Households the file creates or changes, with where they are and the cells found wrong.
        self.unchecked: list[tuple[int, str, int, Household, set[str]]] = []

    # Where a problem is ---------------------------------------------------------------------

    def add(self, sheet: str, row: int | None, key: str, message: str) -> None:
        column = BY_KEY.get(key)
        order = next((i for i, c in enumerate(COLUMNS) if c.key == key), -1)
        self.problems.append(
            (
                (self.sheet_index, row or 0, order),
                Problem(
                    row,
                    _in(LANGUAGE, column.label) if column else "",
                    message,
                    sheet if self.several_sheets else "",
                ),
            )
        )

    def sorted_problems(self) -> list[Problem]:
        return [problem for _key, problem in sorted(self.problems, key=lambda item: item[0])]

    # Sheets ---------------------------------------------------------------------------------

    def household_sheets(self, workbook: Any) -> list[tuple[Any, dict[str, int], bool]]:
        """Each sheet whose first row names at least two of the columns, with where each
        column is and whether the sheet has more columns than allowed."""
        found = []
        for sheet in workbook.worksheets[:MAX_SHEETS]:
            heading_row: tuple[Any, ...] = next(
                sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS + 1), ()
            )
            positions: dict[str, int] = {}
            for index, cell in enumerate(heading_row[:MAX_COLUMNS]):
                key = self.headings.get(fold(_text(cell.value)))
                if key is not None and key not in positions:
                    positions[key] = index
            if len(positions) >= 2:
                wide = len(heading_row) > MAX_COLUMNS and not _blank(heading_row[-1].value)
                found.append((sheet, positions, wide))
        return found

    def read(self, workbook: Any, rules: bool) -> list[ImportRow]:
        sheets = self.household_sheets(workbook)
        self.several_sheets = len(sheets) > 1
        if not sheets:
            names = ", ".join(f"“{_in(LANGUAGE, c.label)}”" for c in COLUMNS if c.required)
            message = _(
                "No sheet has the household headings in its first row (%(columns)s…): start "
                "from the template."
            ) % {"columns": names}
            raise WorkbookInvalid([Problem(None, "", message)])
        rows: list[ImportRow] = []
        count = 0
        for index, (sheet, positions, wide) in enumerate(sheets):
            self.sheet_index = index
            if wide:
                message = _("too many columns: a sheet has at most %(count)s.")
                self.add(sheet.title, 1, "", message % {"count": MAX_COLUMNS})
            missing = [c for c in COLUMNS if c.required and c.key not in positions]
            for column in missing:
                self.add(
                    sheet.title, 1, column.key, _("the heading is missing from the first row.")
                )
            if missing:
                continue
            lines = sheet.iter_rows(
                min_row=FIRST_DATA_ROW, max_col=max(positions.values()) + 1, values_only=True
            )
            for number, cells in enumerate(lines, start=FIRST_DATA_ROW):
                if number > MAX_SCANNED_ROWS:
                    message = _("the sheet is too long (at most %(count)s rows).") % {
                        "count": _number(MAX_SCANNED_ROWS)
                    }
                    raise WorkbookInvalid([Problem(None, "", message, sheet.title)])
                values = {key: cells[i] if i < len(cells) else None for key, i in positions.items()}
                if all(_blank(value) for value in values.values()):
                    continue
                count += 1
                if count > MAX_ROWS:
                    message = _(
                        "The workbook has more than %(count)s households: split it into files "
                        "of at most %(count)s rows."
                    ) % {"count": _number(MAX_ROWS)}
                    raise WorkbookInvalid([Problem(None, "", message)])
                row = self.row(sheet.title, number, values)
                if row is not None:
                    rows.append(row)
        if not count and not self.problems:
            message = _("The workbook has no households: fill in one row per household.")
            raise WorkbookInvalid([Problem(None, "", message)])
        if rules or self.problems:  # to report every problem at once
            for sheet_index, sheet_name, number, household, failed in self.unchecked:
                self.sheet_index = sheet_index
                self.check(sheet_name, number, household, failed)
        if self.problems:
            raise WorkbookInvalid(self.sorted_problems())
        return rows

    # One row --------------------------------------------------------------------------------

    def row(self, sheet: str, number: int, values: dict[str, Any]) -> ImportRow | None:
        parsed: dict[str, Any] = {}
        failed: set[str] = set()
        for key, raw in values.items():
            try:
                parsed[key] = self.value(BY_KEY[key], raw)
            except _Bad as bad:
                self.add(sheet, number, key, str(bad))
                failed.add(key)
        code = parsed.get("code")
        if code:
            if code in self.seen:
                where_sheet, where_row = self.seen[code]
                if self.several_sheets:
                    message = _(
                        "the household code “%(code)s” is already used on sheet “%(sheet)s”, "
                        "row %(row)s."
                    ) % {"code": code, "sheet": where_sheet, "row": where_row}
                else:
                    message = _("the household code “%(code)s” is already used on row %(row)s.") % {
                        "code": code,
                        "row": where_row,
                    }
                self.add(sheet, number, "code", message)
                return None
            self.seen[code] = (sheet, number)
        existing = self.existing.get(code) if code else None
        if existing is None:
            household = Household(
                campaign=self.campaign,
                commune_id=self.campaign.commune_id,
                status=Status.NOT_CONTACTED,
                **_DEFAULTS,
            )
            changed = tuple(parsed)
        else:
            household = existing
            changed = tuple(
                key for key, value in parsed.items() if not _same(household, key, value)
            )
        for key in changed:
            setattr(household, key, parsed[key])
        if changed or failed:  # a record the file leaves as it is was checked when written
            self.attach(household)
            self.unchecked.append((self.sheet_index, sheet, number, household, failed))
        if failed or not code:
            return None
        return ImportRow(sheet, number, household, existing is None, changed)

    def attach(self, household: Household) -> None:
        """The related records from those read once, so the checks make no query."""
        household.campaign = self.campaign
        for key in RELATED:
            pk = getattr(household, f"{key}_id")
            if pk is not None and pk in self.by_id[key]:
                setattr(household, key, self.by_id[key][pk])

    def check(self, sheet: str, number: int, household: Household, failed: set[str]) -> None:
        """The model's own rules, then those of `services.check_household` that do not rest on
        a value found wrong already."""
        errors: dict[str, list[str]] = {}
        try:
            household.full_clean(
                exclude=[*RELATED, "campaign", "commune", "status_changed_at", *failed],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            _merge(errors, error)
        wrong = failed | set(errors)
        try:
            services.check_household(household)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                if not _RULE_INPUTS.get(key, {key}) & wrong:
                    errors.setdefault(key, []).extend(messages)
        for key, messages in errors.items():
            for message in messages:
                self.add(sheet, number, key if key in BY_KEY else "", str(message))

    # Values -----------------------------------------------------------------------------------

    def value(self, column: Column, raw: Any) -> Any:
        kind = column.kind
        if kind in (DECIMAL, INTEGER, COORDINATE):
            return self.number(column, raw)
        text = _text(raw)
        if not text:
            if column.required:
                raise _Bad(_("this cell must be filled in."))
            if kind in (SEGMENT, HAMLET, OFFICIAL, CELL):
                return None
            return _DEFAULTS.get(column.key, "")
        if kind == TEXT:
            return self.text(column, raw, text)
        if kind == CHOICE:
            code = self.choices[column.key].get(fold(text))
            if code is None:
                labels = ", ".join(f"“{label}”" for label in _choice_labels(column))
                raise _Bad(
                    _("“%(value)s” is not one of: %(choices)s.")
                    % {"value": text, "choices": labels}
                )
            return code
        if kind == YES_NO:
            answer = self.yes_no.get(fold(text))
            if answer is None:
                raise _Bad(_("write “%(yes)s” or “%(no)s”.") % {"yes": YES, "no": NO})
            return answer
        return self.related(column, text)

    def text(self, column: Column, raw: Any, text: str) -> str:
        if column.key == "phone" and isinstance(raw, int | float) and len(text) == 9:
            text = "0" + text  # typed as a number, Excel dropped the leading 0
        max_length = getattr(Household._meta.get_field(column.key), "max_length", 0)
        if len(text) > max_length:
            raise _Bad(
                _("at most %(count)s characters (this one has %(length)s).")
                % {"count": max_length, "length": len(text)}
            )
        return text

    def number(self, column: Column, raw: Any) -> Any:
        try:
            number = _decimal(raw, whole=column.kind == INTEGER)
        except ValueError:
            raise _Bad(_("“%(value)s” is not a number.") % {"value": _text(raw)}) from None
        if number is None:
            if column.required:
                raise _Bad(_("this cell must be filled in."))
            return _DEFAULTS.get(column.key)
        if column.kind == INTEGER:
            if number != number.to_integral_value():
                raise _Bad(_("“%(value)s” is not a whole number.") % {"value": _text(raw)})
            return int(number)
        if column.kind == COORDINATE:
            return number.quantize(COORDINATE_PLACES, rounding=ROUND_HALF_UP)
        if isinstance(raw, float):
            # A number Excel computed (0.1 + 0.2) carries binary noise: to the field's places.
            decimal_places = getattr(Household._meta.get_field(column.key), "decimal_places", 0)
            places = Decimal(1).scaleb(-decimal_places)
            rounded = number.quantize(places, rounding=ROUND_HALF_UP)
            if abs(rounded - number) < Decimal("1e-9"):
                number = rounded
        return number

    def related(self, column: Column, text: str) -> Any:
        key, wanted = column.kind, fold(text)
        if key == SEGMENT:
            segment = self.segments.get(wanted)
            if segment is None:
                codes = [s.code for s in self.lists.segments]
                shown = ", ".join(codes[:20]) + ("…" if len(codes) > 20 else "")
                raise _Bad(
                    _("unknown segment “%(value)s”: the campaign's segments are %(codes)s.")
                    % {"value": text, "codes": shown or "—"}
                )
            return segment
        if key == HAMLET:
            hamlet = self.hamlets.get(wanted)
            if hamlet is None:
                raise _Bad(
                    _("no hamlet of the commune is called “%(value)s” (see the sheet “%(sheet)s”).")
                    % {"value": text, "sheet": _in(LANGUAGE, GUIDE_LABEL)}
                )
            return hamlet
        if key == OFFICIAL:
            if wanted not in self.officials:
                message = _(
                    "no official of the commune is called “%(value)s” (see the sheet “%(sheet)s”)."
                )
                raise _Bad(message % {"value": text, "sheet": _in(LANGUAGE, GUIDE_LABEL)})
            official = self.officials[wanted]
            if official is None:
                raise _Bad(
                    _(
                        "several officials are called “%(value)s”: write the name and position as "
                        "on the sheet “%(sheet)s”."
                    )
                    % {"value": text, "sheet": _in(LANGUAGE, GUIDE_LABEL)}
                )
            return official
        cell = self.cells.get(wanted)
        if cell is None:
            raise _Bad(
                _("no party cell of the commune has the code or name “%(value)s”.")
                % {"value": text}
            )
        return cell


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
    workbook = _open(file)
    try:
        return _Reader(campaign).read(workbook, rules)
    except WorkbookInvalid:
        raise
    except Exception:  # a sheet damaged past its first rows
        raise _not_a_workbook() from None
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
            for key, messages in _merge({}, error).items():
                column = BY_KEY.get(key)
                label = _in(LANGUAGE, column.label) if column else ""
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
