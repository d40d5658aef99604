"""The New Rural programme's admin: an officer enters values for their own commune only, with
evidence, through the service that decides "met"; sets and thresholds are the province's, which
imports its own set from a workbook and is shown every problem of a bad one."""

from __future__ import annotations

import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from wagtail.documents import get_document_model

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes.services import official_create
from xaso.communes.tests.factories import make_commune

from .. import services, spreadsheet
from ..models import Assessment, CriteriaSet, Indicator, Programme, Threshold
from ..spreadsheet import THRESHOLDS_SHEET
from .factories import edited, make_province_set, put, threshold_row, vi, where

pytestmark = pytest.mark.django_db

XLSX = spreadsheet.CONTENT_TYPE


def _programme(commune, criteria_set, applies_to="2"):
    return services.programme_save(
        programme=Programme(
            commune=commune,
            criteria_set=criteria_set,
            applies_to=applies_to,
            target_level="advanced",
            target_year=2028,
            started_on="2026-01-01",
        )
    )


def _indicator(criteria_set, code):
    return Indicator.objects.get(criterion__criteria_set=criteria_set, code=code)


def _document(commune, title):
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4 bien ban", name="bien-ban.pdf"),
        collection=commune.collection,
    )


def _build_ntm(commune):
    """Our commune's programme under a set; another commune's under the same set, with a value
    of its own; a set no programme of ours follows."""
    criteria_set = make_province_set()
    other = make_commune(name="Lưu Kiếm")
    programme = _programme(commune, criteria_set)
    far_programme = _programme(other, criteria_set, applies_to="1")
    far_assessment = services.assessment_save(
        assessment=Assessment(
            programme=far_programme,
            indicator=_indicator(criteria_set, "1.1"),
            year=2026,
            number=Decimal("77"),
            note="Số liệu của xã bạn",
        )
    )
    unused = make_province_set(code="bo-khac")
    return SimpleNamespace(
        commune=commune,
        other=other,
        criteria_set=criteria_set,
        programme=programme,
        far_programme=far_programme,
        far_assessment=far_assessment,
        unused=unused,
        official=official_create(commune=commune, full_name="Nguyễn Thị Hoa", position="Công chức"),
        far_official=official_create(commune=other, full_name="Lê Văn Xa", position="Công chức"),
    )


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_ntm
SHARED_WORLD_FIXTURE = "ntm"


@pytest.fixture
def ntm(shared_world):
    return shared_world


def _errors(response):
    context = response.context
    return context and context.get("form") is not None and context["form"].errors


def _officer(client, commune):
    user = make_staff(commune=commune, role=Role.NTM_OFFICER)
    client.force_login(user)
    return user


def _province(client, django_user_model):
    user = django_user_model.objects.create_superuser("tinh", "t@example.com", "x")
    client.force_login(user)
    return user


def _post(ntm, code, **fields):
    data = {
        "programme": ntm.programme.pk,
        "indicator": _indicator(ntm.criteria_set, code).pk,
        "year": "2026",
        "number": "",
        "passed": "",
        "level": "",
        "evidence_public": "",
        "responsible": ntm.official.pk,
        "note": "Theo báo cáo của thôn",
    }
    data.update(fields)
    return data


# The commune's officer -------------------------------------------------------------------------


def test_an_officer_adds_a_value_with_evidence_and_met_is_computed(client, ntm):
    officer = _officer(client, ntm.commune)
    minutes = _document(ntm.commune, "Biên bản nghiệm thu đường thôn")
    response = client.post(
        "/admin/ntm/assessments/new/",
        _post(ntm, "1.1", number="92,5", evidence_0=minutes.pk, evidence_public="on"),
    )
    assert response.status_code == 302, _errors(response)
    assessment = Assessment.objects.get(programme=ntm.programme, indicator__code="1.1")
    # Group 2 must reach 89.5 %: met, against a confirmed threshold.
    assert assessment.number == Decimal("92.5") and assessment.met is True
    assert assessment.threshold_confirmed is True
    assert assessment.updated_by == officer and assessment.responsible == ntm.official
    assert list(assessment.evidence.all()) == [minutes] and assessment.evidence_public

    response = client.post(
        "/admin/ntm/assessments/new/", _post(ntm, "3.3", number="70", responsible="")
    )
    assert response.status_code == 302, _errors(response)
    income = Assessment.objects.get(programme=ntm.programme, indicator__code="3.3")
    assert income.met is False and income.threshold_confirmed is False  # 75 is unconfirmed
    listing = client.get("/admin/ntm/assessments/").content.decode()
    assert escape(_("threshold not confirmed")) in listing
    assert escape(str(officer.get_full_name())) in listing

    response = client.post("/admin/ntm/assessments/new/", _post(ntm, "3.2", level="Tiêu biểu"))
    assert response.status_code == 302
    assert Assessment.objects.get(indicator__code="3.2", programme=ntm.programme).met is True


