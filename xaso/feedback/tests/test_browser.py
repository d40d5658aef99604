"""A resident sends feedback from a phone in Debian's Chromium: fills the form, attaches a photo,
answers the question, notes the tracking code and follows it. The form and the tracking page
pass an accessibility audit (WCAG 2.1 AA) on a phone and on a desktop."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from xaso.core import challenge
from xaso.testing.browser import assert_accessible
from xaso.testing.files import PNG_BYTES

from .. import forms
from ..models import Attachment, Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def base(live_server: Any, commune: Any, settings: Any) -> str:
    settings.XASO_FORM_MIN_SECONDS = 0
    return live_server.url


def _answer(page: Any) -> str:
    token = page.locator("input[name=challenge]").get_attribute("value")
    issued = challenge.read(forms.CHALLENGE_SCOPE, token)
    assert issued is not None
    return str(sum(issued.numbers))


def test_a_resident_submits_with_a_photo_and_follows_the_code(base, phone, tmp_path):
    photo = tmp_path / "o-ga.png"
    photo.write_bytes(PNG_BYTES)
    page = phone.new_page()
    page.goto(base + "/phan-anh/")
    expect(page.locator("#feedback-map.leaflet-container")).to_be_visible()  # the map picker
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)

    page.select_option("#id_kind", "feedback")
    page.select_option("#id_field", "building")
    page.fill("#id_content", "Ổ gà lớn trên đường trục thôn 3, <b>nguy hiểm</b> khi trời tối.")
    page.locator("#feedback-map").click()  # a point where it happened
    expect(page.locator("#id_latitude")).not_to_have_value("")
    page.set_input_files("#id_attachments", str(photo))
    page.fill("#id_sender_name", "Nguyễn Thị Lan")
    page.fill("#id_sender_address", "Thôn 3")
    page.fill("#id_sender_phone", "0912 345 678")
    page.check("#id_consent_handling")
    page.fill("#id_answer", _answer(page))
    page.locator("form.feedback-form button[type=submit]").click()

    code_element = page.locator("[data-tracking-code]")
    expect(code_element).to_be_visible()
    code = code_element.inner_text().strip()
    submission = Submission.objects.get()
    assert code == submission.tracking_code
    assert submission.latitude is not None
    assert Attachment.objects.get(submission=submission).name == "o-ga.png"

    page.locator(f"a[href$='?ma={code}']").click()
    expect(page.locator("[data-status=true]")).to_be_visible()
    expect(page.locator("#feedback-status-heading")).to_contain_text(str(submission))
    assert "Nguyễn Thị Lan" not in page.content()
    assert_accessible(page)


def test_the_form_and_the_tracking_page_pass_on_a_desktop(base, desktop):
    page = desktop.new_page()
    page.goto(base + "/phan-anh/")
    page.locator("form.feedback-form button[type=submit]").click()  # everything missing
    expect(page.locator("#feedback-errors")).to_be_visible()
    assert_accessible(page)
    page.goto(base + "/phan-anh/tra-cuu/?ma=KHONGCO")
    expect(page.locator("[data-not-found=true]")).to_be_visible()
    assert_accessible(page)
