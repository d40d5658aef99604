"""Criteria sets as Excel workbooks, so a province can load its own: `export_set` writes a set
out, `read_set` reads such a workbook back into the data `services.criteria_set_load` takes.

The workbook is in Vietnamese and has three sheets: the set itself (one row under the headings),
its criteria and indicators (one row per indicator; a criterion without indicators has a row of
its own) and the thresholds (one row per indicator and group or region). Kinds, directions,
levels, bases and groups may be typed as their codes or as their labels; columns may come in
any order. `read_set` checks every row and reports every problem with its sheet, row and
column: one problem, and nothing is imported.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from xaso.core.cells import xlsx_put
from xaso.core.legacy_text import fix_legacy
from xaso.core.text import fold, nfc

from .choices import GROUPS, REGIONS, Basis, Direction, IndicatorKind, Level
from .models import CriteriaSet

LANGUAGE = "vi"  # the workbook's language, whatever the admin's
ALL = "*"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # a workbook is a ZIP: no "bomb" gets opened
MAX_INDICATOR_ROWS = 1000
MAX_THRESHOLD_ROWS = 10_000
MAX_SCANNED_ROWS = 20_000  # blank rows included
MAX_COLUMNS = 40
FIRST_YEAR, LAST_YEAR = 1990, 2100
_LEVEL_SEPARATOR = re.compile(r"[|;\n]")
_SOURCE = re.compile(r"^[A-Za-z0-9_.\-]*$")


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # a lazy translation
    width: int = 16
    required: bool = True


@dataclass(frozen=True)
class Sheet:
    label: Any
    columns: tuple[Column, ...]
    max_rows: int


SET_SHEET = Sheet(
    gettext_lazy("Criteria set"),
    (
        Column("code", gettext_lazy("Code"), 20),
        Column("name", gettext_lazy("Name"), 50),
        Column("decision", gettext_lazy("Issued by"), 40, required=False),
        Column("level", gettext_lazy("Set level"), 30),
        Column("basis", gettext_lazy("Thresholds by"), 30),
        Column("first_year", gettext_lazy("From year"), 10),
        Column("last_year", gettext_lazy("To year"), 10),
        Column("notes", gettext_lazy("Notes"), 60, required=False),
    ),
    max_rows=1,
)
CRITERIA_SHEET = Sheet(
    gettext_lazy("Criteria"),
    (
        Column("criterion", gettext_lazy("Criterion no."), 10),
        Column("criterion_name", gettext_lazy("Criterion"), 36),
        Column("code", gettext_lazy("Indicator code"), 12),
        Column("name", gettext_lazy("Indicator"), 60),
        Column("kind", gettext_lazy("Kind of indicator"), 24),
        Column("unit", gettext_lazy("Unit"), 12, required=False),
        Column("direction", gettext_lazy("Direction"), 26, required=False),
        Column("levels", gettext_lazy("Levels"), 30, required=False),
        Column("source", gettext_lazy("Value drawn from"), 24, required=False),
    ),
    max_rows=MAX_INDICATOR_ROWS,
)
THRESHOLDS_SHEET = Sheet(
    gettext_lazy("Thresholds"),
    (
        Column("indicator", gettext_lazy("Indicator code"), 12),
        Column("applies_to", gettext_lazy("Group or region"), 32),
        Column("value", gettext_lazy("Value"), 12),
        Column("level", gettext_lazy("Level to reach"), 20),
        Column("confirmed", gettext_lazy("Confirmed"), 12),
        Column("source", gettext_lazy("Source"), 40, required=False),
    ),
    max_rows=MAX_THRESHOLD_ROWS,
)
SHEETS = (SET_SHEET, CRITERIA_SHEET, THRESHOLDS_SHEET)
ALL_LABEL = gettext_lazy("All groups or regions")
YES, NO = gettext_lazy("Yes"), gettext_lazy("No")


def _in(language: str, text: Any) -> str:
    with translation.override(language):
        return str(text)


def _spellings(text: Any) -> set[str]:
    """How a heading, sheet name or label may be written: in Vietnamese or English, folded."""
    return {fold(_in(LANGUAGE, text)), fold(_in("en", text))}


def _lookup(pairs: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """Each code, and each of its labels, folded → the code."""
    found: dict[str, str] = {}
    for code, label in pairs:
        found.setdefault(fold(code), code)
        for spelling in _spellings(label):
            found.setdefault(spelling, code)
    return found


def _targets(basis: str) -> dict[str, Any]:
    return dict(GROUPS) if basis == Basis.GROUP else dict(REGIONS)


def filename(criteria_set: CriteriaSet) -> str:
    return f"{criteria_set.code}.xlsx"


# Writing ---------------------------------------------------------------------------------------

_HEADING_FONT = Font(bold=True)
_HEADING_FILL = PatternFill("solid", fgColor="DDE7F0")


def _write(sheet: Worksheet, spec: Sheet, rows: list[list[Any]]) -> None:
    sheet.title = str(spec.label)[:31]
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=str(column.label))
        cell.font, cell.fill = _HEADING_FONT, _HEADING_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for row_number, row in enumerate(rows, start=2):
        for index, value in enumerate(row, start=1):
            # Text typed by a person is never a formula.
            cell = xlsx_put(sheet.cell(row=row_number, column=index), value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def _offer(sheet: Worksheet, spec: Sheet, key: str, labels: list[str], rows: int) -> None:
    """A drop-down of the labels on the column (typing something else stays possible), where
    the labels fit Excel's list rule (no commas or quotes, 255 characters in all)."""
    text = ",".join(labels)
    if len(text) > 255 or any("," in label or '"' in label for label in labels):
        return
    index = next(i for i, column in enumerate(spec.columns, start=1) if column.key == key)
    letter = get_column_letter(index)
    validation = DataValidation(type="list", formula1=f'"{text}"', allow_blank=True)
    validation.showErrorMessage = False
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{max(rows, 1) + 200}")