def test_the_form_offers_only_the_officers_programmes_indicators_and_fitting_value(client, ntm):
    _officer(client, ntm.commune)
    form = client.get("/admin/ntm/assessments/new/")
    indicators = form.context["form"].fields["indicator"].queryset
    assert set(indicators) == set(
        Indicator.objects.filter(criterion__criteria_set=ntm.criteria_set)
    )
    assert list(form.context["form"].fields["programme"].queryset) == [ntm.programme]
    assert ntm.far_official.full_name not in form.content.decode()
    # With the indicator known, only its kind's value field: a level chosen among its levels.
    level = _indicator(ntm.criteria_set, "3.2")
    form = client.get(f"/admin/ntm/assessments/new/?indicator={level.pk}&year=2027")
    fields = form.context["form"].fields
    assert "level" in fields and "number" not in fields and "passed" not in fields
    assert [value for value, _label in fields["level"].choices][1:] == level.level_list
    assert form.context["form"]["year"].value() == "2027"
    met_or_not = _indicator(ntm.criteria_set, "3.1")
    fields = (
        client.get(f"/admin/ntm/assessments/new/?indicator={met_or_not.pk}").context["form"].fields
    )
    assert set(fields) >= {"passed"} and not {"number", "level"} & set(fields)


def test_an_officer_sees_and_touches_only_their_communes_records(client, ntm):
    _officer(client, ntm.commune)
    mine = services.assessment_save(
        assessment=Assessment(
            programme=ntm.programme,
            indicator=_indicator(ntm.criteria_set, "1.2"),
            year=2026,
            number=Decimal("2"),
            note="Số liệu của xã mình",
        )
    )
    listing = client.get("/admin/ntm/assessments/")
    assert list(listing.context["object_list"]) == [mine]
    programmes = client.get("/admin/ntm/programmes/")
    assert list(programmes.context["object_list"]) == [ntm.programme]
    far = ntm.far_assessment
    for url in (
        f"/admin/ntm/assessments/edit/{far.pk}/",
        f"/admin/ntm/assessments/inspect/{far.pk}/",
        f"/admin/ntm/programmes/inspect/{ntm.far_programme.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/admin/ntm/assessments/edit/{far.pk}/", {"number": "1", "note": "Sửa trộm"}
    )
    assert response.status_code == 404
    assert Assessment.objects.get(pk=far.pk).note == "Số liệu của xã bạn"
    assert client.get(f"/admin/ntm/assessments/inspect/{mine.pk}/").status_code == 200
    # Another commune's programme, official or document is not a choice.
    foreign = _document(ntm.other, "Tài liệu của xã bạn")
    before = Assessment.objects.count()
    for fields, field in (
        ({"programme": ntm.far_programme.pk}, "programme"),
        ({"responsible": ntm.far_official.pk}, "responsible"),
        ({"evidence_0": foreign.pk}, "evidence"),
    ):
        response = client.post(
            "/admin/ntm/assessments/new/", _post(ntm, "1.1", number="95", **fields)
        )
        assert response.status_code == 200
        assert field in response.context["form"].errors, fields
        assert foreign.title not in response.content.decode()
    assert Assessment.objects.count() == before


def test_an_officer_edits_a_value_and_cannot_change_what_it_is_for(client, ntm):
    _officer(client, ntm.commune)
    client.post("/admin/ntm/assessments/new/", _post(ntm, "1.1", number="80"))
    assessment = Assessment.objects.get(programme=ntm.programme)
    assert assessment.met is False
    response = client.post(
        f"/admin/ntm/assessments/edit/{assessment.pk}/",
        _post(ntm, "1.2", year="2030", number="95", note="Đã hoàn thành"),
    )
    assert response.status_code == 302, _errors(response)
    assessment.refresh_from_db()
    assert (assessment.indicator.code, assessment.year) == ("1.1", 2026)  # fixed once made
    assert assessment.number == 95 and assessment.met is True


