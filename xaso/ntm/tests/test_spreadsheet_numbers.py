"""A threshold typed in a criteria-set workbook reads as the same number as in a campaign's
households workbook (`xaso.campaigns.tests.test_spreadsheet_safety`): `150.000` is 150000,
`1.234,5` is 1234.5, `12 %` is 12."""

from __future__ import annotations

import pytest

from xaso.core.tests.test_workbook import TYPED_NUMBERS

from .. import spreadsheet
from ..spreadsheet import THRESHOLDS_SHEET
from .test_spreadsheet import edited, make_set, put, threshold_row, vi

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed, expected", TYPED_NUMBERS)
def test_a_threshold_reads_as_in_a_campaigns_workbook(typed, expected):
    def change(workbook):
        number = threshold_row(workbook, "3.3", vi(spreadsheet.GROUPS["2"]))
        put(workbook, THRESHOLDS_SHEET, number, "value", typed)

    data = spreadsheet.read_set(edited(make_set(), change), code="tinh-so")
    (income,) = [
        indicator
        for criterion in data["criteria"]
        for indicator in criterion["indicators"]
        if indicator["code"] == "3.3"
    ]
    assert income["thresholds"]["2"]["value"] == expected
