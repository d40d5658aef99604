"""The province creates a commune in the admin, in Debian's Chromium, and its portal answers at
once with its own home page."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from xaso.communes.models import Commune

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "mat-khau-dai-123"


def test_province_creates_a_commune_and_opens_its_home_page(demo_site, desktop):
    User.objects.create_superuser("so_noi_vu", password=PASSWORD)
    # The new commune answers at the live server's host name; the demo commune stays the default.
    host = urlsplit(demo_site).hostname
    page = desktop.new_page()
    page.goto(demo_site + "/admin/login/")
    page.get_by_label("Tên đăng nhập").fill("so_noi_vu")
    page.get_by_placeholder("Nhập mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto(demo_site + "/admin/commune/new/")
    page.locator("#id_name").fill("Tân Lập")
    page.locator("#id_province").fill("Hải Phòng")
    page.locator("#id_slug").fill("tan-lap")
    page.locator("#id_hostname").fill(host)
    page.locator("#main button.button-longrunning[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/admin/commune/$"))

    commune = Commune.objects.get(slug="tan-lap")
    assert commune.site.hostname == host
    page.goto(demo_site + "/")
    expect(page).to_have_title(re.compile("Xã Tân Lập"))
