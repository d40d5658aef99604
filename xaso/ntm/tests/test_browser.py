"""The New Rural programme as the commune's officer works it, in Debian's Chromium: the year-end
review left one indicator short; the officer corrects its value with the review report as
published evidence; the dashboard, the public results page and the Excel self-assessment all
follow. The dashboard and the public page pass an accessibility audit (WCAG 2.1 AA)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from xaso.demo.loader import DEMO_PASSWORD
from xaso.legal.tests.factories import PDF_BYTES
from xaso.testing.browser import assert_accessible, log_in

from .. import pages, services
from ..models import Assessment, Programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
YEAR = 2025
CODE = "17.8"  # the share of plastic waste collected, reused, recycled or treated


@pytest.fixture
def demo(demo_site: str) -> str:
    return demo_site


def _public_row(page: Any, base: str, programme: Programme) -> Any:
    """The indicator's row on the public page, reached as a resident does: the page, then the
    programme among the commune's programmes."""
    page.goto(f"{base}/{pages.RESULTS_SLUG}/")
    page.locator(".ntm-programmes a", has_text=programme.criteria_set.name).click()
    expect(page.locator(".ntm-programmes a[aria-current=page]")).to_contain_text(
        programme.criteria_set.name
    )
    return page.locator(f".ntm-results tr[data-indicator='{CODE}']")


def test_officer_corrects_a_value_with_evidence_and_everything_follows(
    demo, desktop, phone, tmp_path
):
    programme = Programme.objects.get(criteria_set__code="qd318-2022", commune__slug="lien-khe")
    assessment = Assessment.objects.get(programme=programme, indicator__code=CODE, year=YEAR)
    # The year-end review, as first recorded: 85 % of plastic waste handled, below the 90 %.
    assessment.number = Decimal("85")
    services.assessment_save(assessment=assessment)
    pdf = tmp_path / "bien-ban-ra-soat.pdf"
    pdf.write_bytes(PDF_BYTES)

    # A resident sees criterion 17 not met, at 85 %.
    public = desktop.new_page()
    row = _public_row(public, demo, programme)
    expect(row.locator(".ntm-value")).to_have_text("85%")
    expect(row.locator("[data-state]")).to_have_attribute("data-state", "not_met")
    expect(public.locator("#tieu-chi-17 h2 [data-state]")).to_have_attribute(
        "data-state", "not_met"
    )
    assert_accessible(public)

    # The officer logs in and finds the indicator on the dashboard, among what remains.
    officer = desktop.new_page()
    log_in(officer, demo, "nongthon", DEMO_PASSWORD)
    officer.goto(demo + "/admin/ntm/")
    officer.select_option("#ntm-programme", str(programme.pk))
    officer.locator(".ntm-toolbar button[type=submit]").click()
    # The programme ended in 2025: its last year is shown.
    expect(officer.locator("#ntm-year option:checked")).to_have_text(str(YEAR))
    criterion = officer.locator(".ntm-grid tr[data-criterion='17']")
    expect(criterion.locator(".ntm-status")).to_have_attribute("data-state", "not_met")
    assert_accessible(officer)
    remaining = officer.locator(".ntm-remaining tr[data-indicator='17.8']")
    remaining.locator("a.ntm-update").click()

    # The corrected value, with the review report uploaded as evidence and published.
    officer.wait_for_url(re.compile(rf".*/admin/ntm/assessments/edit/{assessment.pk}/$"))
    officer.fill("#id_number", "92,5")
    officer.locator("#id_evidence_0").locator("xpath=..").locator(
        "[data-chooser-action-choose]"
    ).click()
    modal = officer.locator(".modal").last
    modal.locator("#tab-label-upload").click()
    upload = modal.locator("#tab-upload")
    upload.locator("input[type=file]").set_input_files(str(pdf))
    upload.locator("input[name$=title]").fill("Biên bản rà soát chất thải nhựa năm 2025")
    upload.locator("button[type=submit]").click()
    officer.wait_for_selector(".modal", state="hidden")
    officer.check("#id_evidence_public")
    officer.locator("form button[type=submit]").last.click()
    expect(officer.locator(".messages")).to_be_visible()

    assessment.refresh_from_db()
    assert assessment.number == Decimal("92.5") and assessment.met is True
    assert assessment.updated_by is not None and assessment.updated_by.username == "nongthon"
    assert [d.title for d in assessment.evidence.all()] == [
        "Biên bản rà soát chất thải nhựa năm 2025"
    ]

    # The dashboard follows: criterion 17 met, nothing left for the year.
    officer.goto(f"{demo}/admin/ntm/?ct={programme.pk}&nam={YEAR}")
    expect(criterion.locator(".ntm-status")).to_have_attribute("data-state", "met")
    expect(officer.locator(".ntm-remaining")).to_have_count(0)

    # So does the public page: the new value, met, and the published report.
    row = _public_row(public, demo, programme)
    expect(row.locator(".ntm-value")).to_have_text("92,5%")
    expect(row.locator("[data-state]")).to_have_attribute("data-state", "met")
    expect(row.locator(".ntm-evidence a")).to_have_text("Biên bản rà soát chất thải nhựa năm 2025")
    expect(public.locator("#tieu-chi-17 h2 [data-state]")).to_have_attribute("data-state", "met")
    # On a small phone too, with the published evidence on it, the page passes the audit.
    small = phone.new_page()
    expect(_public_row(small, demo, programme).locator(".ntm-value")).to_have_text("92,5%")
    assert_accessible(small)

    # The Excel self-assessment, downloaded from the dashboard, holds the value.
    with officer.expect_download() as download_info:
        officer.locator(".ntm-reports a", has_text="Excel").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    sheet = load_workbook(path).active
    rows = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
    line = next(row for row in rows if any(str(cell).startswith(f"{CODE}.") for cell in row))
    assert "92,5%" in line and "Đạt" in line
