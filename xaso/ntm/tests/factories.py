"""The New Rural programme's test data, made through the services: criteria sets, programmes,
assessments, a world of two communes under one set; and helpers to edit a set's workbook."""

from __future__ import annotations

import datetime
import io
import sys
import types
from decimal import Decimal

from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from xaso import urls as project_urls
from xaso.communes.services import official_create
from xaso.communes.tests.factories import make_commune
from xaso.legal.tests.factories import make_pdf
from xaso.portal.tests.factories import make_image

from .. import services, spreadsheet
from ..models import Assessment, Indicator, Programme
from ..spreadsheet import THRESHOLDS_SHEET
from ..views import dashboard as views
from ..views import reports as report_views

D = datetime.date
# "Today" for the dashboard's and the reports' tests.
TODAY = D(2027, 3, 10)

# The dashboard and the reports where the admin puts them, for a tree whose admin hooks do not
# register them (yet).
dashboard_urls = types.ModuleType("xaso_ntm_dashboard_test_urls")
dashboard_urls.urlpatterns = [
    path("admin/ntm/", views.dashboard, name="ntm_dashboard"),
    path(
        "admin/ntm/reports/<int:programme_id>/<int:year>.<str:fmt>",
        report_views.report,
        name="ntm_report",
    ),
    *project_urls.urlpatterns,
]
sys.modules[dashboard_urls.__name__] = dashboard_urls


CRITERIA = [
    {
        "name": "Giao thông",
        "indicators": [
            {
                "name": "Tỷ lệ đường thôn được cứng hóa",
                "kind": "percent",
                "thresholds": {"2": {"value": 90, "confirmed": True}},
            },
            {
                "name": "Tỷ lệ hộ nghèo đa chiều",
                "kind": "percent",
                "direction": "at_most",
                "thresholds": {"*": {"value": 3, "confirmed": True}},
            },
        ],
    },
    {
        "name": "Văn hóa",
        "indicators": [
            {"name": "Có nhà văn hóa xã đạt chuẩn", "kind": "pass_fail"},
            {
                "name": "Thu nhập bình quân đầu người",
                "kind": "number",
                "unit": "triệu đồng",
                "thresholds": {"2": {"value": 75}},  # not confirmed
            },
        ],
    },
    {
        "name": "Môi trường",
        "indicators": [{"name": "Tỷ lệ hộ phân loại rác tại nguồn", "kind": "pass_fail"}],
    },
]


def make_set(code="ntm-bang-thu"):
    return services.criteria_set_load(
        data={
            "code": code,
            "name": "Bộ tiêu chí thử nghiệm 2026 – 2030",
            "decision": "Quyết định thử nghiệm",
            "level": "standard",
            "basis": "group",
            "first_year": 2026,
            "last_year": 2030,
            "criteria": CRITERIA,
        }
    )


def make_programme(commune, criteria_set, applies_to="2", started_on="2026-01-01"):
    return services.programme_save(
        programme=Programme(
            commune=commune,
            criteria_set=criteria_set,
            applies_to=applies_to,
            target_level="standard",
            target_year=2028,
            started_on=started_on,
        )
    )


def assess(programme, code, year, **value):
    indicator = Indicator.objects.get(criterion__criteria_set=programme.criteria_set, code=code)
    return services.assessment_save(
        assessment=Assessment(programme=programme, indicator=indicator, year=year, **value)
    )


def make_world():
    """Two communes under one set. Liên Khê in 2027: transport met (1.1 up from 85% to 95%, 1.2
    carried from 2026), culture not met (2.1 failed; 2.2 met on an unconfirmed threshold),
    environment never assessed. Its 1.1 has a published record and an internal note; 2.1 a
    photo and 2.2 a document, neither published; 1.2 was last touched long ago."""
    lien_khe = make_commune(name="Liên Khê")
    luu_kiem = make_commune(name="Lưu Kiếm")
    criteria_set = make_set()
    programme = make_programme(lien_khe, criteria_set)
    official = official_create(
        commune=lien_khe,
        full_name="Phạm Văn Giao",
        position="Công chức Địa chính – Xây dựng",
        phone="0912 345 678",
    )
    road_2026 = assess(programme, "1.1", 2026, number=Decimal("85"))
    road = assess(
        programme,
        "1.1",
        2027,
        number=Decimal("95.5"),
        evidence_public=True,
        responsible=official,
        note="Ghi chú nội bộ: còn 300 m chưa nghiệm thu",
    )
    poverty = assess(programme, "1.2", 2026, number=Decimal("2"))
    hall_2026 = assess(programme, "2.1", 2026, passed=True)
    hall = assess(programme, "2.1", 2027, passed=False)
    income = assess(programme, "2.2", 2027, number=Decimal("80"))
    record = make_pdf(title="Biên bản nghiệm thu đường thôn", name="nghiem-thu.pdf")
    road.evidence.add(record)
    hall.photos.add(make_image(title="Nhà văn hóa đang xây", collection=lien_khe.collection))
    internal = make_pdf(title="Báo cáo thu nhập nội bộ", name="thu-nhap.pdf")
    income.evidence.add(internal)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Assessment.objects.filter(pk=poverty.pk).update(updated_at=long_ago)

    other = make_programme(luu_kiem, criteria_set, applies_to="3")
    assess(other, "1.1", 2027, number=Decimal("40"))  # no threshold for group 3: unknown
    assess(other, "1.2", 2027, number=Decimal("5"))  # above the ceiling of 3%
    return {
        "lien_khe": lien_khe,
        "luu_kiem": luu_kiem,
        "set": criteria_set,
        "programme": programme,
        "other": other,
        "official": official,
        "record": record,
        "internal": internal,
        "assessments": {
            "road_2026": road_2026,
            "road": road,
            "poverty": poverty,
            "hall_2026": hall_2026,
            "hall": hall,
            "income": income,
        },
    }