def _threshold_target(target: str, targets: dict[str, Any]) -> str:
    if target == ALL:
        return str(ALL_LABEL)
    return str(targets.get(target, target))


def export_set(criteria_set: CriteriaSet) -> bytes:
    """The set as an .xlsx workbook in Vietnamese, in the layout `read_set` reads."""
    criteria = list(
        criteria_set.criteria.order_by("number").prefetch_related("indicators__thresholds")
    )
    targets = _targets(criteria_set.basis)
    with translation.override(LANGUAGE):
        workbook = Workbook()
        set_sheet = workbook.active
        assert set_sheet is not None
        _write(
            set_sheet,
            SET_SHEET,
            [
                [
                    criteria_set.code,
                    criteria_set.name,
                    criteria_set.decision,
                    str(Level(criteria_set.level).label),
                    str(Basis(criteria_set.basis).label),
                    criteria_set.first_year,
                    criteria_set.last_year,
                    criteria_set.notes,
                ]
            ],
        )
        _offer(set_sheet, SET_SHEET, "level", [str(label) for label in Level.labels], 1)
        _offer(set_sheet, SET_SHEET, "basis", [str(label) for label in Basis.labels], 1)

        indicator_rows: list[list[Any]] = []
        threshold_rows: list[list[Any]] = []
        for criterion in criteria:
            indicators = list(criterion.indicators.all())
            if not indicators:
                indicator_rows.append([criterion.number, criterion.name])
            for indicator in indicators:
                indicator_rows.append(
                    [
                        criterion.number,
                        criterion.name,
                        indicator.code,
                        indicator.name,
                        str(IndicatorKind(indicator.kind).label),
                        indicator.unit,
                        str(Direction(indicator.direction).label),
                        indicator.levels,
                        indicator.source,
                    ]
                )
                for threshold in indicator.thresholds.all():
                    threshold_rows.append(
                        [
                            indicator.code,
                            _threshold_target(threshold.applies_to, targets),
                            threshold.value,
                            threshold.level,
                            str(YES if threshold.confirmed else NO),
                            threshold.source,
                        ]
                    )
        criteria_sheet = workbook.create_sheet()
        _write(criteria_sheet, CRITERIA_SHEET, indicator_rows)
        _offer(
            criteria_sheet,
            CRITERIA_SHEET,
            "kind",
            [str(label) for label in IndicatorKind.labels],
            len(indicator_rows),
        )
        _offer(
            criteria_sheet,
            CRITERIA_SHEET,
            "direction",
            [str(label) for label in Direction.labels],
            len(indicator_rows),
        )
        threshold_sheet = workbook.create_sheet()
        _write(threshold_sheet, THRESHOLDS_SHEET, threshold_rows)
        for row in range(2, len(threshold_rows) + 2):
            threshold_sheet.cell(row=row, column=3).number_format = "#,##0.##"
        _offer(
            threshold_sheet,
            THRESHOLDS_SHEET,
            "applies_to",
            [str(ALL_LABEL), *(str(label) for label in targets.values())],
            len(threshold_rows),
        )
        _offer(threshold_sheet, THRESHOLDS_SHEET, "confirmed", [str(YES), str(NO)], 1)
        workbook.properties.title = criteria_set.name[:250]
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


