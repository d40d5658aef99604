"""The commune's self-assessment for a year, read back from the Excel and PDF files: the usual
table (No., criterion, indicator, target, result, assessment) with each indicator's value, the
heading and signature; who may download which programme's report; bad arguments are "not
found"."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from pypdf import PdfReader

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff

from .. import reports
from ..views.reports import report
from .factories import TODAY, dashboard_urls, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


def _build_world():
    world = make_world()
    world["officer"] = make_staff(commune=world["lien_khe"], role=Role.NTM_OFFICER)
    world["neighbour"] = make_staff(commune=world["luu_kiem"], role=Role.NTM_OFFICER)
    return world


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_world


@pytest.fixture
def world(shared_world):
    return shared_world


def _get(user, programme_id, year, fmt):
    request = RequestFactory().get(f"/admin/ntm/reports/{programme_id}/{year}.{fmt}")
    request.user = user
    return report(request, programme_id, year, fmt)


def _status(user, programme_id, year=2027, fmt="xlsx"):
    try:
        return _get(user, programme_id, year, fmt).status_code
    except Http404:
        return 404


def _vi(text, **values):
    with translation.override("vi"):
        return _(text) % values if values else _(text)


def _table(sheet):
    """The main table, from its header row: rows by the indicator's code (the criterion's number
    for a criterion's own row) → the row's values by column title."""
    number = _vi("No.")
    header = next(row[0].row for row in sheet.iter_rows() if row[0].value == number)
    titles = [cell.value for cell in sheet[header]]
    indicator = titles.index(_vi("Indicator"))
    rows = {}
    for row in sheet.iter_rows(min_row=header + 1):
        values = [cell.value for cell in row]
        if not any(values[:3]):
            break
        key = values[indicator].split(". ")[0] if values[indicator] else str(values[0])
        rows[key] = dict(zip(titles, values, strict=False))
    return rows


def _texts(sheet):
    return [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]


def _pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")


def test_the_workbook_holds_each_criterion_and_indicator_with_its_value(world):
    programme = world["programme"]
    response = _get(world["officer"], programme.pk, 2027, "xlsx")
    slug = world["lien_khe"].slug
    assert response["Content-Disposition"] == (
        f'attachment; filename="tu-danh-gia-nong-thon-moi-{slug}-2027.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    texts = _texts(sheet)
    assert "XÃ LIÊN KHÊ" in texts
    assert "Liên Khê, ngày 10 tháng 3 năm 2027" in texts
    with translation.override("vi"):
        assert reports.title(2027) in texts
    assert "Bộ tiêu chí thử nghiệm 2026 – 2030" in texts

    rows = _table(sheet)
    assert list(rows) == ["1", "1.1", "1.2", "2", "2.1", "2.2", "3", "3.1"]
    result, target, verdict = _vi("Result"), _vi("Target"), _vi("Assessment")
    met, not_met, unknown = (
        _vi_state(reports.MET),
        _vi_state(reports.NOT_MET),
        _vi_state(reports.UNKNOWN),
    )
    assert rows["1"][_vi("Criterion")] == "Giao thông" and rows["1"][verdict] == met
    assert rows["1.1"][result] == "95,5%" and rows["1.1"][target] == "≥ 90%"
    assert rows["1.1"][verdict] == met
    assert rows["1.2"][result] == "2% (2026)"  # carried from its last assessment
    assert rows["2"][verdict] == not_met and rows["2.1"][verdict] == not_met
    assert rows["2.2"][result] == "80 triệu đồng"
    assert rows["2.2"][target] == _vi("%(threshold)s (unconfirmed)", threshold="≥ 75 triệu đồng")
    assert rows["3"][verdict] == unknown and rows["3.1"][result] == "–"
    assert _vi("On behalf of the People's Committee").upper() in texts
    # Internal notes stay in the record.
    assert not any("Ghi chú nội bộ" in text for text in texts)


def _vi_state(value):
    with translation.override("vi"):
        return reports.state_label(value)


def test_an_earlier_years_report_takes_that_years_values(world):
    sheet = load_workbook(
        io.BytesIO(_get(world["officer"], world["programme"].pk, 2026, "xlsx").content)
    ).active
    rows = _table(sheet)
    assert rows["1.1"][_vi("Result")] == "85%"
    assert rows["2.2"][_vi("Result")] == "–"
    assert rows["1"][_vi("Assessment")] == _vi_state(reports.NOT_MET)


def test_the_pdf_shows_the_title_the_criteria_and_the_values(world):
    response = _get(world["officer"], world["programme"].pk, 2027, "pdf")
    assert response["Content-Disposition"].endswith('-2027.pdf"')
    text = _pdf_text(response)
    with translation.override("vi"):
        title = reports.title(2027)
    for expected in (
        "XÃ LIÊN KHÊ",
        "Liên Khê, ngày 10 tháng 3 năm 2027",
        title,
        "Giao thông",
        "Tỷ lệ đường thôn được cứng hóa",
        "95,5%",
        "80 triệu đồng",
        "Môi trường",
    ):
        assert expected in text, expected
    assert "Ghi chú nội bộ" not in text and "0912 345 678" not in text


def test_each_commune_downloads_only_its_own_programmes_report(world, django_user_model):
    programme, other = world["programme"], world["other"]
    assert _status(world["officer"], programme.pk) == 200
    assert _status(world["officer"], other.pk) == 404
    assert _status(world["neighbour"], other.pk, fmt="pdf") == 200
    assert _status(world["neighbour"], programme.pk, fmt="pdf") == 404
    editor = make_staff(commune=world["lien_khe"], role=Role.EDITOR)  # no programme permission
    assert _status(editor, programme.pk) == 404
    assert _status(AnonymousUser(), programme.pk) == 404
    admin = django_user_model.objects.create_superuser("tinh", "t@example.com", "mat-khau-123")
    assert _status(admin, other.pk) == 200


@pytest.mark.parametrize(
    ("year", "fmt"),
    [(2027, "doc"), (2027, "XLSX"), (2027, ""), (2025, "xlsx"), (2031, "pdf"), (0, "xlsx")],
)
def test_bad_arguments_are_not_found(world, year, fmt):
    assert _status(world["officer"], world["programme"].pk, year, fmt) == 404


def test_an_unknown_programme_is_not_found(world):
    assert _status(world["officer"], 999999) == 404


def test_the_report_downloads_from_its_address(client, world, settings):
    try:
        reverse("ntm_report", args=[1, 2027, "xlsx"])
    except NoReverseMatch:
        settings.ROOT_URLCONF = dashboard_urls.__name__
    client.force_login(world["officer"])
    response = client.get(reverse("ntm_report", args=[world["programme"].pk, 2027, "xlsx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = _table(load_workbook(io.BytesIO(response.content)).active)
    assert rows["1.1"][_vi("Result")] == "95,5%"