def make_province_set(code="tinh-thu", basis="group"):
    """A province's set with every kind of indicator, threshold and empty criterion."""
    return services.criteria_set_load(
        data={
            "code": code,
            "name": "Bộ tiêu chí xã nông thôn mới của tỉnh",
            "decision": "Quyết định số 12/2026/QĐ-UBND",
            "level": "advanced",
            "basis": basis,
            "first_year": 2026,
            "last_year": 2030,
            "notes": "Dòng một\nDòng hai",
            "criteria": [
                {
                    "number": 1,
                    "name": "Giao thông",
                    "indicators": [
                        {
                            "code": "1.1",
                            "name": "Tỷ lệ đường thôn được cứng hóa",
                            "kind": "percent",
                            "unit": "%",
                            "source": "campaigns.roads_hardened",
                            "thresholds": {
                                "1": {"value": 100, "confirmed": True, "source": "QĐ 12"},
                                "2": {"value": "89.5", "confirmed": True},
                                "3": {"value": 70},
                            },
                        },
                        {
                            "code": "1.2",
                            "name": "Tỷ lệ hộ nghèo đa chiều",
                            "kind": "percent",
                            "direction": "at_most",
                            "thresholds": {"*": {"value": 3, "confirmed": True}},
                        },
                    ],
                },
                {"number": 2, "name": "Quy hoạch", "indicators": []},
                {
                    "number": 3,
                    "name": "Văn hóa",
                    "indicators": [
                        {"code": "3.1", "name": "Có nhà văn hóa xã", "kind": "pass_fail"},
                        {
                            "code": "3.2",
                            "name": "Xếp loại thôn văn hóa",
                            "kind": "level",
                            "levels": "Chưa đạt|Đạt|Tiêu biểu",
                            "thresholds": {"*": {"level": "Đạt", "confirmed": True}},
                        },
                        {
                            "code": "3.3",
                            "name": "Thu nhập bình quân đầu người",
                            "kind": "number",
                            "unit": "triệu đồng",
                            "thresholds": {"2": {"value": 75}},
                        },
                    ],
                },
            ],
        }
    )


def vi(text):
    with translation.override("vi"):
        return str(text)


def where(sheet, row, column=None):
    """The start of a message about a cell (or a row), as `read_set` words it."""
    values = {"sheet": vi(sheet.label), "row": row, "message": ""}
    if column is None:
        return _("Sheet “%(sheet)s”, row %(row)s: %(message)s") % values
    label = next(c.label for c in sheet.columns if c.key == column)
    return _("Sheet “%(sheet)s”, row %(row)s, column “%(column)s”: %(message)s") % {
        **values,
        "column": vi(label),
    }


def edited(criteria_set, change):
    """The set's workbook after `change(workbook)`, as a file."""
    workbook = load_workbook(io.BytesIO(spreadsheet.export_set(criteria_set)))
    change(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def sheet(workbook, spec):
    return workbook[vi(spec.label)]


def column(spec, key):
    return next(i for i, c in enumerate(spec.columns, start=1) if c.key == key)


def put(workbook, spec, row, key, value):
    sheet(workbook, spec).cell(row=row, column=column(spec, key)).value = value


def threshold_row(workbook, code, target_label):
    rows = sheet(workbook, THRESHOLDS_SHEET).iter_rows(min_row=2, values_only=True)
    for number, values in enumerate(rows, start=2):
        if values[0] == code and values[1] == target_label:
            return number
    raise AssertionError(f"no threshold row for {code} {target_label}")
