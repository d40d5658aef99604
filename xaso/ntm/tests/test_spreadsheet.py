"""Criteria sets as workbooks: a set exported and read back loads as the same set under a new
code; a malformed workbook is refused whole, each problem named by sheet, row and column."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from xaso.testing.samples import TYPED_NUMBERS

from .. import services, spreadsheet
from ..choices import Basis, Direction, IndicatorKind, Level
from ..models import CriteriaSet
from ..spreadsheet import CRITERIA_SHEET, SET_SHEET, THRESHOLDS_SHEET
from .factories import column, edited, make_province_set, put, sheet, threshold_row, vi, where

pytestmark = pytest.mark.django_db


def structure(criteria_set):
    """Everything a set says, but its code: to compare two versions."""
    head = [
        criteria_set.name,
        criteria_set.decision,
        criteria_set.level,
        criteria_set.basis,
        criteria_set.first_year,
        criteria_set.last_year,
        criteria_set.notes,
    ]
    criteria = []
    for criterion in criteria_set.criteria.order_by("number"):
        indicators = []
        for indicator in criterion.indicators.all():
            thresholds = sorted(
                (t.applies_to, t.value, t.level, t.confirmed, t.source)
                for t in indicator.thresholds.all()
            )
            indicators.append(
                (
                    indicator.code,
                    indicator.name,
                    indicator.kind,
                    indicator.unit,
                    indicator.direction,
                    indicator.levels,
                    indicator.source,
                    thresholds,
                )
            )
        criteria.append((criterion.number, criterion.name, indicators))
    return head, criteria


def refused(file, **kwargs):
    """The messages `read_set` refuses the file with; nothing is imported on the way."""
    before = CriteriaSet.objects.count()
    with pytest.raises(ValidationError) as caught:
        spreadsheet.read_set(file, **kwargs)
    assert CriteriaSet.objects.count() == before
    return caught.value.messages


# Round trip -------------------------------------------------------------------------------------


def test_a_set_exported_and_read_back_loads_as_the_same_set_under_a_new_code():
    original = make_province_set()
    data = spreadsheet.read_set(io.BytesIO(spreadsheet.export_set(original)), code="tinh-ban-2")
    copy = services.criteria_set_load(data=data)
    assert copy.code == "tinh-ban-2" and copy.pk != original.pk
    assert structure(copy) == structure(original)
    _head, criteria = structure(copy)
    assert [number for number, _name, _indicators in criteria] == [1, 2, 3]
    assert criteria[1] == (2, "Quy hoạch", [])  # a criterion without indicators survives
    assert criteria[0][2][0][7][1] == ("2", Decimal("89.50"), "", True, "")


@pytest.mark.parametrize("code", ["qd318-2022", "qd319-2022", "qd51-2025"])
def test_the_shipped_sets_round_trip(code):
    original = CriteriaSet.objects.get(code=code)
    data = spreadsheet.read_set(spreadsheet.export_set(original), code=f"{code}-ban-sao")
    assert structure(services.criteria_set_load(data=data)) == structure(original)


def test_the_workbook_is_in_vietnamese_with_its_three_sheets():
    workbook = load_workbook(io.BytesIO(spreadsheet.export_set(make_province_set())))
    assert workbook.sheetnames == [vi(spec.label) for spec in spreadsheet.SHEETS]
    assert [spec.label for spec in spreadsheet.SHEETS] == [
        SET_SHEET.label,
        CRITERIA_SHEET.label,
        THRESHOLDS_SHEET.label,
    ]
    criteria = sheet(workbook, CRITERIA_SHEET)
    assert [cell.value for cell in criteria[1]] == [vi(c.label) for c in CRITERIA_SHEET.columns]
    # One row per indicator, and one for the criterion that has none.
    assert criteria.max_row == 1 + 5 + 1
    assert criteria.cell(row=2, column=column(CRITERIA_SHEET, "kind")).value == vi(
        IndicatorKind.PERCENT.label
    )
    assert criteria.cell(row=3, column=column(CRITERIA_SHEET, "direction")).value == vi(
        Direction.AT_MOST.label
    )
    assert sheet(workbook, SET_SHEET).cell(row=2, column=column(SET_SHEET, "level")).value == vi(
        Level.ADVANCED.label
    )


def test_codes_and_labels_are_both_accepted_and_numbers_read_the_vietnamese_way():
    def change(workbook):
        put(workbook, SET_SHEET, 2, "level", "model")
        put(workbook, SET_SHEET, 2, "basis", " Group ")
        put(workbook, CRITERIA_SHEET, 2, "kind", "percent")
        put(workbook, CRITERIA_SHEET, 3, "direction", "AT_MOST")
        put(workbook, CRITERIA_SHEET, 2, "direction", vi(Direction.AT_LEAST.label).upper())
        row = threshold_row(workbook, "1.1", vi(spreadsheet.GROUPS["2"]))
        put(workbook, THRESHOLDS_SHEET, row, "value", "92,5")
        put(workbook, THRESHOLDS_SHEET, row, "applies_to", "2")
        put(workbook, THRESHOLDS_SHEET, row, "confirmed", "x")
        row = threshold_row(workbook, "1.1", vi(spreadsheet.GROUPS["3"]))
        cell = sheet(workbook, THRESHOLDS_SHEET).cell(
            row=row, column=column(THRESHOLDS_SHEET, "value")
        )
        cell.value, cell.number_format = 0.75, "0%"  # typed as 75% in Excel

    data = spreadsheet.read_set(edited(make_province_set(), change), code="tinh-nhan")
    assert data["level"] == Level.MODEL and data["basis"] == Basis.GROUP
    first, second = data["criteria"][0]["indicators"]
    assert first["kind"] == IndicatorKind.PERCENT and first["direction"] == Direction.AT_LEAST
    assert second["direction"] == Direction.AT_MOST
    assert first["thresholds"]["2"] == {
        "value": Decimal("92.5"),
        "level": "",
        "confirmed": True,
        "source": "",
    }
    assert first["thresholds"]["3"]["value"] == Decimal("75")


# Refusals ----------------------------------------------------------------------------------------


def test_what_is_not_a_workbook_is_refused():
    not_xlsx = _("The file is not an Excel workbook (.xlsx), or it cannot be read.")
    assert refused(b"Ten,Gia tri\n1,2\n") == [not_xlsx]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("word/document.xml", "<w:document/>")
    assert refused(archive.getvalue()) == [not_xlsx]
    whole = spreadsheet.export_set(make_province_set())
    assert refused(whole[: len(whole) // 2]) == [not_xlsx]  # cut short
    assert refused(b"") == [not_xlsx]


def test_a_missing_sheet_or_heading_is_named():
    def drop_sheet(workbook):
        del workbook[vi(THRESHOLDS_SHEET.label)]

    messages = refused(edited(make_province_set(), drop_sheet), code="moi")
    assert messages == [
        _("The workbook has no sheet “%(sheet)s”.") % {"sheet": vi(THRESHOLDS_SHEET.label)}
    ]

    def drop_heading(workbook):
        put(workbook, THRESHOLDS_SHEET, 1, "value", "Giá trị cũ")

    messages = refused(edited(make_province_set(code="khac"), drop_heading), code="moi")
    assert messages == [
        where(THRESHOLDS_SHEET, 1, "value") + _("the heading is missing from the first row.")
    ]


def test_each_bad_row_is_named_and_all_are_reported_at_once():
    criteria_set = make_province_set()

    def spoil(workbook):
        # Criteria sheet: rows 2–3 are indicators 1.1 and 1.2, row 4 the criterion without any.
        for key, value in (("criterion", 1), ("code", "1.1"), ("name", "Lặp"), ("kind", "level")):
            put(workbook, CRITERIA_SHEET, 10, key, value)  # a code used already
        put(workbook, CRITERIA_SHEET, 10, "levels", "Thấp|Cao")
        put(workbook, CRITERIA_SHEET, 5, "kind", "Phần trăm hay gì đó")  # an unknown kind
        # An indicator of criterion 7, which no row names.
        put(workbook, CRITERIA_SHEET, 9, "criterion", 7)
        put(workbook, CRITERIA_SHEET, 9, "code", "7.1")
        put(workbook, CRITERIA_SHEET, 9, "name", "Chỉ tiêu lạc")
        put(workbook, CRITERIA_SHEET, 9, "kind", "pass_fail")
        group2 = threshold_row(workbook, "1.1", vi(spreadsheet.GROUPS["2"]))
        put(workbook, THRESHOLDS_SHEET, group2, "value", "nhiều")  # not a number
        group1 = threshold_row(workbook, "1.1", vi(spreadsheet.GROUPS["1"]))
        put(workbook, THRESHOLDS_SHEET, group1, "value", 120)  # a percentage above 100
        level = threshold_row(workbook, "3.2", vi(spreadsheet.ALL_LABEL))
        put(workbook, THRESHOLDS_SHEET, level, "level", "Xuất sắc")  # not one of its levels
        income = threshold_row(workbook, "3.3", vi(spreadsheet.GROUPS["2"]))
        put(workbook, THRESHOLDS_SHEET, income, "applies_to", "Nhóm 9")  # no such group
        put(workbook, THRESHOLDS_SHEET, 20, "indicator", "9.9")  # no such indicator
        put(workbook, THRESHOLDS_SHEET, 20, "applies_to", "1")
        put(workbook, THRESHOLDS_SHEET, 20, "value", 5)
        put(workbook, THRESHOLDS_SHEET, 21, "indicator", "1.2")  # a region in a group set
        put(workbook, THRESHOLDS_SHEET, 21, "applies_to", "red_river_delta")
        put(workbook, THRESHOLDS_SHEET, 21, "value", 5)
        return group2, group1, level, income

    rows = []
    file = edited(criteria_set, lambda workbook: rows.extend(spoil(workbook)))
    group2, group1, level, income = rows
    messages = refused(file, code="tinh-moi")
    starts = [
        where(CRITERIA_SHEET, 5, "kind"),
        where(CRITERIA_SHEET, 9, "criterion_name"),
        where(CRITERIA_SHEET, 10, "code"),
        where(THRESHOLDS_SHEET, group2, "value"),
        where(THRESHOLDS_SHEET, group1, "value"),
        where(THRESHOLDS_SHEET, level, "level"),
        where(THRESHOLDS_SHEET, income, "applies_to"),
        where(THRESHOLDS_SHEET, 20, "indicator"),
        where(THRESHOLDS_SHEET, 21, "applies_to"),
    ]
    for start in starts:
        assert any(message.startswith(start) for message in messages), (start, messages)
    assert len(messages) == len(starts), messages
    assert (
        where(CRITERIA_SHEET, 10, "code")
        + _("the code “%(code)s” is already used on row %(row)s.") % {"code": "1.1", "row": 2}
        in messages
    )
    assert (
        where(CRITERIA_SHEET, 9, "criterion_name")
        + _("unknown criterion %(number)s: no row gives its name.") % {"number": 7}
        in messages
    )
    assert (
        where(THRESHOLDS_SHEET, group1, "value") + _("a percentage lies between 0 and 100.")
        in messages
    )
    assert (
        where(THRESHOLDS_SHEET, group2, "value")
        + _("“%(value)s” is not a number.") % {"value": "nhiều"}
        in messages
    )


def test_a_code_that_exists_is_refused_in_the_sheet_or_as_the_new_code():
    criteria_set = make_province_set()
    exists = _(
        "A criteria set with the code “%(code)s” exists already; give the new version its own code."
    ) % {"code": criteria_set.code}
    file = spreadsheet.export_set(criteria_set)
    assert refused(file) == [where(SET_SHEET, 2, "code") + exists]
    assert refused(file, code=criteria_set.code) == [exists]
    assert refused(file, code="có dấu") == [
        _(
            "“%(code)s” is not a code: use Latin letters without accents, digits, hyphens and "
            "underscores."
        )
        % {"code": "có dấu"}
    ]


def test_the_set_row_is_checked():
    def spoil(workbook):
        put(workbook, SET_SHEET, 2, "name", None)
        put(workbook, SET_SHEET, 2, "basis", "theo huyện")
        put(workbook, SET_SHEET, 2, "first_year", "hai nghìn")
        put(workbook, SET_SHEET, 2, "last_year", 2020)

    messages = refused(edited(make_province_set(), spoil), code="moi")
    assert [message.split(": ")[0] for message in messages] == [
        where(SET_SHEET, 2, key).split(": ")[0] for key in ("name", "basis", "first_year")
    ]


def test_thresholds_must_fit_their_indicator():
    def spoil(workbook):
        put(workbook, THRESHOLDS_SHEET, 20, "indicator", "3.1")  # met / not met: no threshold
        put(workbook, THRESHOLDS_SHEET, 20, "applies_to", "*")
        put(workbook, THRESHOLDS_SHEET, 20, "value", 1)
        put(workbook, THRESHOLDS_SHEET, 21, "indicator", "3.3")  # a number without its value
        put(workbook, THRESHOLDS_SHEET, 21, "applies_to", "1")
        put(workbook, THRESHOLDS_SHEET, 22, "indicator", "1.2")  # twice for the same target
        put(workbook, THRESHOLDS_SHEET, 22, "applies_to", vi(spreadsheet.ALL_LABEL))
        put(workbook, THRESHOLDS_SHEET, 22, "value", 4)
        put(workbook, THRESHOLDS_SHEET, 22, "confirmed", "có lẽ")  # neither yes nor no

    messages = refused(edited(make_province_set(), spoil), code="moi")
    assert messages[0].startswith(where(THRESHOLDS_SHEET, 20))
    assert messages[1].startswith(where(THRESHOLDS_SHEET, 21, "value"))
    assert messages[2].startswith(where(THRESHOLDS_SHEET, 22, "confirmed"))
    assert messages[3].startswith(where(THRESHOLDS_SHEET, 22, "applies_to"))
    assert len(messages) == 4


def test_the_number_of_rows_is_limited(monkeypatch):
    monkeypatch.setattr(
        spreadsheet,
        "THRESHOLDS_SHEET",
        spreadsheet.Sheet(THRESHOLDS_SHEET.label, THRESHOLDS_SHEET.columns, max_rows=3),
    )
    messages = refused(spreadsheet.export_set(make_province_set()), code="moi")
    assert len(messages) == 1 and messages[0].startswith(where(THRESHOLDS_SHEET, 5))


def test_a_workbook_made_from_scratch_with_english_headings_is_read():
    workbook = Workbook()
    first = workbook.active
    first.title = "Criteria set"
    first.append(["Name", "Code", "Set level", "Thresholds by", "From year", "To year"])
    first.append(["Bộ của tỉnh", "tinh-2027", "standard", "region", 2027, 2030])
    criteria = workbook.create_sheet("Criteria")
    criteria.append(
        ["Criterion no.", "Criterion", "Indicator code", "Indicator", "Kind of indicator"]
    )
    criteria.append([1, "Thu nhập", "1.1", "Thu nhập bình quân", "number"])
    criteria.append([1, None, "1.2", "Có chợ", "pass_fail"])  # the name given once is enough
    thresholds = workbook.create_sheet("Thresholds")
    thresholds.append(["Indicator code", "Group or region", "Value", "Level to reach", "Confirmed"])
    thresholds.append(["1.1", "red_river_delta", 60, None, "yes"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = spreadsheet.read_set(buffer.getvalue())
    loaded = services.criteria_set_load(data=data)
    assert loaded.code == "tinh-2027" and loaded.basis == Basis.REGION
    assert [i.code for i in loaded.criteria.get().indicators.all()] == ["1.1", "1.2"]
    assert loaded.criteria.get().indicators.get(code="1.1").thresholds.get().value == 60


# A threshold typed in a criteria-set workbook reads as the same number as in a campaign's
# households workbook (`xaso.campaigns.tests.test_spreadsheet`): `150.000` is 150000, `1.234,5`
# is 1234.5, `12 %` is 12.


@pytest.mark.parametrize("typed, expected", TYPED_NUMBERS)
def test_a_threshold_reads_as_in_a_campaigns_workbook(typed, expected):
    def change(workbook):
        number = threshold_row(workbook, "3.3", vi(spreadsheet.GROUPS["2"]))
        put(workbook, THRESHOLDS_SHEET, number, "value", typed)

    data = spreadsheet.read_set(edited(make_province_set(), change), code="tinh-so")
    (income,) = [
        indicator
        for criterion in data["criteria"]
        for indicator in criterion["indicators"]
        if indicator["code"] == "3.3"
    ]
    assert income["thresholds"]["2"]["value"] == expected
