"""Reading a criteria-set workbook's three sheets — the set, its criteria and indicators, the
thresholds — into the data `services.criteria_set_load` takes."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from xaso.core import workbook as engine
from xaso.core.text import fold, nfc
from xaso.core.workbook import cell_number, cell_text

from ..choices import Basis, Direction, IndicatorKind, Level
from .reader import SheetReader, SheetRow
from .sheets import (
    ALL,
    ALL_LABEL,
    LANGUAGE,
    NO,
    YES,
    Sheet,
    code_problem,
    heading_spellings,
    in_language,
    label_lookup,
    target_choices,
)

_LEVEL_SEPARATOR = re.compile(r"[|;\n]")
_SOURCE = re.compile(r"^[A-Za-z0-9_.\-]*$")


class WorkbookReader(SheetReader):
    """Reads the three sheets (the set's, the criteria's, the thresholds'), collecting every
    problem with where it is."""

    def __init__(self, workbook: Any, sheets: tuple[Sheet, Sheet, Sheet]) -> None:
        super().__init__(workbook)
        self.sheets = sheets
        self.basis = ""  # the set's, once read

    # The three sheets -------------------------------------------------------------------------

    def criteria_set(self, code: str | None) -> dict[str, Any] | None:
        spec = self.sheets[0]
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
        spec = self.sheets[1]
        rows = self.rows(spec)
        if rows is None:
            return None
        names: dict[int, tuple[str, int]] = {}  # criterion number → its name, the row giving it
        unnamed: list[tuple[SheetRow, int]] = []
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

    def criterion_number(self, spec: Sheet, row: SheetRow) -> int | None:
        value = row.values.get("criterion")
        try:
            number = cell_number(value)
        except ValueError:
            number = None
            self.error(
                spec,
                _("“%(value)s” is not a criterion number.") % {"value": cell_text(value)},
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

    def levels(self, spec: Sheet, row: SheetRow, kind: str | None) -> list[str]:
        given = cell_text(row.values.get("levels"), lines=True)
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
        spec = self.sheets[2]
        rows = self.rows(spec)
        if rows is None:
            return
        targets = label_lookup(target_choices(basis).items()) if basis else None
        if targets is not None:
            targets[ALL] = ALL
            for spelling in heading_spellings(ALL_LABEL):
                targets[spelling] = ALL
        yes_no = engine.yes_no_lookup()
        seen: dict[tuple[str, str], int] = {}
        for row in rows:
            code = self.text(spec, row, "indicator", 12, required=True)
            indicator = indicators.get(code) if code else None
            if code and indicator is None:
                self.error(
                    spec,
                    _("no indicator has the code “%(code)s” on the sheet “%(sheet)s”.")
                    % {"code": code, "sheet": in_language(LANGUAGE, self.sheets[1].label)},
                    row.number,
                    "indicator",
                )
            target = self.target(spec, row, targets)
            value = self.threshold_value(spec, row, indicator)
            level = self.text(spec, row, "level", 60)
            confirmed = yes_no.get(fold(cell_text(row.values.get("confirmed"))))
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

    def target(self, spec: Sheet, row: SheetRow, targets: dict[str, str] | None) -> str | None:
        raw = cell_text(row.values.get("applies_to"))
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
                        f"“{label}”" for label in [ALL_LABEL, *target_choices(self.basis).values()]
                    ),
                },
                row.number,
                "applies_to",
            )
        return found

    def threshold_value(
        self, spec: Sheet, row: SheetRow, indicator: dict[str, Any] | None
    ) -> Decimal | None:
        raw = row.values.get("value")
        try:
            value = cell_number(raw)
        except ValueError:
            self.error(
                spec,
                _("“%(value)s” is not a number.") % {"value": cell_text(raw)},
                row.number,
                "value",
            )
            return None
        kind = indicator["kind"] if indicator else None
        if value is None:
            if kind in (IndicatorKind.PERCENT, IndicatorKind.NUMBER):
                self.error(spec, _("enter the threshold's value."), row.number, "value")
            return None
        if kind == IndicatorKind.PERCENT:  # a cell formatted as a percentage holds 0.9 for 90%
            value = engine.percent_cell(value, row.formats.get("value", ""))
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
        self, spec: Sheet, row: SheetRow, indicator: dict[str, Any], level: str, value: Any
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