# Reading ---------------------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    formats: dict[str, str]

    def blank(self, *keys: str) -> bool:
        return all(_text(self.values.get(key)) == "" for key in keys)


def _text(value: Any, *, lines: bool = False) -> str:
    """A cell as text: NFC, legacy-encoded Vietnamese (TCVN3, VNI) converted, spaces evened out
    (line breaks kept only where `lines`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(YES if value else NO)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        value = value.strftime("%d/%m/%Y")
    text = fix_legacy(nfc(str(value)))[0]
    if lines:
        return "\n".join(" ".join(line.split()) for line in text.strip().splitlines()).strip()
    return " ".join(text.split())


def _decimal(value: Any) -> Decimal | None:
    """A number from a cell: a number, or text in either Vietnamese (89,5 — 1.234,5) or English
    (89.5) writing; None when blank. Raises ValueError when it is not a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = re.sub(r"[\s\u00a0]", "", str(value)).removesuffix("%")
        if "," in text and "." in text:
            decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
            grouping = "." if decimal_mark == "," else ","
            text = text.replace(grouping, "").replace(decimal_mark, ".")
        else:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


class _Reader:
    """Reads the three sheets, collecting every problem with where it is."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.errors: list[str] = []
        self.basis = ""  # the set's, once read

    # Where a problem is ---------------------------------------------------------------------

    def error(
        self, sheet: Sheet, message: str, row: int | None = None, column: str | None = None
    ) -> None:
        where = {"sheet": _in(LANGUAGE, sheet.label), "message": message}
        if row is None:
            self.errors.append(_("Sheet “%(sheet)s”: %(message)s") % where)
        elif column is None:
            self.errors.append(
                _("Sheet “%(sheet)s”, row %(row)s: %(message)s") % {**where, "row": row}
            )
        else:
            label = next(c.label for c in sheet.columns if c.key == column)
            self.errors.append(
                _("Sheet “%(sheet)s”, row %(row)s, column “%(column)s”: %(message)s")
                % {**where, "row": row, "column": _in(LANGUAGE, label)}
            )

    # Sheets and rows ------------------------------------------------------------------------

    def rows(self, spec: Sheet) -> list[_Row] | None:
        """The sheet's non-blank rows below its headings; None when the sheet or a heading is
        missing, or the sheet is too long (each reported)."""
        wanted = _spellings(spec.label)
        sheet = next((ws for ws in self.workbook.worksheets if fold(str(ws.title)) in wanted), None)
        if sheet is None:
            self.errors.append(
                _("The workbook has no sheet “%(sheet)s”.") % {"sheet": _in(LANGUAGE, spec.label)}
            )
            return None
        lines = sheet.iter_rows(max_col=MAX_COLUMNS)
        heading_row = next(lines, ())
        by_heading: dict[str, str] = {}
        for column in spec.columns:
            for spelling in _spellings(column.label):
                by_heading.setdefault(spelling, column.key)
        positions: dict[str, int] = {}
        for index, cell in enumerate(heading_row):
            key = by_heading.get(fold(_text(cell.value)))
            if key is not None and key not in positions:
                positions[key] = index
        missing = [c for c in spec.columns if c.required and c.key not in positions]
        for column in missing:
            self.error(spec, _("the heading is missing from the first row."), 1, column.key)
        if missing:
            return None
        found: list[_Row] = []
        for number, cells in enumerate(lines, start=2):
            if number > MAX_SCANNED_ROWS:
                self.error(
                    spec,
                    _("the sheet is too long (at most %(count)s rows).")
                    % {"count": MAX_SCANNED_ROWS},
                )
                return None
            values = {
                key: cells[i].value if i < len(cells) else None for key, i in positions.items()
            }
            row = _Row(
                number=number,
                values=values,
                formats={
                    key: str(getattr(cells[i], "number_format", "") or "")
                    for key, i in positions.items()
                    if i < len(cells)
                },
            )
            if row.blank(*positions):
                continue
            found.append(row)
            if len(found) > spec.max_rows:
                self.error(
                    spec,
                    _("too many rows: a sheet “%(sheet)s” holds at most %(count)s.")
                    % {"sheet": _in(LANGUAGE, spec.label), "count": spec.max_rows},
                    number,
                )
                return None
        return found

    # Values -----------------------------------------------------------------------------------

    def text(
        self,
        spec: Sheet,
        row: _Row,
        key: str,
        max_length: int,
        *,
        required: bool = False,
        lines: bool = False,
    ) -> str:
        value = _text(row.values.get(key), lines=lines)
        if required and not value:
            self.error(spec, _("this cell must be filled in."), row.number, key)
        elif len(value) > max_length:
            self.error(
                spec,
                _("at most %(count)s characters (this one has %(length)s).")
                % {"count": max_length, "length": len(value)},
                row.number,
                key,
            )
        return value

    def choice(
        self,
        spec: Sheet,
        row: _Row,
        key: str,
        choices: list[tuple[str, Any]],
        *,
        default: str = "",
    ) -> str | None:
        value = _text(row.values.get(key))
        if not value:
            if default:
                return default
            self.error(spec, _("this cell must be filled in."), row.number, key)
            return None
        code = _lookup(choices).get(fold(value))
        if code is None:
            self.error(
                spec,
                _("“%(value)s” is not one of: %(choices)s.")
                % {
                    "value": value,
                    "choices": ", ".join(f"“{_in(LANGUAGE, label)}”" for _c, label in choices),
                },
                row.number,
                key,
            )
        return code

    def year(self, spec: Sheet, row: _Row, key: str) -> int | None:
        raw = row.values.get(key)
        try:
            number = _decimal(raw)
        except ValueError:
            number = Decimal("0.5")  # reported below as not a year
        if number is None:
            self.error(spec, _("this cell must be filled in."), row.number, key)
            return None
        if number != number.to_integral_value():
            self.error(
                spec, _("“%(value)s” is not a year.") % {"value": _text(raw)}, row.number, key
            )
            return None
        if not FIRST_YEAR <= number <= LAST_YEAR:
            self.error(
                spec,
                _("the year lies between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
                row.number,
                key,
            )
            return None
        return int(number)

    # The three sheets -------------------------------------------------------------------------

    def criteria_set(self, code: str | None) -> dict[str, Any] | None:
        spec = SET_SHEET
        rows = self.rows(spec)
        if rows is None:
            return None
        if not rows:
            self.error(
                spec, _("the set's details are missing: fill in the row under the headings."), 2
            )
            return None
        row = rows[0]
        data: dict[str, Any] = {}
        if code is None:
            code = self.text(spec, row, "code", 40, required=True)
            problem = code_problem(code) if code else None
            if problem:
                self.error(spec, problem, row.number, "code")
        data["code"] = code
        data["name"] = self.text(spec, row, "name", 250, required=True)
        data["decision"] = self.text(spec, row, "decision", 250)
        data["level"] = self.choice(spec, row, "level", Level.choices)
        data["basis"] = self.choice(spec, row, "basis", Basis.choices)
        data["first_year"] = self.year(spec, row, "first_year")
        data["last_year"] = self.year(spec, row, "last_year")
        if data["first_year"] and data["last_year"] and data["last_year"] < data["first_year"]:
            self.error(spec, _("the last year comes before the first."), row.number, "last_year")
        data["notes"] = self.text(spec, row, "notes", 5000, lines=True)
        return data

    def criteria(self) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]] | None:
        spec = CRITERIA_SHEET
        rows = self.rows(spec)
        if rows is None:
            return None
        names: dict[int, tuple[str, int]] = {}  # criterion number → its name, the row giving it
        unnamed: list[tuple[_Row, int]] = []
        members: dict[int, list[dict[str, Any]]] = {}
        indicators: dict[str, dict[str, Any]] = {}  # code → the indicator, for the thresholds
        rows_of: dict[str, int] = {}
        for row in rows:
            number = self.criterion_number(spec, row)
            criterion_name = self.text(spec, row, "criterion_name", 250)
            if number is not None:
                members.setdefault(number, [])
                if not criterion_name:
                    unnamed.append((row, number))
                elif number not in names:
                    names[number] = (criterion_name, row.number)
                elif fold(names[number][0]) != fold(criterion_name):
                    self.error(
                        spec,
                        _("criterion %(number)s is named “%(name)s” on row %(row)s.")
                        % {"number": number, "name": names[number][0], "row": names[number][1]},
                        row.number,
                        "criterion_name",
                    )
            if row.blank("code", "name", "kind", "unit", "direction", "levels", "source"):
                continue  # a criterion without indicators (yet)
            code = self.text(spec, row, "code", 12, required=True)
            if code and code in rows_of:
                self.error(
                    spec,
                    _("the code “%(code)s” is already used on row %(row)s.")
                    % {"code": code, "row": rows_of[code]},
                    row.number,
                    "code",
                )
                code = ""
            name = self.text(spec, row, "name", 400, required=True)
            kind = self.choice(spec, row, "kind", IndicatorKind.choices)
            direction = self.choice(
                spec, row, "direction", Direction.choices, default=Direction.AT_LEAST
            )
            levels = self.levels(spec, row, kind)
            unit = self.text(spec, row, "unit", 40)
            source = self.text(spec, row, "source", 60)
            if source and not _SOURCE.match(source):
                self.error(
                    spec,
                    _("a source is named in Latin letters, digits, dots and underscores."),
                    row.number,
                    "source",
                )
            indicator: dict[str, Any] = {
                "code": code,
                "name": name,
                "kind": kind,
                "unit": unit,
                "direction": direction,
                "levels": "|".join(levels),
                "source": source,
                "thresholds": {},
            }
            if code:
                rows_of[code] = row.number
                indicators[code] = indicator
                if number is not None:
                    members[number].append(indicator)
        for row, number in unnamed:
            if number not in names:
                self.error(
                    spec,
                    _("unknown criterion %(number)s: no row gives its name.") % {"number": number},
                    row.number,
                    "criterion_name",
                )
        criteria = [
            {"number": number, "name": names[number][0], "indicators": members[number]}
            for number in sorted(members)
            if number in names
        ]
        return criteria, indicators

    def criterion_number(self, spec: Sheet, row: _Row) -> int | None:
        value = row.values.get("criterion")
        try:
            number = _decimal(value)
        except ValueError:
            number = None
            self.error(
                spec,
                _("“%(value)s” is not a criterion number.") % {"value": _text(value)},
                row.number,
                "criterion",
            )
            return None
        if number is None:
            self.error(spec, _("this cell must be filled in."), row.number, "criterion")
            return None
        if number != number.to_integral_value() or not 1 <= number <= 999:
            self.error(
                spec,
                _("a criterion number is a whole number from 1 to 999."),
                row.number,
                "criterion",
            )
            return None
        return int(number)

    def levels(self, spec: Sheet, row: _Row, kind: str | None) -> list[str]:
        given = _text(row.values.get("levels"), lines=True)
        levels = [nfc(level.strip()) for level in _LEVEL_SEPARATOR.split(given) if level.strip()]
        if kind != IndicatorKind.LEVEL:
            if levels and kind is not None:
                self.error(
                    spec,
                    _("only an indicator of the kind “%(kind)s” has levels.")
                    % {"kind": IndicatorKind.LEVEL.label},
                    row.number,
                    "levels",
                )
            return []
        if len({fold(level) for level in levels}) != len(levels) or len(levels) < 2:
            self.error(
                spec,
                _("give two or more different levels, from lowest to highest, separated by |."),
                row.number,
                "levels",
            )
        elif any(len(level) > 60 for level in levels) or len("|".join(levels)) > 300:
            self.error(
                spec,
                _("a level has at most 60 characters, all of them together at most 300."),
                row.number,
                "levels",
            )
        return levels

    def thresholds(self, basis: str | None, indicators: dict[str, dict[str, Any]]) -> None:
        spec = THRESHOLDS_SHEET
        rows = self.rows(spec)
        if rows is None:
            return
        targets = _lookup(_targets(basis).items()) if basis else None
        if targets is not None:
            targets[ALL] = ALL
            for spelling in _spellings(ALL_LABEL):
                targets[spelling] = ALL
        yes_no = {spelling: True for spelling in _spellings(YES) | {"x", "1", "true", "co"}}
        yes_no |= {spelling: False for spelling in _spellings(NO) | {"", "0", "false", "khong"}}
        seen: dict[tuple[str, str], int] = {}
        for row in rows:
            code = self.text(spec, row, "indicator", 12, required=True)
            indicator = indicators.get(code) if code else None
            if code and indicator is None:
                self.error(
                    spec,
                    _("no indicator has the code “%(code)s” on the sheet “%(sheet)s”.")
                    % {"code": code, "sheet": _in(LANGUAGE, CRITERIA_SHEET.label)},
                    row.number,
                    "indicator",
                )
            target = self.target(spec, row, targets)
            value = self.threshold_value(spec, row, indicator)
            level = self.text(spec, row, "level", 60)
            confirmed = yes_no.get(fold(_text(row.values.get("confirmed"))))
            if confirmed is None:
                self.error(
                    spec,
                    _("write “%(yes)s” or “%(no)s”.") % {"yes": YES, "no": NO},
                    row.number,
                    "confirmed",
                )
            source = self.text(spec, row, "source", 300)
            if indicator is None or target is None:
                continue
            kind = indicator["kind"]
            if kind == IndicatorKind.PASS_FAIL:
                self.error(
                    spec,
                    _("a “%(kind)s” indicator has no threshold.")
                    % {"kind": IndicatorKind.PASS_FAIL.label},
                    row.number,
                )
                continue
            if kind == IndicatorKind.LEVEL:
                level = self.threshold_level(spec, row, indicator, level, value)
            elif level:
                self.error(
                    spec,
                    _("only an indicator of the kind “%(kind)s” has a level to reach.")
                    % {"kind": IndicatorKind.LEVEL.label},
                    row.number,
                    "level",
                )
            if (code, target) in seen:
                self.error(
                    spec,
                    _("indicator %(code)s already has a threshold for it on row %(row)s.")
                    % {"code": code, "row": seen[(code, target)]},
                    row.number,
                    "applies_to",
                )
                continue
            seen[(code, target)] = row.number
            indicator["thresholds"][target] = {
                "value": value,
                "level": level,
                "confirmed": bool(confirmed),
                "source": source,
            }

    def target(self, spec: Sheet, row: _Row, targets: dict[str, str] | None) -> str | None:
        raw = _text(row.values.get("applies_to"))
        if not raw:
            self.error(spec, _("this cell must be filled in."), row.number, "applies_to")
            return None
        if targets is None:  # the set's basis is wrong: reported on its own sheet
            return None
        found = targets.get(ALL if raw == ALL else fold(raw))
        if found is None:
            self.error(
                spec,
                _("unknown group or region “%(value)s”: the set's thresholds are by %(basis)s.")
                % {
                    "value": raw,
                    "basis": ", ".join(
                        f"“{label}”" for label in [ALL_LABEL, *_targets(self.basis).values()]
                    ),
                },
                row.number,
                "applies_to",
            )
        return found

    def threshold_value(
        self, spec: Sheet, row: _Row, indicator: dict[str, Any] | None
    ) -> Decimal | None:
        raw = row.values.get("value")
        try:
            value = _decimal(raw)
        except ValueError:
            self.error(
                spec, _("“%(value)s” is not a number.") % {"value": _text(raw)}, row.number, "value"
            )
            return None
        kind = indicator["kind"] if indicator else None
        if value is None:
            if kind in (IndicatorKind.PERCENT, IndicatorKind.NUMBER):
                self.error(spec, _("enter the threshold's value."), row.number, "value")
            return None
        if kind == IndicatorKind.PERCENT and "%" in row.formats.get("value", ""):
            value *= 100  # a cell formatted as a percentage holds 0.9 for 90%
        if kind == IndicatorKind.PERCENT and not 0 <= value <= 100:
            self.error(spec, _("a percentage lies between 0 and 100."), row.number, "value")
        elif abs(value) >= Decimal(10) ** 12 or value != value.quantize(Decimal("0.01")):
            self.error(
                spec,
                _("at most 12 digits before the decimal mark and 2 after it."),
                row.number,
                "value",
            )
        elif value == value.to_integral_value():
            return value.quantize(Decimal(1))
        else:
            return value.normalize()
        return None

    def threshold_level(
        self, spec: Sheet, row: _Row, indicator: dict[str, Any], level: str, value: Any
    ) -> str:
        levels = [item for item in indicator["levels"].split("|") if item]
        if value is not None:
            self.error(
                spec,
                _("a “%(kind)s” indicator's threshold is a level, not a number.")
                % {"kind": IndicatorKind.LEVEL.label},
                row.number,
                "value",
            )
        if not level:
            self.error(spec, _("give the level to reach."), row.number, "level")
            return ""
        by_fold = {fold(item): item for item in levels}
        if fold(level) not in by_fold:
            self.error(
                spec,
                _("“%(level)s” is not one of the indicator's levels: %(levels)s.")
                % {"level": level, "levels": ", ".join(levels)},
                row.number,
                "level",
            )
            return level
        return by_fold[fold(level)]


def code_problem(code: str) -> str | None:
    """Why `code` cannot name a new set, or None."""
    try:
        validate_slug(code)
    except ValidationError:
        return _(
            "“%(code)s” is not a code: use Latin letters without accents, digits, hyphens and "
            "underscores."
        ) % {"code": code}
    if len(code) > 40:
        return _("A code has at most 40 characters.")
    if CriteriaSet.objects.filter(code=code).exists():
        return _(
            "A criteria set with the code “%(code)s” exists already; give the new version its "
            "own code."
        ) % {"code": code}
    return None


def _open(file: IO[bytes] | bytes) -> Any:
    """The workbook, read-only; a ValidationError when the file is not one or too big."""
    not_a_workbook = ValidationError(
        _("The file is not an Excel workbook (.xlsx), or it cannot be read."), code="not_xlsx"
    )
    handle: IO[bytes] = io.BytesIO(file) if isinstance(file, bytes | bytearray) else file
    try:
        handle.seek(0, io.SEEK_END)
        size = handle.tell()
        handle.seek(0)
    except (AttributeError, OSError, ValueError):
        raise not_a_workbook from None
    if size > MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; a workbook may be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_BYTES)},
            code="too_big",
        )
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
            if "xl/workbook.xml" not in {member.filename for member in members}:
                raise not_a_workbook
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                raise ValidationError(_("The workbook is too large once unpacked."), code="too_big")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise not_a_workbook from None
    handle.seek(0)
    try:
        return load_workbook(handle, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise not_a_workbook from None


def read_set(file: IO[bytes] | bytes, *, code: str | None = None) -> dict[str, Any]:
    """The criteria set in the workbook, as `services.criteria_set_load` takes it; `code`, when
    given, is the new set's code in place of the workbook's. Raises one ValidationError listing
    every problem (sheet, row, column) when there is any."""
    errors: list[str] = []
    if code is not None:
        problem = code_problem(code)
        if problem:
            errors.append(problem)
    workbook = _open(file)
    reader = _Reader(workbook)
    try:
        data = reader.criteria_set(code)
        reader.basis = (data or {}).get("basis") or ""
        found = reader.criteria()
        if found is not None:
            reader.thresholds(reader.basis or None, found[1])
    except ValidationError:
        raise
    except Exception:  # a sheet damaged past its first rows
        raise ValidationError(
            _("The file is not an Excel workbook (.xlsx), or it cannot be read."), code="not_xlsx"
        ) from None
    finally:
        workbook.close()
    errors += reader.errors
    if errors:
        raise ValidationError(errors, code="invalid_workbook")
    assert data is not None and found is not None
    return {**data, "criteria": found[0]}
