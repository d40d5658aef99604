"""Values read from spreadsheet cells, the same way in every workbook the portal reads.

- Text: NFC, legacy-encoded Vietnamese (TCVN3, VNI) converted, spaces evened out (line breaks
  kept only where asked), and the `'` an export puts before text that looks like a formula
  (`xaso.core.cells.defuse`) taken off, so `=1+1` exported reads back as `=1+1`.
- Numbers: an Excel number as it is, or text written the Vietnamese way (`89,5`, `1.234,5`,
  `150.000`) or the English way (`89.5`, `1,234.5`, `150,000`). Where both marks appear the last
  is the decimal mark; a mark repeated groups thousands (`1.234.567`); a lone mark between one to
  three digits (not a lone 0) and exactly three more groups thousands too, so `150.000` is
  150000 wherever it is typed — except in columns that are never thousands (coordinates:
  `grouping=False`), where `106.665` stays 106.665. A percent sign is dropped: `12 %`, `12%`
  and `12` are all 12 (the number as written, not 0.12); a cell formatted as a percentage, which
  holds 0.12 for 12 %, is for the caller to scale (`percent_cell`).
- Dates: an Excel date, or text `28/11/2026`, `28-11-2026`, `28.11.2026` or `2026-11-28`, or an
  Excel serial day number.
- Yes/no and choices: every spelling of a label (Vietnamese or English, folded), or its code.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy

from xaso.core.cells import undefuse
from xaso.core.legacy_text import fix_legacy
from xaso.core.text import fold, nfc

LANGUAGE = "vi"  # the language workbooks are written in, whatever the admin's
YES, NO = gettext_lazy("Yes"), gettext_lazy("No")
_SPACES = re.compile(r"[\s\u00a0\u202f]")
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)")
_GROUPED = re.compile(r"[-+]?[1-9]\d{0,2}(?:[.,]\d{3})+")  # 1.234 — 1.234.567
_DAY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)  # day 0 of Excel's 1900 date system, as it counts


def in_language(language: str, text: Any) -> str:
    with translation.override(language):
        return str(text)


def spellings(text: Any, *, without_units: bool = False) -> set[str]:
    """How a heading, sheet name or label may be written: in Vietnamese or English, folded;
    with `without_units`, also without what it says in brackets ("Area (m²)" → "area")."""
    found = set()
    for language in (LANGUAGE, "en"):
        written = in_language(language, text)
        found.add(fold(written))
        if without_units:
            found.add(fold(re.sub(r"\(.*?\)", "", written)))
    return found


def lookup(pairs: Iterable[tuple[str, Any]], *, without_units: bool = False) -> dict[str, str]:
    """Each code, and each spelling of its label, folded → the code."""
    found: dict[str, str] = {}
    for code, label in pairs:
        if code:
            found.setdefault(fold(code), code)
        for spelling in spellings(label, without_units=without_units):
            found.setdefault(spelling, code)
    return found


def yes_no_lookup(*, without_units: bool = False) -> dict[str, bool]:
    """Every way a yes/no cell is written (folded) → True or False; a blank cell is no."""
    answers = dict.fromkeys(
        spellings(YES, without_units=without_units) | {"x", "1", "true", "co"}, True
    )
    answers |= dict.fromkeys(
        spellings(NO, without_units=without_units) | {"", "0", "false", "khong"}, False
    )
    return answers


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any, *, lines: bool = False) -> str:
    """A cell as text (see the module); "" for a blank cell. Yes and no for a boolean, a whole
    float without its ".0", a date as dd/mm/yyyy."""
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
    text = undefuse(text.strip())
    if lines:
        return "\n".join(" ".join(line.split()) for line in text.strip().splitlines()).strip()
    return " ".join(text.split())


def cell_number(value: Any, *, grouping: bool = True) -> Decimal | None:
    """A number from a cell (see the module); None when blank. Raises ValueError when the cell
    is not a number."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        number = _number_text(str(value), grouping)
    if not number.is_finite():
        raise ValueError
    return number


def _number_text(value: str, grouping: bool) -> Decimal:
    text = _SPACES.sub("", nfc(value))
    text = text.removeprefix("'").removesuffix("%")
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        mark = "," if text.rfind(",") > text.rfind(".") else "."
        whole, _mark, fraction = text.rpartition(mark)
        if not _GROUPED.fullmatch(whole):
            raise ValueError  # 12.34,5: no reading of it is sure
        text = whole.replace("." if mark == "," else ",", "") + "." + fraction
    elif dots > 1 or commas > 1:
        if not _GROUPED.fullmatch(text):
            raise ValueError
        text = text.replace("." if dots else ",", "")
    elif grouping and _GROUPED.fullmatch(text):
        text = text.replace(".", "").replace(",", "")
    else:
        text = text.replace(",", ".")
    if not _NUMBER.fullmatch(text):
        raise ValueError
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError from None


def percent_cell(number: Decimal, number_format: str) -> Decimal:
    """A percentage as written (12 for 12 %) from a cell's number: a cell formatted as a
    percentage holds 0.12 for 12 %."""
    return number * 100 if "%" in (number_format or "") else number


def cell_date(value: Any) -> datetime.date | None:
    """A day from a cell (see the module); None when blank. Raises ValueError otherwise."""
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float | Decimal):
        if not 1 <= value < 2_958_466:  # 1/1/1900 to 31/12/9999
            raise ValueError
        return _EXCEL_EPOCH + datetime.timedelta(days=int(value))
    text = cell_text(value)
    if found := _DAY.fullmatch(text):
        day, month, year = (int(part) for part in found.groups())
    elif found := _ISO_DAY.fullmatch(text):
        year, month, day = (int(part) for part in found.groups())
    else:
        raise ValueError
    return datetime.date(year, month, day)  # ValueError for 31/02
