"""A resident attaches a 12 MB phone photo: the form says the limit before she chooses, her
phone makes the photo smaller before sending, and the commune receives it."""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
from django.conf import settings
from PIL import Image
from playwright.sync_api import expect

from xaso.core import challenge

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


def _phone_photo(path: Any) -> int:
    """A 12-megapixel picture of noise (the hardest to compress), about 11 MB as JPEG."""
    picture = Image.frombytes("RGB", (4000, 3000), os.urandom(4000 * 3000 * 3))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=92)
    path.write_bytes(buffer.getvalue())
    return len(buffer.getvalue())


def test_a_large_phone_photo_is_made_smaller_before_sending(base, phone, tmp_path):
    limit = settings.XASO_FEEDBACK_ATTACHMENT_MAX_BYTES
    photo = tmp_path / "ổ gà.jpg"
    size = _phone_photo(photo)
    assert size > 2 * limit
    page = phone.new_page()
    page.goto(base + "/phan-anh/")
    # The limit is said beside the field, before anything is chosen.
    expect(page.locator("#id_attachments_help")).to_contain_text("không quá 5 MB")

    page.select_option("#id_kind", "feedback")
    page.select_option("#id_field", "building")
    page.fill("#id_content", "Ổ gà lớn trên đường trục thôn 3.")
    page.set_input_files("#id_attachments", str(photo))
    status = page.locator("[data-photo-status]")
    expect(status).to_contain_text("đã được thu nhỏ")
    expect(status).to_contain_text("MB")
    chosen = page.evaluate(
        "() => Array.from(document.getElementById('id_attachments').files)"
        ".map(f => [f.name, f.size, f.type])"
    )
    assert len(chosen) == 1
    name, chosen_size, kind = chosen[0]
    assert name == "ổ gà.jpg" and kind == "image/jpeg" and chosen_size <= limit

    page.fill("#id_sender_name", "Nguyễn Thị Lan")
    page.fill("#id_sender_address", "Thôn 3")
    page.fill("#id_sender_phone", "0912 345 678")
    page.check("#id_consent_handling")
    page.fill("#id_answer", _answer(page))
    page.locator("form.feedback-form button[type=submit]").click()
    expect(page.locator("[data-tracking-code]")).to_be_visible()

    attachment = Attachment.objects.get(submission=Submission.objects.get())
    with attachment.file.open("rb") as handle:
        received = handle.read()
    assert len(received) <= limit
    with Image.open(io.BytesIO(received)) as picture:
        assert picture.format == "JPEG" and max(picture.size) == 2000


def test_a_file_that_cannot_be_made_smaller_is_taken_out_with_a_message(base, phone, tmp_path):
    limit = settings.XASO_FEEDBACK_ATTACHMENT_MAX_BYTES
    document = tmp_path / "ban-ve.pdf"
    document.write_bytes(b"%PDF-1.4\n" + b"0" * (limit + 1024))
    small = tmp_path / "anh.png"
    Image.new("RGB", (40, 30), "red").save(small)
    page = phone.new_page()
    page.goto(base + "/phan-anh/")
    page.set_input_files("#id_attachments", [str(document), str(small)])
    expect(page.locator("[data-photo-status]")).to_contain_text("ban-ve.pdf")
    names = page.evaluate(
        "() => Array.from(document.getElementById('id_attachments').files).map(f => f.name)"
    )
    assert names == ["anh.png"]