def test_an_officer_cannot_edit_thresholds_nor_import_sets(client, ntm):
    _officer(client, ntm.commune)
    threshold = Threshold.objects.get(indicator=_indicator(ntm.criteria_set, "3.3"))
    assert client.get("/admin/ntm/thresholds/").status_code == 200  # they may read them
    response = client.get(f"/admin/ntm/thresholds/edit/{threshold.pk}/")
    assert response.status_code in (302, 403)
    client.post(
        f"/admin/ntm/thresholds/edit/{threshold.pk}/",
        {"value": "10", "level": "", "confirmed": "on", "source": "Tự sửa"},
    )
    threshold.refresh_from_db()
    assert (threshold.value, threshold.confirmed) == (Decimal("75"), False)

    before = CriteriaSet.objects.count()
    assert client.get("/admin/ntm/sets/new/").status_code == 403
    workbook = spreadsheet.export_set(ntm.criteria_set)
    response = client.post(
        "/admin/ntm/sets/new/",
        {"file": SimpleUploadedFile("bo.xlsx", workbook, XLSX), "code": "cua-xa"},
    )
    assert response.status_code == 403
    assert CriteriaSet.objects.count() == before
    # Downloading a set is reading it: allowed.
    download = client.get(f"/admin/ntm/sets/export/{ntm.criteria_set.pk}/")
    assert download.status_code == 200 and download["Content-Type"] == XLSX
    assert spreadsheet.read_set(download.content, code="ban-doc")["name"] == ntm.criteria_set.name


def test_bad_values_come_back_as_form_errors_never_a_server_error(client, ntm):
    _officer(client, ntm.commune)
    for code, fields, field in (
        ("1.1", {"number": "120"}, "number"),  # a percentage above 100, refused by the service
        ("1.1", {"number": "nhiều"}, "number"),
        ("1.1", {"number": ""}, "number"),
        ("3.2", {"level": "Xuất sắc"}, "level"),
        ("3.1", {"passed": ""}, "passed"),
        ("1.1", {"number": "95", "indicator": "abc"}, "indicator"),
        ("1.1", {"number": "95", "indicator": _indicator(ntm.unused, "1.1").pk}, "indicator"),
        ("1.1", {"number": "95", "year": "1800"}, "year"),
    ):
        response = client.post("/admin/ntm/assessments/new/", _post(ntm, code, **fields))
        assert response.status_code == 200, (code, fields)
        assert field in response.context["form"].errors, (code, fields)
    assert not Assessment.objects.filter(programme=ntm.programme).exists()
    client.post("/admin/ntm/assessments/new/", _post(ntm, "1.1", number="95"))
    again = client.post("/admin/ntm/assessments/new/", _post(ntm, "1.1", number="96"))
    assert again.status_code == 200 and again.context["form"].errors  # one value a year
    assert Assessment.objects.get(programme=ntm.programme).number == 95


# The province ----------------------------------------------------------------------------------


def test_the_province_imports_a_set_from_a_workbook(client, ntm, django_user_model):
    _province(client, django_user_model)
    assert client.get("/admin/ntm/sets/new/").status_code == 200
    workbook = spreadsheet.export_set(ntm.criteria_set)
    response = client.post(
        "/admin/ntm/sets/new/",
        {"file": SimpleUploadedFile("bo-tinh.xlsx", workbook, XLSX), "code": "tinh-2027"},
    )
    imported = CriteriaSet.objects.get(code="tinh-2027")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/ntm/sets/inspect/{imported.pk}/"
    assert imported.criteria.count() == 3
    assert Threshold.objects.filter(indicator__criterion__criteria_set=imported).count() == 6
    page = client.get(response["Location"]).content.decode()
    assert (
        escape("Xếp loại thôn văn hóa") in page and f"/admin/ntm/sets/export/{imported.pk}/" in page
    )


