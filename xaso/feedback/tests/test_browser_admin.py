"""The intake register as a feedback officer works it, in Debian's Chromium: a submission
classified as within the commune's competence and assigned, answered, and published as a question
and answer without the sender's data; the resident follows their code to the answer. The
register, the dashboard and the questions-and-answers pages pass the accessibility check."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.party.tests.factories import make_official
from xaso.testing.browser import assert_accessible, log_in

from .. import services
from ..choices import Classification, Status
from ..models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-thu-nghiem-1"


def test_an_officer_classifies_assigns_answers_and_publishes_and_the_resident_sees_it(
    live_server, desktop, phone, commune
):
    official = make_official(commune=commune, full_name="Nguyễn Văn Thành")
    make_staff(commune=commune, role=Role.FEEDBACK_OFFICER, username="tiepnhan", password=PASSWORD)
    submission = services.submission_create(
        commune=commune,
        submission=Submission(
            kind="feedback",
            field="building",
            content="Đoạn đường trục xã qua thôn 9 bị sụt lún sau mưa. Gọi tôi: 0912 345 678.",
            sender_name="Trần Văn Hùng",
            sender_address="Thôn 9",
            sender_phone="0912 345 678",
            consent_handling=True,
        ),
    )
    base = live_server.url
    page = desktop.new_page()
    log_in(page, base, "tiepnhan", PASSWORD)

    page.goto(base + "/admin/feedback/submissions/")
    expect(page.locator("table.listing tbody tr")).to_have_count(1)
    assert_accessible(page)
    page.goto(base + "/admin/feedback/")
    expect(page.locator("[data-count=open]")).to_have_text("1")
    assert_accessible(page)

    page.goto(f"{base}/admin/feedback/submissions/inspect/{submission.pk}/")
    page.locator("[data-action=feedback_classify]").click()
    page.select_option("#id_classification", Classification.WITHIN.value)
    page.select_option("#id_assigned_to", str(official.pk))
    page.locator("form button[type=submit]").last.click()
    expect(page.locator(".feedback-status")).to_have_attribute("data-status", "in_progress")

    page.locator("[data-action=feedback_answer]").click()
    page.fill("#id_response", "Xã đã cho san lấp đoạn sụt lún ngày 05/5/2026.")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator(".feedback-status")).to_have_attribute("data-status", "answered")
    submission.refresh_from_db()
    assert submission.status == Status.ANSWERED and submission.assigned_to == official

    # Published as a question and answer: the form starts from the text without the phone.
    page.locator("[data-action=feedback_publish_question]").click()
    expect(page.locator("#id_question")).to_contain_text("sụt lún")
    assert "0912" not in page.locator("#id_question").input_value()
    page.fill("#id_title", "Khi nào xã xử lý đoạn đường sụt lún qua thôn 9?")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator(".feedback-question a")).to_have_text(
        "Khi nào xã xử lý đoạn đường sụt lún qua thôn 9?"
    )

    # The resident follows their code to the published answer, on a phone.
    resident = phone.new_page()
    resident.goto(f"{base}/phan-anh/tra-cuu/?ma={submission.tracking_code}")
    expect(resident.locator(".feedback-response")).to_contain_text("san lấp đoạn sụt lún")
    resident.locator(".feedback-question a").click()
    expect(resident.locator("h1")).to_have_text("Khi nào xã xử lý đoạn đường sụt lún qua thôn 9?")
    expect(resident.locator(".question__answer")).to_contain_text("05/5/2026")
    assert "Trần Văn Hùng" not in resident.content() and "0912" not in resident.content()
    assert_accessible(resident)
    resident.locator(".breadcrumb a").last.click()
    resident.fill("#id_q", "duong sut lun")
    resident.locator(".questions-filter button[type=submit]").click()
    expect(resident.locator(".question-card__title")).to_have_count(1)
    assert_accessible(resident)
    page.goto(resident.url)
    assert_accessible(page)
