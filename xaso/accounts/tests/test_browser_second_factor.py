"""A commune administrator signs in for the first time since the second factor became required:
the admin asks for an authenticator app, they scan the QR code on the screen (here the code is
read back from a screenshot of it, as a phone's camera would), confirm with the app's code, keep
the recovery codes, and then sign in again with the password and a fresh code. In Debian's
Chromium, on a small phone."""

from __future__ import annotations

import io
import re
import time
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from playwright.sync_api import expect

from xaso.accounts import second_factor as sf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "xaso-demo-2026"


def read_qr(png: bytes) -> str:
    """What a phone's camera reads from the QR code on the screen."""
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))
    assert found, "no QR code could be read from the screen"
    return str(found[0].text)


def app_code(uri: str, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for an `otpauth://` URI."""
    import base64

    from django_otp.oath import TOTP

    query = parse_qs(urlparse(uri).query)
    key = base64.b32decode(query["secret"][0])
    totp = TOTP(key, step=int(query["period"][0]), digits=int(query["digits"][0]))
    totp.time = time.time() + steps_ahead * int(query["period"][0])
    return f"{totp.token():0{int(query['digits'][0])}d}"


def sign_in(page: Any, site: str) -> None:
    page.goto(f"{site}/admin/login/")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_an_administrator_enrols_from_the_qr_code_and_signs_in_with_it(
    demo_site: str, phone: Any, settings: Any
) -> None:
    from django.contrib.auth import get_user_model

    settings.XASO_SECOND_FACTOR_REQUIRED = True
    page = phone.new_page()
    sign_in(page, demo_site)

    # Straight to enrolment, whatever the admin page asked for.
    expect(page.get_by_role("heading", name="Thêm ứng dụng xác thực")).to_be_visible()
    page.goto(f"{demo_site}/admin/pages/")
    expect(page).to_have_url(f"{demo_site}/admin/second-factor/enrol/?next=%2Fadmin%2Fpages%2F")
    qr = page.get_by_role("img", name="Mã QR để thêm tài khoản này vào ứng dụng xác thực")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360  # fits the phone
    uri = read_qr(qr.screenshot())
    assert uri.startswith("otpauth://totp/")
    assert unquote(urlparse(uri).path) == "/Xã số:quantri"

    page.get_by_role("textbox", name="Mã").fill(app_code(uri))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("heading", name="Mã dự phòng của bạn")).to_be_visible()
    codes = page.locator(".second-factor__codes code").all_inner_texts()
    assert len(codes) == sf.RECOVERY_CODE_COUNT
    page.get_by_role("link", name="Tôi đã lưu các mã, tiếp tục").click()
    # Back where they were going: the commune's pages.
    expect(page).to_have_url(re.compile(re.escape(demo_site) + r"/admin/pages/\d+/$"))

    admin = get_user_model().objects.get(username="quantri")
    assert sf.has_second_factor(admin)

    # Another day, another phone browser: the password, then the app's next code.
    context = phone.browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    later = context.new_page()
    sign_in(later, demo_site)
    expect(later.get_by_role("heading", name="Đăng nhập hai bước")).to_be_visible()
    later.get_by_role("textbox", name="Mã").fill(
        "000000" if app_code(uri, 1) != "000000" else "111111"
    )
    later.get_by_role("button", name="Tiếp tục").click()
    expect(later.get_by_role("alert")).to_contain_text("Mã chưa đúng")
    time.sleep(1.1)  # the wait after one wrong code
    later.get_by_role("textbox", name="Mã").fill(app_code(uri, 1))
    later.get_by_role("button", name="Tiếp tục").click()
    expect(later).to_have_url(f"{demo_site}/admin/")
    expect(later.get_by_role("heading", level=1)).to_be_visible()
    later.goto(f"{demo_site}/admin/account/")
    expect(later.get_by_text("Còn 10 mã dự phòng.")).to_be_visible()
    context.close()
