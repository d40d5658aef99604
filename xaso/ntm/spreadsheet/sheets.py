"""The criteria-set workbook's three sheets, their columns and limits, and the labels its cells
may be written with."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core import workbook as engine

from ..choices import GROUPS, REGIONS, Basis
from ..models import CriteriaSet

LANGUAGE = engine.LANGUAGE  # the workbook's language, whatever the admin's
ALL = "*"
CONTENT_TYPE = engine.CONTENT_TYPE

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # a workbook is a ZIP: no "bomb" gets opened
MAX_INDICATOR_ROWS = 1000
MAX_THRESHOLD_ROWS = 10_000
MAX_SCANNED_ROWS = 20_000  # blank rows included
MAX_COLUMNS = 40
LIMITS = engine.Limits(max_bytes=MAX_BYTES, max_unpacked_bytes=MAX_UNPACKED_BYTES)
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
YES, NO = engine.YES, engine.NO


def in_language(language: str, text: Any) -> str:
    return engine.in_language(language, text)


def heading_spellings(text: Any) -> set[str]:
    """How a heading, sheet name or label may be written: in Vietnamese or English, folded."""
    return engine.spellings(text)


def label_lookup(pairs: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """Each code, and each of its labels, folded → the code."""
    return engine.lookup(pairs)


def target_choices(basis: str) -> dict[str, Any]:
    return dict(GROUPS) if basis == Basis.GROUP else dict(REGIONS)


def filename(criteria_set: CriteriaSet) -> str:
    return f"{criteria_set.code}.xlsx"


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