def test_a_bad_workbook_is_refused_with_every_problem_by_row(client, ntm, django_user_model):
    _province(client, django_user_model)

    def spoil(workbook):
        row = threshold_row(workbook, "1.1", vi(spreadsheet.GROUPS["2"]))
        put(workbook, THRESHOLDS_SHEET, row, "value", "chín mươi")
        put(workbook, THRESHOLDS_SHEET, 20, "indicator", "9.9")
        put(workbook, THRESHOLDS_SHEET, 20, "applies_to", "1")
        put(workbook, THRESHOLDS_SHEET, 20, "value", "5")
        return row

    rows = []
    workbook = edited(ntm.criteria_set, lambda book: rows.append(spoil(book)))
    before = CriteriaSet.objects.count()
    response = client.post(
        "/admin/ntm/sets/new/",
        {"file": SimpleUploadedFile("hong.xlsx", workbook.getvalue(), XLSX), "code": "tinh-2027"},
    )
    assert response.status_code == 200
    assert CriteriaSet.objects.count() == before
    problems = response.context["import_errors"]
    assert len(problems) == 2
    assert problems[0].startswith(where(THRESHOLDS_SHEET, rows[0], "value"))
    assert problems[1].startswith(where(THRESHOLDS_SHEET, 20, "indicator"))
    page = response.content.decode()
    assert 'id="ntm-import-errors"' in page and escape(problems[0]) in page

    # Not a workbook at all, a code taken, no file: the form again, never a server error.
    for data, field in (
        ({"file": SimpleUploadedFile("bo.xlsx", b"khong phai", XLSX), "code": "x"}, "file"),
        ({"file": SimpleUploadedFile("bo.csv", b"a,b", "text/csv"), "code": "x"}, "file"),
        (
            {"file": SimpleUploadedFile("bo.xlsx", workbook.getvalue(), XLSX), "code": "tinh-thu"},
            "code",
        ),
        ({"code": "x"}, "file"),
    ):
        response = client.post("/admin/ntm/sets/new/", data)
        assert response.status_code == 200
        assert field in response.context["form"].errors, data
    assert CriteriaSet.objects.count() == before


def test_the_province_confirms_a_threshold_and_values_are_re_evaluated(
    client, ntm, django_user_model
):
    income = services.assessment_save(
        assessment=Assessment(
            programme=ntm.programme,
            indicator=_indicator(ntm.criteria_set, "3.3"),
            year=2026,
            number=Decimal("70"),
        )
    )
    assert income.met is False
    _province(client, django_user_model)
    threshold = Threshold.objects.get(indicator=income.indicator, applies_to="2")
    response = client.post(
        f"/admin/ntm/thresholds/edit/{threshold.pk}/",
        {"value": "65", "level": "", "confirmed": "on", "source": "QĐ 12/2026", "applies_to": "1"},
    )
    assert response.status_code == 302, _errors(response)
    threshold.refresh_from_db()
    assert (threshold.value, threshold.confirmed, threshold.applies_to) == (65, True, "2")
    income.refresh_from_db()
    assert income.met is True and income.threshold_confirmed is True
    # A percentage above 100 is refused on the form.
    percent = Threshold.objects.get(
        indicator__code="1.1", applies_to="1", indicator__criterion__criteria_set=ntm.criteria_set
    )
    response = client.post(
        f"/admin/ntm/thresholds/edit/{percent.pk}/",
        {"value": "101", "level": "", "confirmed": "on", "source": ""},
    )
    assert response.status_code == 200 and "value" in response.context["form"].errors
    # Sets are never edited, nor anything here deleted.
    assert client.get(f"/admin/ntm/sets/edit/{ntm.criteria_set.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/ntm/thresholds/delete/{threshold.pk}/").status_code in (302, 403)
    assert Threshold.objects.filter(pk=threshold.pk).exists()


def test_the_menu_leads_to_the_overview_first(client, ntm):
    _officer(client, ntm.commune)
    page = client.get("/admin/ntm/assessments/").content.decode()
    overview, assessments = page.find('"/admin/ntm/"'), page.find('"/admin/ntm/assessments/"')
    assert -1 < overview < assessments
    workbook = load_workbook(
        io.BytesIO(client.get(f"/admin/ntm/sets/export/{ntm.criteria_set.pk}/").content)
    )
    assert workbook.sheetnames[-1] == vi(THRESHOLDS_SHEET.label)


