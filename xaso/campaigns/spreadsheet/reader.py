"""Reading the household sheets: every row checked, every problem collected with its sheet, row
and column; nothing written."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from xaso.communes.models import Official
from xaso.core import workbook as engine
from xaso.core.text import fold
from xaso.core.workbook import Problem, WorkbookInvalid, cell_text
from xaso.party.models import Cell

from .. import services
from ..choices import Status, SupportKind
from ..models import Campaign, Household, Segment
from .columns import (
    BY_KEY,
    CELL,
    CHOICE,
    COLUMNS,
    COORDINATE,
    COORDINATE_PLACES,
    DECIMAL,
    DEFAULTS,
    FIRST_DATA_ROW,
    GUIDE_LABEL,
    HAMLET,
    INTEGER,
    LANGUAGE,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SCANNED_ROWS,
    MAX_SHEETS,
    NO,
    OFFICIAL,
    RELATED,
    RULE_INPUTS,
    SEGMENT,
    TEXT,
    YES,
    YES_NO,
    ChoiceLists,
    Column,
    choice_labels,
    heading_spellings,
    in_language,
    label_lookup,
    number_text,
)


@dataclass
class ImportRow:
    """A household as the file gives it: a new one, or the record with the file's values."""

    sheet: str
    number: int
    household: Household
    created: bool
    changed: tuple[str, ...]  # the fields the file changes (every one read, for a new household)


class _Bad(Exception):
    """A cell's value cannot be used; the message says why."""


def merge_errors(errors: dict[str, list[str]], error: ValidationError) -> dict[str, list[str]]:
    for key, messages in error.message_dict.items():
        errors.setdefault(key, []).extend(messages)
    return errors


def _same(household: Household, key: str, value: Any) -> bool:
    """Whether the record already holds what the file says."""
    if key in RELATED:
        return getattr(household, f"{key}_id") == (value.pk if value is not None else None)
    current = getattr(household, key)
    if isinstance(current, str) and isinstance(value, str):
        return " ".join(current.split()) == value
    return bool(current == value)


class WorkbookReader:
    """Reads the household sheets, collecting every problem with where it is."""

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self.lists = lists = ChoiceLists(campaign)
        self.problems = engine.Problems()
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
        self.choices = {c.key: label_lookup(c.choices) for c in COLUMNS if c.kind == CHOICE}
        for spelling in heading_spellings(NO):  # "no support", as people write it
            self.choices["support_kind"].setdefault(spelling, SupportKind.NONE)
        self.yes_no = engine.yes_no_lookup(without_units=True)
        self.headings: dict[str, str] = {}
        for column in COLUMNS:
            for spelling in heading_spellings(column.label):
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
        label = in_language(LANGUAGE, column.label) if column else ""
        sheet = sheet if self.several_sheets else ""
        self.problems.add(Problem(row, label, message, sheet), (self.sheet_index, row or 0, order))

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
                key = self.headings.get(fold(cell_text(cell.value)))
                if key is not None and key not in positions:
                    positions[key] = index
            if len(positions) >= 2:
                wide = len(heading_row) > MAX_COLUMNS and not engine.is_blank(heading_row[-1].value)
                found.append((sheet, positions, wide))
        return found

    def read(self, workbook: Any, rules: bool) -> list[ImportRow]:
        sheets = self.household_sheets(workbook)
        self.several_sheets = len(sheets) > 1
        if not sheets:
            names = ", ".join(f"“{in_language(LANGUAGE, c.label)}”" for c in COLUMNS if c.required)
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
                        "count": number_text(MAX_SCANNED_ROWS)
                    }
                    raise WorkbookInvalid([Problem(None, "", message, sheet.title)])
                values = {key: cells[i] if i < len(cells) else None for key, i in positions.items()}
                if all(engine.is_blank(value) for value in values.values()):
                    continue
                count += 1
                if count > MAX_ROWS:
                    message = _(
                        "The workbook has more than %(count)s households: split it into files "
                        "of at most %(count)s rows."
                    ) % {"count": number_text(MAX_ROWS)}
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
            raise self.problems.invalid()
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
                **DEFAULTS,
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
            merge_errors(errors, error)
        wrong = failed | set(errors)
        try:
            services.check_household(household)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                if not RULE_INPUTS.get(key, {key}) & wrong:
                    errors.setdefault(key, []).extend(messages)
        for key, messages in errors.items():
            for message in messages:
                self.add(sheet, number, key if key in BY_KEY else "", str(message))

    # Values -----------------------------------------------------------------------------------

    def value(self, column: Column, raw: Any) -> Any:
        kind = column.kind
        if kind in (DECIMAL, INTEGER, COORDINATE):
            return self.number(column, raw)
        text = cell_text(raw)
        if not text:
            if column.required:
                raise _Bad(_("this cell must be filled in."))
            if kind in (SEGMENT, HAMLET, OFFICIAL, CELL):
                return None
            return DEFAULTS.get(column.key, "")
        if kind == TEXT:
            return self.text(column, raw, text)
        if kind == CHOICE:
            code = self.choices[column.key].get(fold(text))
            if code is None:
                labels = ", ".join(f"“{label}”" for label in choice_labels(column))
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
            number = engine.cell_number(raw, grouping=column.kind != COORDINATE)
        except ValueError:
            raise _Bad(_("“%(value)s” is not a number.") % {"value": cell_text(raw)}) from None
        if number is None:
            if column.required:
                raise _Bad(_("this cell must be filled in."))
            return DEFAULTS.get(column.key)
        if column.kind == INTEGER:
            if number != number.to_integral_value():
                raise _Bad(_("“%(value)s” is not a whole number.") % {"value": cell_text(raw)})
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
                    % {"value": text, "sheet": in_language(LANGUAGE, GUIDE_LABEL)}
                )
            return hamlet
        if key == OFFICIAL:
            if wanted not in self.officials:
                message = _(
                    "no official of the commune is called “%(value)s” (see the sheet “%(sheet)s”)."
                )
                raise _Bad(message % {"value": text, "sheet": in_language(LANGUAGE, GUIDE_LABEL)})
            official = self.officials[wanted]
            if official is None:
                raise _Bad(
                    _(
                        "several officials are called “%(value)s”: write the name and position as "
                        "on the sheet “%(sheet)s”."
                    )
                    % {"value": text, "sheet": in_language(LANGUAGE, GUIDE_LABEL)}
                )
            return official
        cell = self.cells.get(wanted)
        if cell is None:
            raise _Bad(
                _("no party cell of the commune has the code or name “%(value)s”.")
                % {"value": text}
            )
        return cell