def test_every_screen_renders_for_each_role(client, ntm, django_user_model):
    assessment = services.assessment_save(
        assessment=Assessment(
            programme=ntm.programme,
            indicator=_indicator(ntm.criteria_set, "3.3"),
            year=2026,
            number=Decimal("1234.5"),
        )
    )
    threshold = Threshold.objects.filter(indicator__criterion__criteria_set=ntm.criteria_set)[0]
    screens = [
        "/admin/ntm/programmes/",
        f"/admin/ntm/programmes/inspect/{ntm.programme.pk}/",
        "/admin/ntm/assessments/",
        "/admin/ntm/assessments/new/",
        f"/admin/ntm/assessments/edit/{assessment.pk}/",
        f"/admin/ntm/assessments/inspect/{assessment.pk}/",
        "/admin/ntm/sets/",
        f"/admin/ntm/sets/inspect/{ntm.criteria_set.pk}/",
        "/admin/ntm/thresholds/",
        f"/admin/ntm/thresholds/inspect/{threshold.pk}/",
    ]
    _officer(client, ntm.commune)
    for url in screens:
        assert client.get(url).status_code == 200, url
    edit = client.get(f"/admin/ntm/assessments/edit/{assessment.pk}/").content.decode()
    assert 'value="1234,5"' in edit  # the stored number, with a decimal comma
    assert 'name="evidence_0"' in edit and 'name="photos_0"' in edit  # Wagtail's choosers
    _province(client, django_user_model)
    for url in [
        *screens,
        "/admin/ntm/programmes/new/",
        f"/admin/ntm/programmes/edit/{ntm.programme.pk}/",
        "/admin/ntm/thresholds/new/",
        f"/admin/ntm/thresholds/edit/{threshold.pk}/",
        "/admin/ntm/sets/new/",
    ]:
        assert client.get(url).status_code == 200, url


def test_an_administrator_sets_the_programme_through_the_service(client, ntm):
    user = make_staff(commune=ntm.commune, role=Role.ADMINISTRATOR)
    client.force_login(user)
    form = client.get("/admin/ntm/programmes/new/").context["form"]
    assert list(form.fields["commune"].queryset) == [ntm.commune]
    data = {
        "commune": ntm.commune.pk,
        "criteria_set": ntm.unused.pk,
        "applies_to": "red_river_delta",  # a region, for a set whose thresholds are by group
        "target_level": "standard",
        "target_year": "2030",
        "started_on": "2027-01-01",
    }
    response = client.post("/admin/ntm/programmes/new/", data)
    assert response.status_code == 200 and "applies_to" in response.context["form"].errors
    response = client.post("/admin/ntm/programmes/new/", {**data, "applies_to": "3"})
    assert response.status_code == 302, _errors(response)
    assert Programme.objects.get(commune=ntm.commune, criteria_set=ntm.unused).applies_to == "3"
    response = client.post("/admin/ntm/programmes/new/", {**data, "commune": ntm.other.pk})
    assert response.status_code == 200 and "commune" in response.context["form"].errors


def test_the_province_enters_a_missing_threshold(client, ntm, django_user_model):
    _province(client, django_user_model)
    income = _indicator(ntm.criteria_set, "3.3")
    data = {"indicator": income.pk, "applies_to": "1", "value": "80,5", "level": ""}
    response = client.post("/admin/ntm/thresholds/new/", {**data, "confirmed": "on"})
    assert response.status_code == 302, _errors(response)
    threshold = Threshold.objects.get(indicator=income, applies_to="1")
    assert threshold.value == Decimal("80.5") and threshold.confirmed
    met_or_not = _indicator(ntm.criteria_set, "3.1")
    response = client.post("/admin/ntm/thresholds/new/", {**data, "indicator": met_or_not.pk})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post("/admin/ntm/thresholds/new/", {**data, "applies_to": "mekong_delta"})
    assert response.status_code == 200 and "applies_to" in response.context["form"].errors
    assert not Threshold.objects.filter(indicator=met_or_not).exists()


def test_the_lists_take_as_many_queries_for_many_rows_as_for_a_few(client, ntm):
    _officer(client, ntm.commune)
    minutes = _document(ntm.commune, "Biên bản")

    def add(year):
        for code, value in (("1.1", {"number": Decimal("95")}), ("3.1", {"passed": True})):
            assessment = services.assessment_save(
                assessment=Assessment(
                    programme=ntm.programme,
                    indicator=_indicator(ntm.criteria_set, code),
                    year=year,
                    responsible=ntm.official,
                    **value,
                )
            )
            assessment.evidence.add(minutes)

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add(2026)
    few = {url: queries(url) for url in ("/admin/ntm/assessments/", "/admin/ntm/thresholds/")}
    for year in range(2027, 2033):
        add(year)
    many = {url: queries(url) for url in few}
    assert many == few
